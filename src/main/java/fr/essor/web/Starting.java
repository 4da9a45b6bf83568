package fr.essor.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Until Essor is ready — its migrations run, and its demonstration data loaded by the start's runners —
 * the web server already listens but answers every page and API with 503 and a short « Essor démarre »
 * page that reloads itself, rather than an agenda still empty (which the answer cache would then keep).
 * {@code /actuator/health} answers OUT_OF_SERVICE until then, through the readiness state it includes.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class Starting extends OncePerRequestFilter {

    private static final byte[] PAGE = """
            <!DOCTYPE html>
            <html lang="fr"><head><meta charset="UTF-8"><meta http-equiv="refresh" content="2">
            <meta name="viewport" content="width=device-width, initial-scale=1"><title>Essor démarre…</title>
            <style>body{font-family:system-ui,sans-serif;margin:3rem 1.5rem;color:#1a1a1a;line-height:1.5}
            h1{color:#0b5c52}</style></head>
            <body><main><h1>Essor démarre…</h1>
            <p>La plateforme termine son démarrage ; cette page se recharge d’elle-même dans un instant.</p>
            </main></body></html>
            """.getBytes(StandardCharsets.UTF_8);

    private volatile boolean ready;

    @EventListener
    void on(AvailabilityChangeEvent<ReadinessState> event) {
        ready = event.getState() == ReadinessState.ACCEPTING_TRAFFIC;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return ready || request.getRequestURI().startsWith(request.getContextPath() + "/actuator/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Retry-After", "2");
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("text/html;charset=UTF-8");
        response.setContentLength(PAGE.length);
        response.getOutputStream().write(PAGE);
    }
}
