package fr.essor.registration;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import fr.essor.shared.Tokens;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The waitlist of each date: seats freed (a cancellation, an expired hold, a larger capacity) go to
 * the people waiting, in order of arrival, in the transaction that freed them.
 */
@Component
class Waitlist {

    private final JdbcClient jdbc;
    private final RegistrationMails mails;
    private final RegistrationProperties properties;
    private final Clock clock;

    Waitlist(JdbcClient jdbc, RegistrationMails mails, RegistrationProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.mails = mails;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Gives free seats to the waitlist of a date, in order of arrival, as long as the first in line
     * fits: a person whose address is confirmed is registered, another gets a new hold and a link.
     * A person whose address is not confirmed waits while the unconfirmed registrations hold their
     * quota of seats; meanwhile, those behind them whose address is confirmed take the free seats.
     */
    void promote(long occurrenceId) {
        Instant after = Instant.EPOCH;
        UUID afterId = new UUID(0, 0);
        boolean quotaReached = false;
        while (true) {
            Optional<Registration> next = jdbc.sql("""
                    select * from registration.registration
                    where occurrence_id = ? and status = 'WAITLISTED' and (created_at, id) > (?, ?)
                      and (? = false or email_confirmed_at is not null)
                    order by created_at, id limit 1 for update""")
                    .params(occurrenceId, utc(after), afterId, quotaReached)
                    .query(Registrations::row)
                    .optional();
            if (next.isEmpty()) {
                return;
            }
            Registration r = next.get();
            boolean confirmed = r.emailConfirmed();
            SeatLedger.Taken taken = SeatLedger.take(
                    jdbc, occurrenceId, r.seats(), confirmed, properties.quota(), SeatLedger.Guard.COUNTER);
            if (taken == SeatLedger.Taken.FULL) {
                // the first in line does not fit: no one passes them
                return;
            }
            if (taken == SeatLedger.Taken.UNCONFIRMED_QUOTA) {
                // only people whose address is confirmed may pass a person held back by the quota
                quotaReached = true;
                after = r.createdAt();
                afterId = r.id();
                continue;
            }
            String confirmToken = Tokens.random();
            jdbc.sql("""
                    update registration.registration set status = ?, confirmed_at = ?, hold_expires_at = ?,
                        confirm_token_hash = ?
                    where id = ?""")
                    .params(
                            confirmed ? "CONFIRMED" : "PENDING_CONFIRMATION",
                            confirmed ? utc(clock.instant()) : null,
                            confirmed ? null : utc(clock.instant().plus(properties.hold())),
                            Tokens.hash(confirmToken),
                            r.id())
                    .update();
            mails.promoted(
                    jdbc.sql("select * from registration.registration where id = ?")
                            .param(r.id())
                            .query(Registrations::row)
                            .single(),
                    confirmed ? null : confirmToken);
        }
    }

    private static OffsetDateTime utc(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }
}
