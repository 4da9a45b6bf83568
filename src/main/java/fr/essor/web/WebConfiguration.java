package fr.essor.web;

import java.util.Locale;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.i18n.FixedLocaleResolver;

/**
 * French first. Every text is a message key, so that English (and Occitan) can follow; until their
 * bundles exist, every page is French whatever the browser asks.
 */
@Configuration
class WebConfiguration {

    static final Locale FRENCH = Locale.FRENCH;

    @Bean
    LocaleResolver localeResolver() {
        return new FixedLocaleResolver(FRENCH);
    }
}
