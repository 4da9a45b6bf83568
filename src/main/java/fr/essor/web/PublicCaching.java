package fr.essor.web;

import java.io.IOException;
import java.util.List;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.filter.ShallowEtagHeaderFilter;

/**
 * Caching of the public, read-only answers: the API and the feeds may be kept five minutes by
 * browsers, proxies and calendar applications, and carry an ETag so that a client polling a feed gets a
 * 304 when nothing changed. Pages are revalidated at every visit. Pages of
 * signed-in people, and any answer to a request that holds a session, say {@code no-store}.
 */
@Configuration
class PublicCaching {

    /** Feeds, the printed programme and the widget partner sites frame: kept five minutes by browsers and proxies. */
    private static final List<String> FEEDS = List.of(
            "/agenda.ics",
            "/agenda.rss",
            "/agenda.csv",
            "/agenda.json",
            "/agenda/programme.pdf",
            "/agenda/widget",
            "/agenda/widget.css");

    private static final List<String> PERSONAL = List.of(
            "/compte",
            "/connexion",
            "/organisateur",
            "/structures",
            "/moderation",
            "/admin",
            "/demo/courriels",
            "/programme",
            "/inscriptions",
            "/mes-donnees",
            "/dossiers",
            "/instruction",
            "/avis",
            "/jury");

    /** A page for a signed-in person, or one that holds a session: never kept by a browser or a proxy. */
    private static boolean personal(HttpServletRequest request, String path) {
        return request.getSession(false) != null || PERSONAL.stream().anyMatch(path::startsWith);
    }

    private static final String ONE_EVENT = "/api/v1/events/";

    /** {@code /api/v1/events/} and digits: one event's resource (checked on every request, without a regex). */
    static boolean oneEvent(String path) {
        if (!path.startsWith(ONE_EVENT) || path.length() == ONE_EVENT.length()) {
            return false;
        }
        for (int i = ONE_EVENT.length(); i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    @Bean
    FilterRegistrationBean<ShallowEtagHeaderFilter> etags() {
        FilterRegistrationBean<ShallowEtagHeaderFilter> registration =
                new FilterRegistrationBean<>(new ShallowEtagHeaderFilter() {
                    @Override
                    protected boolean shouldNotFilter(HttpServletRequest request) {
                        // the agenda's search writes its own entity tag, and its length (which this filter's
                        // wrapper keeps to itself: a large page then went out in chunks, without its length)
                        return "/api/v1/events".equals(request.getRequestURI());
                    }
                });
        registration.addUrlPatterns(
                "/api/v1/*",
                "/agenda.ics",
                "/agenda.rss",
                "/agenda.csv",
                "/agenda.json",
                "/agenda/widget",
                "/evenements/*");
        // outside French spacing's filter, so the entity tag is the spaced page's
        registration.setOrder(Ordered.LOWEST_PRECEDENCE - 1);
        return registration;
    }

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> cacheControl() {
        FilterRegistrationBean<OncePerRequestFilter> registration =
                new FilterRegistrationBean<>(new OncePerRequestFilter() {
                    @Override
                    protected void doFilterInternal(
                            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                            throws ServletException, IOException {
                        String path = request.getRequestURI();
                        boolean feed =
                                path.startsWith("/api/v1/") || FEEDS.contains(path) || path.endsWith("/calendrier.ics");
                        // one event's resource gives its seats left: revalidated at each read (its ETag answers 304)
                        boolean live = oneEvent(path);
                        response.setHeader(
                                HttpHeaders.CACHE_CONTROL,
                                live
                                        ? "no-cache"
                                        : feed
                                                ? "public, max-age=300"
                                                : personal(request, path) ? "no-store" : "no-cache");
                        chain.doFilter(request, response);
                    }
                });
        registration.addUrlPatterns("/*");
        return registration;
    }
}
