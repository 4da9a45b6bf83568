package fr.essor.agenda.web;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import fr.essor.agenda.Event;
import fr.essor.agenda.EventStatus;
import fr.essor.agenda.Markdown;
import fr.essor.agenda.Occurrence;

/**
 * Writes events as an RFC 5545 calendar: one VEVENT per date of an event, times in Europe/Paris with
 * its VTIMEZONE, {@code STATUS:CANCELLED} for cancelled events and the event's SEQUENCE, so that
 * calendar applications update what they already imported.
 */
final class ICalendar {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss", Locale.ROOT);
    private static final DateTimeFormatter UTC =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final String VTIMEZONE = """
            BEGIN:VTIMEZONE
            TZID:Europe/Paris
            BEGIN:DAYLIGHT
            TZOFFSETFROM:+0100
            TZOFFSETTO:+0200
            TZNAME:CEST
            DTSTART:19700329T020000
            RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
            END:DAYLIGHT
            BEGIN:STANDARD
            TZOFFSETFROM:+0200
            TZOFFSETTO:+0100
            TZNAME:CET
            DTSTART:19701025T030000
            RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
            END:STANDARD
            END:VTIMEZONE
            """;

    private final StringBuilder out = new StringBuilder(4096);
    private final String host;

    private ICalendar(String host) {
        this.host = host;
    }

    /**
     * @param name the calendar's display name
     * @param baseUrl absolute URL of the site, for the events' links
     */
    static String write(String name, List<Event> events, String baseUrl) {
        ICalendar cal = new ICalendar(java.net.URI.create(baseUrl).getHost());
        cal.line("BEGIN:VCALENDAR");
        cal.line("VERSION:2.0");
        cal.line("PRODID:-//Essor//Agenda du Mois de l'ESS//FR");
        cal.line("CALSCALE:GREGORIAN");
        cal.line("METHOD:PUBLISH");
        cal.property("X-WR-CALNAME", name);
        cal.line("X-WR-TIMEZONE:Europe/Paris");
        VTIMEZONE.lines().forEach(cal::line);
        for (Event event : events) {
            for (Occurrence o : event.occurrences()) {
                cal.event(event, o, baseUrl);
            }
        }
        cal.line("END:VCALENDAR");
        return cal.out.toString();
    }

    private void event(Event e, Occurrence o, String baseUrl) {
        String url = baseUrl + "/evenements/" + e.id() + "/" + e.slug();
        line("BEGIN:VEVENT");
        line("UID:event-" + e.id() + "-" + o.id() + "@" + (host == null ? "essor" : host));
        // the event's last change, not the download's time: the same calendar gives the same bytes (and ETag)
        line("DTSTAMP:" + UTC.format(e.updatedAt()));
        line("CREATED:" + UTC.format(e.createdAt()));
        line("LAST-MODIFIED:" + UTC.format(e.updatedAt()));
        line("SEQUENCE:" + e.sequence());
        line("DTSTART;TZID=Europe/Paris:" + LOCAL.format(paris(o.startsAt())));
        line("DTEND;TZID=Europe/Paris:" + LOCAL.format(paris(o.endsAt())));
        property("SUMMARY", e.title());
        StringBuilder description = new StringBuilder();
        if (e.statusReason() != null) {
            description.append(e.statusReason()).append("\n\n");
        }
        description.append(Markdown.toPlainText(e.description())).append("\n\n").append(url);
        property("DESCRIPTION", description.toString());
        String location = location(e);
        if (!location.isBlank()) {
            property("LOCATION", location);
        }
        if (e.inPerson() && e.venue().hasPoint()) {
            line("GEO:" + e.venue().latitude() + ";" + e.venue().longitude());
        }
        line("URL:" + url);
        property("CATEGORIES", e.type().code());
        line("STATUS:"
                + (e.status() == EventStatus.CANCELLED
                        ? "CANCELLED"
                        : e.status() == EventStatus.POSTPONED ? "TENTATIVE" : "CONFIRMED"));
        line("TRANSP:OPAQUE");
        line("END:VEVENT");
    }

    static String location(Event e) {
        StringBuilder s = new StringBuilder();
        if (e.inPerson()) {
            var v = e.venue();
            join(s, v.name());
            join(s, v.address());
            join(
                    s,
                    ((v.postcode() == null ? "" : v.postcode() + " ")
                                    + (v.communeName() == null ? "" : v.communeName()))
                            .strip());
        }
        if (e.online() && e.onlineUrl() != null) {
            join(s, e.onlineUrl());
        }
        return s.toString();
    }

    private static void join(StringBuilder s, String part) {
        if (part != null && !part.isBlank()) {
            if (!s.isEmpty()) {
                s.append(", ");
            }
            s.append(part);
        }
    }

    private static ZonedDateTime paris(ZonedDateTime t) {
        return t.withZoneSameInstant(fr.essor.EssorApplication.ZONE);
    }

    private void property(String name, String text) {
        line(name + ":" + escape(text));
    }

    static String escape(String text) {
        return text.replace("\\", "\\\\")
                .replace(";", "\\;")
                .replace(",", "\\,")
                .replace("\r\n", "\n")
                .replace("\r", "\n")
                .replace("\n", "\\n");
    }

    /** Appends a content line folded at 75 octets without splitting a UTF-8 character (RFC 5545 § 3.1). */
    private void line(String content) {
        int octets = 0;
        int i = 0;
        while (i < content.length()) {
            int cp = content.codePointAt(i);
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (octets + size > 75) {
                out.append("\r\n ");
                octets = 1;
            }
            out.appendCodePoint(cp);
            octets += size;
            i += Character.charCount(cp);
        }
        out.append("\r\n");
    }
}
