package fr.essor.agenda;

import java.time.ZonedDateTime;

/** One date of an event, from start to end, in Europe/Paris. */
public record Occurrence(long id, ZonedDateTime startsAt, ZonedDateTime endsAt) {

    /** Whether it starts and ends on the same calendar day. */
    public boolean sameDay() {
        return startsAt.toLocalDate().equals(endsAt.toLocalDate());
    }
}
