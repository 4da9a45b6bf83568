package fr.essor.web;

import java.util.Locale;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.i18n.FixedLocaleResolver;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

/**
 * French first. Every text is a message key, so that English (and Occitan) can follow; until their
 * bundles exist, every page is French whatever the browser asks.
 */
@Configuration
class WebConfiguration {

    static final Locale FRENCH = Locale.FRENCH;

    /**
     * Boot rewrites every link of every page through the resource chain (for the version-less webjar
     * URLs), which probes the class path for each link that is not a resource: most of a page's
     * rendering time. The webjar URLs are resolved where they are served; links need no rewriting.
     */
    @Bean
    FilterRegistrationBean<ResourceUrlEncodingFilter> noResourceUrlRewriting() {
        // Boot registers its own filter only when no registration of this type exists
        FilterRegistrationBean<ResourceUrlEncodingFilter> registration =
                new FilterRegistrationBean<>(new ResourceUrlEncodingFilter());
        registration.setEnabled(false);
        return registration;
    }

    @Bean
    LocaleResolver localeResolver() {
        return new FixedLocaleResolver(FRENCH);
    }
}
