package fr.essor.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import fr.essor.calls.DossierFlow.Action;
import fr.essor.calls.DossierFlow.IllegalTransition;
import fr.essor.calls.DossierFlow.Role;
import fr.essor.calls.DossierFlow.State;
import fr.essor.directory.LegalFamily;
import fr.essor.directory.Structures;
import fr.essor.identity.IdentityFixtures;
import fr.essor.identity.Memberships;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest
class InstructionTests {

    private static final String WHY = "Le projet répond au besoin et son budget est équilibré.";

    @Autowired
    Instruction instruction;

    @Autowired
    Dossiers dossiers;

    @Autowired
    Programmes programmes;

    @Autowired
    Staff staff;

    @Autowired
    Structures structures;

    @Autowired
    Memberships memberships;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Letters letters;

    @Autowired
    fr.essor.notification.Notifications notifications;

    @Autowired
    fr.essor.identity.Accounts accounts;

    private IdentityFixtures fixtures;
    private long applicant;
    private long structure;
    private long instructor;
    private long secondInstructor;
    private long signer;
    private long manager;

    @BeforeEach
    void setUp() {
        fixtures = new IdentityFixtures(jdbc);
        applicant = fixtures.organizer(unique() + "@candidat.test");
        structure = structures
                .register(new Structures.Registration(
                        "Épicerie solidaire " + unique(),
                        CallsFixtures.siret(),
                        LegalFamily.ASSOCIATION,
                        "34172",
                        null))
                .id();
        memberships.register(applicant, structure);
        structures.verify(structure, fixtures.moderator(unique() + "@moderation.test", "76", java.util.Set.of()));
        instructor = fixtures.organizer(unique() + "@instruction.test");
        secondInstructor = fixtures.organizer(unique() + "@instruction.test");
        signer = fixtures.organizer(unique() + "@signature.test");
        manager = fixtures.organizer(unique() + "@gestion.test");
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** A programme with its staff, and a dossier submitted to it; returns the dossier's id. */
    private long submitted(boolean fourEyes) {
        var d = CallsFixtures.draft(
                "instruction-" + unique(),
                Instant.now().minus(Duration.ofDays(1)),
                Instant.now().plus(Duration.ofDays(3)));
        long programme = programmes.create(
                new Programmes.Draft(
                        d.slug(),
                        d.name(),
                        d.kind(),
                        d.owner(),
                        d.summary(),
                        d.description(),
                        d.whoCanApply(),
                        5_000_000L,
                        d.opensAt(),
                        d.closesAt(),
                        d.documents(),
                        d.retentionMonths(),
                        fourEyes,
                        false),
                CallsFixtures.form());
        staff.grant(programme, instructor, Role.INSTRUCTOR, manager);
        staff.grant(programme, secondInstructor, Role.INSTRUCTOR, manager);
        staff.grant(programme, signer, Role.SIGNER, manager);
        staff.grant(programme, manager, Role.MANAGER, manager);
        long id = dossiers.start(programme, applicant, structure);
        dossiers.save(
                id,
                applicant,
                0,
                Map.of(
                        "statut", "Association",
                        "rna", "W343000123",
                        "budget", List.of(Map.of("poste", "Chambre froide", "cout", "8 000"))));
        dossiers.submit(id, applicant, 1);
        return id;
    }

    private Dossiers.Dossier act(long id, long who, Action action, String why, Long cents) {
        int revision = instruction.dossier(id, who).orElseThrow().revision();
        return instruction.act(id, who, action, why, cents, revision);
    }

    @Test
    void aDossierIsTakenCorrectedByItsApplicantAcceptedWithinTheCapAndReopened() {
        long id = submitted(false);
        assertThat(act(id, instructor, Action.TAKE, null, null).state()).isEqualTo(State.UNDER_INSTRUCTION);
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Paris"));
        // a request names the fields it reopens, those of the form, and a deadline to come
        for (Instruction.Corrections bad : List.of(
                new Instruction.Corrections(Set.of(), today.plusDays(7)),
                new Instruction.Corrections(Set.of("budget", "inconnu"), today.plusDays(7)),
                new Instruction.Corrections(Set.of("budget"), today.minusDays(1)),
                new Instruction.Corrections(Set.of("budget"), today.plusDays(200)))) {
            int revision = instruction.dossier(id, instructor).orElseThrow().revision();
            assertThatThrownBy(() -> instruction.act(
                            id, instructor, Action.REQUEST_CORRECTIONS, "Joignez le devis.", null, revision, bad))
                    .as(bad.toString())
                    .isInstanceOfSatisfying(
                            IllegalTransition.class,
                            e -> assertThat(e.messageKey()).startsWith("calls.dossier.error.corrections"));
        }
        assertThatThrownBy(() -> act(id, instructor, Action.REQUEST_CORRECTIONS, "Joignez le devis.", null))
                .isInstanceOf(IllegalTransition.class);
        assertThat(instruction
                        .act(
                                id,
                                instructor,
                                Action.REQUEST_CORRECTIONS,
                                "Joignez le devis.",
                                null,
                                instruction
                                        .dossier(id, instructor)
                                        .orElseThrow()
                                        .revision(),
                                new Instruction.Corrections(Set.of("budget"), today))
                        .state())
                .isEqualTo(State.CORRECTIONS_REQUESTED);

        Dossiers.Dossier asked = dossiers.ofApplicant(id, applicant).orElseThrow();
        assertThat(asked.reopened()).containsExactly("budget");
        assertThat(asked.open("budget")).isTrue();
        assertThat(asked.open("statut")).isFalse();
        // only the flagged answer changes, whatever else is posted
        dossiers.save(
                id,
                applicant,
                asked.revision(),
                Map.of("statut", "Coopérative", "budget", List.of(Map.of("poste", "Chambre froide", "cout", "9 500"))));
        // past the deadline the answer is refused; the instructor asks again with a later one
        jdbc.sql("update calls.dossier set corrections_due = ? where id = ?")
                .params(today.minusDays(1), id)
                .update();
        assertThatThrownBy(() -> dossiers.answerCorrections(id, applicant, asked.revision() + 1))
                .isInstanceOfSatisfying(
                        IllegalTransition.class,
                        e -> assertThat(e.messageKey()).isEqualTo("calls.dossier.error.correctionsLate"));
        instruction.act(
                id,
                instructor,
                Action.REQUEST_CORRECTIONS,
                "Joignez le devis, délai prolongé.",
                null,
                asked.revision() + 1,
                new Instruction.Corrections(Set.of("budget"), today.plusDays(3)));
        Dossiers.Dossier answered = dossiers.answerCorrections(id, applicant, asked.revision() + 2);
        assertThat(answered.state()).isEqualTo(State.UNDER_INSTRUCTION);
        assertThat(answered.answers()).containsEntry("statut", "Association").containsEntry("rna", "W343000123");
        assertThat(answered.answers().get("budget").toString()).contains("Chambre froide", "9500");
        assertThat(answered.reopened()).isEmpty();
        assertThat(answered.correctionsDue()).isNull();

        assertThatThrownBy(() -> act(id, instructor, Action.ACCEPT, WHY, 6_000_000L))
                .isInstanceOfSatisfying(
                        IllegalTransition.class,
                        e -> assertThat(e.messageKey()).isEqualTo("calls.dossier.error.amount"));
        assertThatThrownBy(() -> act(id, instructor, Action.ACCEPT, WHY, null)).isInstanceOf(IllegalTransition.class);
        assertThat(mailsTo(applicant, "Corrections demandées"))
                .hasSize(2)
                .last() // the mails come newest first
                .satisfies(m -> assertThat(m.body()).contains("Joignez le devis.", "- Budget", "/dossiers/" + id));
        Dossiers.Dossier accepted = act(id, instructor, Action.ACCEPT, WHY, 950_000L);
        assertThat(accepted.state()).isEqualTo(State.ACCEPTED);
        Letters.Letter decision = letters.latest(id, Letters.Kind.DECISION).orElseThrow();
        assertThat(decision.number()).startsWith("DEC-");
        assertThat(decision.statement())
                .containsEntry("Décision", "Dossier accepté")
                .containsEntry("Montant accordé", "9 500 €")
                .containsEntry("Motivation", WHY);
        assertThat(mailsTo(applicant, "Décision sur votre dossier"))
                .singleElement()
                .satisfies(m -> assertThat(m.body()).contains("accepté", decision.number()));
        assertThat(accepted.decidedAt()).isNotNull();
        assertThat(decisionCents(id)).isEqualTo(950_000L);

        // an instructor does not reopen; the manager does, with a reason
        assertThatThrownBy(() -> act(id, instructor, Action.REOPEN, "Erreur", null))
                .isInstanceOfSatisfying(
                        IllegalTransition.class, e -> assertThat(e.messageKey()).isEqualTo("calls.dossier.error.role"));
        assertThat(act(id, manager, Action.REOPEN, "Pièce fausse signalée.", null)
                        .state())
                .isEqualTo(State.UNDER_INSTRUCTION);
        // the applicant was told of each move they follow: taken, reopened with its reason
        String reference = dossiers.byId(id).orElseThrow().reference();
        assertThat(mailsTo(applicant, "Votre dossier " + reference))
                .extracting(fr.essor.notification.Notifications.LocalMail::subject)
                .contains(
                        "Votre dossier " + reference + "\u00a0: pris en instruction",
                        "Votre dossier " + reference + "\u00a0: rouvert\u00a0: il est de nouveau en instruction");
        assertThat(mailsTo(applicant, "Votre dossier " + reference + "\u00a0: rouvert"))
                .singleElement()
                .satisfies(m -> assertThat(m.body()).contains("Motif\u00a0: Pièce fausse signalée."));
        assertThat(dossiers.transitions(id))
                .extracting(DossierFlow.Transition::action)
                .containsExactly(
                        Action.SUBMIT,
                        Action.TAKE,
                        Action.REQUEST_CORRECTIONS,
                        Action.REQUEST_CORRECTIONS,
                        Action.ANSWER_CORRECTIONS,
                        Action.ACCEPT,
                        Action.REOPEN);
        assertThat(dossiers.transitions(id).get(2).reason()).isEqualTo("Joignez le devis.");
    }

    private Long decisionCents(long id) {
        return jdbc.sql("select decision_cents from calls.dossier where id = ?")
                .param(id)
                .query(Long.class)
                .single();
    }

    @Test
    void underFourEyesOneProposesAndAnotherConfirms() {
        long id = submitted(true);
        act(id, instructor, Action.TAKE, null, null);
        assertThatThrownBy(() -> act(id, instructor, Action.ACCEPT, WHY, 100_000L))
                .isInstanceOfSatisfying(
                        IllegalTransition.class,
                        e -> assertThat(e.messageKey()).isEqualTo("calls.dossier.error.fourEyes"));
        Dossiers.Dossier proposed = act(id, instructor, Action.PROPOSE_ACCEPTANCE, WHY, 100_000L);
        assertThat(proposed.state()).isEqualTo(State.PROPOSED);
        assertThat(proposed.proposedBy()).isEqualTo(instructor);
        // an instructor cannot confirm, nor can the proposer holding the signing role too
        assertThatThrownBy(() -> act(id, secondInstructor, Action.CONFIRM, null, null))
                .isInstanceOfSatisfying(
                        IllegalTransition.class, e -> assertThat(e.messageKey()).isEqualTo("calls.dossier.error.role"));
        staff.grant(proposed.programmeId(), instructor, Role.SIGNER, manager);
        assertThatThrownBy(() -> act(id, instructor, Action.CONFIRM, null, null))
                .isInstanceOfSatisfying(
                        IllegalTransition.class,
                        e -> assertThat(e.messageKey()).isEqualTo("calls.dossier.error.sameSigner"));
        Dossiers.Dossier accepted = act(id, signer, Action.CONFIRM, null, null);
        assertThat(accepted.state()).isEqualTo(State.ACCEPTED);
        // the letter states the proposal's motivation and amount
        assertThat(letters.latest(id, Letters.Kind.DECISION).orElseThrow().statement())
                .containsEntry("Montant accordé", "1 000 €")
                .containsEntry("Motivation", WHY);
        assertThat(accepted.proposal()).isNull();
        assertThat(decisionCents(id)).isEqualTo(100_000L);
    }

    @Test
    void onlyTheProgrammesStaffSeesAndMovesItsDossiers() {
        long id = submitted(false);
        long stranger = fixtures.organizer(unique() + "@ailleurs.test");
        assertThat(instruction.dossier(id, stranger)).isEmpty();
        assertThatThrownBy(() -> instruction.act(id, stranger, Action.TAKE, null, null, 2))
                .isInstanceOfSatisfying(
                        IllegalTransition.class,
                        e -> assertThat(e.messageKey()).isEqualTo("calls.dossier.error.unknown"));
        long programme = instruction.dossier(id, instructor).orElseThrow().programmeId();
        assertThat(instruction.ofProgramme(programme, instructor))
                .extracting(Dossiers.Dossier::id)
                .containsExactly(id);
        assertThat(instruction.ofProgramme(programme, stranger)).isEmpty();
        // a draft is not the staff's to see
        long draft = dossiers.start(programme, applicant, structure);
        assertThat(instruction.dossier(draft, instructor)).isEmpty();
    }

    @Test
    void ofTwoInstructorsDecidingTheSameDossierAtOnceOneWinsAndTheOtherIsTold() throws Exception {
        long id = submitted(false);
        act(id, instructor, Action.TAKE, null, null);
        int revision = instruction.dossier(id, instructor).orElseThrow().revision();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<String>> both = List.of(
                    () -> {
                        start.await();
                        try {
                            instruction.act(id, instructor, Action.ACCEPT, WHY, 100_000L, revision);
                            return "accepted";
                        } catch (IllegalTransition ex) {
                            return ex.messageKey();
                        }
                    },
                    () -> {
                        start.await();
                        try {
                            instruction.act(id, secondInstructor, Action.REFUSE, "Hors du périmètre.", null, revision);
                            return "refused";
                        } catch (IllegalTransition ex) {
                            return ex.messageKey();
                        }
                    });
            List<Future<String>> results = both.stream().map(pool::submit).toList();
            start.countDown();
            List<String> outcomes = new java.util.ArrayList<>();
            for (Future<String> f : results) {
                outcomes.add(f.get());
            }
            assertThat(outcomes).contains("calls.dossier.error.transition");
            assertThat(outcomes).containsAnyOf("accepted", "refused");
            State state = instruction.dossier(id, instructor).orElseThrow().state();
            assertThat(state).isEqualTo(outcomes.contains("accepted") ? State.ACCEPTED : State.REFUSED);
            assertThat(dossiers.transitions(id)).hasSize(3);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theInstructorsListFiltersByStateAndReferenceSortsAndPages() {
        long first = submitted(false);
        long programme = instruction.dossier(first, instructor).orElseThrow().programmeId();
        List<Long> ids = new java.util.ArrayList<>(List.of(first));
        for (int i = 0; i < 2; i++) {
            long other = fixtures.organizer(unique() + "@candidat.test");
            long otherStructure = structures
                    .register(new Structures.Registration(
                            "Ressourcerie " + unique(), CallsFixtures.siret(), LegalFamily.ASSOCIATION, "31555", null))
                    .id();
            memberships.register(other, otherStructure);
            structures.verify(otherStructure, manager);
            long id = dossiers.start(programme, other, otherStructure);
            dossiers.save(
                    id,
                    other,
                    0,
                    Map.of("statut", "Coopérative", "budget", List.of(Map.of("poste", "Local", "cout", "100"))));
            dossiers.submit(id, other, 1);
            ids.add(id);
        }
        act(ids.get(1), instructor, Action.TAKE, null, null);
        var all = instruction.list(
                programme, instructor, java.util.EnumSet.noneOf(State.class), null, Instruction.Sort.SUBMITTED, 1, 2);
        assertThat(all.total()).isEqualTo(3);
        assertThat(all.pages()).isEqualTo(2);
        assertThat(all.dossiers()).extracting(Instruction.Row::id).containsExactly(ids.get(0), ids.get(1));
        var second = instruction.list(
                programme, instructor, java.util.EnumSet.noneOf(State.class), null, Instruction.Sort.SUBMITTED, 2, 2);
        assertThat(second.dossiers()).extracting(Instruction.Row::id).containsExactly(ids.get(2));
        var newest = instruction.list(
                programme,
                instructor,
                java.util.EnumSet.noneOf(State.class),
                null,
                Instruction.Sort.SUBMITTED_DESC,
                1,
                10);
        assertThat(newest.dossiers())
                .extracting(Instruction.Row::id)
                .containsExactly(ids.get(2), ids.get(1), ids.get(0));
        var taken = instruction.list(
                programme,
                instructor,
                java.util.EnumSet.of(State.UNDER_INSTRUCTION),
                null,
                Instruction.Sort.SUBMITTED,
                1,
                10);
        assertThat(taken.dossiers()).extracting(Instruction.Row::id).containsExactly(ids.get(1));
        String reference =
                instruction.dossier(ids.get(2), instructor).orElseThrow().reference();
        var byReference = instruction.list(
                programme,
                instructor,
                java.util.EnumSet.noneOf(State.class),
                reference.substring(reference.length() - 6).toLowerCase(),
                Instruction.Sort.REFERENCE,
                1,
                10);
        assertThat(byReference.dossiers()).extracting(Instruction.Row::id).containsExactly(ids.get(2));
        var beyond = instruction.list(
                programme, instructor, java.util.EnumSet.noneOf(State.class), null, Instruction.Sort.SUBMITTED, 9, 2);
        assertThat(beyond.dossiers()).isEmpty();
        assertThat(beyond.total()).isEqualTo(3);
        assertThat(instruction
                        .list(
                                programme,
                                fixtures.organizer(unique() + "@x.test"),
                                java.util.EnumSet.noneOf(State.class),
                                null,
                                Instruction.Sort.SUBMITTED,
                                1,
                                10)
                        .total())
                .isZero();
    }

    private List<fr.essor.notification.Notifications.LocalMail> mailsTo(long account, String subject) {
        String email = accounts.account(account).orElseThrow().email();
        return notifications.localMailbox(5000).stream()
                .filter(m -> m.to().equals(email) && m.subject().startsWith(subject))
                .toList();
    }
}
