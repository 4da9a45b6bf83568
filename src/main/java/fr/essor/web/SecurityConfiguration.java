package fr.essor.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Who may do what, and the headers that protect every answer. The public agenda needs no account:
 * every page and API of this version is open to all, read-only.
 */
@Configuration
class SecurityConfiguration {

    @Bean
    SecurityFilterChain security(HttpSecurity http, @Value("${essor.map.tiles-url}") String tilesUrl)
            throws Exception {
        String tilesOrigin = origin(tilesUrl);
        String csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: " + tilesOrigin
                + "; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
                + "frame-ancestors 'self'";
        http.authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .headers(headers -> headers
                        .contentSecurityPolicy(c -> c.policyDirectives(csp))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
                        .frameOptions(f -> f.sameOrigin())
                        .httpStrictTransportSecurity(h -> h.includeSubDomains(true).maxAgeInSeconds(31_536_000))
                        .permissionsPolicyHeader(p -> p.policy("geolocation=(self), camera=(), microphone=()"))
                        // public, read-only pages and feeds set their own caching (PublicCaching)
                        .cacheControl(c -> c.disable()))
                .csrf(Customizer.withDefaults())
                .requestCache(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(
                        org.springframework.security.config.http.SessionCreationPolicy.STATELESS));
        return http.build();
    }

    /** The origin of the tile server, to allow its images; none for tiles served by the application itself. */
    private static String origin(String url) {
        if (url.startsWith("/")) {
            return "";
        }
        java.net.URI uri = java.net.URI.create(url.replace("{s}", "a").replace("{z}", "0").replace("{x}", "0")
                .replace("{y}", "0"));
        String host = url.contains("{s}") ? "*." + uri.getHost().substring(uri.getHost().indexOf('.') + 1)
                : uri.getHost();
        return uri.getScheme() + "://" + host;
    }
}
