package fr.essor.observatory.web;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import fr.essor.observatory.Level;
import fr.essor.observatory.Observatory;
import fr.essor.observatory.TerritoryFigures;
import fr.essor.observatory.Vintage;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The observatory's open API: the ESS figures of any territory, for the latest vintage or a given one.
 */
@RestController
@Tag(
        name = "Observatoire",
        description = "Chiffres de l’ESS par territoire, calculés à partir des fichiers stock SIRENE")
class ObservatoryApi {

    private static final Pattern MONTH = Pattern.compile("[0-9]{4}-(0[1-9]|1[0-2])");

    private final Observatory observatory;

    ObservatoryApi(Observatory observatory) {
        this.observatory = observatory;
    }

    /** A published vintage as the API lists it. */
    record VintageResource(String vintage, boolean demonstration, String publishedAt) {}

    @GetMapping(path = "/api/v1/observatory/vintages", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Millésimes publiés",
            description = "Le premier est celui servi par défaut "
                    + "(le plus récent des données réelles, sinon des données de démonstration).")
    ResponseEntity<List<VintageResource>> vintages() {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noCache())
                .body(observatory.vintages().stream()
                        .map(v -> new VintageResource(
                                v.month(), v.demo(), v.publishedAt().toString()))
                        .toList());
    }

    @GetMapping(path = "/api/v1/observatory/{level}/{code}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Chiffres de l’ESS d’un territoire",
            description = "level : france (code FR), region, departement, epci (SIREN), commune (code INSEE). "
                    + "essEstablishments : établissements actifs de l’ESS ; allEstablishments : tous les établissements "
                    + "actifs hors administration publique (le dénominateur) ; essEmployeesLow/High : sommes des bornes "
                    + "basses et hautes des tranches d’effectifs ; essEmployeesEstimate : somme de leurs milieux ; "
                    + "essShareOfEstablishments, essShareOfEmployment : parts entre 0 et 1 ; byFamily : par famille "
                    + "(association, cooperative, mutuelle, fondation, ess_company). demonstration : vrai pour des données "
                    + "générées, à ne jamais présenter comme réelles. 400 : niveau ou millésime mal écrit ; 404 : "
                    + "territoire ou millésime inconnu.")
    ResponseEntity<?> figures(
            @PathVariable String level,
            @PathVariable String code,
            @Parameter(description = "millésime AAAA-MM ; le plus récent par défaut") @RequestParam(required = false)
                    String vintage) {
        Optional<Level> l = Level.ofKey(level);
        if (l.isEmpty()) {
            return problem(
                    HttpStatus.BAD_REQUEST,
                    "Niveau inconnu : « " + level + " ». Niveaux : france, region, departement, epci, commune.");
        }
        if (vintage != null && !MONTH.matcher(vintage).matches()) {
            return problem(HttpStatus.BAD_REQUEST, "Le millésime s’écrit AAAA-MM, par exemple 2026-11.");
        }
        String c = code.toUpperCase(java.util.Locale.ROOT);
        Optional<Vintage> v = observatory.vintage(vintage);
        if (v.isEmpty()) {
            return problem(
                    HttpStatus.NOT_FOUND,
                    vintage == null
                            ? "Aucun millésime n’est encore publié."
                            : "Le millésime " + vintage + " n’est pas publié.");
        }
        Optional<TerritoryFigures> figures =
                observatory.figures(l.get(), c, v.get().month());
        if (figures.isEmpty()) {
            return problem(HttpStatus.NOT_FOUND, "Territoire inconnu : " + level + " " + code + ".");
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(figures.get());
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
