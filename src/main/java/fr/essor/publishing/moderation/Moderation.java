package fr.essor.publishing.moderation;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The moderation workflow of an event's version, as one state machine: an organizer writes a draft
 * and submits it; a moderator of its territory approves it (it becomes public), asks for changes
 * (with a message) or refuses it (with a reason); an organizer revises a draft or a version sent
 * back, and may withdraw what is waiting. A published event edited by its organizer gets a new
 * version that goes through the same path while the approved one stays public.
 *
 * <p>{@link #apply} is the only way to move: it checks the transition, the actor's role and the
 * required message, and returns the audit record of the move.
 */
public final class Moderation {

    /** Where a version stands. */
    public enum State {
        DRAFT,
        SUBMITTED,
        CHANGES_REQUESTED,
        APPROVED,
        REFUSED,
        WITHDRAWN;

        /** The SQL list of the states of a version in progress (one at most per public event), for {@code state in …}. */
        public static final String IN_PROGRESS_SQL = sqlList(State::inProgress);

        /** The SQL list of the states of a version in the moderators' hands, for {@code state in …}. */
        public static final String UNDER_MODERATION_SQL = sqlList(State::underModeration);

        public boolean terminal() {
            return this == APPROVED || this == REFUSED || this == WITHDRAWN;
        }

        /** Not decided yet: a draft, or a version sent to the moderators or sent back. */
        public boolean inProgress() {
            return !terminal();
        }

        /** Sent to the moderators, or sent back to its organizer by them. */
        public boolean underModeration() {
            return this == SUBMITTED || this == CHANGES_REQUESTED;
        }

        private static String sqlList(java.util.function.Predicate<State> which) {
            return java.util.Arrays.stream(values())
                    .filter(which)
                    .map(s -> "'" + s.name() + "'")
                    .collect(java.util.stream.Collectors.joining(", ", "(", ")"));
        }
    }

    /** What someone does to a version. */
    public enum Action {
        SUBMIT,
        APPROVE,
        REQUEST_CHANGES,
        REFUSE,
        WITHDRAW
    }

    /** Who acts: the structure's organizer, or a moderator of the event's territory. */
    public enum Role {
        ORGANIZER,
        MODERATOR
    }

    /**
     * An accepted move, for the audit trail.
     *
     * @param message the moderator's message or reason; {@code null} when the action needs none
     */
    public record Transition(
            State from, State to, Action action, Role role, long actorId, String message, Instant at) {}

    /** A refused move, with the reason as a message key. */
    public static final class IllegalTransition extends RuntimeException {

        private final String messageKey;

        public IllegalTransition(String messageKey, String detail) {
            super(detail);
            this.messageKey = messageKey;
        }

        public String messageKey() {
            return messageKey;
        }
    }

    private record Rule(State from, Action action) {}

    private static final Map<Rule, State> TARGETS = Map.of(
            new Rule(State.DRAFT, Action.SUBMIT), State.SUBMITTED,
            new Rule(State.CHANGES_REQUESTED, Action.SUBMIT), State.SUBMITTED,
            new Rule(State.SUBMITTED, Action.APPROVE), State.APPROVED,
            new Rule(State.SUBMITTED, Action.REQUEST_CHANGES), State.CHANGES_REQUESTED,
            new Rule(State.SUBMITTED, Action.REFUSE), State.REFUSED,
            new Rule(State.DRAFT, Action.WITHDRAW), State.WITHDRAWN,
            new Rule(State.SUBMITTED, Action.WITHDRAW), State.WITHDRAWN,
            new Rule(State.CHANGES_REQUESTED, Action.WITHDRAW), State.WITHDRAWN);

    private static final Map<Action, Role> ROLES = Map.of(
            Action.SUBMIT, Role.ORGANIZER,
            Action.WITHDRAW, Role.ORGANIZER,
            Action.APPROVE, Role.MODERATOR,
            Action.REQUEST_CHANGES, Role.MODERATOR,
            Action.REFUSE, Role.MODERATOR);

    private static final Set<Action> NEED_MESSAGE = Set.of(Action.REQUEST_CHANGES, Action.REFUSE);

    private Moderation() {}

    /** Where the action leads from this state, if anywhere, whoever acts. */
    public static Optional<State> target(State from, Action action) {
        return Optional.ofNullable(TARGETS.get(new Rule(from, action)));
    }

    /** Whether this state may be edited by its organizer (edits keep the state). */
    public static boolean editable(State state) {
        return state == State.DRAFT || state == State.CHANGES_REQUESTED;
    }

    /**
     * Moves a version.
     *
     * @param message the moderator's message (asking for changes) or reason (refusing), required for
     *     those two actions and ignored otherwise
     * @throws IllegalTransition when the move is not allowed from this state, not by this role, or
     *     lacks its message
     */
    public static Transition apply(State from, Action action, Role role, long actorId, String message, Instant at) {
        State to = TARGETS.get(new Rule(from, action));
        if (to == null) {
            throw new IllegalTransition("moderation.error.transition", action + " is not possible from " + from);
        }
        if (ROLES.get(action) != role) {
            throw new IllegalTransition("moderation.error.role", action + " is not for a " + role);
        }
        String text = message == null ? null : message.strip();
        if (NEED_MESSAGE.contains(action)) {
            if (text == null || text.isEmpty()) {
                throw new IllegalTransition("moderation.error.message", action + " needs a message");
            }
            if (text.length() > 2000) {
                throw new IllegalTransition("moderation.error.messageLength", action + " message is too long");
            }
        } else {
            text = null;
        }
        return new Transition(from, to, action, role, actorId, text, at);
    }
}
