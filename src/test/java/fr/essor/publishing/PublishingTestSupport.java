package fr.essor.publishing;

import static fr.essor.publishing.PublishingFixtures.versionId;

import java.util.Map;
import java.util.Set;

import fr.essor.HttpTestSupport;
import fr.essor.WebUser;
import fr.essor.agenda.AgendaFixtures;
import fr.essor.identity.IdentityFixtures;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An organizer with a structure in Montpellier and a moderator of Occitanie, both signed in, fresh
 * for each test, and the test edition (2031) to publish in.
 */
abstract class PublishingTestSupport extends HttpTestSupport {

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    AgendaFixtures agendaFixtures;

    IdentityFixtures ids;
    WebUser organizer;
    WebUser moderator;
    long structure;
    long edition;
    /** A suffix that makes this test's names unique in the shared test database. */
    String s;

    @BeforeEach
    void signInOrganizerAndModerator() {
        agendaFixtures.ensure();
        ids = new IdentityFixtures(jdbc);
        s = Long.toString(System.nanoTime(), 36);
        ids.organizer("orga-" + s + "@example.org");
        ids.moderator("mod-" + s + "@example.org", "76", Set.of());
        organizer = ids.signIn(port, "orga-" + s + "@example.org");
        moderator = ids.signIn(port, "mod-" + s + "@example.org");
        structure = PublishingFixtures.structure(organizer, "Structure " + s, "34172");
        edition = PublishingFixtures.testEdition(jdbc);
    }

    long create(Map<String, String> fields) {
        organizer.get("/organisateur/evenements/nouveau");
        return versionId(WebUser.location(organizer.post("/organisateur/evenements", fields)));
    }

    void submit(long version) {
        organizer.submit(
                "/organisateur/versions/" + version, "/organisateur/versions/" + version + "/soumettre", Map.of());
    }

    String state(long version) {
        return jdbc.sql("select state from publishing.submission where id = ?")
                .param(version)
                .query(String.class)
                .single();
    }
}
