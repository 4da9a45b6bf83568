package fr.essor.registration;

import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import fr.essor.EssorApplication;
import fr.essor.notification.Notifications;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The mails about a registration (templates {@code registration-*} of {@code src/main/resources/mail}),
 * each with its private link to see or cancel it, and with the title and time the registration module
 * knows now.
 */
@Component
class RegistrationMails {

    private final JdbcClient jdbc;
    private final Notifications notifications;
    private final RegistrationProperties properties;
    private final RegistrationLinks links;
    private final String publicUrl;

    RegistrationMails(
            JdbcClient jdbc,
            Notifications notifications,
            RegistrationProperties properties,
            RegistrationLinks links,
            @Value("${essor.public-url}") String publicUrl) {
        this.jdbc = jdbc;
        this.notifications = notifications;
        this.properties = properties;
        this.links = links;
        this.publicUrl = publicUrl;
    }

    /** The private link of a registration, for a mail about it. */
    String link(UUID id) {
        return publicUrl + "/inscriptions/" + id + "?jeton=" + links.token(id);
    }

    /**
     * Tells a new registration where it stands: seats held until confirmed, on the waitlist, or
     * registered by the organizer.
     *
     * @param confirmToken the token of its confirmation link, {@code null} when there is nothing to confirm
     * @param queued whether it waits although seats remain, because many registrations are waiting for
     *     their confirmation
     */
    void registered(Registration r, String confirmToken, boolean queued) {
        String template = switch (r.status()) {
            case PENDING_CONFIRMATION -> "registration-held";
            case WAITLISTED -> "registration-waitlisted";
            default -> "registration-added-by-organizer";
        };
        Map<String, Object> variables = about(r, confirmToken);
        variables.put("queued", queued);
        notifications.send(r.email(), template, variables);
    }

    /**
     * Tells a person that someone asked again to register their address to a date where it already
     * is: the requester is answered as for a new registration, and only the address learns where it
     * stands. The mail carries the private link, from which an unconfirmed address can be confirmed.
     */
    void alreadyRegistered(Registration r) {
        Map<String, Object> variables = about(r, null);
        variables.put("status", r.status().name());
        notifications.send(r.email(), "registration-already", variables);
    }

    /** Tells a person of the waitlist that seats are theirs (to confirm, unless their address already is). */
    void promoted(Registration r, String confirmToken) {
        notifications.send(r.email(), "registration-promoted", about(r, confirmToken));
    }

    private Map<String, Object> about(Registration r, String confirmToken) {
        Map<String, Object> variables = new HashMap<>(Map.of(
                "name",
                r.name(),
                "title",
                title(r.eventId()),
                "startsAt",
                startOf(r.occurrenceId()),
                "seats",
                r.seats(),
                "holdMinutes",
                properties.hold().toMinutes(),
                "link",
                link(r.id())));
        variables.put("confirmToken", confirmToken);
        return variables;
    }

    private ZonedDateTime startOf(long occurrenceId) {
        return jdbc.sql("select starts_at from registration.slot where occurrence_id = ?")
                .param(occurrenceId)
                .query(OffsetDateTime.class)
                .single()
                .atZoneSameInstant(EssorApplication.ZONE);
    }

    private String title(long eventId) {
        return jdbc.sql("select title from registration.offer where event_id = ?")
                .param(eventId)
                .query(String.class)
                .optional()
                .orElse("");
    }
}
