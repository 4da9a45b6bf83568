package fr.essor.registration;

import java.time.Instant;
import java.util.UUID;

/**
 * A person's registration to one date of an event.
 *
 * @param holdExpiresAt until when the seats of a registration waiting for its confirmation are kept
 */
public record Registration(
        UUID id,
        long occurrenceId,
        long eventId,
        String name,
        String email,
        int seats,
        Status status,
        Instant createdAt,
        Instant holdExpiresAt,
        Instant confirmedAt,
        Instant checkedInAt,
        boolean emailConfirmed) {

    /** Where a registration stands. */
    public enum Status {
        /** Seats held until the address is confirmed, or the hold expires. */
        PENDING_CONFIRMATION,
        /** Seats taken. */
        CONFIRMED,
        /** No seat yet: promoted in turn as seats free up. */
        WAITLISTED,
        CANCELLED,
        /** The confirmation did not come in time: the seats went back. */
        EXPIRED;

        /** The SQL list of the statuses that are still on, for {@code status in …}. */
        public static final String LIVE_SQL = sqlList(Status::live);

        /** The SQL list of the statuses that hold seats, for {@code status in …}. */
        public static final String HOLDING_SQL = sqlList(Status::holdsSeats);

        private static String sqlList(java.util.function.Predicate<Status> which) {
            return java.util.Arrays.stream(values())
                    .filter(which)
                    .map(s -> "'" + s.name() + "'")
                    .collect(java.util.stream.Collectors.joining(", ", "(", ")"));
        }

        public boolean live() {
            return this == PENDING_CONFIRMATION || this == CONFIRMED || this == WAITLISTED;
        }

        public boolean holdsSeats() {
            return this == PENDING_CONFIRMATION || this == CONFIRMED;
        }
    }
}
