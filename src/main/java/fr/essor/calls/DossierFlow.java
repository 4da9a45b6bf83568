package fr.essor.calls;

import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The life of a dossier, as one state machine. An applicant writes a draft and submits it before the
 * closing instant; an instructor takes it into instruction, may send it back for corrections (the
 * applicant answers), may close it without follow-up, and decides. Where the programme asks for a
 * four-eyes decision, the instructor proposes acceptance or refusal and a second person with the signing
 * role confirms it or sends it back; otherwise the instructor decides. A decided or closed dossier can be
 * reopened, with a reason, by a signer or the programme's manager.
 *
 * <p>{@link #apply} is the only way to move: it checks the transition, the actor's role, the four-eyes
 * rule and the required reason, and returns the audit record of the move.
 */
public final class DossierFlow {

    /** Where a dossier stands. */
    public enum State {
        DRAFT,
        SUBMITTED,
        UNDER_INSTRUCTION,
        CORRECTIONS_REQUESTED,
        /** A decision proposed, waiting for a second person's confirmation. */
        PROPOSED,
        ACCEPTED,
        REFUSED,
        CLOSED;

        /** The SQL list of the states staff work on, for {@code state in …}. */
        public static final String IN_INSTRUCTION_SQL = sqlList(State::inInstruction);

        public boolean decided() {
            return this == ACCEPTED || this == REFUSED || this == CLOSED;
        }

        /** Submitted and not decided yet. */
        public boolean inInstruction() {
            return this != DRAFT && !decided();
        }

        private static String sqlList(java.util.function.Predicate<State> which) {
            return Arrays.stream(values())
                    .filter(which)
                    .map(s -> "'" + s.name() + "'")
                    .collect(Collectors.joining(", ", "(", ")"));
        }
    }

    /** What someone does to a dossier. */
    public enum Action {
        SUBMIT,
        TAKE,
        REQUEST_CORRECTIONS,
        ANSWER_CORRECTIONS,
        /** Proposes acceptance (four-eyes programmes). */
        PROPOSE_ACCEPTANCE,
        /** Proposes refusal (four-eyes programmes). */
        PROPOSE_REFUSAL,
        /** Confirms the proposed decision (the signer). */
        CONFIRM,
        /** Sends the proposal back to instruction (the signer). */
        SEND_BACK,
        ACCEPT,
        REFUSE,
        CLOSE,
        REOPEN
    }

    /** Who acts on a dossier. */
    public enum Role {
        APPLICANT,
        INSTRUCTOR,
        SIGNER,
        MANAGER
    }

    /**
     * The dossier's facts a move depends on.
     *
     * @param fourEyes whether its programme asks for a second person to confirm decisions
     * @param proposal the action proposed when it is {@link State#PROPOSED}, else null
     * @param proposedBy who proposed it, else null
     * @param beforeClosing whether the programme's closing instant is still to come (or the applicant holds a
     *     grace token)
     */
    public record Context(boolean fourEyes, Action proposal, Long proposedBy, boolean beforeClosing) {}

    /**
     * An accepted move, for the audit trail.
     *
     * @param reason the message or reason, null when the action needs none
     */
    public record Transition(State from, State to, Action action, Role role, long actorId, String reason, Instant at) {}

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

    private static final Map<Rule, State> TARGETS = Map.ofEntries(
            Map.entry(new Rule(State.DRAFT, Action.SUBMIT), State.SUBMITTED),
            Map.entry(new Rule(State.SUBMITTED, Action.TAKE), State.UNDER_INSTRUCTION),
            Map.entry(new Rule(State.UNDER_INSTRUCTION, Action.REQUEST_CORRECTIONS), State.CORRECTIONS_REQUESTED),
            Map.entry(new Rule(State.CORRECTIONS_REQUESTED, Action.ANSWER_CORRECTIONS), State.UNDER_INSTRUCTION),
            // asked again: other fields, or a later deadline
            Map.entry(new Rule(State.CORRECTIONS_REQUESTED, Action.REQUEST_CORRECTIONS), State.CORRECTIONS_REQUESTED),
            Map.entry(new Rule(State.UNDER_INSTRUCTION, Action.PROPOSE_ACCEPTANCE), State.PROPOSED),
            Map.entry(new Rule(State.UNDER_INSTRUCTION, Action.PROPOSE_REFUSAL), State.PROPOSED),
            Map.entry(new Rule(State.UNDER_INSTRUCTION, Action.ACCEPT), State.ACCEPTED),
            Map.entry(new Rule(State.UNDER_INSTRUCTION, Action.REFUSE), State.REFUSED),
            Map.entry(new Rule(State.PROPOSED, Action.SEND_BACK), State.UNDER_INSTRUCTION),
            Map.entry(new Rule(State.SUBMITTED, Action.CLOSE), State.CLOSED),
            Map.entry(new Rule(State.UNDER_INSTRUCTION, Action.CLOSE), State.CLOSED),
            Map.entry(new Rule(State.CORRECTIONS_REQUESTED, Action.CLOSE), State.CLOSED),
            Map.entry(new Rule(State.ACCEPTED, Action.REOPEN), State.UNDER_INSTRUCTION),
            Map.entry(new Rule(State.REFUSED, Action.REOPEN), State.UNDER_INSTRUCTION),
            Map.entry(new Rule(State.CLOSED, Action.REOPEN), State.UNDER_INSTRUCTION));

    private static final Map<Action, Set<Role>> ROLES = Map.ofEntries(
            Map.entry(Action.SUBMIT, Set.of(Role.APPLICANT)),
            Map.entry(Action.ANSWER_CORRECTIONS, Set.of(Role.APPLICANT)),
            Map.entry(Action.TAKE, Set.of(Role.INSTRUCTOR)),
            Map.entry(Action.REQUEST_CORRECTIONS, Set.of(Role.INSTRUCTOR)),
            Map.entry(Action.PROPOSE_ACCEPTANCE, Set.of(Role.INSTRUCTOR)),
            Map.entry(Action.PROPOSE_REFUSAL, Set.of(Role.INSTRUCTOR)),
            Map.entry(Action.ACCEPT, Set.of(Role.INSTRUCTOR)),
            Map.entry(Action.REFUSE, Set.of(Role.INSTRUCTOR)),
            Map.entry(Action.CLOSE, Set.of(Role.INSTRUCTOR)),
            Map.entry(Action.CONFIRM, Set.of(Role.SIGNER)),
            Map.entry(Action.SEND_BACK, Set.of(Role.SIGNER)),
            Map.entry(Action.REOPEN, Set.of(Role.SIGNER, Role.MANAGER)));

    private static final Set<Action> NEED_REASON = Set.of(
            Action.REQUEST_CORRECTIONS,
            Action.PROPOSE_ACCEPTANCE,
            Action.PROPOSE_REFUSAL,
            Action.ACCEPT,
            Action.REFUSE,
            Action.CLOSE,
            Action.SEND_BACK,
            Action.REOPEN);

    static final int REASON_MAX = 5000;

    private DossierFlow() {}

    /** Whether the applicant may change the answers in this state (all of them in a draft, the flagged ones under correction). */
    public static boolean editable(State state) {
        return state == State.DRAFT || state == State.CORRECTIONS_REQUESTED;
    }

    /** The roles that may take an action. */
    public static Set<Role> rolesFor(Action action) {
        return ROLES.get(action);
    }

    /** Where the action leads from this state for this dossier, if anywhere, whoever acts. */
    public static Optional<State> target(State from, Action action, Context context) {
        if (from == State.PROPOSED && action == Action.CONFIRM) {
            return context.proposal() == Action.PROPOSE_ACCEPTANCE
                    ? Optional.of(State.ACCEPTED)
                    : context.proposal() == Action.PROPOSE_REFUSAL ? Optional.of(State.REFUSED) : Optional.empty();
        }
        return Optional.ofNullable(TARGETS.get(new Rule(from, action)));
    }

    /**
     * Moves a dossier.
     *
     * @param reason the motivation, message or reason the action needs (see the actions), ignored otherwise
     * @throws IllegalTransition when the move is not allowed from this state, not by this role, not in this
     *     programme (one signature against four eyes), by the proposer confirming their own proposal, after
     *     the closing instant, or without its reason
     */
    public static Transition apply(
            State from, Action action, Role role, long actorId, String reason, Context context, Instant at) {
        State to = target(from, action, context)
                .orElseThrow(() -> new IllegalTransition(
                        "calls.dossier.error.transition", action + " is not possible from " + from));
        if (!ROLES.get(action).contains(role)) {
            throw new IllegalTransition("calls.dossier.error.role", action + " is not for a " + role);
        }
        if (context.fourEyes() && (action == Action.ACCEPT || action == Action.REFUSE)) {
            throw new IllegalTransition("calls.dossier.error.fourEyes", "this programme needs a second signature");
        }
        if (!context.fourEyes() && (action == Action.PROPOSE_ACCEPTANCE || action == Action.PROPOSE_REFUSAL)) {
            throw new IllegalTransition("calls.dossier.error.oneSignature", "this programme decides in one step");
        }
        if (action == Action.CONFIRM && context.proposedBy() != null && context.proposedBy() == actorId) {
            throw new IllegalTransition("calls.dossier.error.sameSigner", "the proposer cannot confirm");
        }
        if (action == Action.SUBMIT && !context.beforeClosing()) {
            throw new IllegalTransition("calls.dossier.error.closed", "the call is closed");
        }
        String text = reason == null ? null : reason.strip();
        if (NEED_REASON.contains(action)) {
            if (text == null || text.isEmpty()) {
                throw new IllegalTransition("calls.dossier.error.reason", action + " needs a reason");
            }
            if (text.length() > REASON_MAX) {
                throw new IllegalTransition("calls.dossier.error.reasonLength", action + " reason is too long");
            }
        } else {
            text = null;
        }
        return new Transition(from, to, action, role, actorId, text, at);
    }
}
