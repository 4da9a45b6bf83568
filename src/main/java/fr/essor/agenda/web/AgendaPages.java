package fr.essor.agenda.web;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import fr.essor.agenda.AccessibilityFeature;
import fr.essor.agenda.Agenda;
import fr.essor.agenda.Edition;
import fr.essor.agenda.Event;
import fr.essor.agenda.EventPage;
import fr.essor.agenda.EventQuery;
import fr.essor.agenda.EventQueryParser;
import fr.essor.agenda.FilterError;
import fr.essor.agenda.Occurrence;
import fr.essor.territory.Commune;
import fr.essor.territory.Territories;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The public pages of the agenda: list with filters, month and week calendar, map, event page and
 * the archive of editions. Filters live in the URL, so a filtered page can be shared; the list
 * answers either the whole page or, for htmx, only its results.
 */
@Controller
class AgendaPages {

    private static final int CALENDAR_MAX = 2000;

    private final Agenda agenda;
    private final EventQueryParser parser;
    private final Territories territories;
    private final Problems problems;
    private final String tilesUrl;
    private final String tilesAttribution;

    private final PublicAddress address;
    private final AgendaFacets facets;
    private final FilterOptions options;
    private final EventCards cards;
    private final org.springframework.context.MessageSource messages;

    AgendaPages(
            Agenda agenda,
            EventQueryParser parser,
            Territories territories,
            Problems problems,
            @Value("${essor.map.tiles-url}") String tilesUrl,
            @Value("${essor.map.tiles-attribution}") String tilesAttribution,
            PublicAddress address,
            AgendaFacets facets,
            FilterOptions options,
            EventCards cards,
            org.springframework.context.MessageSource messages) {
        this.messages = messages;
        this.options = options;
        this.cards = cards;
        this.address = address;
        this.facets = facets;
        this.agenda = agenda;
        this.parser = parser;
        this.territories = territories;
        this.problems = problems;
        this.tilesUrl = tilesUrl;
        this.tilesAttribution = tilesAttribution;
    }

    @GetMapping("/agenda")
    String list(
            HttpServletRequest request,
            HttpServletResponse response,
            Model model,
            Locale locale,
            @RequestHeader(name = "HX-Request", required = false) String htmx) {
        EventQuery query = filters(request, response, model, locale, true, EventQuery.MAX_SIZE);
        EventPage page = agenda.searchWithFacets(query);
        model.addAttribute("page", page);
        var blocks = facets.blocks(page, query, address.currentPath(), locale);
        model.addAttribute("facets", blocks);
        model.addAttribute("facetsHtml", facets.html(blocks, locale));
        model.addAttribute("cardsHtml", cards.html(page.events(), request, response, locale));
        model.addAttribute("htmx", true);
        model.addAttribute("prevUrl", page.hasPrevious() ? pageUrl(page.page() - 1) : null);
        model.addAttribute("nextUrl", page.hasNext() ? pageUrl(page.page() + 1) : null);
        return htmx != null ? "agenda/list :: results" : "agenda/list";
    }

    @GetMapping("/agenda/carte")
    String map(HttpServletRequest request, HttpServletResponse response, Model model, Locale locale) {
        EventQuery query = filters(request, response, model, locale, true, EventQuery.MAX_SIZE);
        model.addAttribute(
                "events", agenda.search(query.withPage(1, Feeds.MAX_EVENTS)).events());
        model.addAttribute("tilesUrl", tilesUrl);
        model.addAttribute("tilesAttribution", tilesAttribution);
        return "agenda/map";
    }

    @GetMapping("/agenda/calendrier")
    String calendar(
            HttpServletRequest request,
            HttpServletResponse response,
            Model model,
            Locale locale,
            @RequestParam(name = "vue", defaultValue = "mois") String view,
            @RequestParam(name = "mois", required = false) String month,
            @RequestParam(name = "semaine", required = false) String weekOf) {
        EventQuery query = filters(request, response, model, locale, false, EventQuery.MAX_SIZE);
        LocalDate anchor = defaultDay(query);
        boolean week = "semaine".equals(view);
        try {
            if (week && weekOf != null && !weekOf.isBlank()) {
                anchor = LocalDate.parse(weekOf);
            } else if (month != null && !month.isBlank()) {
                anchor = YearMonth.parse(month).atDay(1);
            }
        } catch (DateTimeParseException ex) {
            response.setStatus(400);
            model.addAttribute(
                    "filterErrors",
                    List.of(new FilterError(week ? "semaine" : "mois", "filter.error.date", week ? weekOf : month))
                            .stream()
                            .map(e -> problems.message(e, locale))
                            .toList());
        }
        LocalDate first;
        LocalDate last;
        if (week) {
            first = anchor.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            last = first.plusDays(6);
        } else {
            YearMonth ym = YearMonth.from(anchor);
            first = ym.atDay(1).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            last = ym.atEndOfMonth().with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
        }
        Map<LocalDate, List<DayEntry>> byDay = new TreeMap<>();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            byDay.put(d, new ArrayList<>());
        }
        for (Event e : agenda.search(query.withDates(first, last).withPage(1, CALENDAR_MAX))
                .events()) {
            for (Occurrence o : e.occurrences()) {
                LocalDate d = o.startsAt().toLocalDate();
                if (byDay.containsKey(d)) {
                    byDay.get(d).add(new DayEntry(e, o));
                }
            }
        }
        byDay.values()
                .forEach(l -> l.sort(
                        java.util.Comparator.comparing(de -> de.occurrence().startsAt())));
        List<List<LocalDate>> weeks = new ArrayList<>();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(7)) {
            List<LocalDate> days = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                days.add(d.plusDays(i));
            }
            weeks.add(days);
        }
        YearMonth ym = YearMonth.from(anchor);
        String base = calendarBase();
        model.addAttribute("week", week);
        model.addAttribute("month", ym);
        model.addAttribute("monthStart", ym.atDay(1));
        model.addAttribute("weekStart", first);
        model.addAttribute("weekEnd", last);
        model.addAttribute("weeks", weeks);
        model.addAttribute("byDay", byDay);
        model.addAttribute("hasEvents", byDay.values().stream().anyMatch(l -> !l.isEmpty()));
        model.addAttribute("today", agenda.today());
        model.addAttribute(
                "prevUrl",
                week
                        ? calendarUrl(
                                base, "semaine", "semaine", first.minusWeeks(1).toString())
                        : calendarUrl(base, "mois", "mois", ym.minusMonths(1).toString()));
        model.addAttribute(
                "nextUrl",
                week
                        ? calendarUrl(
                                base, "semaine", "semaine", first.plusWeeks(1).toString())
                        : calendarUrl(base, "mois", "mois", ym.plusMonths(1).toString()));
        model.addAttribute("monthViewUrl", calendarUrl(base, "mois", "mois", ym.toString()));
        model.addAttribute(
                "weekViewUrl",
                calendarUrl(
                        base,
                        "semaine",
                        "semaine",
                        (week ? first : (ym.equals(YearMonth.from(agenda.today())) ? agenda.today() : ym.atDay(1)))
                                .toString()));
        return "agenda/calendar";
    }

    @GetMapping("/evenements/{id}")
    String eventWithoutSlug(@PathVariable String id, HttpServletResponse response, Model model) {
        return findEvent(id)
                .map(e -> "redirect:/evenements/" + e.id() + "/" + e.slug())
                .orElseGet(() -> notFound(response, model));
    }

    @GetMapping("/evenements/{id}/{slug}")
    String event(
            @PathVariable String id,
            @PathVariable String slug,
            HttpServletResponse response,
            Model model,
            Locale locale) {
        Optional<Event> found = findEvent(id);
        if (found.isEmpty()) {
            return notFound(response, model);
        }
        Event e = found.get();
        if (!e.slug().equals(slug)) {
            return "redirect:/evenements/" + e.id() + "/" + e.slug();
        }
        String base = address.base();
        String url = base + "/evenements/" + e.id() + "/" + e.slug();
        model.addAttribute("event", e);
        model.addAttribute("url", url);
        model.addAttribute("descriptionHtml", e.descriptionHtml());
        model.addAttribute("edition", agenda.edition(e.editionYear()).orElse(null));
        model.addAttribute(
                "departement",
                territories.departement(e.venue().departementCode()).orElse(null));
        model.addAttribute("jsonLd", JsonLd.of(e, url, base));
        model.addAttribute("organizerStructure", agenda.structureOf(e.id()).orElse(null));
        model.addAttribute("googleUrl", CalendarLinks.google(e, e.firstOccurrence(), url));
        model.addAttribute("outlookUrl", CalendarLinks.outlook(e, e.firstOccurrence(), url));
        model.addAttribute("tilesUrl", tilesUrl);
        model.addAttribute("tilesAttribution", tilesAttribution);
        model.addAttribute("accessibilityFeatures", AccessibilityFeature.values());
        model.addAttribute("past", e.lastOccurrence().endsAt().toLocalDate().isBefore(agenda.today()));
        return "agenda/event";
    }

    @GetMapping("/editions")
    String editions(Model model) {
        List<Edition> editions = agenda.editions();
        model.addAttribute("editions", editions);
        model.addAttribute("counts", agenda.eventCountsByEdition());
        model.addAttribute("today", agenda.today());
        return "agenda/editions";
    }

    @GetMapping("/donnees")
    String openData() {
        return "agenda/opendata";
    }

    /** Events a widget shows unless its {@code size} says otherwise, and at most. */
    static final int WIDGET_SIZE = 5;

    static final int WIDGET_MAX = 20;

    /**
     * The widget partner sites show in a frame: the next events of the list's filters (the upcoming ones unless
     * dates or an edition are given), {@code size} of them (5 by default, 20 at most), each linked to its page on
     * Essor in a new tab, and a link to the whole list.
     */
    @GetMapping("/agenda/widget")
    String widget(HttpServletRequest request, HttpServletResponse response, Model model, Locale locale) {
        EventQuery query = filters(request, response, model, locale, true, WIDGET_MAX);
        int size = widgetSize(request, query);
        model.addAttribute("colour", widgetColour(request, response, model, locale));
        model.addAttribute("page", agenda.search(query.withPage(1, size)));
        model.addAttribute("listUrl", "/agenda" + model.getAttribute("feedQuery"));
        return "agenda/widget";
    }

    /**
     * The widget's colour ({@code couleur}): the one asked, else Essor's; Essor's too when the one asked is refused,
     * the reason then among the filters' errors and the answer a 400.
     */
    private WidgetColour widgetColour(
            HttpServletRequest request, HttpServletResponse response, Model model, Locale locale) {
        List<FilterError> refused = new ArrayList<>();
        WidgetColour colour = WidgetColour.of(request.getParameter("couleur"), refused);
        if (colour != null) {
            return colour;
        }
        @SuppressWarnings("unchecked") // filters(…) put it there
        List<String> errors = (List<String>) model.getAttribute("filterErrors");
        refused.forEach(e -> errors.add(problems.message(e, locale)));
        response.setStatus(400);
        return WidgetColour.ESSOR;
    }

    /**
     * The stylesheet that gives a widget the colour its partner chose ({@code couleur}), the pages' security policy
     * allowing no inline style; 400 for a colour the widget would refuse.
     */
    @GetMapping("/agenda/widget.css")
    ResponseEntity<String> widgetStylesheet(@RequestParam(name = "couleur", required = false) String asked) {
        WidgetColour colour = WidgetColour.of(asked, new ArrayList<>());
        return (colour == null ? ResponseEntity.badRequest() : ResponseEntity.ok())
                .contentType(new MediaType("text", "css", StandardCharsets.UTF_8))
                .body(colour == null ? "/* couleur refusée */\n" : colour.css());
    }

    /** The widget's number of events: the one asked, else 5 (the list's page size is not the widget's). */
    private static int widgetSize(HttpServletRequest request, EventQuery query) {
        return request.getParameter("size") == null ? WIDGET_SIZE : query.size();
    }

    /**
     * The page where a partner chooses the widget's filters and number of events, sees it as it will show, and
     * copies the frame to paste into their site.
     */
    @GetMapping("/agenda/integrer")
    String embed(HttpServletRequest request, HttpServletResponse response, Model model, Locale locale) {
        int size = widgetSize(request, filters(request, response, model, locale, true, WIDGET_MAX));
        WidgetColour colour = widgetColour(request, response, model, locale);
        model.addAttribute("colour", colour);
        String feedQuery = (String) model.getAttribute("feedQuery");
        String widgetPath = "/agenda/widget" + (feedQuery.isEmpty() ? "?" : feedQuery + "&") + "size=" + size
                + (colour.isEssors() ? "" : "&couleur=" + colour.hex());
        model.addAttribute("widgetPath", widgetPath);
        // tall enough for the events' titles on two lines and the link to the list (at 300 px, the frame scrolls)
        int height = 140 + 95 * size;
        model.addAttribute("widgetHeight", height);
        model.addAttribute(
                "widgetCode",
                "<iframe src=\"" + org.springframework.web.util.HtmlUtils.htmlEscape(address.base() + widgetPath)
                        + "\" title=\"" + messages.getMessage("widget.title", null, locale)
                        + "\" width=\"100%\" height=\"" + height
                        + "\" style=\"border:1px solid #c9cfcd\" loading=\"lazy\"></iframe>");
        model.addAttribute("widgetSize", size);
        model.addAttribute("widgetSizes", List.of(3, 5, 10, 20));
        return "agenda/embed";
    }

    private Optional<Event> findEvent(String id) {
        try {
            return agenda.event(Long.parseLong(id));
        } catch (NumberFormatException ex) {
            return Optional.empty();
        }
    }

    private static String notFound(HttpServletResponse response, Model model) {
        response.setStatus(404);
        return "error/404";
    }

    /**
     * Reads the filters, turns the page's "lieu" (a commune's name, code or postcode) and "rayon" into
     * the API's commune or near filters, and puts what the form needs in the model.
     *
     * @param upcomingByDefault whether a query without dates nor edition starts today
     */
    private EventQuery filters(
            HttpServletRequest request,
            HttpServletResponse response,
            Model model,
            Locale locale,
            boolean upcomingByDefault,
            int maxSize) {
        Map<String, String[]> params = new HashMap<>(request.getParameterMap());
        List<String> errors = new ArrayList<>();
        String place = first(params, "lieu");
        String radius = first(params, "rayon");
        Commune placeCommune = null;
        if (place != null) {
            placeCommune = territories.place(place).orElse(null);
            if (placeCommune == null) {
                errors.add(problems.message(new FilterError("lieu", "filter.error.place.unknown", place), locale));
            } else if (radius == null || radius.equals("0")) {
                params.put("commune", new String[] {placeCommune.code()});
            } else if (placeCommune.hasPoint()) {
                params.put("near", new String[] {placeCommune.latitude() + "," + placeCommune.longitude()});
                params.put("radiusKm", new String[] {radius});
            }
            if (placeCommune != null && (radius == null || radius.equals("0"))) {
                params.remove("near");
                params.remove("radiusKm");
            }
        }
        var parsed = parser.parse(params, maxSize);
        parsed.errors().forEach(e -> errors.add(problems.message(e, locale)));
        EventQuery query = parsed.query();
        boolean explicitDates = query.from() != null || query.to() != null || query.edition() != null;
        boolean upcomingOnly = upcomingByDefault && !explicitDates && first(params, "passes") == null;
        if (upcomingOnly) {
            query = query.withDates(agenda.today(), null).withEndsAfter(agenda.notEndedSince());
        }
        if (!errors.isEmpty()) {
            response.setStatus(400);
        }
        Map<String, String> values = new LinkedHashMap<>();
        request.getParameterMap().forEach((k, v) -> values.put(k, v.length > 0 ? v[0] : ""));
        model.addAttribute("filterErrors", errors);
        model.addAttribute("query", query);
        model.addAttribute("values", values);
        model.addAttribute("placeCommune", placeCommune);
        model.addAttribute("upcomingOnly", upcomingOnly);
        model.addAttribute("options", options.of(values, query, locale));
        model.addAttribute("feedQuery", feedQuery(params));
        model.addAttribute(
                "filtered",
                !errors.isEmpty()
                        || request.getParameterMap().keySet().stream()
                                .anyMatch(k -> !List.of("page", "vue", "mois", "semaine")
                                        .contains(k)));
        return query;
    }

    private LocalDate defaultDay(EventQuery query) {
        if (query.edition() != null) {
            return agenda.edition(query.edition()).map(Edition::startsOn).orElse(agenda.today());
        }
        if (query.from() != null) {
            return query.from();
        }
        LocalDate today = agenda.today();
        return agenda.currentEdition()
                .filter(e -> !e.contains(today))
                .map(Edition::startsOn)
                .orElse(today);
    }

    private static String first(Map<String, String[]> params, String name) {
        String[] v = params.get(name);
        return v == null || v.length == 0 || v[0] == null || v[0].isBlank() ? null : v[0].strip();
    }

    private String pageUrl(int page) {
        return address.currentPath().replaceQueryParam("page", page).build().toUriString();
    }

    private String calendarBase() {
        return address.currentPath()
                .replaceQueryParam("vue")
                .replaceQueryParam("mois")
                .replaceQueryParam("semaine")
                .replaceQueryParam("page")
                .build()
                .toUriString();
    }

    private static String calendarUrl(String base, String view, String param, String value) {
        return UriComponentsBuilder.fromUriString(base)
                .replaceQueryParam("vue", view)
                .replaceQueryParam(param, value)
                .build()
                .toUriString();
    }

    /** The query string of the current filters in the API's terms, without paging, for feeds and exports. */
    private static String feedQuery(Map<String, String[]> params) {
        UriComponentsBuilder b = UriComponentsBuilder.newInstance();
        params.entrySet().stream()
                .filter(e -> !List.of("lieu", "rayon", "page", "size", "vue", "mois", "semaine", "passes", "couleur")
                        .contains(e.getKey()))
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> {
                    for (String v : e.getValue()) {
                        if (v != null && !v.isBlank()) {
                            b.queryParam(e.getKey(), v);
                        }
                    }
                });
        String q = b.encode().build().getQuery();
        return q == null || q.isEmpty() ? "" : "?" + q;
    }

    /** One date of an event on a calendar day. */
    record DayEntry(Event event, Occurrence occurrence) {}
}
