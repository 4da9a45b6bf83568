package fr.essor.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import fr.essor.HttpTestSupport;
import fr.essor.WebUser;
import fr.essor.agenda.AgendaFixtures;
import fr.essor.agenda.store.EventRepository;
import fr.essor.directory.LegalFamily;
import fr.essor.directory.Structures;
import fr.essor.directory.TestSirets;
import fr.essor.identity.IdentityFixtures;
import fr.essor.identity.Memberships;
import fr.essor.notification.Notifications;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** An organizer sets the seats, sees the attendees, exports them, adds and checks people in. */
class AttendeePagesTests extends HttpTestSupport {

    @Autowired
    Registrations registrations;

    @Autowired
    Offers offers;

    @Autowired
    EventRepository events;

    @Autowired
    AgendaFixtures agenda;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Structures structures;

    @Autowired
    Memberships memberships;

    @Autowired
    Notifications notifications;

    RegistrationFixtures fixtures;
    WebUser organizer;
    long event;
    long date;
    String s;

    @BeforeEach
    void setUp() {
        fixtures = new RegistrationFixtures(events, offers, agenda, jdbc);
        s = Long.toString(System.nanoTime(), 36);
        IdentityFixtures ids = new IdentityFixtures(jdbc);
        long account = ids.organizer("accueil-" + s + "@example.org");
        var structure = structures.register(new Structures.Registration(
                "Tiers-lieu " + s, TestSirets.next(), LegalFamily.ASSOCIATION, "34172", null));
        memberships.join(account, structure.id());
        event = fixtures.event("Visite à places comptées " + s, true, 2, 1);
        events.assignStructure(event, structure.id());
        date = fixtures.occurrences(event).getFirst();
        organizer = ids.signIn(port, "accueil-" + s + "@example.org");
    }

    private String status(String email) {
        return jdbc.sql("select status from registration.registration where email = ?")
                .param(email)
                .query(String.class)
                .single();
    }

    @Test
    void seatsAttendeesExportMessageAndCheckIn() {
        registrations.register(fixtures.request(event, "a-" + s + "@example.org", 1));
        registrations.register(fixtures.request(event, "b-" + s + "@example.org", 1));
        assertThat(status("b-" + s + "@example.org")).isEqualTo("WAITLISTED");

        String overview = organizer
                .get("/organisateur/evenements/" + event + "/inscriptions")
                .body();
        assertThat(overview).contains("Places par date", "1 / 1");
        var bad = organizer.post(
                "/organisateur/evenements/" + event + "/inscriptions",
                Map.of("maxSeats", "0", "capacity-" + date, "2", "waitlist", "true"));
        assertThat(bad.body()).contains("entre 1 et 50");
        organizer.get("/organisateur/evenements/" + event + "/inscriptions");
        organizer.post(
                "/organisateur/evenements/" + event + "/inscriptions",
                Map.of("maxSeats", "2", "capacity-" + date, "2", "waitlist", "true"));
        assertThat(status("b-" + s + "@example.org"))
                .as("a larger capacity serves the waitlist")
                .isEqualTo("PENDING_CONFIRMATION");

        organizer.get("/organisateur/dates/" + date + "/inscrits");
        organizer.post(
                "/organisateur/dates/" + date + "/inscrits",
                Map.of("name", "=HYPERLINK(\"x\")", "email", "c-" + s + "@example.org", "seats", "1"));
        assertThat(status("c-" + s + "@example.org")).as("full: the waitlist").isEqualTo("WAITLISTED");
        String list = organizer.get("/organisateur/dates/" + date + "/inscrits").body();
        assertThat(list).contains("a-" + s + "@example.org", "b-" + s + "@example.org", "liste d’attente");
        String csv =
                organizer.get("/organisateur/dates/" + date + "/inscrits.csv").body();
        assertThat(csv).contains("nom;adresse;places;etat", "a-" + s + "@example.org", "'=HYPERLINK");

        // confirm a, then check a in
        jdbc.sql("update registration.registration set status = 'CONFIRMED' where email = ?")
                .param("a-" + s + "@example.org")
                .update();
        String page = organizer
                .get("/organisateur/dates/" + date + "/accueil?q=Personne")
                .body();
        assertThat(page).contains("0 présent sur 1 inscrit confirmé");
        String id = jdbc.sql("select id::text from registration.registration where email = ?")
                .param("a-" + s + "@example.org")
                .query(String.class)
                .single();
        organizer.post("/organisateur/dates/" + date + "/accueil/" + id, Map.of("present", "true", "q", ""));
        assertThat(organizer.get("/organisateur/dates/" + date + "/accueil").body())
                .contains("1 présent sur 1 inscrit confirmé");

        organizer.get("/organisateur/dates/" + date + "/inscrits");
        organizer.post(
                "/organisateur/dates/" + date + "/message",
                Map.of("subject", "Lieu de rendez-vous", "body", "Devant la porte verte."));
        assertThat(notifications.localMailbox(500)).anySatisfy(m -> {
            assertThat(m.to()).isEqualTo("a-" + s + "@example.org");
            assertThat(m.subject()).isEqualTo("Lieu de rendez-vous");
        });

        // someone else's dates are not found
        new IdentityFixtures(jdbc).organizer("autre-" + s + "@example.org");
        WebUser other = new IdentityFixtures(jdbc).signIn(port, "autre-" + s + "@example.org");
        assertThat(other.get("/organisateur/dates/" + date + "/inscrits").statusCode())
                .isEqualTo(404);
        assertThat(other.get("/organisateur/dates/" + date + "/inscrits.csv").statusCode())
                .isEqualTo(404);
        assertThat(other.get("/organisateur/evenements/" + event + "/inscriptions")
                        .statusCode())
                .isEqualTo(404);
        other.get("/organisateur");
        assertThat(other.post("/organisateur/dates/" + date + "/accueil/" + id, Map.of("present", "false"))
                        .statusCode())
                .isEqualTo(404);
        assertThat(WebUser.location(new WebUser(port).get("/organisateur/dates/" + date + "/accueil")))
                .isEqualTo("/connexion");
    }

    @Test
    void messagesSpareWhoeverStoppedThemAndAStructureSendsAFewADay() {
        organizer.get("/organisateur/evenements/" + event + "/inscriptions");
        organizer.post(
                "/organisateur/evenements/" + event + "/inscriptions",
                Map.of("maxSeats", "2", "capacity-" + date, "10", "waitlist", "true"));
        // added by hand: told so, with a way to stop the organizer's messages
        organizer.get("/organisateur/dates/" + date + "/inscrits");
        organizer.post(
                "/organisateur/dates/" + date + "/inscrits",
                Map.of("name", "Ajoutée", "email", "main-" + s + "@example.org", "seats", "1"));
        organizer.get("/organisateur/dates/" + date + "/inscrits");
        organizer.post(
                "/organisateur/dates/" + date + "/inscrits",
                Map.of("name", "Gardée", "email", "garde-" + s + "@example.org", "seats", "1"));
        var added = notifications.localMailbox(500).stream()
                .filter(m -> m.to().equals("main-" + s + "@example.org"))
                .findFirst()
                .orElseThrow();
        assertThat(added.body()).contains("L’organisateur vous a inscrit", "ne plus recevoir ses messages");
        String manage = added.body().replaceAll("(?s).*(/inscriptions/[0-9a-f-]{36}\\?jeton=[A-Za-z0-9_-]+).*", "$1");
        WebUser person = new WebUser(port);
        assertThat(person.get(manage).body()).contains("Ne plus recevoir les messages de l’organisateur");
        person.post(
                manage.substring(0, manage.indexOf('?')),
                Map.of("jeton", manage.substring(manage.indexOf('=') + 1), "action", "stop-messages"));
        assertThat(person.get(manage).body()).contains("Vous ne recevrez plus les messages");
        assertThat(status("main-" + s + "@example.org")).isEqualTo("CONFIRMED");

        for (int i = 1; i <= 6; i++) {
            organizer.get("/organisateur/dates/" + date + "/inscrits");
            var answer = organizer.post(
                    "/organisateur/dates/" + date + "/message",
                    Map.of("subject", "Consigne " + i + " " + s, "body", "Apportez des gants."));
            if (i == 6) {
                assertThat(organizer.get(WebUser.location(answer)).body()).contains("réessayez demain");
            }
        }
        var messages = notifications.localMailbox(500).stream()
                .filter(m -> m.subject().startsWith("Consigne ") && m.subject().endsWith(s))
                .toList();
        assertThat(messages).allSatisfy(m -> {
            assertThat(m.to()).isEqualTo("garde-" + s + "@example.org");
            assertThat(m.body()).contains("/inscriptions/", "ne plus recevoir les messages");
        });
        assertThat(messages).as("five messages a day per structure").hasSize(5);
    }

    @Test
    void theOrganizersQuestionsAreAskedAndTheirAnswersListed() {
        organizer.get("/organisateur/evenements/" + event + "/inscriptions");
        var tooMany = organizer.post(
                "/organisateur/evenements/" + event + "/inscriptions",
                Map.of("maxSeats", "2", "capacity-" + date, "5", "waitlist", "true", "questions", "a\nb\nc\nd\ne\nf"));
        assertThat(tooMany.body()).contains("5 questions au plus");
        organizer.get("/organisateur/evenements/" + event + "/inscriptions");
        organizer.post(
                "/organisateur/evenements/" + event + "/inscriptions",
                Map.of(
                        "maxSeats",
                        "2",
                        "capacity-" + date,
                        "5",
                        "waitlist",
                        "true",
                        "questions",
                        "Régime alimentaire ?\nBesoin d’un accompagnement ?"));

        WebUser visitor = new WebUser(port);
        String form = visitor.get("/evenements/" + event + "/inscription").body();
        assertThat(form).contains("Régime alimentaire\u00a0?", "name=\"answer1\"");
        var sent = visitor.post(
                "/evenements/" + event + "/inscription",
                Map.of(
                        "dateId",
                        String.valueOf(date),
                        "name",
                        "Eden",
                        "email",
                        "q-" + s + "@example.org",
                        "seats",
                        "1",
                        "consent",
                        "true",
                        "answer0",
                        "végétarien",
                        "answer1",
                        ""));
        assertThat(WebUser.location(sent)).endsWith("/inscription/envoyee");
        registrations.register(new Registrations.Request(
                event,
                date,
                "API",
                "api-q-" + s + "@example.org",
                1,
                Map.of("Régime alimentaire ?", "sans gluten", "Question inventée", "pirate"),
                false,
                Registrations.Source.API));

        String list = organizer.get("/organisateur/dates/" + date + "/inscrits").body();
        assertThat(list).contains("végétarien", "sans gluten").doesNotContain("pirate");
        String csv =
                organizer.get("/organisateur/dates/" + date + "/inscrits.csv").body();
        assertThat(csv).contains("Régime alimentaire ?", "végétarien").doesNotContain("Question inventée");
    }
}
