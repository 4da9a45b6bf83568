package fr.essor.agenda;

import java.time.Instant;
import java.time.ZonedDateTime;

import fr.essor.EssorApplication;

/**
 * One date of an event, from start to end. Kept as two instants: every listed event stays in memory with
 * its dates, and a date in Europe/Paris ({@link ZonedDateTime}) is three objects more than an instant,
 * which the collector marks and copies; {@link #startsAt()} and {@link #endsAt()} give it in Europe/Paris.
 */
public record Occurrence(long id, Instant start, Instant end) {

    public Occurrence(long id, ZonedDateTime startsAt, ZonedDateTime endsAt) {
        this(id, startsAt.toInstant(), endsAt.toInstant());
    }

    /** When it starts, in Europe/Paris. */
    public ZonedDateTime startsAt() {
        return start.atZone(EssorApplication.ZONE);
    }

    /** When it ends, in Europe/Paris. */
    public ZonedDateTime endsAt() {
        return end.atZone(EssorApplication.ZONE);
    }
}
