package fr.essor.registration;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import fr.essor.EssorApplication;
import fr.essor.notification.Notifications;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The scheduled care of registrations: the reminder the day before, and the purge of personal data
 * {@code essor.registration.retention} after a date (183 days by default). The purge keeps each date's
 * counts and runs on one instance at a time (a PostgreSQL advisory lock); reminders are taken with
 * {@code skip locked}, so that two instances never send the same one.
 */
@Component
class RegistrationUpkeep {

    private static final Logger LOG = LoggerFactory.getLogger(RegistrationUpkeep.class);

    private final JdbcClient jdbc;
    private final RegistrationMails mails;
    private final Notifications notifications;
    private final RegistrationProperties properties;
    private final TransactionTemplate tx;
    private final Clock clock;

    RegistrationUpkeep(
            JdbcClient jdbc,
            RegistrationMails mails,
            Notifications notifications,
            RegistrationProperties properties,
            TransactionTemplate tx,
            Clock clock) {
        this.mails = mails;
        this.jdbc = jdbc;
        this.notifications = notifications;
        this.properties = properties;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * Reminds confirmed attendees of dates starting in 12 to 36 hours, with the title and time the
     * agenda says now; never for a cancelled or postponed event, nor a date removed. Returns how many.
     */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT2M")
    int remind() {
        Instant now = clock.instant();
        record Due(UUID id, String name, String email, String title, OffsetDateTime startsAt, long eventId) {}
        Integer sent = tx.execute(status -> {
            List<Due> due = jdbc.sql("""
                    select r.id, r.name, r.email, o.title, s.starts_at, r.event_id
                    from registration.registration r
                    join registration.slot s on s.occurrence_id = r.occurrence_id
                    join registration.offer o on o.event_id = r.event_id
                    where r.status = 'CONFIRMED' and r.reminder_sent_at is null and s.starts_at between ? and ?
                      and o.event_status in ('SCHEDULED', 'FULL') and s.removed_at is null
                    for update of r skip locked""")
                    .params(utc(now.plusSeconds(12 * 3600)), utc(now.plusSeconds(36 * 3600)))
                    .query((rs, n) -> new Due(
                            rs.getObject(1, UUID.class),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getObject(5, OffsetDateTime.class),
                            rs.getLong(6)))
                    .list();
            for (Due d : due) {
                notifications.send(
                        d.email(),
                        "registration-reminder",
                        Map.of(
                                "name",
                                d.name(),
                                "title",
                                d.title(),
                                "startsAt",
                                d.startsAt().atZoneSameInstant(EssorApplication.ZONE),
                                "eventId",
                                d.eventId(),
                                "link",
                                mails.link(d.id())));
                jdbc.sql("update registration.registration set reminder_sent_at = ? where id = ?")
                        .params(utc(now), d.id())
                        .update();
            }
            return due.size();
        });
        return sent == null ? 0 : sent;
    }

    /**
     * Erases the registrations of dates ended more than the retention period ago, keeping their counts
     * on the date. Returns how many registrations were erased (0 when another instance is purging).
     */
    @Scheduled(cron = "${essor.registration.purge-cron:0 17 3 * * *}", zone = "Europe/Paris")
    int purge() {
        Integer erased = tx.execute(status -> {
            if (!jdbc.sql("select pg_try_advisory_xact_lock(hashtext('essor.registration.purge'))")
                    .query(Boolean.class)
                    .single()) {
                return 0;
            }
            OffsetDateTime limit = utc(clock.instant().minus(properties.retention()));
            jdbc.sql("""
                    update registration.slot s set purged_at = ?,
                        purged_confirmed = coalesce(s.purged_confirmed, 0) + c.confirmed,
                        purged_seats = coalesce(s.purged_seats, 0) + c.seats,
                        purged_present = coalesce(s.purged_present, 0) + c.present,
                        purged_cancelled = coalesce(s.purged_cancelled, 0) + c.cancelled,
                        purged_waitlist = coalesce(s.purged_waitlist, 0) + c.waitlist
                    from (select occurrence_id,
                                 count(*) filter (where status = 'CONFIRMED') as confirmed,
                                 coalesce(sum(seats) filter (where status = 'CONFIRMED'), 0) as seats,
                                 count(*) filter (where checked_in_at is not null) as present,
                                 count(*) filter (where status = 'CANCELLED') as cancelled,
                                 count(*) filter (where status = 'WAITLISTED') as waitlist
                          from registration.registration group by occurrence_id) c
                    where c.occurrence_id = s.occurrence_id and s.ends_at < ?""").params(utc(clock.instant()), limit).update();
            jdbc.sql("delete from registration.handled_change where handled_at < ?")
                    .param(limit)
                    .update();
            return jdbc.sql("""
                    delete from registration.registration r using registration.slot s
                    where s.occurrence_id = r.occurrence_id and s.ends_at < ?""").param(limit).update();
        });
        if (erased != null && erased > 0) {
            LOG.info(
                    "{} inscriptions effacées (dates terminées depuis plus de {} jours)",
                    erased,
                    properties.retention().toDays());
        }
        return erased == null ? 0 : erased;
    }

    private static OffsetDateTime utc(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }
}
