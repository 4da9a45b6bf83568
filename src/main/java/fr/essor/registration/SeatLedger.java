package fr.essor.registration;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The one place where seats are taken. {@link #take} is a single conditional update of the date's
 * counters: PostgreSQL locks the row, so concurrent registrations — from one instance or several —
 * queue on it and none can push the count past the capacity.
 *
 * <p>Each date counts the seats it has given ({@code taken}) and, among them, the seats held by
 * registrations whose address is not confirmed yet ({@code held}). Those may hold at most
 * {@link Quota#of} the capacity: past it, a new unconfirmed registration queues on the waitlist until
 * a hold is confirmed or expires, so that a script typing addresses it never confirms cannot empty a
 * date.
 *
 * <p>{@link Guard#NONE} is the naive way (count, then insert), kept only so that the race test can
 * show that it overbooks; nothing outside this package can choose it.
 */
final class SeatLedger {

    enum Guard {
        COUNTER,
        NONE
    }

    /** What a request for seats got. */
    enum Taken {
        /** The seats are the registration's. */
        YES,
        /** Free seats remain, but the unconfirmed registrations already hold their share of them. */
        UNCONFIRMED_QUOTA,
        /** Not enough free seats. */
        FULL
    }

    /**
     * The share of a date's capacity that unconfirmed registrations may hold, never less than a
     * minimum number of seats (a small event is not limited).
     */
    record Quota(double share, int minimum) {

        int of(int capacity) {
            return Math.max(minimum, (int) Math.ceil(capacity * share));
        }
    }

    private SeatLedger() {}

    /**
     * Takes seats of a date if they are free.
     *
     * @param confirmed whether the registration's address is already confirmed (or the organizer adds
     *     it): then the unconfirmed quota does not apply
     */
    static Taken take(JdbcClient jdbc, long occurrenceId, int seats, boolean confirmed, Quota quota, Guard guard) {
        int unconfirmed = confirmed ? 0 : seats;
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
                return Taken.FULL;
            }
            jdbc.sql("update registration.slot set taken = taken + ?, held = held + ? where occurrence_id = ?")
                    .params(seats, unconfirmed, occurrenceId)
                    .update();
            return Taken.YES;
        }
        int updated = jdbc.sql("""
                        update registration.slot set taken = taken + ?, held = held + ?
                        where occurrence_id = ? and taken + ? <= capacity
                          and (? = 0 or held + ? <= greatest(?, ceil(capacity * ?)))""")
                .params(
                        seats,
                        unconfirmed,
                        occurrenceId,
                        seats,
                        unconfirmed,
                        unconfirmed,
                        quota.minimum(),
                        quota.share())
                .update();
        if (updated == 1) {
            return Taken.YES;
        }
        boolean free = jdbc.sql("select taken + ? <= capacity from registration.slot where occurrence_id = ?")
                .params(seats, occurrenceId)
                .query(Boolean.class)
                .optional()
                .orElse(false);
        return free && !confirmed ? Taken.UNCONFIRMED_QUOTA : Taken.FULL;
    }

    /** The address of a registration holding seats was confirmed: its seats no longer count as held. */
    static void confirmed(JdbcClient jdbc, long occurrenceId, int seats) {
        jdbc.sql("update registration.slot set held = greatest(0, held - ?) where occurrence_id = ?")
                .params(seats, occurrenceId)
                .update();
    }

    /**
     * Gives seats back (a cancellation, an expired hold).
     *
     * @param unconfirmed whether they were held by a registration whose address was not confirmed
     */
    static void release(JdbcClient jdbc, long occurrenceId, int seats, boolean unconfirmed) {
        jdbc.sql("""
                update registration.slot set taken = greatest(0, taken - ?), held = greatest(0, held - ?)
                where occurrence_id = ?""").params(seats, unconfirmed ? seats : 0, occurrenceId).update();
    }
}
