package fr.essor.shared;

import java.util.Locale;
import java.util.Set;

import org.springframework.stereotype.Component;
import org.thymeleaf.dialect.AbstractDialect;
import org.thymeleaf.dialect.IPostProcessorDialect;
import org.thymeleaf.engine.AbstractTemplateHandler;
import org.thymeleaf.model.ICloseElementTag;
import org.thymeleaf.model.IOpenElementTag;
import org.thymeleaf.model.IText;
import org.thymeleaf.postprocessor.IPostProcessor;
import org.thymeleaf.postprocessor.PostProcessor;
import org.thymeleaf.templatemode.TemplateMode;

/**
 * Applies {@link FrenchTypography} to the text every HTML template writes (the pages, the cards rendered apart,
 * the PDFs: Spring Boot adds the dialect beans to its template engine) and every mail (their engine adds it), once
 * the template is processed, so the messages and templates keep ordinary spaces and what organisers typed is
 * spaced the same way on display, as French wikis do. The content of {@link FrenchTypography#AS_WRITTEN} elements
 * is left as written.
 */
@Component
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
        return Set.of(
                new PostProcessor(TemplateMode.HTML, Spacing.class, 1000),
                new PostProcessor(TemplateMode.TEXT, PlainSpacing.class, 1000));
    }

    /** The plain-text mails' spacing: one per processing of a template, as Thymeleaf makes them. */
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

    /** The HTML's spacing: one per processing of a template, as Thymeleaf makes post-processors' handlers. */
    public static final class Spacing extends AbstractTemplateHandler {

        private int asWritten;

        public Spacing() {}

        @Override
        public void handleOpenElement(IOpenElementTag tag) {
            if (keptAsWritten(tag.getElementCompleteName())) {
                asWritten++;
            }
            super.handleOpenElement(tag);
        }

        @Override
        public void handleCloseElement(ICloseElementTag tag) {
            if (asWritten > 0 && keptAsWritten(tag.getElementCompleteName())) {
                asWritten--;
            }
            super.handleCloseElement(tag);
        }

        @Override
        public void handleText(IText text) {
            if (asWritten == 0) {
                String content = text.getText();
                String spaced = FrenchTypography.spaced(content);
                if (spaced != content) {
                    super.handleText(getContext().getModelFactory().createText(spaced));
                    return;
                }
            }
            super.handleText(text);
        }

        private static boolean keptAsWritten(String element) {
            return FrenchTypography.AS_WRITTEN.contains(element.toLowerCase(Locale.ROOT));
        }
    }
}
