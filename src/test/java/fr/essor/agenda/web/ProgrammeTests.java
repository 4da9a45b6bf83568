package fr.essor.agenda.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import fr.essor.HttpTestSupport;
import fr.essor.WebUser;
import fr.essor.agenda.AgendaFixtures;
import fr.essor.identity.IdentityFixtures;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** "Mon programme": saved events, anonymously or with an account, and their private calendar feed. */
class ProgrammeTests extends HttpTestSupport {

    @Autowired
    AgendaFixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    Map<String, Long> events;

    @BeforeEach
    void setUp() {
        events = fixtures.ensure();
    }

    private String feedUrl(String page) {
        Matcher m = Pattern.compile("id=\"feed-url\">[^<]*(/programme/[A-Za-z0-9_-]+\\.ics)<")
                .matcher(page);
        assertThat(m.find()).as(page).isTrue();
        return m.group(1);
    }

    @Test
    void anAnonymousVisitorSavesEventsAndSubscribesToThem() {
        WebUser visitor = new WebUser(port);
        assertThat(visitor.get("/evenements/" + events.get("economie"))
                        .headers()
                        .allValues("Set-Cookie"))
                .as("the event page opens no session")
                .noneMatch(c -> c.startsWith("ESSOR_SESSION"));
        var added = visitor.postRaw("/programme/ajouter", Map.of("eventId", String.valueOf(events.get("economie"))));
        assertThat(WebUser.location(added)).isEqualTo("/programme");
        assertThat(added.headers().allValues("Set-Cookie"))
                .anyMatch(c -> c.startsWith("essor_programme=") && c.contains("HttpOnly"));
        visitor.postRaw("/programme/ajouter", Map.of("eventId", String.valueOf(events.get("atelier"))));
        visitor.postRaw("/programme/ajouter", Map.of("eventId", String.valueOf(events.get("atelier"))));
        String page = visitor.get("/programme").body();
        assertThat(page).contains("[economie]", "[atelier]");
        assertThat(visitor.get("/programme").headers().firstValue("Cache-Control"))
                .contains("no-store");

        visitor.postRaw("/programme/lien", Map.of());
        String feed = feedUrl(visitor.get("/programme").body());
        String ics = get(feed).body();
        assertThat(ics).contains("BEGIN:VCALENDAR", "[economie]", "[atelier]");
        assertThat(ics.split("BEGIN:VEVENT").length - 1)
                .as("one event per date: economie 1, atelier 2")
                .isEqualTo(3);

        visitor.postRaw("/programme/retirer", Map.of("eventId", String.valueOf(events.get("atelier"))));
        assertThat(get(feed).body()).contains("[economie]").doesNotContain("[atelier]");
        // a new address stops the old one
        visitor.postRaw("/programme/lien", Map.of());
        assertThat(get(feed).statusCode()).isEqualTo(404);
        assertThat(get("/programme/pas-un-jeton.ics").statusCode()).isEqualTo(404);
        // another visitor has their own, empty programme
        assertThat(new WebUser(port).get("/programme").body()).doesNotContain("[economie]");
    }

    @Test
    void aChangeAskedFromAnotherSiteIsRefused() {
        WebUser visitor = new WebUser(port);
        var crossSite = visitor.send(HttpRequest.newBuilder(URI.create(url("/programme/ajouter")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Sec-Fetch-Site", "cross-site")
                .POST(HttpRequest.BodyPublishers.ofString("eventId=" + events.get("economie")))
                .build());
        assertThat(crossSite.statusCode()).isEqualTo(403);
        var otherOrigin = visitor.send(HttpRequest.newBuilder(URI.create(url("/programme/ajouter")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", "https://attaquant.example")
                .POST(HttpRequest.BodyPublishers.ofString("eventId=" + events.get("economie")))
                .build());
        assertThat(otherOrigin.statusCode()).isEqualTo(403);
        assertThat(visitor.postRaw("/programme/ajouter", Map.of("eventId", "999999999"))
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void aSignedInPersonKeepsTheirProgrammeOnTheirAccount() {
        IdentityFixtures ids = new IdentityFixtures(jdbc);
        String email = "programme-" + System.nanoTime() + "@example.org";
        ids.organizer(email);
        WebUser person = ids.signIn(port, email);
        person.get("/programme");
        person.post("/programme/ajouter", Map.of("eventId", String.valueOf(events.get("webinaire"))));
        WebUser sameLater = ids.signIn(port, email);
        assertThat(sameLater.get("/programme").body()).contains("[webinaire]");
    }

    @Test
    void aSessionWaitingForItsSecondFactorIsAnonymousInTheProgramme() {
        IdentityFixtures ids = new IdentityFixtures(jdbc);
        String email = "programme-moderation-" + System.nanoTime() + "@example.org";
        long account = ids.moderator(email, "76", java.util.Set.of());
        WebUser halfway = new WebUser(port);
        var signIn = halfway.submit(
                "/connexion", "/connexion", Map.of("email", email, "password", IdentityFixtures.PASSWORD));
        assertThat(WebUser.location(signIn)).isEqualTo("/connexion/code");
        halfway.get("/programme");
        halfway.post("/programme/ajouter", Map.of("eventId", String.valueOf(events.get("webinaire"))));
        // saved, if at all, as an anonymous visitor's: nothing on the account before the code is given
        assertThat(jdbc.sql("select count(*) from agenda.programme where account_id = ?")
                        .param(account)
                        .query(Long.class)
                        .single())
                .isZero();
    }
}
