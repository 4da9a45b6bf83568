package fr.essor.agenda.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import fr.essor.agenda.Event;
import fr.essor.agenda.Occurrence;

/** "Add to my calendar" links for the web calendars that take an event in their URL. */
final class CalendarLinks {

    private static final DateTimeFormatter GOOGLE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private CalendarLinks() {}

    static String google(Event e, Occurrence o, String url) {
        return "https://calendar.google.com/calendar/render?action=TEMPLATE&text=" + enc(e.title()) + "&dates="
                + GOOGLE.format(o.startsAt()) + "/" + GOOGLE.format(o.endsAt()) + "&details="
                + enc(e.summary() + "\n\n" + url) + "&location=" + enc(ICalendar.location(e))
                + "&ctz=Europe/Paris";
    }

    static String outlook(Event e, Occurrence o, String url) {
        return "https://outlook.live.com/calendar/0/deeplink/compose?path=/calendar/action/compose&rru=addevent"
                + "&subject=" + enc(e.title()) + "&startdt="
                + enc(o.startsAt().toOffsetDateTime().toString())
                + "&enddt=" + enc(o.endsAt().toOffsetDateTime().toString()) + "&body="
                + enc(e.summary() + "\n\n" + url) + "&location=" + enc(ICalendar.location(e));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
