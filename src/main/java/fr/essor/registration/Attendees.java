package fr.essor.registration;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import fr.essor.notification.Notifications;
import fr.essor.shared.FieldError;
import fr.essor.shared.InvalidInput;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an organizer does with the people registered to a date: the list and the answers to their
 * questions, check-in at the door, a cancellation, a message to everyone confirmed. The caller checks
 * that the date is the organizer's.
 */
@Service
public class Attendees {

    private final JdbcClient jdbc;
    private final Registrations registrations;
    private final Notifications notifications;
    private final JsonMapper json;
    private final Clock clock;
    private final RegistrationMails mails;
    private final RegistrationProperties properties;

    Attendees(
            JdbcClient jdbc,
            Registrations registrations,
            Notifications notifications,
            JsonMapper json,
            Clock clock,
            RegistrationMails mails,
            RegistrationProperties properties) {
        this.mails = mails;
        this.properties = properties;
        this.jdbc = jdbc;
        this.registrations = registrations;
        this.notifications = notifications;
        this.json = json;
        this.clock = clock;
    }

    /** The registrations of a date, in order of arrival. */
    public List<Registration> attendees(long occurrenceId) {
        return jdbc.sql("select * from registration.registration where occurrence_id = ? order by created_at, id")
                .param(occurrenceId)
                .query(Registrations::row)
                .list();
    }

    /** The event a date belongs to, among those with registrations on Essor. */
    public Optional<Long> eventOfDate(long occurrenceId) {
        return jdbc.sql("select event_id from registration.slot where occurrence_id = ?")
                .param(occurrenceId)
                .query(Long.class)
                .optional();
    }

    /** Marks a confirmed registration present (or not); returns whether it changed. */
    @Transactional
    public boolean checkIn(long occurrenceId, UUID id, boolean present) {
        return jdbc.sql("""
                update registration.registration set checked_in_at = ? where id = ? and occurrence_id = ? and status = 'CONFIRMED'""")
                        .params(present ? utc(clock.instant()) : null, id, occurrenceId)
                        .update()
                == 1;
    }

    /** Cancels a registration of one of the organizer's dates. */
    @Transactional
    public boolean cancelByOrganizer(long occurrenceId, UUID id) {
        Optional<Registration> r = registrations
                .find(id)
                .filter(x -> x.occurrenceId() == occurrenceId && x.status().live());
        r.ifPresent(x -> registrations.cancel(x, "ORGANIZER"));
        return r.isPresent();
    }

    /**
     * Mails the confirmed attendees of a date who did not stop the organizer's messages; returns how
     * many. A structure sends at most {@code essor.registration.messages-per-day} messages in 24 hours,
     * whatever the dates (counted under a lock per structure, so exactly across instances). Each mail
     * carries the person's private link, from which they can stop these messages.
     *
     * @param structureId the structure that publishes the event, whose quota the message uses
     * @throws InvalidInput on an empty or too long subject or body, or past the quota
     */
    @Transactional
    public int message(long structureId, long occurrenceId, String subject, String body) {
        String s = subject == null ? "" : subject.strip();
        String b = body == null ? "" : body.strip();
        List<FieldError> errors = new ArrayList<>();
        if (s.isEmpty() || s.length() > 150) {
            errors.add(new FieldError("subject", "registration.error.subject"));
        }
        if (b.isEmpty() || b.length() > 5000) {
            errors.add(new FieldError("body", "registration.error.body"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        jdbc.sql("select pg_advisory_xact_lock(hashtext('essor.organizer-message.' || ?))")
                .param(structureId)
                .query(Object.class)
                .single();
        long sentToday = jdbc.sql(
                        "select count(*) from registration.organizer_message where structure_id = ? and sent_at > ?")
                .params(structureId, utc(clock.instant().minus(java.time.Duration.ofDays(1))))
                .query(Long.class)
                .single();
        if (sentToday >= properties.messagesPerDay()) {
            throw new InvalidInput("body", "registration.error.message.quota");
        }
        List<Registration> to =
                jdbc.sql("""
                select * from registration.registration
                where occurrence_id = ? and status = 'CONFIRMED' and messages_opt_out_at is null
                order by created_at, id""").param(occurrenceId).query(Registrations::row).list();
        // one line of subject, whatever was typed
        String oneLine = s.replaceAll("\\s+", " ");
        to.forEach(r -> notifications.send(
                r.email(),
                "registration-organizer-message",
                Map.of("subject", oneLine, "body", b, "link", mails.link(r.id()))));
        jdbc.sql("""
                insert into registration.organizer_message (structure_id, occurrence_id, recipients, sent_at)
                values (?, ?, ?, ?)""")
                .params(structureId, occurrenceId, to.size(), utc(clock.instant()))
                .update();
        return to.size();
    }

    /** The answers of a date's registrations to the organizer's questions, by registration. */
    public Map<UUID, Map<String, String>> answers(long occurrenceId) {
        Map<UUID, Map<String, String>> all = new LinkedHashMap<>();
        jdbc.sql("select id, answers::text from registration.registration where occurrence_id = ?")
                .param(occurrenceId)
                .query(rs -> {
                    @SuppressWarnings("unchecked")
                    Map<String, String> a = json.readValue(rs.getString(2), Map.class);
                    all.put(rs.getObject(1, UUID.class), a);
                });
        return all;
    }

    private static OffsetDateTime utc(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }
}
