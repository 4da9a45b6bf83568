package fr.essor.registration;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The one place where seats are taken. {@link #take} is a single conditional update of the date's
 * counter: PostgreSQL locks the row, so concurrent registrations — from one instance or several —
 * queue on it and none can push the count past the capacity.
 *
 * <p>{@link Guard#NONE} is the naive way (count, then insert), kept only so that the race test can
 * show that it overbooks; nothing outside this package can choose it.
 */
final class SeatLedger {

    enum Guard {
        COUNTER,
        NONE
    }

    private SeatLedger() {}

    /** Takes seats of a date if they are free; returns whether it did. */
    static boolean take(JdbcClient jdbc, long occurrenceId, int seats, Guard guard) {
        if (guard == Guard.NONE) {
            int taken = jdbc.sql("""
                    select coalesce(sum(seats), 0) from registration.registration
                    where occurrence_id = ? and status in """ + Registration.Status.HOLDING_SQL)
                    .param(occurrenceId)
                    .query(Integer.class)
                    .single();
            int capacity = jdbc.sql("select capacity from registration.slot where occurrence_id = ?")
                    .param(occurrenceId)
                    .query(Integer.class)
                    .single();
            if (taken + seats > capacity) {
                return false;
            }
            jdbc.sql("update registration.slot set taken = taken + ? where occurrence_id = ?")
                    .params(seats, occurrenceId)
                    .update();
            return true;
        }
        return jdbc.sql(
                                "update registration.slot set taken = taken + ? where occurrence_id = ? and taken + ? <= capacity")
                        .params(seats, occurrenceId, seats)
                        .update()
                == 1;
    }

    /** Gives seats back (a cancellation, an expired hold). */
    static void release(JdbcClient jdbc, long occurrenceId, int seats) {
        jdbc.sql("update registration.slot set taken = greatest(0, taken - ?) where occurrence_id = ?")
                .params(seats, occurrenceId)
                .update();
    }
}
