package fr.essor.calls;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;

import fr.essor.Racers;
import fr.essor.calls.DossierFlow.IllegalTransition;
import fr.essor.identity.IdentityFixtures;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * 500 project leaders submit within the second around a call's closing instant, from as many threads as the connection pool serves at once, on the
 * real database: every dossier submitted was submitted before the instant (the server's), every one
 * refused was refused as closed, and no dossier is left half-moved.
 */
@SpringBootTest
class ClosingRaceTests {

    private static final int APPLICANTS = 500;

    @Autowired
    Dossiers dossiers;

    @Autowired
    Programmes programmes;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Test
    void everySubmissionBeforeTheClosingInstantIsAcceptedAndNoneAfter() throws Exception {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        var d = CallsFixtures.draft(
                "dernier-moment-" + unique,
                Instant.now().minus(Duration.ofDays(1)),
                Instant.now().plus(Duration.ofDays(1)));
        long programme = programmes.create(
                new Programmes.Draft(
                        d.slug(),
                        d.name(),
                        ProgrammeKind.INCUBATOR,
                        d.owner(),
                        d.summary(),
                        d.description(),
                        d.whoCanApply(),
                        null,
                        d.opensAt(),
                        d.closesAt(),
                        d.documents(),
                        d.retentionMonths(),
                        false,
                        false),
                new Form(List.of(
                        new FormSection("Projet", List.of(FormField.of("titre", "Titre", FieldType.TEXT, true))))));
        IdentityFixtures fixtures = new IdentityFixtures(jdbc);
        List<long[]> drafts = new ArrayList<>();
        for (int i = 0; i < APPLICANTS; i++) {
            long applicant = fixtures.organizer("porteur-" + i + "-" + unique + "@course.test");
            long id = dossiers.start(programme, applicant, null);
            dossiers.save(id, applicant, 0, Map.of("titre", "Projet " + i));
            drafts.add(new long[] {id, applicant});
        }
        // the call closes in 1.5 s, to the microsecond; submissions spread over the 3 s around it
        Instant closes = Instant.now().plusMillis(1500).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        jdbc.sql("update calls.programme set closes_at = ? where id = ?")
                .params(Timestamp.from(closes), programme)
                .update();
        long start = System.nanoTime();
        Map<Long, String> outcomes = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(Racers.besideTheApplication(dataSource));
        try {
            List<Future<?>> all = new ArrayList<>();
            for (int i = 0; i < drafts.size(); i++) {
                long[] draft = drafts.get(i);
                long at = start + (long) i * 3_000_000_000L / APPLICANTS;
                all.add(pool.submit(() -> {
                    LockSupport.parkNanos(Math.max(0, at - System.nanoTime()));
                    try {
                        dossiers.submit(draft[0], draft[1], 1);
                        outcomes.put(draft[0], "submitted");
                    } catch (IllegalTransition ex) {
                        outcomes.put(draft[0], ex.messageKey());
                    }
                }));
            }
            for (Future<?> f : all) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        long submitted = outcomes.values().stream().filter("submitted"::equals).count();
        long refused = outcomes.values().stream()
                .filter("calls.dossier.error.closed"::equals)
                .count();
        assertThat(submitted + refused).as(outcomes.values().toString()).isEqualTo(APPLICANTS);
        // the race was run: some on each side of the instant
        assertThat(submitted).isPositive();
        assertThat(refused).isPositive();
        // what the database holds agrees: submitted before the instant, the others still drafts
        for (long[] draft : drafts) {
            Dossiers.Dossier x = dossiers.ofApplicant(draft[0], draft[1]).orElseThrow();
            if (outcomes.get(draft[0]).equals("submitted")) {
                assertThat(x.state()).isEqualTo(DossierFlow.State.SUBMITTED);
                assertThat(x.submittedAt()).isBefore(closes);
                assertThat(x.reference()).isNotNull();
            } else {
                assertThat(x.state()).isEqualTo(DossierFlow.State.DRAFT);
                assertThat(x.reference()).isNull();
                assertThat(dossiers.transitions(draft[0])).isEmpty();
            }
        }
    }
}
