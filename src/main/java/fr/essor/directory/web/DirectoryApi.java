package fr.essor.directory.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jakarta.servlet.http.HttpServletRequest;

import fr.essor.directory.DirectoryPage;
import fr.essor.directory.DirectoryQueryParser;
import fr.essor.directory.DirectorySearch;
import fr.essor.directory.Establishment;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The directory's open API: search the ESS establishments with the page's filters, read one. */
@RestController
@RequestMapping(path = "/api/v1/structures", produces = "application/json")
@Tag(name = "Annuaire", description = "Les établissements actifs de l'ESS (source INSEE SIRENE, Licence Ouverte)")
class DirectoryApi {

    private final DirectorySearch search;
    private final DirectoryQueryParser parser;
    private final fr.essor.directory.Structures structures;
    private final fr.essor.directory.Profiles profiles;

    /** The address people reach Essor at: never the request's {@code Host} header, which anyone can set. */
    private final java.net.URI base;

    DirectoryApi(
            DirectorySearch search,
            DirectoryQueryParser parser,
            fr.essor.directory.Structures structures,
            fr.essor.directory.Profiles profiles,
            @org.springframework.beans.factory.annotation.Value("${essor.public-url}") String publicUrl) {
        this.search = search;
        this.parser = parser;
        this.structures = structures;
        this.profiles = profiles;
        String url = publicUrl.strip();
        this.base = java.net.URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    }

    /** A page of results, the counts of every filter's values, and the links to the neighbouring pages. */
    record StructuresPage(
            List<Map<String, Object>> items,
            int page,
            int size,
            long totalItems,
            int totalPages,
            Map<String, List<DirectoryPage.FacetValue>> facets,
            Map<String, String> links,
            Map<String, Object> vintage) {}

    @GetMapping
    @Operation(
            summary = "Rechercher des établissements de l'ESS",
            description = "Filtres combinables ; family, categorieJuridique, naf, section et tranche acceptent "
                    + "plusieurs valeurs, répétées ou séparées par des virgules. Pages numérotées à partir de 1. "
                    + "Pour une unité ou un établissement à diffusion partielle, street est null et la position est "
                    + "celle de la commune.")
    @Parameter(name = "q", description = "Recherche plein texte sur les noms et les activités (accents ignorés)")
    @Parameter(name = "family", description = "association, cooperative, mutuelle, fondation, ess_company")
    @Parameter(name = "categorieJuridique", description = "Catégorie juridique INSEE (9220)")
    @Parameter(name = "naf", description = "Code NAF rév. 2 (88.99B)")
    @Parameter(name = "section", description = "Section NAF (A à U)")
    @Parameter(name = "tranche", description = "Tranche d'effectifs INSEE (NN, 00, 01, … 53, NR)")
    @Parameter(name = "region", description = "Code INSEE de région (76)")
    @Parameter(name = "departement", description = "Code INSEE de département (34)")
    @Parameter(name = "epci", description = "SIREN de l'EPCI (243400017)")
    @Parameter(
            name = "commune",
            description = "Code INSEE de commune (34172) ; Paris, Lyon, Marseille : tous leurs arrondissements")
    @Parameter(name = "near", description = "Point « latitude,longitude » (43.61,3.88)")
    @Parameter(name = "radiusKm", description = "Rayon autour de near, en km (1 à 200, 10 par défaut)")
    @Parameter(name = "bbox", description = "Zone de carte « ouest,sud,est,nord » en degrés (3.8,43.5,4.0,43.7)")
    @Parameter(name = "vintage", description = "Millésime AAAA-MM (le plus récent par défaut)")
    @Parameter(name = "sort", description = "pertinence, nom ou distance")
    @Parameter(name = "page", description = "Numéro de page, à partir de 1")
    @Parameter(name = "size", description = "Taille de page, 1 à 100 (20 par défaut)")
    ResponseEntity<?> search(HttpServletRequest request) {
        var parsed = parser.parse(request.getParameterMap(), true);
        if (!parsed.valid()) {
            return badRequest(parsed.problems());
        }
        DirectoryPage page;
        try {
            page = search.search(parsed.query());
        } catch (DirectorySearch.Refused refused) {
            return badRequest(List.of(new DirectoryQueryParser.Problem(refused.parameter(), refused.getMessage())));
        }
        String base = this.base.toString();
        Map<String, String> links = new LinkedHashMap<>();
        links.put("self", pageLink(page.page()));
        if (page.hasPrevious()) {
            links.put("prev", pageLink(page.page() - 1));
        }
        if (page.hasNext()) {
            links.put("next", pageLink(page.page() + 1));
        }
        return ResponseEntity.ok(new StructuresPage(
                page.items().stream().map(e -> item(e, base, false)).toList(),
                page.page(),
                page.size(),
                page.totalItems(),
                page.totalPages(),
                page.facets(),
                links,
                vintage(page.vintage())));
    }

    /** The clusters of a map's area. */
    record ClustersPage(int zoom, long total, List<Map<String, Object>> clusters, Map<String, Object> vintage) {}

    @GetMapping("/clusters")
    @Operation(
            summary = "Regrouper les établissements d'une zone de carte",
            description = "Mêmes filtres que la recherche. Un groupe par case de 64 pixels au zoom donné (tuiles Web "
                    + "Mercator de 256 pixels), à la position moyenne de ses établissements, avec leur nombre ; un "
                    + "établissement seul est donné avec son SIRET, son nom et son adresse web.")
    @Parameter(
            name = "bbox",
            required = true,
            description = "Zone « ouest,sud,est,nord » en degrés (3.8,43.5,4.0,43.7)")
    @Parameter(
            name = "zoom",
            required = true,
            description = "Niveau de zoom de la carte, 0 à " + DirectorySearch.MAX_ZOOM)
    ResponseEntity<?> clusters(HttpServletRequest request) {
        Map<String, String[]> params = new LinkedHashMap<>(request.getParameterMap());
        String[] zoomValue = params.remove("zoom");
        var parsed = parser.parse(params, true);
        List<DirectoryQueryParser.Problem> problems = new java.util.ArrayList<>(parsed.problems());
        Integer zoom = null;
        if (zoomValue == null || zoomValue.length == 0 || zoomValue[0].isBlank()) {
            problems.add(new DirectoryQueryParser.Problem(
                    "zoom", "niveau de zoom manquant : de 0 à " + DirectorySearch.MAX_ZOOM));
        } else {
            try {
                zoom = Integer.parseInt(zoomValue[0].strip());
            } catch (NumberFormatException ex) {
                problems.add(new DirectoryQueryParser.Problem(
                        "zoom", "nombre entier attendu, de 0 à " + DirectorySearch.MAX_ZOOM));
            }
            if (zoom != null && (zoom < 0 || zoom > DirectorySearch.MAX_ZOOM)) {
                problems.add(new DirectoryQueryParser.Problem(
                        "zoom", "niveau de zoom hors limites : de 0 à " + DirectorySearch.MAX_ZOOM));
            }
        }
        if (parsed.query().box() == null
                && problems.stream().noneMatch(p -> p.parameter().equals("bbox"))) {
            problems.add(new DirectoryQueryParser.Problem("bbox", "zone manquante : ouest,sud,est,nord en degrés"));
        }
        if (!problems.isEmpty()) {
            return badRequest(problems);
        }
        DirectorySearch.Clusters clusters;
        try {
            clusters = search.clusters(parsed.query(), zoom);
        } catch (DirectorySearch.Refused refused) {
            return badRequest(List.of(new DirectoryQueryParser.Problem(refused.parameter(), refused.getMessage())));
        }
        String base = this.base.toString();
        List<Map<String, Object>> out =
                new java.util.ArrayList<>(clusters.clusters().size());
        for (DirectorySearch.Cluster c : clusters.clusters()) {
            Map<String, Object> cluster = new LinkedHashMap<>();
            cluster.put("latitude", Math.round(c.latitude() * 1e6) / 1e6);
            cluster.put("longitude", Math.round(c.longitude() * 1e6) / 1e6);
            cluster.put("count", c.count());
            if (c.siret() != null) {
                cluster.put("siret", c.siret());
                cluster.put("name", c.name());
                cluster.put("url", base + "/annuaire/" + c.siret());
            }
            out.add(cluster);
        }
        return ResponseEntity.ok()
                .cacheControl(org.springframework.http.CacheControl.maxAge(java.time.Duration.ofMinutes(1))
                        .cachePublic())
                .body(new ClustersPage(clusters.zoom(), clusters.total(), out, vintage(clusters.vintage())));
    }

    private static Map<String, Object> vintage(fr.essor.directory.DirectoryVintages.Vintage vintage) {
        return vintage == null ? null : Map.of("month", vintage.month(), "demonstration", vintage.demo());
    }

    @GetMapping("/{siret}")
    @Operation(summary = "Lire un établissement de l'ESS par son SIRET")
    @Parameter(name = "vintage", description = "Millésime AAAA-MM (le plus récent par défaut)")
    ResponseEntity<?> one(
            @PathVariable String siret,
            @org.springframework.web.bind.annotation.RequestParam(required = false) String vintage) {
        String digits = siret.replace(" ", "");
        if (!digits.matches("[0-9]{14}")) {
            return badRequest(
                    List.of(new DirectoryQueryParser.Problem("siret", "SIRET mal formé : 14 chiffres attendus")));
        }
        var parsed = parser.parse(vintage == null ? Map.of() : Map.of("vintage", new String[] {vintage}), true);
        if (!parsed.valid()) {
            return badRequest(parsed.problems());
        }
        java.util.Optional<fr.essor.directory.DirectoryVintages.Vintage> published;
        try {
            published = search.vintageOf(parsed.query());
        } catch (DirectorySearch.Refused refused) {
            return badRequest(List.of(new DirectoryQueryParser.Problem(refused.parameter(), refused.getMessage())));
        }
        String base = this.base.toString();
        return published
                .flatMap(v -> search.establishment(digits, v))
                .<ResponseEntity<?>>map(e -> {
                    Map<String, Object> item = item(e, base, true);
                    item.put("profile", profile(e.siret(), base));
                    return ResponseEntity.ok(item);
                })
                .orElseGet(() -> problem(
                        HttpStatus.NOT_FOUND,
                        "Établissement introuvable",
                        "Aucun établissement actif de l'ESS n'a le SIRET " + digits + " dans le millésime publié.",
                        List.of()));
    }

    /** What the members of the verified structure of a SIRET wrote, or {@code null}. */
    private Map<String, Object> profile(String siret, String base) {
        return structures
                .bySiret(siret)
                .filter(fr.essor.directory.Structure::verified)
                .map(s -> profiles.of(s.id()))
                .filter(p -> !p.blank())
                .map(p -> {
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("description", p.description());
                    out.put("website", p.website());
                    out.put("email", p.email());
                    out.put("phone", p.phone());
                    out.put("social", p.social());
                    out.put("keywords", p.keywords());
                    out.put("logo", p.logoId() == null ? null : base + "/annuaire/images/" + p.logoId() + ".jpg");
                    out.put(
                            "photos",
                            p.photos().stream()
                                    .map(ph -> Map.of(
                                            "url", base + "/annuaire/images/" + ph.id() + ".jpg", "alt", ph.alt()))
                                    .toList());
                    out.put("updatedAt", p.updatedAt());
                    return out;
                })
                .orElse(null);
    }

    /** The item of the API and of the downloads. */
    static Map<String, Object> item(Establishment e, String base, boolean whole) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("siret", e.siret());
        out.put("siren", e.siren());
        out.put("name", e.name());
        out.put("usualName", e.usualName());
        out.put("sign", e.sign());
        out.put("acronym", e.acronym());
        out.put("family", e.family());
        out.put("categorieJuridique", e.categorieJuridique());
        out.put("naf", e.naf());
        out.put("activity", e.activityLabel());
        out.put("section", e.section());
        out.put("tranche", e.sizeBand());
        out.put("headOffice", e.headOffice());
        out.put("street", e.street());
        out.put("postcode", e.postcode());
        out.put("city", e.city());
        out.put("communeCode", e.communeCode());
        out.put("commune", e.commune());
        out.put("epci", e.epci());
        out.put("departement", e.departement());
        out.put("region", e.region());
        out.put("latitude", e.latitude());
        out.put("longitude", e.longitude());
        out.put("positionSource", e.positionSource());
        if (e.distanceKm() != null) {
            out.put("distanceKm", Math.round(e.distanceKm() * 100) / 100.0);
        }
        if (whole) {
            out.put("complement", e.complement());
            out.put("categorieJuridiqueLabel", e.categoryLabel());
            out.put("createdOn", e.createdOn());
            out.put("unitCreatedOn", e.unitCreatedOn());
            out.put("rna", e.rna());
            out.put("essFlag", e.essFlag());
            out.put("societeMission", e.mission());
            out.put("diffusible", e.diffusible());
        }
        out.put("url", base + "/annuaire/" + e.siret());
        return out;
    }

    private String pageLink(int page) {
        return ServletUriComponentsBuilder.fromCurrentRequest()
                .scheme(base.getScheme())
                .host(base.getHost())
                .port(base.getPort())
                .replaceQueryParam("page", page)
                .build()
                .toUriString();
    }

    static ResponseEntity<ProblemDetail> badRequest(List<DirectoryQueryParser.Problem> problems) {
        return problem(
                HttpStatus.BAD_REQUEST,
                "Paramètres refusés",
                String.join(
                        " ; ",
                        problems.stream()
                                .map(p -> p.parameter() + " : " + p.message())
                                .toList()),
                problems);
    }

    private static ResponseEntity<ProblemDetail> problem(
            HttpStatus status, String title, String detail, List<DirectoryQueryParser.Problem> problems) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        if (!problems.isEmpty()) {
            problem.setProperty(
                    "errors",
                    problems.stream()
                            .map(p -> Map.of("parameter", p.parameter(), "message", p.message()))
                            .toList());
        }
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
