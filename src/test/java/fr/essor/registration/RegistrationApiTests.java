package fr.essor.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import fr.essor.HttpTestSupport;
import fr.essor.WebUser;
import fr.essor.agenda.AgendaFixtures;
import fr.essor.agenda.store.EventRepository;
import fr.essor.notification.Notifications;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The registration API and the mailed links: statuses, seats left, waitlist promotion, bad requests. */
class RegistrationApiTests extends HttpTestSupport {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

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
    Notifications notifications;

    RegistrationFixtures fixtures;

    @BeforeEach
    void setUp() {
        fixtures = new RegistrationFixtures(events, offers, agenda, jdbc);
    }

    HttpResponse<String> post(String json) {
        try {
            return CLIENT.send(
                    HttpRequest.newBuilder(URI.create(url("/api/v1/registrations")))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(json))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private String body(long event, String email, int seats) {
        return "{\"eventId\":" + event + ",\"name\":\"Camille\",\"email\":\"" + email + "\",\"seats\":" + seats + "}";
    }

    private String link(String to, String path) {
        var mail = notifications.localMailbox(500).stream()
                .filter(m -> m.to().equals(to))
                .findFirst()
                .orElseThrow();
        Matcher m = Pattern.compile(Pattern.quote(path) + "[^\\s]*").matcher(mail.body());
        assertThat(m.find()).as(mail.body()).isTrue();
        return m.group().replace("http://localhost:8080", "");
    }

    private String manageLink(String to) {
        var mail = notifications.localMailbox(500).stream()
                .filter(m -> m.to().equals(to))
                .findFirst()
                .orElseThrow();
        Matcher m = Pattern.compile("/inscriptions/[0-9a-f-]{36}\\?jeton=[A-Za-z0-9_-]+")
                .matcher(mail.body());
        assertThat(m.find()).as(mail.body()).isTrue();
        return m.group();
    }

    private String statusOf(String email) {
        return jdbc.sql("select status from registration.registration where lower(email) = lower(?)")
                .param(email)
                .query(String.class)
                .single();
    }

    private long mailsTo(String email) {
        return notifications.localMailbox(500).stream()
                .filter(m -> m.to().equalsIgnoreCase(email))
                .count();
    }

    /** Opens the confirmation link mailed to this address, and presses its button. */
    private void confirmFromMail(String email) {
        String confirm = link(email, "/inscriptions/confirmer");
        WebUser person = new WebUser(port);
        person.get(confirm);
        person.post("/inscriptions/confirmer", Map.of("jeton", confirm.substring(confirm.indexOf('=') + 1)));
    }

    @Test
    void registersHoldsSeatsAndSaysHowManyAreLeft() {
        long event = fixtures.event("API places " + System.nanoTime(), true, 3, 5);
        String mail = "api-" + System.nanoTime() + "@example.org";
        var created = post(body(event, mail, 2));
        assertThat(created.statusCode()).isEqualTo(202);
        assertThat(created.body()).contains("\"seats\":2", "\"eventId\":" + event, "courriel");
        assertThat(created.body()).doesNotContain("\"id\"", "PENDING_CONFIRMATION");
        assertThat(statusOf(mail)).isEqualTo("PENDING_CONFIRMATION");
        assertThat(get("/api/v1/events/" + event).body()).contains("\"capacity\":5", "\"remaining\":3");

        // the confirmation link, opened, shows a button; the post confirms
        String confirm = link(mail, "/inscriptions/confirmer");
        WebUser person = new WebUser(port);
        assertThat(person.get(confirm).body()).contains("Confirmer mon inscription");
        person.post("/inscriptions/confirmer", Map.of("jeton", confirm.substring(confirm.indexOf('=') + 1)));
        assertThat(statusOf(mail)).isEqualTo("CONFIRMED");
    }

    @Test
    void theAnswerIsTheSameWhetherTheAddressWasAlreadyRegistered() {
        long event = fixtures.event("API discrétion " + System.nanoTime(), true, 3, 5);
        String known = "connue-" + System.nanoTime() + "@example.org";
        String unknown = "inconnue-" + System.nanoTime() + "@example.org";
        post(body(event, known, 1));
        var again = post(body(event, known.toUpperCase(), 1));
        var fresh = post(body(event, unknown, 1));
        assertThat(again.statusCode()).isEqualTo(fresh.statusCode()).isEqualTo(202);
        assertThat(again.body()).isEqualTo(fresh.body());
        assertThat(again.headers().firstValue("Location"))
                .isEqualTo(fresh.headers().firstValue("Location"));
        // still one registration of the known address, which is told by mail
        assertThat(jdbc.sql("select count(*) from registration.registration where lower(email) = lower(?)")
                        .param(known)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(notifications.localMailbox(500)).anySatisfy(m -> {
            assertThat(m.to()).isEqualTo(known);
            assertThat(m.subject()).startsWith("Vous êtes déjà inscrit");
            assertThat(m.body()).doesNotContain("/inscriptions/confirmer");
        });
        // the private link of that mail confirms a registration whose address was not confirmed yet
        String manage = manageLink(known);
        String path = manage.substring(0, manage.indexOf('?'));
        WebUser person = new WebUser(port);
        assertThat(person.get(manage).body()).contains("Confirmer mon inscription");
        person.post(path, Map.of("jeton", manage.substring(manage.indexOf('=') + 1), "action", "confirm"));
        assertThat(statusOf(known)).isEqualTo("CONFIRMED");
        assertThat(person.get(manage).body()).doesNotContain("value=\"confirm\"");
        // a wrong token confirms nothing
        assertThat(person.post(path, Map.of("jeton", "faux" + "x".repeat(40), "action", "confirm"))
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void unconfirmedRegistrationsHoldAtMostHalfADateAndQueueBeyond() {
        // 40 seats, no waitlist: unconfirmed registrations hold at most 20
        long event = fixtures.event("API quota " + System.nanoTime(), false, 1, 40);
        String run = Long.toString(System.nanoTime(), 36);
        for (int i = 0; i < 30; i++) {
            assertThat(post(body(event, "quota-" + run + "-" + i + "@example.org", 1))
                            .statusCode())
                    .isEqualTo(202);
        }
        record Counts(int taken, int held) {}
        java.util.function.Supplier<Counts> counts =
                () -> jdbc.sql("select taken, held from registration.slot where event_id = ?")
                        .param(event)
                        .query((rs, n) -> new Counts(rs.getInt(1), rs.getInt(2)))
                        .single();
        assertThat(counts.get()).isEqualTo(new Counts(20, 20));
        assertThat(statusOf("quota-" + run + "-19@example.org")).isEqualTo("PENDING_CONFIRMATION");
        assertThat(statusOf("quota-" + run + "-20@example.org")).isEqualTo("WAITLISTED");
        assertThat(notifications.localMailbox(500)).anySatisfy(m -> {
            assertThat(m.to()).isEqualTo("quota-" + run + "-20@example.org");
            assertThat(m.body()).contains("en attente de leur confirmation");
        });
        // the public sees the held seats as taken: 20 left
        assertThat(get("/api/v1/events/" + event).body()).contains("\"remaining\":20");

        // a hold confirmed frees its place in the quota: the first in line gets a hold, in order
        confirmFromMail("quota-" + run + "-0@example.org");
        assertThat(statusOf("quota-" + run + "-0@example.org")).isEqualTo("CONFIRMED");
        assertThat(statusOf("quota-" + run + "-20@example.org")).isEqualTo("PENDING_CONFIRMATION");
        assertThat(statusOf("quota-" + run + "-21@example.org")).isEqualTo("WAITLISTED");
        assertThat(counts.get()).isEqualTo(new Counts(21, 20));

        // a person of the queue who confirms their address passes those held back by the quota
        confirmFromMail("quota-" + run + "-29@example.org");
        assertThat(statusOf("quota-" + run + "-29@example.org")).isEqualTo("CONFIRMED");
        assertThat(statusOf("quota-" + run + "-21@example.org")).isEqualTo("WAITLISTED");
        assertThat(counts.get()).isEqualTo(new Counts(22, 20));

        // expired holds give their seats and their place in the quota back
        jdbc.sql("""
                update registration.registration set hold_expires_at = now() - interval '1 minute'
                where event_id = ? and status = 'PENDING_CONFIRMATION'""").param(event).update();
        registrations.expireHolds();
        Counts after = counts.get();
        assertThat(after.held()).isLessThanOrEqualTo(20);
        assertThat(jdbc.sql("""
                        select coalesce(sum(seats), 0) from registration.registration
                        where event_id = ? and status = 'PENDING_CONFIRMATION'""").param(event).query(Integer.class).single()).isEqualTo(after.held());
        assertThat(jdbc.sql("""
                        select coalesce(sum(seats), 0) from registration.registration
                        where event_id = ? and status in ('PENDING_CONFIRMATION', 'CONFIRMED')""").param(event).query(Integer.class).single()).isEqualTo(after.taken());
        assertThat(statusOf("quota-" + run + "-21@example.org")).isEqualTo("PENDING_CONFIRMATION");
    }

    @Test
    void aFullDateFillsTheWaitlistThenPromotesItWhenSomeoneCancels() {
        long event = fixtures.event("API attente " + System.nanoTime(), true, 2, 2);
        String first = "premiere-" + System.nanoTime() + "@example.org";
        String second = "seconde-" + System.nanoTime() + "@example.org";
        assertThat(post(body(event, first, 2)).statusCode()).isEqualTo(202);
        assertThat(statusOf(first)).isEqualTo("PENDING_CONFIRMATION");
        var waiting = post(body(event, second, 1));
        assertThat(waiting.statusCode()).isEqualTo(202);
        assertThat(statusOf(second)).isEqualTo("WAITLISTED");
        assertThat(get("/api/v1/events/" + event).body()).contains("\"remaining\":0");

        String manage = manageLink(first);
        String path = manage.substring(0, manage.indexOf('?'));
        WebUser person = new WebUser(port);
        assertThat(person.get(manage).body()).contains("Annuler mon inscription");
        person.post(path, Map.of("jeton", manage.substring(manage.indexOf('=') + 1), "action", "cancel"));
        assertThat(jdbc.sql("select status from registration.registration where email = ?")
                        .param(second)
                        .query(String.class)
                        .single())
                .isEqualTo("PENDING_CONFIRMATION");
        assertThat(notifications.localMailbox(500)).anySatisfy(m -> {
            assertThat(m.to()).isEqualTo(second);
            assertThat(m.subject()).startsWith("Une place pour vous");
        });
        assertThat(get("/api/v1/events/" + event).body()).contains("\"remaining\":1");
    }

    @Test
    void anUnconfirmedHoldExpiresAndItsSeatsGoToTheWaitlist() {
        long event = fixtures.event("API expiration " + System.nanoTime(), true, 1, 1);
        String first = "lente-" + System.nanoTime() + "@example.org";
        String second = "patiente-" + System.nanoTime() + "@example.org";
        post(body(event, first, 1));
        post(body(event, second, 1));
        jdbc.sql("update registration.registration set hold_expires_at = now() - interval '1 minute' where email = ?")
                .param(first)
                .update();
        assertThat(registrations.expireHolds()).isGreaterThanOrEqualTo(1);
        assertThat(jdbc.sql("select status from registration.registration where email = ?")
                        .param(first)
                        .query(String.class)
                        .single())
                .isEqualTo("EXPIRED");
        assertThat(jdbc.sql("select status from registration.registration where email = ?")
                        .param(second)
                        .query(String.class)
                        .single())
                .isEqualTo("PENDING_CONFIRMATION");
        assertThat(jdbc.sql("select taken from registration.slot where event_id = ?")
                        .param(event)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void badRequestsAreAnsweredWithProblemsAndWriteNothing() {
        long event = fixtures.event("API refus " + System.nanoTime(), false, 2, 1);
        long before = jdbc.sql("select count(*) from registration.registration")
                .query(Long.class)
                .single();
        var zero = post(body(event, "zero@example.org", 0));
        assertThat(zero.statusCode()).isEqualTo(400);
        assertThat(zero.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(zero.body()).contains("\"field\":\"seats\"");
        assertThat(post(body(event, "trop@example.org", 3)).body()).contains("\"field\":\"seats\"");
        assertThat(post(body(event, "pas-une-adresse", 1)).body()).contains("\"field\":\"email\"");
        assertThat(post("{\"eventId\":" + event + ",\"email\":\"a@example.org\"}")
                        .body())
                .contains("\"field\":\"name\"");
        assertThat(post(body(999_999_999, "x@example.org", 1)).statusCode()).isEqualTo(400);
        assertThat(post("{\"eventId\": \"douze\"").statusCode()).isEqualTo(400);
        assertThat(post("pas du json").body()).contains("corps de la requête");
        long nonEssor = jdbc.sql("select id from agenda.event where registration = 'NONE' limit 1")
                .query(Long.class)
                .single();
        assertThat(post(body(nonEssor, "x@example.org", 1)).body()).contains("ne prend pas d’inscription");
        assertThat(jdbc.sql("select count(*) from registration.registration")
                        .query(Long.class)
                        .single())
                .isEqualTo(before);

        assertThat(post(body(event, "seule@example.org", 1)).statusCode()).isEqualTo(202);
        var full = post(body(event, "en-trop@example.org", 1));
        assertThat(full.statusCode()).isEqualTo(409);
        assertThat(full.body()).contains("complète");
        // a date of the past takes no registration
        jdbc.sql("update registration.slot set starts_at = now() - interval '1 day' where event_id = ?")
                .param(event)
                .update();
        jdbc.sql(
                        "update agenda.occurrence set starts_at = now() - interval '1 day', ends_at = now() - interval '23 hours' where event_id = ?")
                .param(event)
                .update();
        assertThat(post(body(event, "tard@example.org", 1)).body()).contains("Cette date est passée");
    }
}
