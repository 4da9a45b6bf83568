package fr.essor.notification;

import java.util.Locale;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Writes mails from the text templates in {@code src/main/resources/mail/} (Thymeleaf's TEXT mode):
 * one file per kind of mail, its first line the subject, then an empty line, then the body. Every
 * template sees {@code publicUrl}, the address people reach Essor at, beside its own variables, and writes dates
 * the French way with {@code #frDates.format(startsAt, 'EEEE d MMMM yyyy')} (« 1er novembre »). Its French spaces
 * are made unbreakable once written ({@link fr.essor.shared.FrenchTypography}), so « Motif : » keeps its colon
 * when a mail reader wraps the line.
 */
@Component
class MailTemplates {

    private final SpringTemplateEngine engine = new SpringTemplateEngine();
    private final String publicUrl;

    MailTemplates(@Value("${essor.public-url}") String publicUrl) {
        this.publicUrl = publicUrl;
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("mail/");
        resolver.setSuffix(".txt");
        resolver.setTemplateMode(TemplateMode.TEXT);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCheckExistence(true);
        engine.setTemplateResolver(resolver);
        engine.addDialect(new fr.essor.shared.FrenchDatesDialect());
        engine.addDialect(new fr.essor.shared.FrenchTypographyDialect());
    }

    /**
     * The mail of this kind to this address.
     *
     * @throws IllegalArgumentException when the template is missing or has no subject line
     */
    Mail write(String to, String template, Map<String, ?> variables) {
        Context context = new Context(Locale.FRENCH);
        variables.forEach(context::setVariable);
        context.setVariable("publicUrl", publicUrl);
        String text = engine.process(template, context).replace("\r\n", "\n");
        int end = text.indexOf("\n\n");
        if (end < 0) {
            throw new IllegalArgumentException("Mail template " + template + " has no subject line");
        }
        return new Mail(
                to, text.substring(0, end).strip(), text.substring(end + 2).strip() + "\n");
    }
}
