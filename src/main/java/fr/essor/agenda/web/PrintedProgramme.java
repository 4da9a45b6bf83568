package fr.essor.agenda.web;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import jakarta.servlet.http.HttpServletRequest;

import fr.essor.EssorApplication;
import fr.essor.agenda.Agenda;
import fr.essor.agenda.Edition;
import fr.essor.agenda.Event;
import fr.essor.agenda.EventPage;
import fr.essor.agenda.EventQuery;
import fr.essor.agenda.EventQueryParser;
import fr.essor.agenda.Occurrence;
import fr.essor.shared.DeterministicPdf;
import fr.essor.territory.Territories;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The printed programme: a PDF of the list's filters (a département's, most often), day by day, every date of
 * every event with its hours, place and how to take part, for a town hall's notice board or a leaflet. Without
 * dates nor edition it prints the current edition. Counted as a download per client address (it is a large
 * answer to make) and kept five minutes per filters.
 */
@Controller
class PrintedProgramme {

    /** Events printed at most; beyond, the programme says how many more the site lists. */
    static final int MAX_EVENTS = 1000;

    private final Agenda agenda;
    private final EventQueryParser parser;
    private final Problems problems;
    private final Territories territories;
    private final ITemplateEngine templates;
    private final PublicAddress address;
    private final Cache<EventQuery, byte[]> kept = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(5))
            .maximumSize(64)
            .build();

    PrintedProgramme(
            Agenda agenda,
            EventQueryParser parser,
            Problems problems,
            Territories territories,
            ITemplateEngine templates,
            PublicAddress address) {
        this.agenda = agenda;
        this.parser = parser;
        this.problems = problems;
        this.territories = territories;
        this.templates = templates;
        this.address = address;
    }

    /** One date of an event, as printed under its day. */
    record Entry(Event event, Occurrence occurrence) {}

    @GetMapping("/agenda/programme.pdf")
    ResponseEntity<?> pdf(HttpServletRequest request, Locale locale) {
        var parsed = Feeds.withoutPaging(parser, request);
        if (!parsed.valid()) {
            return problems.badFilters(parsed.errors(), locale);
        }
        EventQuery query = parsed.query();
        Edition edition = query.edition() != null
                ? agenda.edition(query.edition()).orElse(null)
                : query.from() == null && query.to() == null
                        ? agenda.currentEdition().orElse(null)
                        : null;
        if (edition != null && query.edition() == null) {
            query = query.withDates(edition.startsOn(), edition.endsOn());
        }
        // one rendering of a programme at a time: concurrent askings of the same filters wait for it
        byte[] pdf = kept.get(query.withPage(1, MAX_EVENTS), printed -> render(printed, edition));
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"programme-mois-ess.pdf\"")
                .body(pdf);
    }

    private byte[] render(EventQuery query, Edition edition) {
        EventPage page = agenda.search(query);
        // every date of the window, day by day (a date outside the filters' dates is another day's)
        Map<LocalDate, List<Entry>> days = new TreeMap<>();
        for (Event event : page.events()) {
            for (Occurrence o : event.occurrences()) {
                LocalDate day = o.startsAt().toLocalDate();
                if ((query.from() == null || !day.isBefore(query.from()))
                        && (query.to() == null || !day.isAfter(query.to()))) {
                    days.computeIfAbsent(day, d -> new ArrayList<>()).add(new Entry(event, o));
                }
            }
        }
        days.values()
                .forEach(list -> list.sort(
                        Comparator.comparing((Entry e) -> e.occurrence().start())
                                .thenComparing(e -> e.event().title())));
        Context context = new Context(Locale.FRENCH);
        context.setVariable("title", edition != null ? edition.title() : "Mois de l’ESS");
        context.setVariable("place", place(query));
        context.setVariable("days", new LinkedHashMap<>(days));
        context.setVariable("events", page.events().size());
        context.setVariable(
                "more", Math.max(0, page.totalItems() - page.events().size()));
        context.setVariable("base", address.base());
        ZonedDateTime now = agenda.now().atZone(EssorApplication.ZONE);
        context.setVariable("printedOn", now);
        return DeterministicPdf.render(templates.process("agenda/programme-pdf", context), agenda.now());
    }

    /** Where the programme is of: a département, a région, a commune, else the whole agenda. */
    private String place(EventQuery query) {
        if (query.commune() != null) {
            return territories.commune(query.commune()).map(c -> c.name()).orElse(query.commune());
        }
        if (query.departement() != null) {
            return territories
                    .departement(query.departement())
                    .map(d -> d.name() + " (" + d.code() + ")")
                    .orElse(query.departement());
        }
        if (query.region() != null) {
            return territories.region(query.region()).map(r -> r.name()).orElse(query.region());
        }
        return null;
    }
}
