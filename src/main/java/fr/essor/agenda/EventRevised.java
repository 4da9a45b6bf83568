package fr.essor.agenda;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What a public event says was replaced by an approved revision: its title now, and the dates that
 * moved or were removed (dates keep their ids when they move).
 *
 * @param changeId unique to this change, so that a listener handles it once however often it is delivered
 */
public record EventRevised(
        UUID changeId, long eventId, String title, List<MovedDate> movedDates, List<RemovedDate> removedDates) {

    public EventRevised {
        movedDates = List.copyOf(movedDates);
        removedDates = List.copyOf(removedDates);
    }

    /** A date that takes place at another time than before. */
    public record MovedDate(
            long occurrenceId, Instant previousStart, Instant previousEnd, Instant startsAt, Instant endsAt) {}

    /** A date that no longer takes place. */
    public record RemovedDate(long occurrenceId, Instant startsAt, Instant endsAt) {}

    /** Whether a date moved or was removed (else only what the event says changed). */
    public boolean datesChanged() {
        return !movedDates.isEmpty() || !removedDates.isEmpty();
    }
}
