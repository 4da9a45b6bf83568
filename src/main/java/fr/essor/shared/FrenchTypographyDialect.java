package fr.essor.shared;

import java.util.Set;

import org.thymeleaf.dialect.AbstractDialect;
import org.thymeleaf.dialect.IPostProcessorDialect;
import org.thymeleaf.engine.AbstractTemplateHandler;
import org.thymeleaf.model.IText;
import org.thymeleaf.postprocessor.IPostProcessor;
import org.thymeleaf.postprocessor.PostProcessor;
import org.thymeleaf.templatemode.TemplateMode;

/**
 * Applies {@link FrenchTypography} to the plain-text mails once written (their engine adds it), so their templates
 * keep ordinary spaces and « Motif : » keeps its colon when a mail reader wraps the line.
 *
 * <p>Pages are spaced whole as they leave instead ({@code web.FrenchSpacing}), and PDFs before they are rendered:
 * with a post-processor on HTML, Thymeleaf parses again every piece of markup a page inserts whole.
 */
public class FrenchTypographyDialect extends AbstractDialect implements IPostProcessorDialect {

    public FrenchTypographyDialect() {
        super("Essor's French typography");
    }

    @Override
    public int getDialectPostProcessorPrecedence() {
        return 1000;
    }

    @Override
    public Set<IPostProcessor> getPostProcessors() {
        return Set.of(new PostProcessor(TemplateMode.TEXT, PlainSpacing.class, 1000));
    }

    /** One per processing of a mail's template, as Thymeleaf makes post-processors' handlers. */
    public static final class PlainSpacing extends AbstractTemplateHandler {

        public PlainSpacing() {}

        @Override
        public void handleText(IText text) {
            String content = text.getText();
            String spaced = FrenchTypography.spacedPlain(content);
            super.handleText(
                    spaced == content ? text : getContext().getModelFactory().createText(spaced));
        }
    }
}
