package fr.essor.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import fr.essor.HttpTestSupport;
import fr.essor.WebUser;
import fr.essor.agenda.AgendaFixtures;
import fr.essor.agenda.programme.Programmes;
import fr.essor.agenda.store.EventRepository;
import fr.essor.identity.IdentityFixtures;
import fr.essor.notification.Notifications;
import fr.essor.registration.Offers;
import fr.essor.registration.Registrations;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A person gets everything kept about their address, then has it erased; the counts stay right. */
class PrivacyTests extends HttpTestSupport {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AgendaFixtures agenda;

    @Autowired
    EventRepository events;

    @Autowired
    Registrations registrations;

    @Autowired
    Offers offers;

    @Autowired
    Notifications notifications;

    @Autowired
    Programmes programmes;

    private long event(int capacity) {
        long id = agenda.registrationEvent("Atelier RGPD " + System.nanoTime(), LocalDateTime.of(2031, 11, 22, 10, 0));
        long date = agenda.onlyDate(id);
        offers.offer(id, 1, true, List.of(new Offers.DateCapacity(date, capacity)), List.of("regime"));
        return id;
    }

    private String link(String to) {
        var mail = notifications.localMailbox(500).stream()
                .filter(m -> m.to().equals(to) && m.subject().equals("Vos données sur Essor"))
                .findFirst()
                .orElseThrow();
        Matcher m = Pattern.compile("jeton=([A-Za-z0-9_-]+)").matcher(mail.body());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    @Test
    void exportsEverythingKeptThenErasesItKeepingTheCounts() {
        String email = "rgpd-" + System.nanoTime() + "@example.org";
        long account = new IdentityFixtures(jdbc).organizer(email);
        long event = event(1);
        programmes.add(programmes.programmeFor(account, null).id(), event);
        registrations.register(new Registrations.Request(
                event,
                null,
                "Personne RGPD",
                email,
                1,
                Map.of("regime", "végétarien"),
                true,
                Registrations.Source.PUBLIC));
        String next = "suivante-" + System.nanoTime() + "@example.org";
        registrations.register(new Registrations.Request(
                event, null, "Suivante", next, 1, Map.of(), true, Registrations.Source.PUBLIC));

        WebUser person = new WebUser(port);
        var sent = person.submit("/mes-donnees", "/mes-donnees", Map.of("email", email));
        assertThat(sent.body()).contains("Un lien valable une heure");
        var unknown = new WebUser(port).submit("/mes-donnees", "/mes-donnees", Map.of("email", "inconnue@example.org"));
        assertThat(unknown.body()).as("the same answer for an unknown address").contains("Un lien valable une heure");
        String token = link(email);
        assertThat(person.get("/mes-donnees/acces?jeton=" + token).body()).contains("Télécharger mes données");

        var export = person.post("/mes-donnees/export", Map.of("jeton", token));
        assertThat(export.headers().firstValue("Content-Disposition").orElse(""))
                .startsWith("attachment");
        assertThat(export.body())
                .contains(
                        "\"inscriptions\"",
                        "\"compte\"",
                        "\"courriels\"",
                        "registration-held",
                        "Personne RGPD",
                        "végétarien",
                        email)
                .doesNotContain("password_hash", "\\$2a\\$");

        person.get("/mes-donnees/acces?jeton=" + token);
        assertThat(person.post("/mes-donnees/effacer", Map.of("jeton", token)).body())
                .contains("Cochez la case");
        person.get("/mes-donnees/acces?jeton=" + token);
        assertThat(person.post("/mes-donnees/effacer", Map.of("jeton", token, "confirm", "true"))
                        .body())
                .contains("Données effacées");

        assertThat(jdbc.sql("select count(*) from identity.account where lower(email) = lower(?)")
                        .param(email)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("select count(*) from registration.registration where lower(email) = lower(?)")
                        .param(email)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("select count(*) from notification.outbox where lower(recipient) = lower(?)")
                        .param(email)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql(
                                "select count(*) from registration.registration where event_id = ? and name = 'Personne effacée' and status = 'CANCELLED'")
                        .param(event)
                        .query(Long.class)
                        .single())
                .as("the registration stays, anonymous, for the counts")
                .isEqualTo(1);
        assertThat(jdbc.sql("select status from registration.registration where email = ?")
                        .param(next)
                        .query(String.class)
                        .single())
                .as("the freed seat went to the waitlist")
                .isEqualTo("PENDING_CONFIRMATION");
        assertThat(person.get("/mes-donnees/acces?jeton=" + token).body()).contains("n’est plus valable");
        // the agenda heard of the erased account: its programme went with it
        await().atMost(Duration.ofSeconds(20))
                .until(() -> programmes.ofAccount(account).isEmpty());
    }
}
