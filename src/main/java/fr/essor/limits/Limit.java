package fr.essor.limits;

import java.time.Duration;

/**
 * What is counted, and how much is allowed: {@code capacity} at once, refilled evenly over
 * {@code period}, per client address. The figures are such that a person never meets them and a
 * script does within seconds. (Mails per recipient are capped by the notifications' outbox.)
 */
public enum Limit {
    /** Registrations to events (form and API), per client address. */
    REGISTRATION(20, Duration.ofMinutes(10)),
    /** Sign-ups, per client address. */
    SIGN_UP(10, Duration.ofHours(1)),
    /** Password-reset requests, per client address. */
    PASSWORD_RESET(10, Duration.ofHours(1)),
    /** Requests for one's personal data (a mailed link), per client address. */
    PERSONAL_DATA(10, Duration.ofHours(1)),
    /** Changes to "Mon programme", per client address. */
    PROGRAMME(120, Duration.ofMinutes(10)),
    /** Structures registered and invitations sent, per client address. */
    STRUCTURE(20, Duration.ofHours(1)),
    /** Changes to a structure's profile in the directory (texts, logo, photos), per client address. */
    PROFILE(60, Duration.ofMinutes(10)),
    /** Links of mails opened with their token (confirmations, resets, a registration's page), per client address. */
    LINK(60, Duration.ofMinutes(10)),
    /** Dossiers of the calls started, saved and submitted, per client address. */
    DOSSIER(120, Duration.ofMinutes(10)),
    /** Downloads of the directory (CSV, GeoJSON: up to 100,000 rows each), per client address. */
    DOWNLOAD(30, Duration.ofMinutes(10)),
    /** Votes of the public for a prize (each then confirmed by mail), per client address. */
    VOTE(20, Duration.ofHours(1)),
    /** Reads of the calls' staff API (with a personal token), per client address. */
    STAFF_API(600, Duration.ofMinutes(10));

    private final int capacity;
    private final Duration period;

    Limit(int capacity, Duration period) {
        this.capacity = capacity;
        this.period = period;
    }

    public int capacity() {
        return capacity;
    }

    public Duration period() {
        return period;
    }
}
