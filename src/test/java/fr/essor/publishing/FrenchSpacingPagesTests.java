package fr.essor.publishing;

import static fr.essor.publishing.PublishingFixtures.form;
import static fr.essor.publishing.PublishingFixtures.with;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * French spacing on the pages: what an organiser typed with ordinary spaces is shown with no-break ones before
 * « : ; ! ? », and the messages too; the form they edit it in, the code they quoted and the page's data for search
 * engines keep the text exactly as typed.
 */
class FrenchSpacingPagesTests extends PublishingTestSupport {

    private static final String TYPED = "Entrée : libre ; venez nombreux !\n\nLe code `a ? b : c` reste tel quel.";

    @Test
    void whatAnOrganiserTypedIsShownWithFrenchSpacesAndEditedAsTyped() {
        String title = "Matinée des espaces " + s;
        long version = create(with(form(structure, edition, title), "description", TYPED));

        String edit =
                organizer.get("/organisateur/versions/" + version + "/modifier").body();
        assertThat(edit)
                .contains(">Entrée : libre ; venez nombreux !\n\nLe code `a ? b : c` reste tel quel.</textarea>");

        submit(version);
        moderator.get("/moderation/versions/" + version);
        moderator.post("/moderation/versions/" + version + "/approuver", Map.of());
        assertThat(state(version)).isEqualTo("APPROVED");
        long event = jdbc.sql("select event_id from publishing.submission where id = ?")
                .param(version)
                .query(Long.class)
                .single();

        HttpResponse<String> redirect = get("/evenements/" + event);
        String page = get(redirect.headers()
                        .firstValue("Location")
                        .orElseThrow()
                        .replaceFirst("^https?://[^/]+", ""))
                .body();
        String prose = page.substring(page.indexOf("<div class=\"prose\">"));
        assertThat(prose.substring(0, prose.indexOf("</div>")))
                .contains("<p>Entrée\u00a0: libre\u00a0; venez nombreux\u00a0!</p>")
                .contains("<code>a ? b : c</code>");
        int data = page.indexOf("application/ld+json");
        String jsonLd = page.substring(data, page.indexOf("</script>", data));
        assertThat(jsonLd).contains("Entrée : libre ; venez nombreux !");
        // the API gives the text as typed
        assertThat(get("/api/v1/events/" + event).body()).contains("Entrée : libre ; venez nombreux !");
    }

    @Test
    void theMessagesAreSpacedOnThePagesNotInTheirAttributes() {
        String home = get("/").body();
        assertThat(home)
                .contains("de l’ESS\u00a0: publiez vos événements")
                .doesNotContain("de l’ESS : publiez vos événements")
                // attributes are not text that wraps on the page, and stay as written
                .contains("placeholder=\"par exemple : atelier réparation");
    }
}
