package fr.essor.agenda.web;

import static org.assertj.core.api.Assertions.assertThat;

import fr.essor.agenda.Agenda;
import fr.essor.agenda.Event;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What organizers type reaches spreadsheets and pages as text: a CSV field that a spreadsheet would
 * run as a formula is neutralised, and the JSON-LD holds no {@code <} that could end its script.
 */
class OpenDataEscapingTests extends AgendaWebTestSupport {

    @Autowired
    Agenda agenda;

    @Test
    void csvFieldsThatLookLikeFormulasAreNeutralisedButNumbersStayNumbers() {
        assertThat(Feeds.csvField("=HYPERLINK(\"http://exemple.test\";\"clic\")"))
                .startsWith("\"'=HYPERLINK(");
        assertThat(Feeds.csvField("+33 4 67 00 00 00")).isEqualTo("'+33 4 67 00 00 00");
        assertThat(Feeds.csvField("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(Feeds.csvField("-cmd")).isEqualTo("'-cmd");
        assertThat(Feeds.csvField("-1.55")).isEqualTo("-1.55");
        assertThat(Feeds.csvField("43.61")).isEqualTo("43.61");
        assertThat(Feeds.csvField("Atelier vélo")).isEqualTo("Atelier vélo");
    }

    @Test
    void jsonLdHoldsNoAngleBracketWhateverTheTitle() {
        Event e = agenda.event(ids.get("economie")).orElseThrow();
        Event hostile = new Event(
                e.id(),
                e.editionId(),
                e.editionYear(),
                "Forum </script><script>alert(1)</script>",
                e.summary(),
                "<!-- " + e.description(),
                e.descriptionHtml(),
                e.type(),
                e.themes(),
                e.audiences(),
                e.occurrences(),
                e.venue(),
                e.attendance(),
                e.onlineUrl(),
                e.free(),
                e.price(),
                e.registration(),
                e.registrationUrl(),
                e.accessibility(),
                e.organizer(),
                e.coOrganizers(),
                e.status(),
                e.statusReason(),
                e.imageUrl(),
                e.imageAlt(),
                e.demo(),
                e.sequence(),
                e.createdAt(),
                e.updatedAt(),
                e.slug());
        String json = JsonLd.of(hostile, "https://essor.example/evenements/1", "https://essor.example");
        assertThat(json).doesNotContain("<").contains("\\u003c/script>");
    }
}
