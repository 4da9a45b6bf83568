package fr.essor.agenda.web;

import java.io.StringWriter;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import jakarta.servlet.http.HttpServletRequest;

import fr.essor.agenda.Agenda;
import fr.essor.agenda.Coded;
import fr.essor.agenda.Event;
import fr.essor.agenda.EventQuery;
import fr.essor.agenda.EventQueryParser;

import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Feeds and open data of any filtered list, with the same parameters as the list and the API:
 * iCalendar, RSS, CSV and JSON. A feed holds at most {@value #MAX_EVENTS} events; the API pages
 * through more.
 */
@RestController
@Tag(name = "Flux et données ouvertes")
class Feeds {

    static final int MAX_EVENTS = 5000;
    static final MediaType CALENDAR = MediaType.parseMediaType("text/calendar;charset=UTF-8");
    static final MediaType RSS = MediaType.parseMediaType("application/rss+xml;charset=UTF-8");
    static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");

    private final Agenda agenda;
    private final EventQueryParser parser;
    private final Problems problems;
    private final MessageSource messages;

    private final PublicAddress address;

    Feeds(Agenda agenda, EventQueryParser parser, Problems problems, MessageSource messages, PublicAddress address) {
        this.address = address;
        this.agenda = agenda;
        this.parser = parser;
        this.problems = problems;
        this.messages = messages;
    }

    @GetMapping("/agenda.ics")
    @Operation(summary = "Calendrier iCalendar (RFC 5545) d'une liste filtrée")
    ResponseEntity<?> calendar(HttpServletRequest request, Locale locale) {
        return withEvents(
                request,
                locale,
                events -> ResponseEntity.ok()
                        .contentType(CALENDAR)
                        .header(HttpHeaders.CONTENT_DISPOSITION, inline("agenda-mois-ess.ics"))
                        .body(ICalendar.write(messages.getMessage("feed.ics.name", null, locale), events, baseUrl())));
    }

    @GetMapping("/evenements/{id}/calendrier.ics")
    @Operation(summary = "Un événement au format iCalendar")
    ResponseEntity<?> eventCalendar(@PathVariable String id, Locale locale) {
        Long eventId = parseId(id);
        var event = eventId == null ? java.util.Optional.<Event>empty() : agenda.event(eventId);
        if (event.isEmpty()) {
            return problems.problem(HttpStatus.NOT_FOUND, "problem.eventNotFound", locale, "id", id);
        }
        return ResponseEntity.ok()
                .contentType(CALENDAR)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        attachment("evenement-" + event.get().id() + ".ics"))
                .body(ICalendar.write(event.get().title(), List.of(event.get()), baseUrl()));
    }

    @GetMapping("/agenda.rss")
    @Operation(summary = "Flux RSS 2.0 d'une liste filtrée")
    ResponseEntity<?> rss(HttpServletRequest request, Locale locale) {
        return withEvents(
                request, locale, events -> ResponseEntity.ok().contentType(RSS).body(rss(events, locale)));
    }

    @GetMapping("/agenda.csv")
    @Operation(summary = "Données ouvertes : une liste filtrée en CSV (UTF-8, virgules)")
    ResponseEntity<?> csv(HttpServletRequest request, Locale locale) {
        return withEvents(
                request,
                locale,
                events -> ResponseEntity.ok()
                        .contentType(CSV)
                        .header(HttpHeaders.CONTENT_DISPOSITION, attachment("agenda-mois-ess.csv"))
                        .body(csv(events)));
    }

    @GetMapping(path = "/agenda.json")
    @Operation(summary = "Données ouvertes : une liste filtrée en JSON")
    ResponseEntity<?> json(HttpServletRequest request, Locale locale) {
        return withEvents(
                request,
                locale,
                events -> ResponseEntity.ok()
                        .contentType(MediaType.APPLICATION_JSON)
                        .header(HttpHeaders.CONTENT_DISPOSITION, attachment("agenda-mois-ess.json"))
                        .body(events.stream()
                                .map(e -> EventResource.of(e, baseUrl()))
                                .toList()));
    }

    private ResponseEntity<?> withEvents(
            HttpServletRequest request,
            Locale locale,
            java.util.function.Function<List<Event>, ResponseEntity<?>> render) {
        var parsed = withoutPaging(parser, request);
        if (!parsed.valid()) {
            return problems.badFilters(parsed.errors(), locale);
        }
        EventQuery query = parsed.query().withPage(1, MAX_EVENTS);
        return render.apply(agenda.search(query).events());
    }

    /** The filters of a feed or of the printed programme: the list's, its paging left out. */
    static fr.essor.agenda.EventQueryParser.Parsed withoutPaging(EventQueryParser parser, HttpServletRequest request) {
        var params = new java.util.HashMap<>(request.getParameterMap());
        params.remove("page");
        params.remove("size");
        return parser.parse(params);
    }

    private String rss(List<Event> events, Locale locale) {
        String base = baseUrl();
        try {
            StringWriter out = new StringWriter();
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("rss");
            xml.writeAttribute("version", "2.0");
            xml.writeNamespace("atom", "http://www.w3.org/2005/Atom");
            xml.writeStartElement("channel");
            element(xml, "title", messages.getMessage("feed.rss.title", null, locale));
            element(xml, "link", base + "/agenda");
            element(xml, "description", messages.getMessage("feed.rss.description", null, locale));
            element(xml, "language", locale.getLanguage());
            xml.writeEmptyElement("atom", "link", "http://www.w3.org/2005/Atom");
            xml.writeAttribute("href", address.currentRequest().toUriString());
            xml.writeAttribute("rel", "self");
            xml.writeAttribute("type", "application/rss+xml");
            for (Event e : events) {
                String url = base + "/evenements/" + e.id() + "/" + e.slug();
                xml.writeStartElement("item");
                element(xml, "title", e.title());
                element(xml, "link", url);
                xml.writeStartElement("guid");
                xml.writeAttribute("isPermaLink", "true");
                xml.writeCharacters(url);
                xml.writeEndElement();
                String when = e.firstOccurrence()
                        .startsAt()
                        .format(DateTimeFormatter.ofPattern(
                                messages.getMessage("format.datetime.long", null, locale), locale));
                String where = e.inPerson() && e.venue().communeName() != null
                        ? " — " + e.venue().communeName()
                        : "";
                element(xml, "description", when + where + "\n\n" + e.summary());
                element(xml, "category", messages.getMessage(e.type().labelKey(), null, locale));
                element(
                        xml,
                        "pubDate",
                        DateTimeFormatter.RFC_1123_DATE_TIME.format(
                                e.createdAt().atZone(fr.essor.EssorApplication.ZONE)));
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
            return out.toString();
        } catch (XMLStreamException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(text == null ? "" : text);
        xml.writeEndElement();
    }

    static final List<String> CSV_COLUMNS = List.of(
            "id",
            "url",
            "edition",
            "title",
            "summary",
            "type",
            "themes",
            "audiences",
            "start",
            "end",
            "dates",
            "venue",
            "address",
            "postcode",
            "commune_code",
            "commune",
            "departement",
            "region",
            "latitude",
            "longitude",
            "attendance",
            "online_url",
            "free",
            "price",
            "registration",
            "registration_url",
            "accessibility",
            "organizer",
            "co_organizers",
            "status",
            "status_reason",
            "demo");

    private String csv(List<Event> events) {
        String base = baseUrl();
        StringBuilder out = new StringBuilder();
        out.append(String.join(",", CSV_COLUMNS)).append("\r\n");
        for (Event e : events) {
            var v = e.venue();
            List<Object> row = List.of(
                    e.id(),
                    base + "/evenements/" + e.id() + "/" + e.slug(),
                    e.editionYear(),
                    e.title(),
                    e.summary(),
                    e.type().code(),
                    codes(e.themes()),
                    codes(e.audiences()),
                    e.firstOccurrence().startsAt().toOffsetDateTime(),
                    e.lastOccurrence().endsAt().toOffsetDateTime(),
                    e.occurrences().stream()
                            .map(o -> o.startsAt().toOffsetDateTime() + "/"
                                    + o.endsAt().toOffsetDateTime())
                            .collect(Collectors.joining(" ")),
                    nz(v.name()),
                    nz(v.address()),
                    nz(v.postcode()),
                    nz(v.communeCode()),
                    nz(v.communeName()),
                    nz(v.departementCode()),
                    nz(v.regionCode()),
                    v.latitude() == null ? "" : v.latitude(),
                    v.longitude() == null ? "" : v.longitude(),
                    e.attendance().code(),
                    nz(e.onlineUrl()),
                    e.free(),
                    nz(e.price()),
                    e.registration().code(),
                    nz(e.registrationUrl()),
                    e.accessibility().stream().sorted().map(Coded::code).collect(Collectors.joining(";")),
                    e.organizer(),
                    String.join(";", e.coOrganizers()),
                    e.status().code(),
                    nz(e.statusReason()),
                    e.demo());
            out.append(row.stream().map(o -> csvField(String.valueOf(o))).collect(Collectors.joining(",")))
                    .append("\r\n");
        }
        return out.toString();
    }

    private static String codes(List<? extends Coded> values) {
        return values.stream().map(Coded::code).collect(Collectors.joining(";"));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    static String csvField(String raw) {
        // a spreadsheet must not run what an organizer typed as a formula (numbers, like a longitude, stay numbers)
        String value = raw.isEmpty() || "=+-@\t\r".indexOf(raw.charAt(0)) < 0 || raw.matches("-?[0-9]+(\\.[0-9]+)?")
                ? raw
                : "'" + raw;
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }

    private static Long parseId(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException ex) {
            return null;
        }
    }

    private String baseUrl() {
        return address.base();
    }

    private static String inline(String filename) {
        return ContentDisposition.inline().filename(filename).build().toString();
    }

    private static String attachment(String filename) {
        return ContentDisposition.attachment().filename(filename).build().toString();
    }
}
