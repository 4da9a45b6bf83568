package fr.essor.publishing.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import fr.essor.publishing.moderation.Moderation.Action;
import fr.essor.publishing.moderation.Moderation.IllegalTransition;
import fr.essor.publishing.moderation.Moderation.Role;
import fr.essor.publishing.moderation.Moderation.State;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The moderation state machine, transition by transition. */
class ModerationTests {

    private static final Instant NOW = Instant.parse("2026-10-01T08:00:00Z");

    @ParameterizedTest(name = "{0} --{1} by {2}--> {3}")
    @CsvSource({
        "DRAFT, SUBMIT, ORGANIZER, SUBMITTED",
        "CHANGES_REQUESTED, SUBMIT, ORGANIZER, SUBMITTED",
        "SUBMITTED, APPROVE, MODERATOR, APPROVED",
        "SUBMITTED, REQUEST_CHANGES, MODERATOR, CHANGES_REQUESTED",
        "SUBMITTED, REFUSE, MODERATOR, REFUSED",
        "DRAFT, WITHDRAW, ORGANIZER, WITHDRAWN",
        "SUBMITTED, WITHDRAW, ORGANIZER, WITHDRAWN",
        "CHANGES_REQUESTED, WITHDRAW, ORGANIZER, WITHDRAWN"
    })
    void allowedTransitions(State from, Action action, Role role, State to) {
        var t = Moderation.apply(from, action, role, 42, "Merci de préciser l’adresse.", NOW);
        assertThat(t.to()).isEqualTo(to);
        assertThat(t.from()).isEqualTo(from);
        assertThat(t.actorId()).isEqualTo(42);
        assertThat(t.at()).isEqualTo(NOW);
    }

    @Test
    void everyOtherTransitionIsRefused() {
        List<String> allowed = List.of(
                "DRAFT SUBMIT",
                "CHANGES_REQUESTED SUBMIT",
                "SUBMITTED APPROVE",
                "SUBMITTED REQUEST_CHANGES",
                "SUBMITTED REFUSE",
                "DRAFT WITHDRAW",
                "SUBMITTED WITHDRAW",
                "CHANGES_REQUESTED WITHDRAW");
        List<String> possible = new ArrayList<>();
        for (State from : State.values()) {
            for (Action action : Action.values()) {
                if (Moderation.target(from, action).isPresent()) {
                    possible.add(from + " " + action);
                } else {
                    for (Role role : Role.values()) {
                        assertThatThrownBy(() -> Moderation.apply(from, action, role, 1, "message", NOW))
                                .isInstanceOf(IllegalTransition.class)
                                .extracting(e -> ((IllegalTransition) e).messageKey())
                                .isEqualTo("moderation.error.transition");
                    }
                }
            }
        }
        assertThat(possible).containsExactlyInAnyOrderElementsOf(allowed);
        for (State terminal : List.of(State.APPROVED, State.REFUSED, State.WITHDRAWN)) {
            assertThat(terminal.terminal()).isTrue();
        }
    }

    @Test
    void onlyModeratorsDecideAndOnlyOrganizersSubmit() {
        assertThatThrownBy(() -> Moderation.apply(State.SUBMITTED, Action.APPROVE, Role.ORGANIZER, 1, null, NOW))
                .extracting(e -> ((IllegalTransition) e).messageKey())
                .isEqualTo("moderation.error.role");
        assertThatThrownBy(() -> Moderation.apply(State.DRAFT, Action.SUBMIT, Role.MODERATOR, 1, null, NOW))
                .extracting(e -> ((IllegalTransition) e).messageKey())
                .isEqualTo("moderation.error.role");
        assertThatThrownBy(() -> Moderation.apply(State.SUBMITTED, Action.WITHDRAW, Role.MODERATOR, 1, null, NOW))
                .extracting(e -> ((IllegalTransition) e).messageKey())
                .isEqualTo("moderation.error.role");
    }

    @Test
    void askingForChangesOrRefusingNeedsAMessage() {
        for (Action action : List.of(Action.REQUEST_CHANGES, Action.REFUSE)) {
            for (String empty : new String[] {null, "", "   "}) {
                assertThatThrownBy(() -> Moderation.apply(State.SUBMITTED, action, Role.MODERATOR, 1, empty, NOW))
                        .extracting(e -> ((IllegalTransition) e).messageKey())
                        .isEqualTo("moderation.error.message");
            }
            assertThatThrownBy(
                            () -> Moderation.apply(State.SUBMITTED, action, Role.MODERATOR, 1, "x".repeat(2001), NOW))
                    .extracting(e -> ((IllegalTransition) e).messageKey())
                    .isEqualTo("moderation.error.messageLength");
        }
        assertThat(Moderation.apply(
                                State.SUBMITTED, Action.REFUSE, Role.MODERATOR, 1, "  Hors du champ de l’ESS. ", NOW)
                        .message())
                .isEqualTo("Hors du champ de l’ESS.");
        // a message given with an action that needs none is not kept
        assertThat(Moderation.apply(State.SUBMITTED, Action.APPROVE, Role.MODERATOR, 1, "ok", NOW)
                        .message())
                .isNull();
    }

    @Test
    void onlyDraftsAndVersionsSentBackAreEditable() {
        assertThat(List.of(State.values()))
                .filteredOn(Moderation::editable)
                .containsExactly(State.DRAFT, State.CHANGES_REQUESTED);
    }
}
