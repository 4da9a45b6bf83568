package fr.essor.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import fr.essor.calls.DossierFlow.Action;
import fr.essor.calls.DossierFlow.Role;
import fr.essor.directory.LegalFamily;
import fr.essor.directory.Structures;
import fr.essor.identity.IdentityFixtures;
import fr.essor.identity.Memberships;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest
class AuditTests {

    @Autowired
    Audit audit;

    @Autowired
    Dossiers dossiers;

    @Autowired
    Programmes programmes;

    @Autowired
    Instruction instruction;

    @Autowired
    Staff staff;

    @Autowired
    Documents documents;

    @Autowired
    Structures structures;

    @Autowired
    Memberships memberships;

    @Autowired
    JdbcClient jdbc;

    @Test
    void everyMoveLetterAndStaffReadIsChainedAndAChangedEntryBreaksTheChain() throws Exception {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        IdentityFixtures fixtures = new IdentityFixtures(jdbc);
        long applicant = fixtures.organizer(unique + "@audit.test");
        long instructor = fixtures.organizer(unique + "-instruction@audit.test");
        long structure = structures
                .register(new Structures.Registration(
                        "Café associatif " + unique, CallsFixtures.siret(), LegalFamily.ASSOCIATION, "34172", null))
                .id();
        memberships.register(applicant, structure);
        structures.verify(structure, instructor);
        long programme = programmes.create(
                CallsFixtures.draft(
                        "audit-" + unique,
                        Instant.now().minus(Duration.ofDays(1)),
                        Instant.now().plus(Duration.ofDays(3))),
                CallsFixtures.form());
        staff.grant(programme, instructor, Role.INSTRUCTOR, instructor);
        long devis = documents.upload(applicant, structure, "Devis", null, "devis.pdf", DocumentsTests.pdf(1), "f");
        long other = documents.upload(applicant, structure, "Autre", null, "autre.pdf", DocumentsTests.pdf(1), "f");
        long id = dossiers.start(programme, applicant, structure);
        dossiers.save(
                id,
                applicant,
                0,
                Map.of(
                        "statut", "Coopérative",
                        "budget", List.of(Map.of("poste", "Percolateur", "cout", "900")),
                        "devis", String.valueOf(devis)));
        dossiers.submit(id, applicant, 1);
        instruction.open(id, instructor).orElseThrow();
        assertThat(instruction.document(id, devis, instructor)).isPresent();
        // a document of the vault that the dossier does not join is not the staff's to read
        assertThat(instruction.document(id, other, instructor)).isEmpty();
        instruction.act(id, instructor, Action.TAKE, null, null, 2);
        instruction.act(id, instructor, Action.ACCEPT, "Utile au quartier.", 90_000L, 3);

        List<Audit.Entry> trail = audit.trail(id);
        assertThat(trail)
                .extracting(Audit.Entry::kind)
                .containsExactly(
                        Audit.Kind.MOVE,
                        Audit.Kind.LETTER,
                        Audit.Kind.READ,
                        Audit.Kind.READ,
                        Audit.Kind.MOVE,
                        Audit.Kind.MOVE,
                        Audit.Kind.LETTER);
        assertThat(trail.get(3).detail()).isEqualTo("document " + devis);
        assertThat(trail.get(5).detail()).contains("ACCEPT", "Utile au quartier.");
        assertThat(trail.getFirst().prevHash()).isEqualTo(Audit.GENESIS);
        assertThat(Audit.verify(trail)).isTrue();

        // the table refuses changes; changed behind its back, the chain shows it
        assertThatThrownBy(() -> jdbc.sql("update calls.audit set detail = 'rien' where id = ?")
                        .param(trail.get(2).id())
                        .update())
                .hasMessageContaining("append-only");
        List<Audit.Entry> forged = new java.util.ArrayList<>(trail);
        Audit.Entry read = trail.get(2);
        forged.set(
                2,
                new Audit.Entry(
                        read.id(),
                        read.dossierId(),
                        read.at(),
                        read.actorId(),
                        read.kind(),
                        "rien",
                        read.prevHash(),
                        read.hash()));
        assertThat(Audit.verify(forged)).isFalse();
        forged = new java.util.ArrayList<>(trail);
        forged.remove(4);
        assertThat(Audit.verify(forged)).isFalse();

        // appends from two threads at once still chain, one after the other
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Audit.Entry>> both = List.of(
                    pool.submit(() -> audit.append(
                            id, instructor, Audit.Kind.READ, "a", Instant.now().truncatedTo(ChronoUnit.MICROS))),
                    pool.submit(() -> audit.append(
                            id, instructor, Audit.Kind.READ, "b", Instant.now().truncatedTo(ChronoUnit.MICROS))));
            for (Future<Audit.Entry> f : both) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(Audit.verify(audit.trail(id))).isTrue();
    }
}
