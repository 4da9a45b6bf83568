package fr.essor.directory.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import fr.essor.agenda.Agenda;
import fr.essor.agenda.Event;
import fr.essor.directory.DirectoryPage;
import fr.essor.directory.DirectoryQuery;
import fr.essor.directory.DirectoryQueryParser;
import fr.essor.directory.DirectorySearch;
import fr.essor.directory.DirectoryVintages;
import fr.essor.directory.Establishment;
import fr.essor.directory.Profiles;
import fr.essor.directory.Structure;
import fr.essor.directory.Structures;
import fr.essor.territory.Territories;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/** The public directory: search with facets ({@code /annuaire}), and the page of each establishment. */
@Controller
class DirectoryPages {

    private final DirectorySearch search;
    private final DirectoryQueryParser parser;
    private final DirectoryVintages vintages;
    private final Territories territories;
    private final Structures structures;
    private final Agenda agenda;
    private final Profiles profiles;
    private final String publicUrl;

    private final String tilesUrl;
    private final String tilesAttribution;

    DirectoryPages(
            DirectorySearch search,
            DirectoryQueryParser parser,
            DirectoryVintages vintages,
            Territories territories,
            Structures structures,
            Agenda agenda,
            Profiles profiles,
            @org.springframework.beans.factory.annotation.Value("${essor.public-url}") String publicUrl,
            @org.springframework.beans.factory.annotation.Value("${essor.map.tiles-url}") String tilesUrl,
            @org.springframework.beans.factory.annotation.Value("${essor.map.tiles-attribution}")
                    String tilesAttribution) {
        this.tilesUrl = tilesUrl;
        this.tilesAttribution = tilesAttribution;
        this.search = search;
        this.parser = parser;
        this.vintages = vintages;
        this.territories = territories;
        this.structures = structures;
        this.agenda = agenda;
        this.profiles = profiles;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    @GetMapping("/annuaire")
    String list(HttpServletRequest request, HttpServletResponse response, Model model) {
        search(request, response, model);
        return "directory/annuaire";
    }

    /**
     * The results on a map: clusters drawn by the browser from the API, beside them the list of the
     * results in the visible area; without JavaScript, the first results of the search.
     */
    @GetMapping("/annuaire/carte")
    String map(HttpServletRequest request, HttpServletResponse response, Model model) {
        search(request, response, model);
        model.addAttribute("tilesUrl", tilesUrl);
        model.addAttribute("tilesAttribution", tilesAttribution);
        model.addAttribute("maxZoom", DirectorySearch.MAX_ZOOM);
        DirectoryQuery query = (DirectoryQuery) model.getAttribute("query");
        boolean territory = query.region() != null
                || query.departement() != null
                || query.epci() != null
                || query.commune() != null
                || query.near() != null;
        // a territory's results fill the map; otherwise metropolitan France, the overseas a move away
        DirectoryQuery.Box bounds = territory ? search.bounds(query).orElse(null) : null;
        model.addAttribute(
                "bounds",
                bounds == null
                        ? null
                        : String.format(
                                java.util.Locale.ROOT,
                                "%.5f,%.5f,%.5f,%.5f",
                                bounds.west(),
                                bounds.south(),
                                bounds.east(),
                                bounds.north()));
        return "directory/map";
    }

    private void search(HttpServletRequest request, HttpServletResponse response, Model model) {
        Map<String, String[]> params = request.getParameterMap();
        var parsed = parser.parse(params, false);
        List<String> errors = new ArrayList<>(parsed.problems().stream()
                .map(p -> label(p.parameter()) + " : " + p.message())
                .toList());
        DirectoryQuery query = parsed.query();
        DirectoryPage page;
        try {
            page = search.search(query);
        } catch (DirectorySearch.Refused refused) {
            errors.add(label(refused.parameter()) + " : " + refused.getMessage());
            query = "vintage".equals(refused.parameter())
                    ? parser.parse(without(params, "vintage"), false).query()
                    : query.withPage(1, query.size());
            page = search.search(query);
        }
        if (!errors.isEmpty()) {
            response.setStatus(400);
        }
        Links links = new Links(params);
        model.addAttribute("query", query);
        model.addAttribute("page", page);
        model.addAttribute("errors", errors);
        model.addAttribute("links", links);
        model.addAttribute("values", links.values());
        model.addAttribute("facets", facetBlocks(page, links));
        model.addAttribute("regions", territories.regions());
        model.addAttribute("departements", territories.departements());
        model.addAttribute("prevUrl", page.hasPrevious() ? links.page(page.page() - 1) : null);
        model.addAttribute("nextUrl", page.hasNext() ? links.page(page.page() + 1) : null);
        model.addAttribute("downloadQuery", links.query(List.of("page", "size")));
        model.addAttribute("mapQuery", links.query(List.of("page", "size", "bbox", "sort")));
    }

    @GetMapping("/annuaire/{siret}")
    String establishment(@PathVariable String siret, Model model) {
        String digits = siret.replace(" ", "");
        if (!digits.matches("[0-9]{14}")) {
            throw new ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND);
        }
        Establishment e = search.establishment(digits).orElse(null);
        if (e == null) {
            // a structure confirmed on Essor that SIRENE does not flag: its own page
            return structures
                    .bySiret(digits)
                    .filter(Structure::verified)
                    .map(s -> "redirect:/annuaire/structure/" + s.id())
                    .orElseThrow(() -> new ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND));
        }
        model.addAttribute("e", e);
        model.addAttribute("vintage", vintages.latest().orElseThrow());
        model.addAttribute("siblings", search.siblings(e, 20));
        model.addAttribute(
                "communeName",
                e.commune() == null
                        ? null
                        : territories.commune(e.commune()).map(c -> c.name()).orElse(null));
        model.addAttribute(
                "departementName",
                e.departement() == null
                        ? null
                        : territories
                                .departement(e.departement())
                                .map(d -> d.name())
                                .orElse(null));
        Structure registered = structures.bySiret(digits).orElse(null);
        model.addAttribute("registered", registered);
        events(registered, model);
        Profiles.Profile profile = registered != null && registered.verified() ? profiles.of(registered.id()) : null;
        model.addAttribute("profile", profile);
        model.addAttribute("jsonLd", JsonLd.organization(e, profile, publicUrl));
        model.addAttribute("tilesUrl", tilesUrl);
        model.addAttribute("tilesAttribution", tilesAttribution);
        return "directory/establishment";
    }

    /**
     * The profile of a structure on Essor: its establishment's page when the directory has it, else
     * (an ESS structure that SIRENE does not flag) its own page once a moderator has confirmed it.
     */
    @GetMapping("/annuaire/structure/{id}")
    String structure(@PathVariable long id, Model model) {
        Structure s = structures
                .find(id)
                .orElseThrow(() -> new ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND));
        if (search.establishment(s.siret().value()).isPresent()) {
            return "redirect:/annuaire/" + s.siret().value();
        }
        if (!s.verified()) {
            throw new ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND);
        }
        model.addAttribute("structure", s);
        model.addAttribute(
                "communeName",
                territories.commune(s.communeCode()).map(c -> c.name()).orElse(null));
        model.addAttribute("profile", profiles.of(s.id()));
        events(s, model);
        return "directory/profile";
    }

    /** A structure's events in the agenda: those to come, then the past ones. */
    private void events(Structure structure, Model model) {
        List<Event> events = structure == null ? List.of() : agenda.eventsOf(structure.id(), 50);
        java.time.Instant now = java.time.Instant.now();
        List<Event> coming = new ArrayList<>();
        List<Event> past = new ArrayList<>();
        for (Event e : events) {
            if (e.lastOccurrence().endsAt().toInstant().isAfter(now)) {
                coming.addFirst(e);
            } else {
                past.add(e);
            }
        }
        model.addAttribute("comingEvents", coming);
        model.addAttribute("pastEvents", past);
    }

    /** A facet of the page: its title and its values as links. */
    public record FacetBlock(String key, String title, List<FacetLink> links) {}

    /** A value of a facet: the search with it chosen or no longer chosen, its label, its count. */
    public record FacetLink(String href, String label, String count, boolean selected) {}

    /** The values of a facet shown on the page (the form's lists give every région and département). */
    private static final int PAGE_FACET_LIMIT = 20;

    /** The facets as links, built here once rather than by the template value by value. */
    static List<FacetBlock> facetBlocks(DirectoryPage page, Links links) {
        List<FacetBlock> out = new ArrayList<>();
        page.facets().forEach((key, values) -> {
            List<FacetLink> shown = new ArrayList<>();
            for (DirectoryPage.FacetValue v : values) {
                if (shown.size() < PAGE_FACET_LIMIT || v.selected()) {
                    shown.add(new FacetLink(links.toggle(key, v.key()), v.label(), grouped(v.count()), v.selected()));
                }
            }
            if (!shown.isEmpty()) {
                out.add(new FacetBlock(key, FACET_TITLES.get(key), shown));
            }
        });
        return out;
    }

    /** A number with its thousands apart ({@code 12 345}). */
    static String grouped(long n) {
        return String.format(java.util.Locale.ROOT, "%,d", n).replace(',', ' ');
    }

    static final Map<String, String> FACET_TITLES = Map.of(
            "family", "Famille",
            "section", "Secteur d'activité",
            "tranche", "Effectifs",
            "categorieJuridique", "Catégorie juridique",
            "region", "Région",
            "departement", "Département",
            "commune", "Commune");

    private static String label(String parameter) {
        return switch (parameter) {
            case "q" -> "Recherche";
            case "near" -> "Près de";
            case "radiusKm" -> "Rayon";
            case "vintage" -> "Millésime";
            case "sort" -> "Tri";
            case "page" -> "Page";
            case "size" -> "Taille de page";
            case "naf" -> "Activité";
            case "epci" -> "EPCI";
            default -> FACET_TITLES.getOrDefault(parameter, parameter);
        };
    }

    private static Map<String, String[]> without(Map<String, String[]> params, String name) {
        Map<String, String[]> out = new LinkedHashMap<>(params);
        out.remove(name);
        return out;
    }

    /** The links of the page: the same search with a filter's value added or removed, another page. */
    static final class Links {

        private final Map<String, List<String>> params = new LinkedHashMap<>();

        Links(Map<String, String[]> raw) {
            raw.forEach((name, values) -> {
                if (DirectoryQueryParser.PARAMETERS.contains(name)) {
                    List<String> kept = new ArrayList<>();
                    for (String v : values) {
                        for (String part :
                                name.equals("q") || name.equals("near") ? List.of(v) : List.of(v.split(","))) {
                            if (!part.isBlank()) {
                                kept.add(part.strip());
                            }
                        }
                    }
                    if (!kept.isEmpty()) {
                        params.put(name, kept);
                    }
                }
            });
        }

        /** The first value of each parameter, for the form. */
        Map<String, String> values() {
            Map<String, String> out = new LinkedHashMap<>();
            params.forEach((k, v) -> out.put(k, v.getFirst()));
            return out;
        }

        public boolean filtered() {
            return params.keySet().stream().anyMatch(k -> !k.equals("page") && !k.equals("sort") && !k.equals("size"));
        }

        /** The search with the value chosen, or no longer chosen; back to the first page. */
        public String toggle(String name, String value) {
            Map<String, List<String>> next = copy();
            next.remove("page");
            List<String> values = new ArrayList<>(next.getOrDefault(name, List.of()));
            boolean single = List.of("region", "departement", "commune", "epci").contains(name);
            if (values.stream().anyMatch(v -> v.equalsIgnoreCase(value))) {
                values.removeIf(v -> v.equalsIgnoreCase(value));
            } else if (single) {
                values = new ArrayList<>(List.of(value));
                if (name.equals("region")) {
                    next.remove("departement");
                    next.remove("commune");
                } else if (name.equals("departement")) {
                    next.remove("commune");
                }
            } else {
                values.add(value);
            }
            if (values.isEmpty()) {
                next.remove(name);
            } else {
                next.put(name, values);
            }
            return build(next);
        }

        public String page(int page) {
            Map<String, List<String>> next = copy();
            next.put("page", List.of(Integer.toString(page)));
            return build(next);
        }

        /** The query string (with its "?"), without the given parameters. */
        String query(List<String> leaveOut) {
            Map<String, List<String>> next = copy();
            leaveOut.forEach(next::remove);
            String url = build(next);
            int at = url.indexOf('?');
            return at < 0 ? "" : url.substring(at);
        }

        private Map<String, List<String>> copy() {
            Map<String, List<String>> out = new LinkedHashMap<>();
            params.forEach((k, v) -> out.put(k, new ArrayList<>(v)));
            return out;
        }

        private static String build(Map<String, List<String>> params) {
            StringBuilder url = new StringBuilder("/annuaire");
            char separator = '?';
            for (Map.Entry<String, List<String>> p : params.entrySet()) {
                for (String value : p.getValue()) {
                    url.append(separator).append(encode(p.getKey())).append('=').append(encode(value));
                    separator = '&';
                }
            }
            return url.toString();
        }

        /** A query parameter's name or value, encoded ("+" too: it would be read as a space). */
        private static String encode(String text) {
            return org.springframework.web.util.UriUtils.encodeQueryParam(text, java.nio.charset.StandardCharsets.UTF_8)
                    .replace("+", "%2B");
        }
    }
}
