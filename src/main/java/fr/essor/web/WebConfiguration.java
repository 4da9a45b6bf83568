package fr.essor.web;

import java.util.List;
import java.util.Locale;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;

/** French first; English for browsers that ask for it. */
@Configuration
class WebConfiguration {

    static final Locale FRENCH = Locale.FRENCH;

    @Bean
    LocaleResolver localeResolver() {
        AcceptHeaderLocaleResolver resolver = new AcceptHeaderLocaleResolver();
        resolver.setSupportedLocales(List.of(FRENCH, Locale.ENGLISH));
        resolver.setDefaultLocale(FRENCH);
        return resolver;
    }
}
