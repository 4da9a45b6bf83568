package fr.essor.calls;

import java.time.Instant;
import java.util.List;

/**
 * A call for applications.
 *
 * @param capCents the most a dossier can be granted, in euro cents; null for a call without amounts
 * @param opensAt the first instant a dossier can be submitted
 * @param closesAt the instant from which no dossier can be submitted any more (enforced by the server)
 * @param documents the documents an applicant joins, by their names
 * @param retentionMonths how long its dossiers are kept once decided
 * @param fourEyes whether a decision is proposed by an instructor and confirmed by a second person
 * @param demo whether it is demonstration data, with fictitious amounts and rules
 */
public record Programme(
        long id,
        String slug,
        String name,
        ProgrammeKind kind,
        String owner,
        String summary,
        String description,
        String whoCanApply,
        Long capCents,
        Instant opensAt,
        Instant closesAt,
        List<String> documents,
        int retentionMonths,
        boolean fourEyes,
        boolean demo) {

    /** Where a programme stands at an instant, in the order the lists show them. */
    public enum State {
        OPEN("open"),
        UPCOMING("upcoming"),
        CLOSED("closed");

        private final String key;

        State(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    public Programme {
        documents = List.copyOf(documents);
    }

    public State state(Instant now) {
        if (now.isBefore(opensAt)) {
            return State.UPCOMING;
        }
        return now.isBefore(closesAt) ? State.OPEN : State.CLOSED;
    }
}
