package fr.essor.limits.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import fr.essor.limits.Limit;
import fr.essor.limits.RateLimits;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Counts the public writes and heavy reads of each client address before anything is read or written: over the
 * limit, the answer is 429 with {@code Retry-After} — a problem+json body on the API, the French
 * error page on forms — and the request goes no further.
 */
@Component
class ClientAddressLimits extends OncePerRequestFilter {

    private static final Logger SECURITY = LoggerFactory.getLogger("essor.security");
    private static final Logger LOG = LoggerFactory.getLogger(ClientAddressLimits.class);

    /** The public writes and what counts them (POST only). */
    private static final Map<String, Limit> WRITES = Map.ofEntries(
            Map.entry("/api/v1/registrations", Limit.REGISTRATION),
            Map.entry("/evenements/{id}/inscription", Limit.REGISTRATION),
            Map.entry("/compte/inscription", Limit.SIGN_UP),
            Map.entry("/compte/mot-de-passe-oublie", Limit.PASSWORD_RESET),
            Map.entry("/mes-donnees", Limit.PERSONAL_DATA),
            Map.entry("/programme/{action}", Limit.PROGRAMME),
            Map.entry("/structures", Limit.STRUCTURE),
            Map.entry("/structures/{id}/membres", Limit.STRUCTURE),
            Map.entry("/structures/{id}/revendiquer", Limit.STRUCTURE),
            Map.entry("/structures/{id}/profil", Limit.PROFILE),
            Map.entry("/structures/{id}/profil/**", Limit.PROFILE),
            Map.entry("/appels/{slug}/dossiers", Limit.DOSSIER),
            Map.entry("/dossiers/{id}", Limit.DOSSIER),
            Map.entry("/dossiers/{id}/deposer", Limit.DOSSIER),
            Map.entry("/dossiers/{id}/corrections", Limit.DOSSIER),
            Map.entry("/instruction/dossiers/{id}/{action}", Limit.DOSSIER),
            Map.entry("/instruction/appels/{id}/equipe", Limit.DOSSIER),
            Map.entry("/instruction/appels/{id}/equipe/{account}/retirer", Limit.DOSSIER),
            Map.entry("/instruction/dossiers/{id}/experts/{invitation}/retirer", Limit.DOSSIER),
            Map.entry("/avis/{invitation}", Limit.DOSSIER),
            Map.entry("/instruction/jetons", Limit.DOSSIER),
            Map.entry("/dossiers/{id}/messages", Limit.DOSSIER),
            Map.entry("/jury/{category}/{dossier}/{action}", Limit.DOSSIER),
            Map.entry("/jury/{category}/decisions", Limit.DOSSIER),
            Map.entry("/prix/vote/{category}", Limit.VOTE),
            Map.entry("/prix/vote/confirmer", Limit.LINK),
            Map.entry("/dossiers/coffre/{id}/supprimer", Limit.DOSSIER),
            Map.entry("/dossiers/aides/tranches/{id}/demander", Limit.DOSSIER),
            Map.entry("/instruction/tranches/{id}/{step}", Limit.DOSSIER),
            Map.entry("/instruction/appels/{id}/groupes", Limit.DOSSIER),
            Map.entry("/instruction/appels/nouveau", Limit.DOSSIER),
            Map.entry("/instruction/appels/{id}/{action}", Limit.DOSSIER),
            Map.entry("/instruction/appels/{id}/formulaire/editeur", Limit.DOSSIER),
            Map.entry("/instruction/appels/{id}/groupes/**", Limit.DOSSIER),
            Map.entry("/instruction/appels/{id}/invitations/**", Limit.DOSSIER),
            Map.entry("/instruction/jetons/{id}/revoquer", Limit.DOSSIER),
            Map.entry("/inscriptions/confirmer", Limit.LINK),
            Map.entry("/inscriptions/{id}", Limit.LINK),
            Map.entry("/compte/confirmer", Limit.LINK),
            Map.entry("/compte/reinitialiser", Limit.LINK),
            Map.entry("/compte/adresse", Limit.LINK),
            Map.entry("/structures/invitation", Limit.LINK),
            Map.entry("/mes-donnees/export", Limit.LINK),
            Map.entry("/mes-donnees/effacer", Limit.LINK));

    /**
     * The public reads counted (GET): a download reads up to 100,000 entries, a printed programme is a PDF of
     * up to a thousand events; a letter's verification
     * answers whether a code exists.
     */
    private static final Map<String, Limit> READS = Map.ofEntries(
            Map.entry("/annuaire.csv", Limit.DOWNLOAD),
            Map.entry("/annuaire.geojson", Limit.DOWNLOAD),
            Map.entry("/donnees/subventions.csv", Limit.DOWNLOAD),
            // a PDF of up to a thousand events
            Map.entry("/agenda/programme.pdf", Limit.DOWNLOAD),
            // a letter's code is not to be guessed by trying
            Map.entry("/verifier/{code}", Limit.LINK),
            // an expert's invitation link
            Map.entry("/avis", Limit.LINK),
            Map.entry("/instruction/invitation", Limit.LINK),
            Map.entry("/jury/invitation", Limit.LINK),
            Map.entry("/api/v1/staff/**", Limit.STAFF_API));

    private record Rule(PathPattern pattern, Limit limit) {}

    private final List<Rule> rules;
    private final List<Rule> reads;
    private final RateLimits limits;

    ClientAddressLimits(RateLimits limits) {
        this.limits = limits;
        this.rules = WRITES.entrySet().stream()
                .map(e -> new Rule(PathPatternParser.defaultInstance.parse(e.getKey()), e.getValue()))
                .toList();
        this.reads = READS.entrySet().stream()
                .map(e -> new Rule(PathPatternParser.defaultInstance.parse(e.getKey()), e.getValue()))
                .toList();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Limit> limit = limitOf(request);
        if (limit.isPresent()) {
            Optional<Duration> wait;
            try {
                wait = limits.tryOne(limit.get(), request.getRemoteAddr());
            } catch (RuntimeException ex) {
                // the database is out of reach: the request will meet the same outage and its 503 answer
                LOG.warn("rate limit {} not checked: {}", limit.get(), ex.getMessage());
                wait = Optional.empty();
            }
            if (wait.isPresent()) {
                SECURITY.warn("rate limit {} reached by a client on {}", limit.get(), request.getRequestURI());
                refuse(request, response, wait.get());
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private Optional<Limit> limitOf(HttpServletRequest request) {
        List<Rule> counted = switch (request.getMethod()) {
            case "POST" -> rules;
            case "GET", "HEAD" -> reads;
            default -> List.of();
        };
        if (counted.isEmpty()) {
            return Optional.empty();
        }
        // the path as parsed once for the whole request (Spring Security's ServletRequestPathFilter), else parsed here
        PathContainer path = org.springframework.web.util.ServletRequestPathUtils.hasParsedRequestPath(request)
                ? org.springframework.web.util.ServletRequestPathUtils.getParsedRequestPath(request)
                        .pathWithinApplication()
                : PathContainer.parsePath(request.getRequestURI()
                        .substring(request.getContextPath().length()));
        return counted.stream()
                .filter(r -> r.pattern().matches(path))
                .map(Rule::limit)
                .findFirst();
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, Duration wait)
            throws IOException {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        response.setHeader("Retry-After", Long.toString(seconds));
        if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            response.setStatus(429);
            response.setContentType("application/problem+json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().write("""
                            {"type":"about:blank","title":"Trop de demandes","status":429,\
                            "detail":"Trop de demandes depuis cette adresse : réessayez dans %d secondes.","retryAfter":%d}""".formatted(seconds, seconds));
            return;
        }
        response.sendError(429);
    }
}
