package fr.essor.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

import fr.essor.calls.DossierFlow.Action;
import fr.essor.calls.DossierFlow.Context;
import fr.essor.calls.DossierFlow.IllegalTransition;
import fr.essor.calls.DossierFlow.Role;
import fr.essor.calls.DossierFlow.State;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DossierFlowTests {

    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");
    private static final Context ONE_SIGNATURE = new Context(false, null, null, true);
    private static final Context FOUR_EYES = new Context(true, null, null, true);
    private static final String REASON = "Le budget est équilibré et le projet répond au besoin.";

    private static Context proposed(Action proposal, long by) {
        return new Context(true, proposal, by, true);
    }

    @ParameterizedTest(name = "{0} --{1} by {2}--> {3}")
    @CsvSource({
        "DRAFT, SUBMIT, APPLICANT, SUBMITTED",
        "SUBMITTED, TAKE, INSTRUCTOR, UNDER_INSTRUCTION",
        "UNDER_INSTRUCTION, REQUEST_CORRECTIONS, INSTRUCTOR, CORRECTIONS_REQUESTED",
        "CORRECTIONS_REQUESTED, ANSWER_CORRECTIONS, APPLICANT, UNDER_INSTRUCTION",
        "CORRECTIONS_REQUESTED, REQUEST_CORRECTIONS, INSTRUCTOR, CORRECTIONS_REQUESTED",
        "UNDER_INSTRUCTION, ACCEPT, INSTRUCTOR, ACCEPTED",
        "UNDER_INSTRUCTION, REFUSE, INSTRUCTOR, REFUSED",
        "SUBMITTED, CLOSE, INSTRUCTOR, CLOSED",
        "UNDER_INSTRUCTION, CLOSE, INSTRUCTOR, CLOSED",
        "CORRECTIONS_REQUESTED, CLOSE, INSTRUCTOR, CLOSED",
        "ACCEPTED, REOPEN, SIGNER, UNDER_INSTRUCTION",
        "REFUSED, REOPEN, MANAGER, UNDER_INSTRUCTION",
        "CLOSED, REOPEN, SIGNER, UNDER_INSTRUCTION"
    })
    void allowedTransitionsOfAProgrammeDecidingInOneStep(State from, Action action, Role role, State to) {
        DossierFlow.Transition t = DossierFlow.apply(from, action, role, 7, REASON, ONE_SIGNATURE, AT);
        assertThat(t.to()).isEqualTo(to);
        assertThat(t.from()).isEqualTo(from);
        assertThat(t.actorId()).isEqualTo(7);
        assertThat(t.at()).isEqualTo(AT);
    }

    @Test
    void aFourEyesDecisionIsProposedByOneAndConfirmedOrSentBackByAnother() {
        assertThat(DossierFlow.apply(
                                State.UNDER_INSTRUCTION,
                                Action.PROPOSE_ACCEPTANCE,
                                Role.INSTRUCTOR,
                                7,
                                REASON,
                                FOUR_EYES,
                                AT)
                        .to())
                .isEqualTo(State.PROPOSED);
        assertThat(DossierFlow.apply(
                                State.PROPOSED,
                                Action.CONFIRM,
                                Role.SIGNER,
                                8,
                                null,
                                proposed(Action.PROPOSE_ACCEPTANCE, 7),
                                AT)
                        .to())
                .isEqualTo(State.ACCEPTED);
        assertThat(DossierFlow.apply(
                                State.PROPOSED,
                                Action.CONFIRM,
                                Role.SIGNER,
                                8,
                                null,
                                proposed(Action.PROPOSE_REFUSAL, 7),
                                AT)
                        .to())
                .isEqualTo(State.REFUSED);
        assertThat(DossierFlow.apply(
                                State.PROPOSED,
                                Action.SEND_BACK,
                                Role.SIGNER,
                                8,
                                REASON,
                                proposed(Action.PROPOSE_ACCEPTANCE, 7),
                                AT)
                        .to())
                .isEqualTo(State.UNDER_INSTRUCTION);
        // the proposer, even holding the signing role, cannot confirm their own proposal
        assertThatThrownBy(() -> DossierFlow.apply(
                        State.PROPOSED,
                        Action.CONFIRM,
                        Role.SIGNER,
                        7,
                        null,
                        proposed(Action.PROPOSE_ACCEPTANCE, 7),
                        AT))
                .isInstanceOfSatisfying(
                        IllegalTransition.class,
                        e -> assertThat(e.messageKey()).isEqualTo("calls.dossier.error.sameSigner"));
        // nor can an instructor decide alone, nor propose where one signature decides
        assertThatThrownBy(() -> DossierFlow.apply(
                        State.UNDER_INSTRUCTION, Action.ACCEPT, Role.INSTRUCTOR, 7, REASON, FOUR_EYES, AT))
                .isInstanceOfSatisfying(
                        IllegalTransition.class,
                        e -> assertThat(e.messageKey()).isEqualTo("calls.dossier.error.fourEyes"));
        assertThatThrownBy(() -> DossierFlow.apply(
                        State.UNDER_INSTRUCTION, Action.PROPOSE_REFUSAL, Role.INSTRUCTOR, 7, REASON, ONE_SIGNATURE, AT))
                .isInstanceOfSatisfying(
                        IllegalTransition.class,
                        e -> assertThat(e.messageKey()).isEqualTo("calls.dossier.error.oneSignature"));
    }

    @Test
    void everyOtherTransitionIsRefused() {
        Set<String> allowed = Set.of(
                "DRAFT SUBMIT",
                "SUBMITTED TAKE",
                "UNDER_INSTRUCTION REQUEST_CORRECTIONS",
                "CORRECTIONS_REQUESTED ANSWER_CORRECTIONS",
                "CORRECTIONS_REQUESTED REQUEST_CORRECTIONS",
                "UNDER_INSTRUCTION PROPOSE_ACCEPTANCE",
                "UNDER_INSTRUCTION PROPOSE_REFUSAL",
                "UNDER_INSTRUCTION ACCEPT",
                "UNDER_INSTRUCTION REFUSE",
                "PROPOSED CONFIRM",
                "PROPOSED SEND_BACK",
                "SUBMITTED CLOSE",
                "UNDER_INSTRUCTION CLOSE",
                "CORRECTIONS_REQUESTED CLOSE",
                "ACCEPTED REOPEN",
                "REFUSED REOPEN",
                "CLOSED REOPEN");
        Context any = proposed(Action.PROPOSE_ACCEPTANCE, 1);
        for (State from : State.values()) {
            for (Action action : Action.values()) {
                if (allowed.contains(from + " " + action)) {
                    assertThat(DossierFlow.target(from, action, any))
                            .as(from + " " + action)
                            .isPresent();
                    continue;
                }
                assertThat(DossierFlow.target(from, action, any))
                        .as(from + " " + action)
                        .isEmpty();
                for (Role role : Role.values()) {
                    assertThatThrownBy(() -> DossierFlow.apply(from, action, role, 2, REASON, any, AT))
                            .as(from + " " + action + " by " + role)
                            .isInstanceOfSatisfying(
                                    IllegalTransition.class,
                                    e -> assertThat(e.messageKey()).isEqualTo("calls.dossier.error.transition"));
                }
            }
        }
    }

    @Test
    void eachActionIsForItsRolesOnly() {
        record Move(State from, Action action, Context context, Set<Role> roles) {}
        for (Move m : new Move[] {
            new Move(State.DRAFT, Action.SUBMIT, ONE_SIGNATURE, EnumSet.of(Role.APPLICANT)),
            new Move(State.CORRECTIONS_REQUESTED, Action.ANSWER_CORRECTIONS, ONE_SIGNATURE, EnumSet.of(Role.APPLICANT)),
            new Move(State.SUBMITTED, Action.TAKE, ONE_SIGNATURE, EnumSet.of(Role.INSTRUCTOR)),
            new Move(State.UNDER_INSTRUCTION, Action.ACCEPT, ONE_SIGNATURE, EnumSet.of(Role.INSTRUCTOR)),
            new Move(State.UNDER_INSTRUCTION, Action.CLOSE, ONE_SIGNATURE, EnumSet.of(Role.INSTRUCTOR)),
            new Move(State.PROPOSED, Action.CONFIRM, proposed(Action.PROPOSE_REFUSAL, 1), EnumSet.of(Role.SIGNER)),
            new Move(State.REFUSED, Action.REOPEN, ONE_SIGNATURE, EnumSet.of(Role.SIGNER, Role.MANAGER))
        }) {
            for (Role role : Role.values()) {
                if (m.roles().contains(role)) {
                    assertThat(DossierFlow.apply(m.from(), m.action(), role, 2, REASON, m.context(), AT))
                            .isNotNull();
                } else {
                    assertThatThrownBy(() -> DossierFlow.apply(m.from(), m.action(), role, 2, REASON, m.context(), AT))
                            .as(m.action() + " by " + role)
                            .isInstanceOfSatisfying(
                                    IllegalTransition.class,
                                    e -> assertThat(e.messageKey()).isEqualTo("calls.dossier.error.role"));
                }
            }
        }
    }

    @Test
    void aDraftIsSubmittedOnlyBeforeTheClosingInstant() {
        Context late = new Context(false, null, null, false);
        assertThatThrownBy(() -> DossierFlow.apply(State.DRAFT, Action.SUBMIT, Role.APPLICANT, 3, null, late, AT))
                .isInstanceOfSatisfying(
                        IllegalTransition.class,
                        e -> assertThat(e.messageKey()).isEqualTo("calls.dossier.error.closed"));
        // answering corrections after the closing instant is expected
        assertThat(DossierFlow.apply(
                                State.CORRECTIONS_REQUESTED,
                                Action.ANSWER_CORRECTIONS,
                                Role.APPLICANT,
                                3,
                                null,
                                late,
                                AT)
                        .to())
                .isEqualTo(State.UNDER_INSTRUCTION);
    }

    @Test
    void decisionsCorrectionsClosingAndReopeningNeedAReasonOfBoundedLength() {
        for (String empty : new String[] {null, "", "   "}) {
            assertThatThrownBy(() -> DossierFlow.apply(
                            State.UNDER_INSTRUCTION, Action.REFUSE, Role.INSTRUCTOR, 7, empty, ONE_SIGNATURE, AT))
                    .isInstanceOfSatisfying(
                            IllegalTransition.class,
                            e -> assertThat(e.messageKey()).isEqualTo("calls.dossier.error.reason"));
            assertThatThrownBy(() ->
                            DossierFlow.apply(State.CLOSED, Action.REOPEN, Role.MANAGER, 7, empty, ONE_SIGNATURE, AT))
                    .isInstanceOf(IllegalTransition.class);
        }
        assertThatThrownBy(() -> DossierFlow.apply(
                        State.UNDER_INSTRUCTION,
                        Action.REQUEST_CORRECTIONS,
                        Role.INSTRUCTOR,
                        7,
                        "x".repeat(DossierFlow.REASON_MAX + 1),
                        ONE_SIGNATURE,
                        AT))
                .isInstanceOfSatisfying(
                        IllegalTransition.class,
                        e -> assertThat(e.messageKey()).isEqualTo("calls.dossier.error.reasonLength"));
        // a submission keeps no reason
        assertThat(DossierFlow.apply(State.DRAFT, Action.SUBMIT, Role.APPLICANT, 3, "ignoré", ONE_SIGNATURE, AT)
                        .reason())
                .isNull();
    }

    @Test
    void onlyADraftAndADossierUnderCorrectionAreEditable() {
        for (State s : State.values()) {
            assertThat(DossierFlow.editable(s))
                    .as(s.name())
                    .isEqualTo(s == State.DRAFT || s == State.CORRECTIONS_REQUESTED);
        }
        assertThat(State.IN_INSTRUCTION_SQL)
                .isEqualTo("('SUBMITTED', 'UNDER_INSTRUCTION', 'CORRECTIONS_REQUESTED', 'PROPOSED')");
    }
}
