package fr.essor.identity;

import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Who may do what, and the headers that protect every answer. The agenda, its API and feeds are open
 * to all, read-only. The organizer space needs a signed-in person; moderation needs a moderator and
 * administration an admin, both having passed their second factor. A person who has given their
 * password but not yet their code holds only {@link SignIn#PENDING} and reaches nothing else.
 */
@Configuration
class SecurityConfiguration {

    /**
     * No observation (metrics, traces) of each security filter: every request went through four wrappers per
     * filter, about a tenth of a public search's time, for measurements nobody reads (only {@code health} is
     * exposed).
     */
    @Bean
    org.springframework.security.config.observation.SecurityObservationSettings securityObservations() {
        return org.springframework.security.config.observation.SecurityObservationSettings.noObservations();
    }

    /**
     * Spring Security's firewall, refusing the same characters as by default (unassigned code points and
     * control characters in header names and values, tabs allowed in values, and in parameter names), with
     * loops instead of its regular expressions: these made a {@code Matcher} for each parameter name every
     * time a request's parameters were read, a tenth of the bytes an API search allocated.
     */
    @Bean
    org.springframework.security.web.firewall.StrictHttpFirewall httpFirewall() {
        var firewall = new org.springframework.security.web.firewall.StrictHttpFirewall();
        firewall.setAllowedHeaderNames(name -> printable(name, false));
        firewall.setAllowedHeaderValues(value -> printable(value, true));
        firewall.setAllowedParameterNames(name -> printable(name, false));
        return firewall;
    }

    @Bean
    org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer useTheFirewall(
            org.springframework.security.web.firewall.StrictHttpFirewall firewall) {
        return web -> web.httpFirewall(firewall);
    }

    /** Every code point assigned and none a control character ({@code tab} allowed if {@code tabAllowed}). */
    static boolean printable(String text, boolean tabAllowed) {
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (!Character.isDefined(c) || (Character.isISOControl(c) && !(tabAllowed && c == '\t'))) {
                return false;
            }
            i += Character.charCount(c);
        }
        return true;
    }

    @Bean
    SecurityContextRepository securityContextRepository() {
        return new HttpSessionSecurityContextRepository();
    }

    /**
     * The open API's public searches and resources, read by anybody and never with a session: answered through a
     * chain of their own with the same protective headers and nothing else. The main chain's filters (session,
     * security context, anonymous identity, CSRF token, sign-in and sign-out pages) had nothing to do for them
     * and cost a twentieth of each search's time. Its writes ({@code POST /api/v1/registrations}) and staff reads
     * stay in the main chain.
     */
    @Bean
    @org.springframework.core.annotation.Order(1)
    SecurityFilterChain openApi(HttpSecurity http, @Value("${essor.map.tiles-url}") String tilesUrl) throws Exception {
        var paths = org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher.withDefaults();
        var reads = new java.util.ArrayList<org.springframework.security.web.util.matcher.RequestMatcher>();
        for (String path : OPEN_API_READS) {
            reads.add(paths.matcher(HttpMethod.GET, path));
            // a web page elsewhere asks first whether it may send If-None-Match (a CORS preflight)
            reads.add(paths.matcher(HttpMethod.OPTIONS, path));
        }
        http.securityMatcher(new org.springframework.security.web.util.matcher.OrRequestMatcher(reads))
                .cors(c -> c.configurationSource(openApiCors()));
        lean(http);
        headers(http, tilesUrl, false);
        return http.build();
    }

    /** The open API's public reads. */
    private static final List<String> OPEN_API_READS =
            List.of("/api/v1/events", "/api/v1/events/*", "/api/v1/structures", "/api/v1/structures/*");

    /**
     * Any web page may read the open API from its scripts (CORS): reads only, never with the visitor's cookies
     * or credentials, with the entity tag and the paging links readable.
     */
    static org.springframework.web.cors.CorsConfigurationSource openApiCors() {
        var cors = new org.springframework.web.cors.CorsConfiguration();
        cors.setAllowedOrigins(List.of("*"));
        cors.setAllowedMethods(List.of("GET"));
        cors.setAllowedHeaders(List.of("Accept", "Accept-Language", "If-None-Match"));
        cors.setExposedHeaders(List.of("ETag", "Retry-After"));
        cors.setAllowCredentials(false);
        cors.setMaxAge(86_400L);
        var source = new org.springframework.web.cors.UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", cors);
        return source;
    }

    /**
     * The agenda's widget ({@code /agenda/widget}), which partner sites show in a frame: any page may frame it,
     * where every other page of Essor may only be framed by Essor. It holds links only (no form, no action a
     * framing page could trick a visitor into), and is answered without a session, as the open API.
     */
    @Bean
    @org.springframework.core.annotation.Order(2)
    SecurityFilterChain widget(HttpSecurity http, @Value("${essor.map.tiles-url}") String tilesUrl) throws Exception {
        var paths = org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher.withDefaults();
        http.securityMatcher(paths.matcher(HttpMethod.GET, "/agenda/widget"));
        lean(http);
        headers(http, tilesUrl, true);
        return http.build();
    }

    /** A chain of public reads: no session, security context, anonymous identity, CSRF token nor sign-out. */
    private static void lean(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .securityContext(c -> c.disable())
                .sessionManagement(s -> s.disable())
                .anonymous(a -> a.disable())
                .csrf(c -> c.disable())
                .requestCache(c -> c.disable())
                .servletApi(s -> s.disable())
                .logout(l -> l.disable());
    }

    /**
     * The headers that protect every answer, in every chain.
     *
     * @param framedAnywhere whether any page may show the answer in a frame (the widget); else only Essor's own
     */
    private static void headers(HttpSecurity http, String tilesUrl, boolean framedAnywhere) throws Exception {
        String csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: " + origin(tilesUrl)
                + "; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
                + (framedAnywhere ? "frame-ancestors *" : "frame-ancestors 'self'");
        http.headers(headers -> headers.contentSecurityPolicy(c -> c.policyDirectives(csp))
                .referrerPolicy(
                        r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
                // X-Frame-Options cannot say « any page »: the widget has only its policy's frame-ancestors
                .frameOptions(f -> {
                    if (framedAnywhere) {
                        f.disable();
                    } else {
                        f.sameOrigin();
                    }
                })
                .httpStrictTransportSecurity(h -> h.includeSubDomains(true).maxAgeInSeconds(31_536_000))
                .permissionsPolicyHeader(p -> p.policy("geolocation=(self), camera=(), microphone=()"))
                // public pages and feeds set their own caching; personal pages say no-store (PublicCaching)
                .cacheControl(c -> c.disable()));
    }

    @Bean
    @org.springframework.core.annotation.Order(3)
    SecurityFilterChain security(
            HttpSecurity http,
            SignIn signIn,
            SecurityContextRepository contexts,
            @Value("${essor.map.tiles-url}") String tilesUrl)
            throws Exception {
        // the public searches first (no rule below restricts them): each rule tried is a pattern matched
        http.authorizeHttpRequests(auth -> auth.requestMatchers(HttpMethod.GET, "/agenda", "/annuaire")
                        .permitAll()
                        .requestMatchers("/connexion/code", "/compte/double-authentification")
                        .hasAnyAuthority(SignIn.PENDING, SignIn.USER)
                        .requestMatchers(
                                "/compte/inscription",
                                "/compte/inscription/envoye",
                                "/compte/confirmer",
                                "/compte/mot-de-passe-oublie",
                                "/compte/reinitialiser",
                                "/compte/adresse")
                        .permitAll()
                        .requestMatchers(
                                "/compte/**",
                                "/organisateur/**",
                                "/structures",
                                "/structures/**",
                                "/dossiers",
                                "/dossiers/**",
                                "/instruction",
                                "/instruction/**",
                                "/avis",
                                "/avis/**",
                                "/jury",
                                "/jury/**")
                        .hasAuthority(SignIn.USER)
                        .requestMatchers(HttpMethod.POST, "/appels/*/dossiers")
                        .hasAuthority(SignIn.USER)
                        .requestMatchers("/moderation/**")
                        .hasAuthority(SignIn.MODERATOR)
                        .requestMatchers("/admin/**")
                        .hasAuthority(SignIn.ADMIN)
                        .requestMatchers(HttpMethod.GET, "/**")
                        .permitAll()
                        .requestMatchers(HttpMethod.HEAD, "/**")
                        .permitAll()
                        .requestMatchers("/connexion", "/deconnexion")
                        .permitAll()
                        .requestMatchers(
                                HttpMethod.POST,
                                "/api/v1/registrations",
                                "/evenements/*/inscription",
                                "/prix/vote/*",
                                "/inscriptions/confirmer",
                                "/inscriptions/*",
                                "/programme/ajouter",
                                "/programme/retirer",
                                "/programme/lien",
                                "/mes-donnees",
                                "/mes-donnees/export",
                                "/mes-donnees/effacer")
                        .permitAll()
                        .anyRequest()
                        .denyAll())
                .formLogin(form -> form.loginPage("/connexion")
                        .loginProcessingUrl("/connexion")
                        .usernameParameter("email")
                        .passwordParameter("password")
                        .authenticationDetailsSource(signIn::details)
                        .successHandler(signIn::succeeded)
                        .failureHandler(signIn::failed))
                .logout(logout -> logout.logoutUrl("/deconnexion")
                        .logoutSuccessUrl("/?deconnexion")
                        .invalidateHttpSession(true))
                .securityContext(c -> c.securityContextRepository(contexts))
                .exceptionHandling(
                        e -> e.authenticationEntryPoint(signIn::mustSignIn).accessDeniedHandler(signIn::denied))
                // the open API takes JSON without cookies: no session to ride, no token to ask; "Mon
                // programme" is changed from event pages that open no session (it checks the origin)
                .csrf(c -> c.ignoringRequestMatchers(
                        "/api/**", "/programme/ajouter", "/programme/retirer", "/programme/lien"))
                .requestCache(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED)
                        .sessionFixation(f -> f.changeSessionId()));
        headers(http, tilesUrl, false);
        return http.build();
    }

    /** The origin of the tile server, to allow its images; none for tiles served by the application itself. */
    private static String origin(String url) {
        if (url.startsWith("/")) {
            return "";
        }
        java.net.URI uri = java.net.URI.create(
                url.replace("{s}", "a").replace("{z}", "0").replace("{x}", "0").replace("{y}", "0"));
        String host = url.contains("{s}")
                ? "*." + uri.getHost().substring(uri.getHost().indexOf('.') + 1)
                : uri.getHost();
        return uri.getScheme() + "://" + host;
    }
}
