package fr.essor.agenda.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import fr.essor.agenda.Agenda;
import fr.essor.agenda.AgendaProperties;
import fr.essor.agenda.EventPage;
import fr.essor.agenda.EventQueryParser;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import tools.jackson.databind.json.JsonMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The agenda's open API: search events with the list's filters, read one event. */
@RestController
@RequestMapping(path = "/api/v1/events", produces = "application/json")
@Tag(name = "Événements", description = "L'agenda public du Mois de l'ESS")
class EventsApi {

    private final Agenda agenda;
    private final EventQueryParser parser;
    private final Problems problems;
    private final JsonMapper json;
    /**
     * Serialised pages by request URL, kept as long as the agenda's search cache keeps results, or
     * {@code null} when that cache is off: a popular search is then answered without building its JSON
     * again.
     */
    private final Cache<String, Answer> answers;

    private final org.springframework.beans.factory.ObjectProvider<fr.essor.agenda.SeatAvailability> seats;

    private final PublicAddress address;

    EventsApi(
            Agenda agenda,
            EventQueryParser parser,
            Problems problems,
            JsonMapper json,
            AgendaProperties properties,
            org.springframework.beans.factory.ObjectProvider<fr.essor.agenda.SeatAvailability> seats,
            PublicAddress address) {
        this.address = address;
        this.seats = seats;
        this.agenda = agenda;
        this.parser = parser;
        this.problems = problems;
        this.json = json;
        this.answers = properties.searchCacheTtl().isZero()
                ? null
                : Caffeine.newBuilder()
                        .expireAfterWrite(properties.searchCacheTtl())
                        .maximumWeight(64L * 1024 * 1024)
                        .weigher((String url, Answer a) -> url.length() + a.body().length)
                        .build();
        this.items = new fr.essor.shared.ReadMostlyCache<>(Math.toIntExact(properties.serialisedEvents()));
        this.askedOnce =
                answers == null ? null : new fr.essor.shared.RecentlySeen(1 << 19, properties.searchCacheTtl());
    }

    /**
     * The searches asked within the cache's time to live: a page is kept from its second asking on. Kept at
     * the first, the pages of searches nobody repeats (most of them) filled the cache and lived through the
     * collector's young generations, their copying the longest part of its pauses; a popular list is kept at
     * its second asking. {@code null} when the cache is off.
     */
    private final fr.essor.shared.RecentlySeen askedOnce;

    /** A serialised page and its entity tag. */
    record Answer(byte[] body, String etag) {}

    /**
     * A page of results with the links to its neighbours (and, when asked, the filter counts), each event's
     * JSON as kept by {@link #itemJson} (an event's resource is the same for every search that lists it).
     */
    record EventsPage(
            List<tools.jackson.databind.util.RawValue> items,
            int page,
            int size,
            long totalItems,
            int totalPages,
            Map<String, String> links,

            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
            Map<String, Map<String, Integer>> facets) {}

    /**
     * The filter counts with the API's names and codes ({@code type}, {@code theme}, {@code audience},
     * {@code departement}), each value's count being the search's with that value chosen instead.
     */
    static Map<String, Map<String, Integer>> facets(EventPage page) {
        Map<String, Map<String, Integer>> out = new java.util.LinkedHashMap<>();
        out.put("type", coded(page.facets().get("type"), fr.essor.agenda.EventType.class));
        out.put("theme", coded(page.facets().get("theme"), fr.essor.agenda.Theme.class));
        out.put("audience", coded(page.facets().get("audience"), fr.essor.agenda.Audience.class));
        out.put("departement", new java.util.TreeMap<>(page.facets().getOrDefault("dep", Map.of())));
        return out;
    }

    private static <E extends Enum<E> & fr.essor.agenda.Coded> Map<String, Integer> coded(
            Map<String, Integer> counts, Class<E> type) {
        Map<String, Integer> out = new java.util.TreeMap<>();
        if (counts != null) {
            counts.forEach((name, count) -> out.put(Enum.valueOf(type, name).code(), count));
        }
        return out;
    }

    /** Each listed event's JSON, while unchanged ({@code updatedAt}) and under the same public address. */
    private record ItemKey(long id, java.time.Instant updatedAt, String base) {}

    private final fr.essor.shared.ReadMostlyCache<ItemKey, tools.jackson.databind.util.RawValue> items;

    /**
     * The JSON of an event in a list (no description), written once per version of the event and kept as UTF-8
     * ({@link EncodedJson}).
     */
    tools.jackson.databind.util.RawValue itemJson(fr.essor.agenda.Event e, String base) {
        return items.get(
                new ItemKey(e.id(), e.updatedAt(), base),
                k -> new tools.jackson.databind.util.RawValue(
                        new EncodedJson(json.writeValueAsBytes(EventResource.of(e, base, false)))));
    }

    @GetMapping
    @Operation(
            summary = "Rechercher des événements",
            description = "Filtres combinables ; les filtres multiples (type, theme, audience) acceptent plusieurs "
                    + "valeurs, répétées ou séparées par des virgules. Pages numérotées à partir de 1.")
    @Parameter(name = "q", description = "Recherche plein texte (accents et majuscules ignorés, racines françaises)")
    @Parameter(name = "from", description = "Premier jour, AAAA-MM-JJ")
    @Parameter(name = "to", description = "Dernier jour inclus, AAAA-MM-JJ")
    @Parameter(name = "region", description = "Code INSEE de région (76)")
    @Parameter(name = "departement", description = "Code INSEE de département (34)")
    @Parameter(name = "commune", description = "Code INSEE de commune (34172)")
    @Parameter(name = "near", description = "Point « latitude,longitude » (43.61,3.88)")
    @Parameter(name = "radiusKm", description = "Rayon autour de near, en km (1 à 500, 20 par défaut)")
    @Parameter(
            name = "type",
            description =
                    "rencontre, exposition, portes_ouvertes, conference, table_ronde, atelier, projection, forum, visite, autre")
    @Parameter(name = "theme", description = "Thème ESS (emploi_insertion, transition_ecologique, …)")
    @Parameter(name = "audience", description = "Public (grand_public, professionnels, jeunes_scolaires, …)")
    @Parameter(name = "free", description = "true : gratuits ; false : payants")
    @Parameter(name = "accessible", description = "true : avec au moins un aménagement d'accessibilité")
    @Parameter(name = "online", description = "true : en ligne ou hybrides ; false : sur place ou hybrides")
    @Parameter(name = "edition", description = "Année de l'édition (2019)")
    @Parameter(name = "page", description = "Numéro de page, à partir de 1")
    @Parameter(
            name = "facets",
            description = "true : avec, pour chaque type, thème, public et département, le nombre d'événements "
                    + "qu'en le choisissant (à la place du choix en cours) la recherche donnerait")
    @Parameter(name = "size", description = "Taille de page, 1 à 100 (20 par défaut)")
    ResponseEntity<?> search(HttpServletRequest request, HttpServletResponse response, Locale locale)
            throws java.io.IOException {
        // the key is the path and query only: the answer's links come from the public address, whatever Host says
        String url = request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        // this answer carries its own entity tag (fr.essor.web.PublicCaching leaves it out of its filter)
        Answer cached = answers == null ? null : answers.getIfPresent(url);
        if (cached != null) {
            if (!notModified(request, response, cached.etag())) {
                sendJson(response, cached.body().length).write(cached.body());
            }
            return null;
        }
        var parsed = parser.parse(request.getParameterMap());
        if (!parsed.valid()) {
            return problems.badFilters(parsed.errors(), locale);
        }
        boolean withFacets = "true".equals(request.getParameter("facets"));
        EventPage page = withFacets ? agenda.searchWithFacets(parsed.query()) : agenda.search(parsed.query());
        String base = baseUrl();
        List<tools.jackson.databind.util.RawValue> listed =
                page.events().stream().map(e -> itemJson(e, base)).toList();
        var links = new java.util.LinkedHashMap<String, String>();
        String current = address.origin() + request.getRequestURI() + "?" + withoutPage(request.getQueryString());
        links.put("self", current + "page=" + page.page());
        if (page.hasPrevious()) {
            links.put("prev", current + "page=" + (page.page() - 1));
        }
        if (page.hasNext()) {
            links.put("next", current + "page=" + (page.page() + 1));
        }
        AnswerBuffer written = AnswerBuffer.ofThisThread();
        json.writeValue(
                written,
                new EventsPage(
                        listed,
                        page.page(),
                        page.size(),
                        page.totalItems(),
                        page.totalPages(),
                        links,
                        withFacets && !page.facets().isEmpty() ? facets(page) : null));
        String etag = written.entityTag();
        if (answers != null && askedOnce.seenBefore(url)) {
            answers.put(url, new Answer(written.copy(), etag));
        }
        if (!notModified(request, response, etag)) {
            written.writeTo(sendJson(response, written.length()));
        }
        return null;
    }

    /**
     * Whether the client has this answer already (then answered 304); sets the entity tag either way. A page
     * of results is written by the search itself rather than returned in a {@code ResponseEntity}: Spring
     * would want it in an array of its exact length, and reads and rewrites the response's headers to send it.
     */
    private static boolean notModified(HttpServletRequest request, HttpServletResponse response, String etag) {
        return new org.springframework.web.context.request.ServletWebRequest(request, response).checkNotModified(etag);
    }

    /** Starts a JSON answer of {@code length} bytes. */
    private static java.io.OutputStream sendJson(HttpServletResponse response, int length) throws java.io.IOException {
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setContentLength(length);
        return response.getOutputStream();
    }

    @GetMapping("/{id}")
    @Operation(summary = "Lire un événement")
    ResponseEntity<?> one(@PathVariable String id, Locale locale) {
        long eventId;
        try {
            eventId = Long.parseLong(id);
        } catch (NumberFormatException ex) {
            return problems.problem(HttpStatus.BAD_REQUEST, "problem.badId", locale, "id", id);
        }
        return agenda.event(eventId)
                .<ResponseEntity<?>>map(e -> ResponseEntity.ok(EventResource.of(
                        e,
                        baseUrl(),
                        true,
                        e.registration() == fr.essor.agenda.RegistrationMode.ESSOR
                                ? seats.getIfAvailable(() -> id2 -> java.util.Map.of())
                                        .seats(e.id())
                                : java.util.Map.of())))
                .orElseGet(() -> problems.problem(HttpStatus.NOT_FOUND, "problem.eventNotFound", locale, "id", id));
    }

    private String baseUrl() {
        return address.base();
    }

    /**
     * The request's query as it came (still encoded), without its {@code page} parameters, ready for one
     * more parameter (ends with {@code &} unless empty).
     */
    static String withoutPage(String query) {
        if (query == null || query.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder(query.length() + 1);
        for (String part : query.split("&")) {
            if (part.isEmpty() || part.equals("page") || part.startsWith("page=")) {
                continue;
            }
            out.append(part).append('&');
        }
        return out.toString();
    }
}
