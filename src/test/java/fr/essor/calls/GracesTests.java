package fr.essor.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import fr.essor.calls.DossierFlow.IllegalTransition;
import fr.essor.calls.DossierFlow.Role;
import fr.essor.calls.DossierFlow.State;
import fr.essor.directory.LegalFamily;
import fr.essor.directory.Structures;
import fr.essor.identity.IdentityFixtures;
import fr.essor.identity.Memberships;
import fr.essor.shared.InvalidInput;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A grace lets one named applicant's draft be submitted after the closing instant, until its own instant. */
class GracesTests extends fr.essor.HttpTestSupport {

    @Autowired
    Dossiers dossiers;

    @Autowired
    Programmes programmes;

    @Autowired
    Graces graces;

    @Autowired
    Staff staff;

    @Autowired
    Structures structures;

    @Autowired
    Memberships memberships;

    @Autowired
    Audit audit;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aNamedLateApplicantSubmitsWithinTheGraceAndNobodyElse() {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        IdentityFixtures fixtures = new IdentityFixtures(jdbc);
        long manager = fixtures.organizer("gestion@" + unique + ".test");
        long programme = programmes.create(
                CallsFixtures.draft(
                        "grace-" + unique,
                        Instant.now().minus(Duration.ofDays(5)),
                        Instant.now().plus(Duration.ofDays(1))),
                CallsFixtures.form());
        staff.grant(programme, manager, Role.MANAGER, manager);
        long[] drafts = new long[2];
        long[] applicants = new long[2];
        for (int i = 0; i < 2; i++) {
            applicants[i] = fixtures.organizer("retard" + i + "@" + unique + ".test");
            long structure = structures
                    .register(new Structures.Registration(
                            "Épicerie " + i + " " + unique,
                            CallsFixtures.siret(),
                            LegalFamily.COOPERATIVE,
                            "34172",
                            null))
                    .id();
            memberships.register(applicants[i], structure);
            structures.verify(structure, manager);
            drafts[i] = dossiers.start(programme, applicants[i], structure);
            dossiers.save(
                    drafts[i],
                    applicants[i],
                    0,
                    Map.of("statut", "Coopérative", "budget", List.of(Map.of("poste", "Rayonnages", "cout", "800"))));
        }
        // the call closes
        // calls close at a minute
        Instant closed = Instant.now().minus(Duration.ofMinutes(10)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        jdbc.sql("update calls.programme set closes_at = ? where id = ?")
                .params(java.sql.Timestamp.from(closed), programme)
                .update();
        assertThatThrownBy(() -> dossiers.submit(drafts[0], applicants[0], 1))
                .isInstanceOfSatisfying(
                        IllegalTransition.class,
                        e -> assertThat(e.messageKey()).isEqualTo("calls.dossier.error.closed"));

        Instant until = Instant.now().plus(Duration.ofHours(2));
        assertThatThrownBy(() ->
                        graces.grant(programme, applicants[1], false, "retard0@" + unique + ".test", until, "Panne."))
                .as("only the manager grants")
                .isInstanceOf(IllegalTransition.class);
        assertThatThrownBy(
                        () -> graces.grant(programme, manager, false, "personne@" + unique + ".test", until, "Panne."))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("calls.graces.error.noDraft");
        assertThatThrownBy(() -> graces.grant(
                        programme,
                        manager,
                        false,
                        "retard0@" + unique + ".test",
                        closed.plus(Duration.ofDays(31)),
                        "Panne."))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> graces.grant(programme, manager, false, "retard0@" + unique + ".test", until, " "))
                .isInstanceOf(InvalidInput.class);
        assertThat(graces.grant(
                        programme,
                        manager,
                        false,
                        "retard0@" + unique + ".test",
                        until,
                        "Panne du réseau le jour de la clôture."))
                .isEqualTo(1);

        assertThat(dossiers.submit(drafts[0], applicants[0], 1).state()).isEqualTo(State.SUBMITTED);
        // the other applicant still cannot
        assertThatThrownBy(() -> dossiers.submit(drafts[1], applicants[1], 1)).isInstanceOf(IllegalTransition.class);
        assertThat(dossiers.byId(drafts[1]).orElseThrow().state()).isEqualTo(State.DRAFT);
        assertThat(jdbc.sql("select count(*) from notification.outbox where recipient = ? and kind = 'calls-grace'")
                        .param("retard0@" + unique + ".test")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(audit.trail(drafts[0])).extracting(Audit.Entry::kind).contains(Audit.Kind.GRACE);

        // a grace past its instant lets nothing through
        graces.grant(programme, manager, false, "retard1@" + unique + ".test", until, "Panne.");
        jdbc.sql("update calls.grace set until = ? where dossier_id = ?")
                .params(java.sql.Timestamp.from(Instant.now().minusSeconds(1)), drafts[1])
                .update();
        assertThatThrownBy(() -> dossiers.submit(drafts[1], applicants[1], 1)).isInstanceOf(IllegalTransition.class);
        assertThat(graces.of(programme)).hasSize(2);
    }
}
