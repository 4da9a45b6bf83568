package fr.essor.identity;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The absolute lifetime of a session: however active, a session older than
 * {@code essor.identity.session-absolute} (12 hours by default) ends and the person signs in again.
 * The idle timeout is the session's own ({@code server.servlet.session.timeout}).
 */
@Configuration
class SessionLifetime {

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> absoluteSessionTimeout(
            @Value("${essor.identity.session-absolute:PT12H}") Duration lifetime, Clock clock) {
        var filter = new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                HttpSession session = request.getSession(false);
                if (session != null && clock.millis() - session.getCreationTime() > lifetime.toMillis()) {
                    session.invalidate();
                    if ("GET".equals(request.getMethod())) {
                        response.sendRedirect("/connexion?expiree");
                        return;
                    }
                }
                chain.doFilter(request, response);
            }
        };
        var registration = new FilterRegistrationBean<OncePerRequestFilter>(filter);
        // after the session repository's filter, before Spring Security's
        registration.setOrder(
                org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties
                                .DEFAULT_FILTER_ORDER
                        - 1);
        registration.addUrlPatterns("/*");
        return registration;
    }
}
