package fr.essor.agenda.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.net.http.HttpResponse;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;

import fr.essor.agenda.EventStatus;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;

/** iCalendar, RSS, CSV and JSON feeds, read back by independent parsers. */
class FeedsTests extends AgendaWebTestSupport {

    private Calendar calendar(String path) throws Exception {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .get()
                .asString()
                .startsWith("text/calendar");
        // RFC 5545: CRLF line endings, no line longer than 75 octets
        assertThat(response.body()).contains("\r\n");
        assertThat(response.body().split("\r\n"))
                .allSatisfy(line -> assertThat(line.getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                        .isLessThanOrEqualTo(75));
        Calendar calendar = new CalendarBuilder().build(new StringReader(response.body()));
        calendar.validate();
        return calendar;
    }

    private static String prop(Component c, String name) {
        return c.getProperty(name).map(Property::getValue).orElse(null);
    }

    @Test
    void calendarOfAFilteredListIsValidRfc5545() throws Exception {
        Calendar calendar = calendar("/agenda.ics?edition=2030&departement=31");
        assertThat(calendar.getComponents(Component.VTIMEZONE))
                .singleElement()
                .satisfies(tz -> assertThat(prop((VTimeZone) tz, "TZID")).isEqualTo("Europe/Paris"));
        List<VEvent> events = calendar.getComponents(Component.VEVENT);
        // the atelier has two dates, the webinaire one: one VEVENT per date
        assertThat(events).hasSize(3);
        assertThat(events).allSatisfy(e -> {
            assertThat(prop(e, "UID")).isNotBlank();
            assertThat(prop(e, "DTSTAMP")).endsWith("Z");
            assertThat(prop(e, "SEQUENCE")).isNotNull();
        });
        assertThat(events.stream().map(e -> prop(e, "UID")).distinct()).hasSize(3);
        VEvent atelier = events.stream()
                .filter(e -> prop(e, "SUMMARY").startsWith("[atelier]"))
                .findFirst()
                .orElseThrow();
        assertThat(atelier.getProperty("DTSTART")
                        .orElseThrow()
                        .getParameter("TZID")
                        .orElseThrow()
                        .getValue())
                .isEqualTo("Europe/Paris");
        assertThat(prop(atelier, "DTSTART")).isEqualTo("20301112T140000");
        assertThat(prop(atelier, "DTEND")).isEqualTo("20301112T170000");
        assertThat(prop(atelier, "LOCATION")).contains("Salle des fêtes").contains("Toulouse");
        assertThat(prop(atelier, "STATUS")).isEqualTo("CONFIRMED");
        assertThat(prop(atelier, "URL")).contains("/evenements/" + ids.get("atelier"));
    }

    @Test
    void cancelledEventsAreCancelledAndEveryChangeRaisesTheSequence() throws Exception {
        VEvent sete = (VEvent) calendar("/evenements/" + ids.get("sete") + "/calendrier.ics")
                .getComponents(Component.VEVENT)
                .getFirst();
        assertThat(prop(sete, "STATUS")).isEqualTo("CANCELLED");
        assertThat(prop(sete, "DESCRIPTION")).contains("Annulé pour les besoins du test");

        long id = ids.get("nantes");
        int before = Integer.parseInt(prop(
                calendar("/evenements/" + id + "/calendrier.ics")
                        .getComponents(Component.VEVENT)
                        .getFirst(),
                "SEQUENCE"));
        fixtures.changeStatus(id, EventStatus.POSTPONED, "Reporté pour les besoins du test");
        VEvent postponed = (VEvent) calendar("/evenements/" + id + "/calendrier.ics")
                .getComponents(Component.VEVENT)
                .getFirst();
        assertThat(Integer.parseInt(prop(postponed, "SEQUENCE"))).isGreaterThan(before);
        fixtures.changeStatus(id, EventStatus.SCHEDULED, null);
        VEvent back = (VEvent) calendar("/evenements/" + id + "/calendrier.ics")
                .getComponents(Component.VEVENT)
                .getFirst();
        assertThat(Integer.parseInt(prop(back, "SEQUENCE")))
                .isGreaterThan(Integer.parseInt(prop(postponed, "SEQUENCE")));
        assertThat(prop(back, "STATUS")).isEqualTo("CONFIRMED");
    }

    @Test
    void feedsCanBeCachedAndRevalidated() {
        HttpResponse<String> first = get("/agenda.ics?edition=2030");
        assertThat(first.headers().firstValue("Cache-Control")).get().asString().contains("max-age=300");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = get("/agenda.ics?edition=2030", "If-None-Match", etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(get("/agenda").headers().firstValue("Cache-Control"))
                .get()
                .asString()
                .isEqualTo("no-cache");
    }

    @Test
    void wholeDemoAgendaIsAValidCalendar() throws Exception {
        Calendar calendar = calendar("/agenda.ics?edition=2019");
        assertThat(calendar.getComponents(Component.VEVENT).size()).isGreaterThanOrEqualTo(200);
    }

    @Test
    void rssListsTheFilteredEvents() throws Exception {
        HttpResponse<String> response = get("/agenda.rss?edition=2030&free=true");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .get()
                .asString()
                .startsWith("application/rss+xml");
        Document doc = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new InputSource(new StringReader(response.body())));
        assertThat(doc.getDocumentElement().getAttribute("version")).isEqualTo("2.0");
        NodeList items = doc.getElementsByTagName("item");
        assertThat(items.getLength()).isEqualTo(4);
        assertThat(doc.getElementsByTagName("title").item(1).getTextContent()).startsWith("[economie]");
        assertThat(doc.getElementsByTagName("pubDate").getLength()).isEqualTo(4);
    }

    @Test
    void csvExportQuotesFieldsAndKeepsOneRowPerEvent() {
        HttpResponse<String> response = get("/agenda.csv?edition=2030");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .get()
                .asString()
                .startsWith("text/csv");
        assertThat(response.headers().firstValue("Content-Disposition"))
                .get()
                .asString()
                .contains("attachment");
        String[] lines = response.body().split("\r\n");
        assertThat(lines[0]).startsWith("id,url,edition,title,summary,type");
        assertThat(lines).hasSize(6);
        // the summary holds commas and quotes: it is quoted
        assertThat(response.body()).contains("\"Résumé de atelier, avec « guillemets » et virgules.\"");
    }

    @Test
    void jsonExportGivesTheSameEventsAsTheApi() {
        HttpResponse<String> response = get("/agenda.json?edition=2030&type=atelier");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode array = JsonMapper.builder().build().readTree(response.body());
        assertThat(array.isArray()).isTrue();
        assertThat(array.size()).isEqualTo(1);
        assertThat(array.get(0).get("id").asLong()).isEqualTo(ids.get("atelier"));
    }

    @Test
    void feedsRejectBadFiltersLikeTheApi() {
        for (String path : List.of(
                "/agenda.ics?from=hier",
                "/agenda.rss?type=concert",
                "/agenda.csv?departement=00",
                "/agenda.json?near=x")) {
            HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type"))
                    .get()
                    .asString()
                    .startsWith("application/problem+json");
        }
        assertThat(get("/evenements/424242424/calendrier.ics").statusCode()).isEqualTo(404);
    }
}
