package fr.essor.calls.web;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import fr.essor.calls.ApiTokens;
import fr.essor.calls.Audit;
import fr.essor.calls.DossierFlow.State;
import fr.essor.calls.Dossiers;
import fr.essor.calls.Instruction;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import io.swagger.v3.oas.annotations.Operation;

/**
 * The calls' staff API: with a personal token ({@code Authorization: Bearer essor_…}), a programme's
 * submitted dossiers and their states, and one dossier with its answers and moves. A missing, unknown,
 * revoked or expired token gets 401; a programme or a dossier out of the token's scope gets 404, as one
 * that does not exist.
 */
@RestController
class StaffApi {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final int MAX_SIZE = 500;

    private final ApiTokens tokens;
    private final Instruction instruction;
    private final Dossiers dossiers;
    private final Audit audit;

    StaffApi(ApiTokens tokens, Instruction instruction, Dossiers dossiers, Audit audit) {
        this.tokens = tokens;
        this.instruction = instruction;
        this.dossiers = dossiers;
        this.audit = audit;
    }

    /** A dossier in a list. */
    record Item(long id, String reference, String state, OffsetDateTime submittedAt, OffsetDateTime updatedAt) {}

    record Page(List<Item> items, long totalItems, int page, int size) {}

    /** A move of a dossier. */
    record Move(OffsetDateTime at, String action, String from, String to, String reason) {}

    record Detail(
            long id,
            long programmeId,
            String reference,
            String state,
            int formVersion,
            OffsetDateTime submittedAt,
            OffsetDateTime decidedAt,
            java.math.BigDecimal decisionEuros,
            Map<String, Object> answers,
            List<Move> moves) {}

    @GetMapping(path = "/api/v1/staff/programmes/{programmeId}/dossiers", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Dossiers déposés d’un appel (équipe, jeton personnel)",
            description = "En-tête Authorization: Bearer essor_… ; state : un ou plusieurs états (SUBMITTED, "
                    + "UNDER_INSTRUCTION, CORRECTIONS_REQUESTED, PROPOSED, ACCEPTED, REFUSED, CLOSED) ; "
                    + "page à partir de 1, size jusqu’à 500 ; ordre de dépôt. 401 : jeton absent ou invalide ; "
                    + "404 : appel hors de la portée du jeton.")
    ResponseEntity<?> list(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @PathVariable long programmeId,
            @RequestParam(name = "state", required = false) List<String> states,
            @RequestParam(defaultValue = "1") int page,
            @RequestParam(defaultValue = "100") int size) {
        Optional<ApiTokens.Bearer> bearer = bearer(authorization);
        if (bearer.isEmpty()) {
            return unauthorized();
        }
        if (!bearer.get().programmeIds().contains(programmeId)) {
            return notFound("Aucun appel de la portée de ce jeton ne porte le numéro " + programmeId + ".");
        }
        Set<State> wanted = EnumSet.noneOf(State.class);
        for (String s : states == null ? List.<String>of() : states) {
            try {
                State state = State.valueOf(s.toUpperCase(Locale.ROOT));
                if (state == State.DRAFT) {
                    throw new IllegalArgumentException("a draft is not the staff's");
                }
                wanted.add(state);
            } catch (IllegalArgumentException ex) {
                return badRequest("État inconnu : « " + (s.length() > 40 ? s.substring(0, 40) : s) + " ».");
            }
        }
        if (page < 1 || page > 100_000 || size < 1 || size > MAX_SIZE) {
            return badRequest("page commence à 1 ; size va de 1 à " + MAX_SIZE + ".");
        }
        Instruction.Page result = instruction.list(
                programmeId, bearer.get().accountId(), wanted, null, Instruction.Sort.SUBMITTED, page, size);
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .body(new Page(
                        result.dossiers().stream()
                                .map(r -> new Item(
                                        r.id(),
                                        r.reference(),
                                        r.state().name(),
                                        paris(r.submittedAt()),
                                        paris(r.updatedAt())))
                                .toList(),
                        result.total(),
                        result.page(),
                        result.size()));
    }

    @GetMapping(path = "/api/v1/staff/dossiers/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Un dossier déposé, ses réponses et ses mouvements (équipe, jeton personnel)",
            description = "La lecture est inscrite au journal d’audit du dossier. 401 : jeton absent ou invalide ; "
                    + "404 : dossier inconnu ou hors de la portée du jeton.")
    ResponseEntity<?> one(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @PathVariable long id) {
        Optional<ApiTokens.Bearer> bearer = bearer(authorization);
        if (bearer.isEmpty()) {
            return unauthorized();
        }
        Optional<Dossiers.Dossier> found = instruction
                .dossier(id, bearer.get().accountId())
                .filter(d -> bearer.get().programmeIds().contains(d.programmeId()));
        if (found.isEmpty()) {
            return notFound("Aucun dossier de la portée de ce jeton ne porte le numéro " + id + ".");
        }
        Dossiers.Dossier d = found.get();
        audit.append(
                d.id(),
                bearer.get().accountId(),
                Audit.Kind.READ,
                "api token " + bearer.get().tokenId(),
                Instant.now());
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .body(new Detail(
                        d.id(),
                        d.programmeId(),
                        d.reference(),
                        d.state().name(),
                        d.formVersion(),
                        paris(d.submittedAt()),
                        paris(d.decidedAt()),
                        d.decisionCents() == null ? null : java.math.BigDecimal.valueOf(d.decisionCents(), 2),
                        d.answers(),
                        dossiers.transitions(d.id()).stream()
                                .map(t -> new Move(
                                        paris(t.at()),
                                        t.action().name(),
                                        t.from().name(),
                                        t.to().name(),
                                        t.reason()))
                                .toList()));
    }

    private Optional<ApiTokens.Bearer> bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return tokens.bearer(authorization.substring(7).strip());
    }

    private static OffsetDateTime paris(Instant instant) {
        return instant == null ? null : instant.atZone(PARIS).toOffsetDateTime();
    }

    private static ResponseEntity<?> unauthorized() {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"essor\"")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .cacheControl(CacheControl.noStore())
                .body(ProblemDetail.forStatusAndDetail(
                        HttpStatus.UNAUTHORIZED,
                        "Un jeton personnel valide est demandé : en-tête Authorization: Bearer essor_…"));
    }

    private static ResponseEntity<?> notFound(String detail) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .cacheControl(CacheControl.noStore())
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, detail));
    }

    private static ResponseEntity<?> badRequest(String detail) {
        return ResponseEntity.status(HttpStatus.BAD_REQUEST)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .cacheControl(CacheControl.noStore())
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail));
    }
}
