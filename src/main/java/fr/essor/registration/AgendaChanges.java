package fr.essor.registration;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import fr.essor.EssorApplication;
import fr.essor.agenda.EventCancelled;
import fr.essor.agenda.EventPostponed;
import fr.essor.agenda.EventRescheduled;
import fr.essor.agenda.EventRevised;
import fr.essor.agenda.EventStatus;
import fr.essor.notification.Notifications;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the registration module's copy of an event (its title, status and the times of its dates)
 * as the agenda changes it, and tells the people registered (confirmed, waiting for their
 * confirmation, or on the waitlist) what changed: one mail per change and registration, with its
 * private link. Seats stay as they are: people decide whether to cancel.
 *
 * <p>Each change is handled once, however often it is delivered (the registry delivers again after a
 * crash or a failure): its id is recorded in the transaction that handles it. The offer's row is
 * locked meanwhile, and a registration reads the status under a share lock of that row, so that
 * nobody registers unseen between the change and its mails.
 */
@Component
class AgendaChanges {

    private static final Logger LOG = LoggerFactory.getLogger(AgendaChanges.class);

    private final JdbcClient jdbc;
    private final Notifications notifications;
    private final Registrations registrations;
    private final RegistrationMails mails;
    private final Clock clock;

    AgendaChanges(
            JdbcClient jdbc,
            Notifications notifications,
            Registrations registrations,
            RegistrationMails mails,
            Clock clock) {
        this.mails = mails;
        this.jdbc = jdbc;
        this.notifications = notifications;
        this.registrations = registrations;
        this.clock = clock;
    }

    @ApplicationModuleListener
    void on(EventCancelled event) {
        statusChanged(
                event.changeId(),
                event.eventId(),
                event.title(),
                EventStatus.CANCELLED,
                event.reason(),
                "registration-event-cancelled");
    }

    @ApplicationModuleListener
    void on(EventPostponed event) {
        statusChanged(
                event.changeId(),
                event.eventId(),
                event.title(),
                EventStatus.POSTPONED,
                event.reason(),
                "registration-event-postponed");
    }

    @ApplicationModuleListener
    void on(EventRescheduled event) {
        statusChanged(
                event.changeId(),
                event.eventId(),
                event.title(),
                EventStatus.SCHEDULED,
                null,
                "registration-event-rescheduled");
    }

    @ApplicationModuleListener
    void on(EventRevised event) {
        registrations.forget(event.eventId());
        if (lockOffer(event.eventId()).isEmpty() || !firstDelivery(event.changeId())) {
            return;
        }
        Instant now = clock.instant();
        jdbc.sql("update registration.offer set title = ? where event_id = ?")
                .params(event.title(), event.eventId())
                .update();
        int told = 0;
        for (EventRevised.MovedDate moved : event.movedDates()) {
            int slots = jdbc.sql("""
                    update registration.slot set starts_at = ?, ends_at = ?, moved_at = ?,
                        previous_starts_at = ?, previous_ends_at = ?
                    where occurrence_id = ? and event_id = ?""")
                    .params(
                            utc(moved.startsAt()),
                            utc(moved.endsAt()),
                            utc(now),
                            utc(moved.previousStart()),
                            utc(moved.previousEnd()),
                            moved.occurrenceId(),
                            event.eventId())
                    .update();
            if (slots == 0) {
                continue;
            }
            // the reminder goes again, for the new time
            jdbc.sql("update registration.registration set reminder_sent_at = null where occurrence_id = ?")
                    .param(moved.occurrenceId())
                    .update();
            for (Registration r : registrations.live(moved.occurrenceId())) {
                notifications.send(
                        r.email(),
                        "registration-date-moved",
                        Map.of(
                                "name",
                                r.name(),
                                "title",
                                event.title(),
                                "previousStart",
                                paris(moved.previousStart()),
                                "previousEnd",
                                paris(moved.previousEnd()),
                                "startsAt",
                                paris(moved.startsAt()),
                                "endsAt",
                                paris(moved.endsAt()),
                                "link",
                                mails.link(r.id())));
                told++;
            }
        }
        for (EventRevised.RemovedDate removed : event.removedDates()) {
            int slots = jdbc.sql(
                            "update registration.slot set removed_at = ? where occurrence_id = ? and event_id = ? and removed_at is null")
                    .params(utc(now), removed.occurrenceId(), event.eventId())
                    .update();
            if (slots == 0) {
                continue;
            }
            for (Registration r : registrations.live(removed.occurrenceId())) {
                notifications.send(
                        r.email(),
                        "registration-date-removed",
                        Map.of(
                                "name",
                                r.name(),
                                "title",
                                event.title(),
                                "startsAt",
                                paris(removed.startsAt()),
                                "link",
                                mails.link(r.id())));
                told++;
            }
        }
        LOG.info(
                "event {} revised: {} dates moved, {} removed, {} registrations told",
                event.eventId(),
                event.movedDates().size(),
                event.removedDates().size(),
                told);
    }

    private void statusChanged(
            UUID change, long eventId, String title, EventStatus status, String reason, String template) {
        registrations.forget(eventId);
        Optional<String> before = lockOffer(eventId);
        if (before.isEmpty() || !firstDelivery(change)) {
            return;
        }
        jdbc.sql("""
                update registration.offer set title = ?, event_status = ?, status_reason = ?, status_changed_at = ?
                where event_id = ?""")
                .params(title, status.name(), reason, utc(clock.instant()), eventId)
                .update();
        if (before.get().equals(status.name())
                || (status == EventStatus.SCHEDULED
                        && !EventStatus.CANCELLED.name().equals(before.get())
                        && !EventStatus.POSTPONED.name().equals(before.get()))) {
            return;
        }
        int told = 0;
        for (SlotOfEvent slot : slots(eventId)) {
            for (Registration r : registrations.live(slot.occurrenceId())) {
                Map<String, Object> variables = new HashMap<>(Map.of(
                        "name",
                        r.name(),
                        "title",
                        title,
                        "startsAt",
                        paris(slot.startsAt()),
                        "link",
                        mails.link(r.id())));
                variables.put("reason", reason);
                notifications.send(r.email(), template, variables);
                told++;
            }
        }
        LOG.info("event {} now {}: {} registrations told", eventId, status, told);
    }

    /** Records the change as handled; false when it already was (a second delivery). */
    private boolean firstDelivery(UUID change) {
        return jdbc.sql(
                                "insert into registration.handled_change (change_id, handled_at) values (?, ?) on conflict do nothing")
                        .params(change, utc(clock.instant()))
                        .update()
                == 1;
    }

    /** Locks the event's offer for the time of the change; its status as copied, or empty when it has none. */
    private Optional<String> lockOffer(long eventId) {
        return jdbc.sql("select event_status from registration.offer where event_id = ? for update")
                .param(eventId)
                .query(String.class)
                .optional();
    }

    private record SlotOfEvent(long occurrenceId, Instant startsAt) {}

    private List<SlotOfEvent> slots(long eventId) {
        return jdbc.sql(
                        "select occurrence_id, starts_at from registration.slot where event_id = ? and removed_at is null order by starts_at")
                .param(eventId)
                .query((rs, n) -> new SlotOfEvent(
                        rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant()))
                .list();
    }

    private static ZonedDateTime paris(Instant instant) {
        return instant.atZone(EssorApplication.ZONE);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
