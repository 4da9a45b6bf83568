package fr.essor.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import fr.essor.HttpTestSupport;
import fr.essor.calls.DossierFlow.Action;
import fr.essor.calls.DossierFlow.Role;
import fr.essor.directory.LegalFamily;
import fr.essor.directory.Structures;
import fr.essor.identity.IdentityFixtures;
import fr.essor.identity.Memberships;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Dossiers past their programme's retention are deleted with all they hold; the others stay. */
class RetentionTests extends HttpTestSupport {

    @Autowired
    Dossiers dossiers;

    @Autowired
    Programmes programmes;

    @Autowired
    Instruction instruction;

    @Autowired
    Messages messages;

    @Autowired
    Experts experts;

    @Autowired
    Staff staff;

    @Autowired
    Structures structures;

    @Autowired
    Memberships memberships;

    @Autowired
    Retention retention;

    @Autowired
    JdbcClient jdbc;

    private long count(String table, long dossier) {
        return jdbc.sql("select count(*) from " + table + " where "
                        + (table.equals("calls.dossier") ? "id" : "dossier_id") + " = ?")
                .param(dossier)
                .query(Long.class)
                .single();
    }

    @Test
    void aDecidedDossierGoesWithItsRetentionAndNothingElseDoes() {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        IdentityFixtures fixtures = new IdentityFixtures(jdbc);
        long instructor = fixtures.organizer("instruction@" + unique + ".test");
        Programmes.Draft base = CallsFixtures.draft(
                "conservation-" + unique,
                Instant.now().minus(Duration.ofDays(1)),
                Instant.now().plus(Duration.ofDays(3)));
        long programme = programmes.create(
                new Programmes.Draft(
                        base.slug(),
                        base.name(),
                        base.kind(),
                        base.owner(),
                        base.summary(),
                        base.description(),
                        base.whoCanApply(),
                        base.capCents(),
                        base.opensAt(),
                        base.closesAt(),
                        base.documents(),
                        1,
                        false,
                        false),
                CallsFixtures.form());
        staff.grant(programme, instructor, Role.INSTRUCTOR, instructor);
        long[] ids = new long[4];
        for (int i = 0; i < 4; i++) {
            long applicant = fixtures.organizer("porteur" + i + "@" + unique + ".test");
            long structure = structures
                    .register(new Structures.Registration(
                            "Atelier " + i + " " + unique,
                            CallsFixtures.siret(),
                            LegalFamily.COOPERATIVE,
                            "34172",
                            null))
                    .id();
            memberships.register(applicant, structure);
            structures.verify(structure, instructor);
            ids[i] = dossiers.start(programme, applicant, structure);
            dossiers.save(
                    ids[i],
                    applicant,
                    0,
                    Map.of("statut", "Coopérative", "budget", List.of(Map.of("poste", "Outils", "cout", "100"))));
            if (i < 3) {
                dossiers.submit(ids[i], applicant, 1);
            }
        }
        // 0: decided long ago, with a thread and an expert; 1: decided recently; 2: still in instruction;
        // 3: a draft
        for (int i = 0; i < 2; i++) {
            instruction.act(ids[i], instructor, Action.TAKE, null, null, 2);
        }
        long old = ids[0];
        messages.post(dossiers.byId(old).orElseThrow(), instructor, true, "Une question.", null);
        experts.invite(
                old,
                instructor,
                "expert@" + unique + ".test",
                "Avis ?",
                LocalDate.now().plusDays(5));
        instruction.act(old, instructor, Action.ACCEPT, "Bien.", 10_000L, 3);
        instruction.act(ids[1], instructor, Action.REFUSE, "Hors champ.", null, 3);
        jdbc.sql("update calls.dossier set decided_at = now() - interval '2 months' where id = ?")
                .param(old)
                .update();
        assertThat(count("calls.audit", old)).isPositive();
        assertThat(count("calls.letter", old)).isPositive();
        // outside the purge, the trail stays append-only
        assertThatThrownBy(() -> jdbc.sql("delete from calls.audit where dossier_id = ?")
                        .param(old)
                        .update())
                .hasMessageContaining("append-only");

        retention.purge();
        for (String table : List.of(
                "calls.dossier",
                "calls.audit",
                "calls.letter",
                "calls.dossier_transition",
                "calls.message",
                "calls.expert")) {
            assertThat(count(table, old)).as(table).isZero();
        }
        for (int i = 1; i < 4; i++) {
            assertThat(dossiers.byId(ids[i])).as("dossier " + i).isPresent();
        }

        // the draft goes a year after its call closed
        jdbc.sql("update calls.programme set closes_at = date_trunc('minute', now()) - interval '400 days', "
                        + "opens_at = date_trunc('minute', now()) - interval '500 days' where id = ?")
                .param(programme)
                .update();
        retention.purge();
        assertThat(dossiers.byId(ids[3])).isEmpty();
        assertThat(dossiers.byId(ids[1])).isPresent();
        assertThat(dossiers.byId(ids[2])).isPresent();
    }
}
