package fr.essor.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import fr.essor.agenda.AgendaFixtures;
import fr.essor.agenda.store.EventRepository;
import fr.essor.notification.Notifications;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** The reminder the day before, once; the purge after the retention period, which keeps the counts. */
@SpringBootTest
class RegistrationUpkeepTests {

    @Autowired
    Registrations registrations;

    @Autowired
    Offers offers;

    @Autowired
    RegistrationUpkeep upkeep;

    @Autowired
    EventRepository events;

    @Autowired
    AgendaFixtures agenda;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Notifications notifications;

    @Autowired
    TransactionTemplate tx;

    @Test
    void remindsConfirmedAttendeesOnceTheDayBefore() {
        RegistrationFixtures fixtures = new RegistrationFixtures(events, offers, agenda, jdbc);
        long event = fixtures.event("Rappel " + System.nanoTime(), true, 2, 5);
        String email = "rappel-" + System.nanoTime() + "@example.org";
        var r = registrations.register(fixtures.request(event, email, 1)).registration();
        String pending = "pas-confirme-" + System.nanoTime() + "@example.org";
        registrations.register(fixtures.request(event, pending, 1));
        jdbc.sql("update registration.registration set status = 'CONFIRMED' where id = ?")
                .param(r.id())
                .update();
        jdbc.sql("update registration.slot set starts_at = now() + interval '20 hours' where event_id = ?")
                .param(event)
                .update();
        upkeep.remind();
        upkeep.remind();
        assertThat(notifications.localMailbox(1000).stream()
                        .filter(m -> m.to().equals(email) && m.subject().startsWith("Rappel")))
                .singleElement()
                .satisfies(m -> assertThat(m.body()).contains("/inscriptions/" + r.id() + "?jeton="));
        // the reminder's link is the registration's own
        String token = notifications.localMailbox(1000).stream()
                .filter(m -> m.to().equals(email) && m.subject().startsWith("Rappel"))
                .findFirst()
                .orElseThrow()
                .body()
                .replaceAll("(?s).*jeton=([A-Za-z0-9_-]+).*", "$1");
        assertThat(registrations.withLink(r.id(), token)).isPresent();
        assertThat(registrations.withLink(r.id(), token + "x")).isEmpty();
        assertThat(notifications.localMailbox(1000).stream()
                        .filter(m -> m.to().equals(pending) && m.subject().startsWith("Rappel")))
                .isEmpty();
    }

    @Test
    void erasesPeopleAfterTheRetentionPeriodAndKeepsTheCounts() throws Exception {
        RegistrationFixtures fixtures = new RegistrationFixtures(events, offers, agenda, jdbc);
        long old = fixtures.event("Ancien " + System.nanoTime(), true, 2, 2);
        long recent = fixtures.event("Récent " + System.nanoTime(), true, 2, 2);
        for (int i = 0; i < 3; i++) {
            registrations.register(fixtures.request(old, "ancien" + i + "-" + System.nanoTime() + "@example.org", 1));
            registrations.register(
                    fixtures.request(recent, "recent" + i + "-" + System.nanoTime() + "@example.org", 1));
        }
        jdbc.sql(
                        "update registration.registration set status = 'CONFIRMED', checked_in_at = now() where event_id = ? and status = 'PENDING_CONFIRMATION'")
                .param(old)
                .update();
        jdbc.sql("update registration.slot set ends_at = now() - interval '200 days' where event_id = ?")
                .param(old)
                .update();

        // another instance purging: this one does nothing
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        var other = Executors.newSingleThreadExecutor()
                .submit(() -> tx.executeWithoutResult(s -> {
                    jdbc.sql("select pg_advisory_xact_lock(hashtext('essor.registration.purge'))")
                            .query(Object.class)
                            .single();
                    locked.countDown();
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException ex) {
                        Thread.currentThread().interrupt();
                    }
                }));
        locked.await(10, TimeUnit.SECONDS);
        assertThat(upkeep.purge()).isZero();
        release.countDown();
        other.get(10, TimeUnit.SECONDS);

        assertThat(upkeep.purge()).isGreaterThanOrEqualTo(3);
        assertThat(jdbc.sql("select count(*) from registration.registration where event_id = ?")
                        .param(old)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("select count(*) from registration.registration where event_id = ?")
                        .param(recent)
                        .query(Long.class)
                        .single())
                .isEqualTo(3);
        var counts = jdbc.sql(
                        "select purged_confirmed, purged_seats, purged_present, purged_waitlist from registration.slot where event_id = ?")
                .param(old)
                .query((rs, n) -> rs.getInt(1) + "/" + rs.getInt(2) + "/" + rs.getInt(3) + "/" + rs.getInt(4))
                .single();
        assertThat(counts).as("confirmed/seats/present/waitlist").isEqualTo("2/2/2/1");
    }
}
