package fr.essor.agenda;

import java.time.LocalDate;
import java.util.List;

import fr.essor.agenda.store.EventRepository;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The 2031 edition, where the publishing and registration tests put their events, so that the 2030
 * edition of {@link AgendaFixtures} keeps exactly its hand-checked events whatever order tests run in.
 */
public final class TestEditions {

    public static final int WORKSHOP_YEAR = 2031;

    private TestEditions() {}

    public static long workshop(JdbcClient jdbc, EventRepository events, TransactionTemplate tx) {
        Long id = tx.execute(s -> {
            jdbc.sql("select pg_advisory_xact_lock(hashtext('essor.test.workshop'))")
                    .query(Object.class)
                    .single();
            return jdbc.sql("select id from agenda.edition where year = ?")
                    .param(WORKSHOP_YEAR)
                    .query(Long.class)
                    .optional()
                    .orElseGet(() -> events.insertEdition(
                            WORKSHOP_YEAR,
                            24,
                            "Mois de l'ESS 2031 — édition d’essai",
                            LocalDate.of(WORKSHOP_YEAR, 11, 1),
                            LocalDate.of(WORKSHOP_YEAR, 11, 30),
                            null,
                            null,
                            List.of("76"),
                            false));
        });
        return id;
    }
}
