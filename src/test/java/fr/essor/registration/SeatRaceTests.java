package fr.essor.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import fr.essor.agenda.AgendaFixtures;
import fr.essor.agenda.store.EventRepository;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.util.AopTestUtils;

/**
 * No date is ever overbooked: 200 registrations released together on 10 seats, 50 times, on the real
 * database, leave exactly 10 seats taken each time. The same race with the naive check-then-insert
 * overbooks — which shows the test can fail.
 */
@SpringBootTest(
        properties = {
            "spring.datasource.hikari.maximum-pool-size=24",
            "spring.datasource.hikari.connection-timeout=10000"
        })
class SeatRaceTests {

    static final int THREADS = 200;
    static final int SEATS = 10;

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

    RegistrationFixtures fixtures;
    ExecutorService pool;

    @BeforeEach
    void setUp() {
        fixtures = new RegistrationFixtures(events, offers, agenda, jdbc);
        pool = Executors.newFixedThreadPool(THREADS);
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        target().guard = SeatLedger.Guard.COUNTER;
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
    }

    /** The service behind its transactional proxy, whose guard the test switches. */
    private Registrations target() {
        return AopTestUtils.getTargetObject(registrations);
    }

    /** One race: every thread waits at the gate, then all register one seat at once. Returns the seats held. */
    private int race(int round) throws Exception {
        long event = fixtures.event("Course " + round + " " + System.nanoTime(), false, 1, SEATS);
        CountDownLatch gate = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            String email = "course" + round + "-" + i + "@example.org";
            results.add(pool.submit(() -> {
                gate.await();
                try {
                    registrations.register(fixtures.request(event, email, 1));
                    return true;
                } catch (Registrations.NoSeat ex) {
                    return false;
                }
            }));
        }
        gate.countDown();
        int accepted = 0;
        for (Future<Boolean> r : results) {
            accepted += r.get(60, TimeUnit.SECONDS) ? 1 : 0;
        }
        int held = jdbc.sql("""
                select coalesce(sum(seats), 0) from registration.registration
                where event_id = ? and status in ('PENDING_CONFIRMATION', 'CONFIRMED')""").param(event).query(Integer.class).single();
        assertThat(held).as("seats held match the accepted requests").isEqualTo(accepted);
        return held;
    }

    @Test
    void tenSeatsAreNeverSoldTwiceUnderA200RequestRush() throws Exception {
        for (int round = 0; round < 50; round++) {
            assertThat(race(round)).as("round " + round).isEqualTo(SEATS);
        }
    }

    @Test
    void theSameRaceOverbooksWithoutTheGuard() throws Exception {
        target().guard = SeatLedger.Guard.NONE;
        int worst = 0;
        for (int round = 0; round < 50 && worst <= SEATS; round++) {
            worst = Math.max(worst, race(1000 + round));
        }
        assertThat(worst)
                .as("the naive check-then-insert lets more than " + SEATS + " seats through")
                .isGreaterThan(SEATS);
    }
}
