package fr.essor.calls.web;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

import fr.essor.calls.Form;
import fr.essor.calls.Programme;
import fr.essor.calls.Programmes;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The calls for applications, open data: the programmes, their dates and their forms. */
@RestController
@Tag(name = "Appels", description = "Appels à projets et à candidatures : aides de la Région, incubateurs, prix")
class CallsApi {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private final Programmes programmes;
    private final Clock clock;
    private final String base;

    CallsApi(Programmes programmes, Clock clock, @Value("${essor.public-url}") String publicUrl) {
        this.programmes = programmes;
        this.clock = clock;
        String url = publicUrl.strip();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** A programme as the list gives it; instants with Paris's offset. */
    record ProgrammeSummary(
            long id,
            String slug,
            String name,
            String kind,
            String owner,
            String summary,
            Long capEuros,
            OffsetDateTime opensAt,
            OffsetDateTime closesAt,
            String state,
            boolean demonstration,
            String url) {}

    /** A programme whole, with the current version of its form. */
    record ProgrammeDetail(
            @JsonUnwrapped ProgrammeSummary programme,
            String description,
            String whoCanApply,
            List<String> documents,
            int retentionMonths,
            int formVersion,
            Form form) {}

    @GetMapping(path = "/api/v1/programmes", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Appels (programmes)",
            description = "Les ouverts d’abord (clôture la plus proche en tête), puis ceux à venir, puis les clos. "
                    + "kind : aid (aide), incubator (sélection d’un incubateur), prize (prix) ; state : upcoming, open, "
                    + "closed ; opensAt, closesAt : instants avec le décalage horaire de Paris ; capEuros : plafond "
                    + "d’un dossier, null sans montant ; demonstration : données fictives.")
    ResponseEntity<List<ProgrammeSummary>> list() {
        Instant now = clock.instant();
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noCache())
                .body(programmes.all().stream().map(p -> summary(p, now)).toList());
    }

    @GetMapping(path = "/api/v1/programmes/{slug}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Un appel et son formulaire",
            description = "form.sections[].fields[] : key, label, type (text, longText, number, amount, date, yesNo, "
                    + "choice, multiChoice, email, phone, siret, commune, iban, file, repeatable), required, options "
                    + "(choix), condition (expression sur les autres réponses : le champ n’est demandé que si elle est "
                    + "vraie), help ; un bloc repeatable donne minRows, maxRows et ses propres fields. 404 : appel "
                    + "inconnu.")
    ResponseEntity<?> one(@PathVariable String slug) {
        var found = programmes.bySlug(slug);
        if (found.isEmpty()) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                    HttpStatus.NOT_FOUND, "Aucun appel ne porte l’adresse « " + abbreviate(slug) + " ».");
            return ResponseEntity.status(HttpStatus.NOT_FOUND)
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problem);
        }
        Programme p = found.get();
        Instant now = clock.instant();
        Programmes.VersionedForm form = programmes.currentForm(p.id());
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noCache())
                .body(new ProgrammeDetail(
                        summary(p, now),
                        p.description(),
                        p.whoCanApply(),
                        p.documents(),
                        p.retentionMonths(),
                        form.version(),
                        form.form()));
    }

    private ProgrammeSummary summary(Programme p, Instant now) {
        return new ProgrammeSummary(
                p.id(),
                p.slug(),
                p.name(),
                p.kind().key(),
                p.owner(),
                p.summary(),
                euros(p),
                paris(p.opensAt()),
                paris(p.closesAt()),
                p.state(now).key(),
                p.demo(),
                url(p));
    }

    private String url(Programme p) {
        return base + "/appels/" + p.slug();
    }

    private static Long euros(Programme p) {
        return p.capCents() == null ? null : p.capCents() / 100;
    }

    /** An instant in Paris's offset, to the second (calls open and close at a minute). */
    private static OffsetDateTime paris(Instant instant) {
        return instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                .atZone(PARIS)
                .toOffsetDateTime();
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
