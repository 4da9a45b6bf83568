package fr.essor.shared;

import java.util.Set;

import org.springframework.stereotype.Component;
import org.thymeleaf.context.IExpressionContext;
import org.thymeleaf.dialect.AbstractDialect;
import org.thymeleaf.dialect.IExpressionObjectDialect;
import org.thymeleaf.expression.IExpressionObjectFactory;

/**
 * Gives every template {@code #frDates} ({@link FrenchDates}), beside Thymeleaf's {@code #temporals}: the pages, the
 * cards rendered apart, the PDFs (Spring Boot adds the dialect beans to its template engine) and the mails (their
 * engine adds it).
 */
@Component
public class FrenchDatesDialect extends AbstractDialect implements IExpressionObjectDialect {

    static final String NAME = "frDates";

    public FrenchDatesDialect() {
        super("Essor's French dates");
    }

    @Override
    public IExpressionObjectFactory getExpressionObjectFactory() {
        return new IExpressionObjectFactory() {
            @Override
            public Set<String> getAllExpressionObjectNames() {
                return Set.of(NAME);
            }

            @Override
            public Object buildObject(IExpressionContext context, String expressionObjectName) {
                return NAME.equals(expressionObjectName) ? new FrenchDates(context.getLocale()) : null;
            }

            @Override
            public boolean isCacheable(String expressionObjectName) {
                return true;
            }
        };
    }
}
