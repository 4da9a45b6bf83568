package fr.essor.web;

import java.util.List;

import fr.essor.shared.PageAttributes;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Every module's {@link PageAttributes}, run after each handler that renders a page. */
@Configuration
class PageAttributesRegistration implements WebMvcConfigurer {

    private final List<PageAttributes> attributes;

    PageAttributesRegistration(List<PageAttributes> attributes) {
        this.attributes = attributes;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        attributes.forEach(registry::addInterceptor);
    }
}
