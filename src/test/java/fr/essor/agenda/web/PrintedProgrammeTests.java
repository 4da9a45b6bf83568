package fr.essor.agenda.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The printed programme: the list's events of a filter, day by day, in a PDF, and its bad filters. */
class PrintedProgrammeTests extends AgendaWebTestSupport {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private HttpResponse<byte[]> pdf(String query) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url("/agenda/programme.pdf" + query)))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String text(byte[] pdf) throws IOException {
        try (var document = Loader.loadPDF(pdf)) {
            // French spacing makes some spaces unbreakable (U+00A0): read here as any other space
            return new PDFTextStripper().getText(document).replaceAll("[\\s\\u00a0]+", " ");
        }
    }

    @Test
    void aDepartementsProgrammeHasEachOfItsEventsAtEachOfTheirDates() throws Exception {
        HttpResponse<byte[]> answer = pdf("?edition=2030&departement=34");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(answer.headers().firstValue("Cache-Control")).hasValue("public, max-age=300");
        String text = text(answer.body());
        assertThat(text).contains("Mois de l'ESS 2030", "Hérault (34)");
        JsonNode events =
                JSON.readTree(get("/api/v1/events?edition=2030&departement=34").body());
        JsonNode others = JSON.readTree(get("/api/v1/events?edition=2030").body());
        assertThat(events.get("totalItems").asInt())
                .isPositive()
                .isLessThan(others.get("totalItems").asInt());
        for (JsonNode event : events.get("items")) {
            String title = event.get("title").asString();
            // each date under its day, with the event's page
            assertThat(text.split(java.util.regex.Pattern.quote(title), -1))
                    .as(title)
                    .hasSize(event.get("dates").size() + 1);
            assertThat(text).contains("/evenements/" + event.get("id").asLong());
        }
        for (JsonNode event : others.get("items")) {
            if (!event.path("venue").path("departement").asString("").equals("34")) {
                assertThat(text).doesNotContain(event.get("title").asString());
            }
        }
        // a cancelled event says so
        assertThat(text).contains("Annulé");
    }

    @Test
    void theFirstDayOfNovemberIsADayOfTheProgramme() throws Exception {
        // the demonstration's 2019 edition opens on Friday 1 November 2019
        String text = text(pdf("?edition=2019&departement=34").body());
        assertThat(text).contains("Vendredi 1er novembre 2019");
        assertThat(text.indexOf("Vendredi 1er novembre 2019")).isLessThan(text.indexOf("Samedi 2 novembre 2019"));
    }

    @Test
    void badFiltersAreProblems() throws Exception {
        HttpResponse<byte[]> answer = pdf("?departement=999");
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        assertThat(pdf("?from=2030-13-01").statusCode()).isEqualTo(400);
    }
}
