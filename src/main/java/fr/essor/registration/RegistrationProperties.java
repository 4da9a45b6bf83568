package fr.essor.registration;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of registrations.
 *
 * @param hold how long the seats of an unconfirmed registration are kept
 * @param retention how long after its event a registration's personal data is kept
 * @param unconfirmedShare the share of a date's capacity that registrations whose address is not
 *     confirmed yet may hold together; past it, new ones queue on the waitlist
 * @param unconfirmedMinimum the seats they may always hold, whatever the share (a small date is not limited)
 * @param messagesPerDay how many messages to its attendees a structure may send in 24 hours
 */
@ConfigurationProperties("essor.registration")
public record RegistrationProperties(
        @DefaultValue("30m") Duration hold,
        @DefaultValue("P183D") Duration retention,
        @DefaultValue("0.5") double unconfirmedShare,
        @DefaultValue("10") int unconfirmedMinimum,
        @DefaultValue("5") int messagesPerDay) {

    SeatLedger.Quota quota() {
        return new SeatLedger.Quota(unconfirmedShare, unconfirmedMinimum);
    }
}
