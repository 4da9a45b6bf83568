package fr.essor.publishing;

import static fr.essor.publishing.PublishingFixtures.form;
import static fr.essor.publishing.PublishingFixtures.versionId;
import static fr.essor.publishing.PublishingFixtures.with;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;

import fr.essor.HttpTestSupport;
import fr.essor.WebUser;
import fr.essor.agenda.AgendaFixtures;
import fr.essor.identity.IdentityFixtures;
import fr.essor.notification.Notifications;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The whole publishing path through the pages: an organizer writes and submits, a moderator of the
 * territory asks for changes then approves, the event is public; a new version stays private until
 * approved; cancellation reaches the feeds.
 */
class PublishingFlowTests extends HttpTestSupport {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AgendaFixtures agendaFixtures;

    @Autowired
    Notifications notifications;

    IdentityFixtures identities;
    long edition;

    @BeforeEach
    void setUp() {
        agendaFixtures.ensure();
        identities = new IdentityFixtures(jdbc);
        edition = PublishingFixtures.testEdition(jdbc);
    }

    private String state(long version) {
        return jdbc.sql("select state from publishing.submission where id = ?")
                .param(version)
                .query(String.class)
                .single();
    }

    private boolean mailed(String to, String subjectStart) {
        return notifications.localMailbox(500).stream()
                .anyMatch(m -> m.to().equals(to) && m.subject().startsWith(subjectStart));
    }

    @Test
    void anOrganizersEventIsPublishedOnceAModeratorOfItsTerritoryApprovesIt() {
        String suffix = String.valueOf(System.nanoTime());
        identities.organizer("orga-" + suffix + "@example.org");
        WebUser organizer = identities.signIn(port, "orga-" + suffix + "@example.org");
        long structure = PublishingFixtures.structure(organizer, "Coopérative des Arceaux " + suffix, "34172");

        String title = "Matinée des coopératives " + suffix;
        var created = organizer.submit(
                "/organisateur/evenements/nouveau",
                "/organisateur/evenements",
                with(form(structure, edition, title), "state", "APPROVED", "eventId", "1"));
        long version = versionId(WebUser.location(created));
        assertThat(state(version)).as("a posted state is ignored").isEqualTo("DRAFT");
        assertThat(organizer.get("/organisateur").body()).contains(title, "Brouillon");
        assertThat(get("/api/v1/events?edition=2031&q=" + suffix).body()).contains("\"totalItems\":0");

        assertThat(WebUser.location(organizer.submit(
                        "/organisateur/versions/" + version,
                        "/organisateur/versions/" + version + "/soumettre",
                        Map.of())))
                .isEqualTo("/organisateur/versions/" + version);
        assertThat(state(version)).isEqualTo("SUBMITTED");
        assertThat(mailed("orga-" + suffix + "@example.org", "Événement reçu")).isTrue();

        // a relay of Haute-Garonne does not see an event in Hérault
        identities.moderator("relais31-" + suffix + "@example.org", null, Set.of("31"));
        WebUser relay31 = identities.signIn(port, "relais31-" + suffix + "@example.org");
        assertThat(relay31.get("/moderation").body()).doesNotContain(title);
        assertThat(relay31.get("/moderation/versions/" + version).statusCode()).isEqualTo(404);
        assertThat(relay31.post("/moderation/versions/" + version + "/approuver", Map.of())
                        .statusCode())
                .isEqualTo(404);
        assertThat(state(version)).isEqualTo("SUBMITTED");

        identities.moderator("relais34-" + suffix + "@example.org", null, Set.of("34"));
        WebUser relay34 = identities.signIn(port, "relais34-" + suffix + "@example.org");
        assertThat(relay34.get("/moderation").body()).contains(title);
        relay34.get("/moderation/versions/" + version);
        var noMessage = relay34.post("/moderation/versions/" + version + "/modifications", Map.of("message", " "));
        assertThat(WebUser.location(noMessage)).isEqualTo("/moderation/versions/" + version);
        assertThat(relay34.get("/moderation/versions/" + version).body()).contains("le message est obligatoire");
        relay34.post(
                "/moderation/versions/" + version + "/modifications",
                Map.of("message", "Précisez l’adresse exacte, merci."));
        assertThat(state(version)).isEqualTo("CHANGES_REQUESTED");
        assertThat(mailed("orga-" + suffix + "@example.org", "Modifications demandées"))
                .isTrue();
        assertThat(organizer.get("/organisateur/versions/" + version).body())
                .contains("Précisez l’adresse exacte, merci.");

        var edited = organizer.submit(
                "/organisateur/versions/" + version + "/modifier",
                "/organisateur/versions/" + version,
                with(form(structure, edition, title), "venueAddress", "4 rue de la Coopération"));
        assertThat(WebUser.location(edited)).isEqualTo("/organisateur/versions/" + version);
        organizer.submit(
                "/organisateur/versions/" + version, "/organisateur/versions/" + version + "/soumettre", Map.of());
        relay34.get("/moderation/versions/" + version);
        assertThat(WebUser.location(relay34.post("/moderation/versions/" + version + "/approuver", Map.of())))
                .isEqualTo("/moderation");
        assertThat(state(version)).isEqualTo("APPROVED");
        assertThat(mailed("orga-" + suffix + "@example.org", "Événement publié"))
                .isTrue();

        var api = get("/api/v1/events?edition=2031&q=" + suffix);
        assertThat(api.body())
                .contains("\"totalItems\":1", title, "Coopérative des Arceaux " + suffix, "4 rue de la Coopération");
        assertThat(get("/agenda.ics?edition=2031").body())
                .contains("Matinée des coopératives " + suffix.substring(0, 5));
        long eventId = jdbc.sql("select event_id from publishing.submission where id = ?")
                .param(version)
                .query(Long.class)
                .single();
        assertThat(jdbc.sql("select structure_id from agenda.event where id = ?")
                        .param(eventId)
                        .query(Long.class)
                        .single())
                .isEqualTo(structure);

        // a new version stays private until approved, and the moderator sees what it changes
        var revise = organizer.submit(
                "/organisateur/versions/" + version,
                "/organisateur/evenements/" + eventId + "/nouvelle-version",
                Map.of());
        long second = versionId(WebUser.location(revise));
        organizer.submit(
                "/organisateur/versions/" + second + "/modifier",
                "/organisateur/versions/" + second,
                with(
                        form(structure, edition, title + " (nouvel horaire)"),
                        "venueAddress",
                        "4 rue de la Coopération",
                        "dateStart",
                        "14:00",
                        "dateEnd",
                        "17:00"));
        organizer.submit(
                "/organisateur/versions/" + second, "/organisateur/versions/" + second + "/soumettre", Map.of());
        assertThat(get("/api/v1/events/" + eventId).body()).contains(title).doesNotContain("nouvel horaire");
        int sequence = jdbc.sql("select sequence from agenda.event where id = ?")
                .param(eventId)
                .query(Integer.class)
                .single();
        String diff = relay34.get("/moderation/versions/" + second).body();
        assertThat(diff)
                .contains(
                        "Modifications par rapport à la version publiée",
                        "nouvel horaire",
                        "10:00–12:00",
                        "14:00–17:00");
        relay34.post("/moderation/versions/" + second + "/approuver", Map.of());
        assertThat(get("/api/v1/events/" + eventId).body()).contains("nouvel horaire");
        assertThat(jdbc.sql("select sequence from agenda.event where id = ?")
                        .param(eventId)
                        .query(Integer.class)
                        .single())
                .isGreaterThan(sequence);

        // cancelling needs a reason, and reaches the calendars
        organizer.get("/organisateur/versions/" + second);
        var noReason = organizer.post(
                "/organisateur/evenements/" + eventId + "/statut",
                Map.of("status", "CANCELLED", "reason", "", "version", String.valueOf(second)));
        assertThat(organizer.get(WebUser.location(noReason)).body()).contains("Indiquez le motif");
        organizer.post(
                "/organisateur/evenements/" + eventId + "/statut",
                Map.of(
                        "status",
                        "CANCELLED",
                        "reason",
                        "Salle indisponible, nous reviendrons.",
                        "version",
                        String.valueOf(second)));
        assertThat(get("/evenements/" + eventId + "/calendrier.ics").body())
                .contains("STATUS:CANCELLED", "Salle indisponible");
        assertThat(mailed("orga-" + suffix + "@example.org", "Événement annulé"))
                .isTrue();

        // the audit trail tells who did what
        String audit = relay34.get("/moderation/journal").body();
        assertThat(audit)
                .contains(
                        "a demandé des modifications",
                        "a approuvé et publié",
                        "a annoncé l’annulation",
                        "Salle indisponible, nous reviendrons.");
    }

    @Test
    void everyBadFieldIsAnsweredNextToItAndNothingIsSaved() {
        String suffix = String.valueOf(System.nanoTime());
        identities.organizer("champs-" + suffix + "@example.org");
        WebUser organizer = identities.signIn(port, "champs-" + suffix + "@example.org");
        long structure = PublishingFixtures.structure(organizer, "Association Champs " + suffix, "31555");
        long before = jdbc.sql("select count(*) from publishing.submission")
                .query(Long.class)
                .single();

        var bad = organizer.submit(
                "/organisateur/evenements/nouveau",
                "/organisateur/evenements",
                with(
                        form(structure, edition, "x"),
                        "summary",
                        "court",
                        "type",
                        "BANQUET",
                        "themes",
                        null,
                        "dateDay",
                        "2031-12-25",
                        "attendance",
                        "HYBRID",
                        "onlineUrl",
                        "javascript:alert(1)",
                        "free",
                        null,
                        "price",
                        "",
                        "registration",
                        "EXTERNAL",
                        "commune",
                        "Atlantide"));
        assertThat(bad.statusCode()).isEqualTo(200);
        assertThat(bad.body())
                .contains(
                        "Le titre doit compter",
                        "Le résumé doit compter",
                        "Choisissez le type",
                        "Choisissez de 1 à 4 thèmes",
                        "pendant l’édition choisie",
                        "Indiquez le lien de connexion",
                        "Indiquez le prix",
                        "Indiquez le lien d’inscription",
                        "Cette commune est introuvable");
        var inverted = organizer.post(
                "/organisateur/evenements",
                with(form(structure, edition, "Heures inversées"), "dateStart", "12:00", "dateEnd", "10:00"));
        assertThat(inverted.body()).contains("L’heure de fin doit suivre l’heure de début");
        var garbled = organizer.post(
                "/organisateur/evenements", with(form(structure, edition, "Date illisible"), "dateDay", "14/11/2030"));
        assertThat(garbled.body()).contains("Chaque date demande un jour");
        var someoneElses =
                organizer.post("/organisateur/evenements", form(999_999, edition, "Pour une autre structure"));
        assertThat(someoneElses.body()).contains("Choisissez une de vos structures");
        assertThat(jdbc.sql("select count(*) from publishing.submission")
                        .query(Long.class)
                        .single())
                .isEqualTo(before);
    }
}
