package fr.essor.notification;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers the outbox's due mails. Each instance claims rows with {@code for update skip locked}, so
 * that several instances share the work without sending a mail twice. A failure schedules the next
 * attempt with exponential back-off; after {@code maxAttempts} the mail is given up and logged.
 */
@Component
class OutboxDelivery {

    private static final Logger log = LoggerFactory.getLogger(OutboxDelivery.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final ObjectProvider<JavaMailSender> mailSender;
    private final NotificationProperties properties;
    private final Clock clock;

    OutboxDelivery(
            JdbcClient jdbc,
            TransactionTemplate tx,
            ObjectProvider<JavaMailSender> mailSender,
            NotificationProperties properties,
            Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.mailSender = mailSender;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(
            fixedDelayString = "${essor.notification.poll-interval:5s}",
            initialDelayString = "${essor.notification.poll-interval:5s}")
    void poll() {
        if (properties.smtp()) {
            deliverDue();
        }
    }

    /** Sends the mails that are due; returns how many were sent. */
    /**
     * Forgets the mails delivered or given up more than {@code essor.notification.retention} ago (183 days
     * by default); their text is already gone.
     */
    @Scheduled(cron = "${essor.notification.purge-cron:0 37 3 * * *}", zone = "Europe/Paris")
    int purge() {
        return jdbc.sql("delete from notification.outbox where status in ('SENT', 'FAILED') and created_at < ?")
                .param(now().minus(properties.retention()))
                .update();
    }

    int deliverDue() {
        Integer sent = tx.execute(status -> {
            OffsetDateTime now = now();
            List<Pending> due = jdbc.sql("""
                    select id, recipient, subject, body, attempts from notification.outbox
                    where status = 'PENDING' and not local_only and next_attempt_at <= ?
                    order by next_attempt_at, id limit ? for update skip locked""")
                    .params(now, properties.batchSize())
                    .query((rs, n) -> new Pending(
                            rs.getLong("id"),
                            rs.getString("recipient"),
                            rs.getString("subject"),
                            rs.getString("body"),
                            rs.getInt("attempts")))
                    .list();
            int ok = 0;
            for (Pending mail : due) {
                try {
                    SimpleMailMessage message = new SimpleMailMessage();
                    message.setFrom(properties.from());
                    message.setTo(mail.to());
                    message.setSubject(mail.subject());
                    message.setText(mail.body());
                    mailSender.getObject().send(message);
                    // delivered: its text (links with their tokens, names) is no longer kept
                    jdbc.sql("update notification.outbox set status = 'SENT', sent_at = ?, attempts = attempts + 1, "
                                    + "last_error = null, subject = '', body = '' where id = ?")
                            .params(now, mail.id())
                            .update();
                    ok++;
                } catch (MailException ex) {
                    failed(mail, ex, now);
                }
            }
            return ok;
        });
        return sent == null ? 0 : sent;
    }

    private void failed(Pending mail, MailException ex, OffsetDateTime now) {
        int attempts = mail.attempts() + 1;
        // the message only: it names the server's answer, never the mail's content
        String error = ex.getClass().getSimpleName() + ": "
                + String.valueOf(ex.getMostSpecificCause().getMessage());
        if (attempts >= properties.maxAttempts()) {
            jdbc.sql("update notification.outbox set status = 'FAILED', attempts = ?, last_error = ?, subject = '', "
                            + "body = '' where id = ?")
                    .params(attempts, error, mail.id())
                    .update();
            log.error("Mail {} abandonné après {} tentatives : {}", mail.id(), attempts, error);
            return;
        }
        jdbc.sql("update notification.outbox set attempts = ?, last_error = ?, next_attempt_at = ? where id = ?")
                .params(attempts, error, now.plus(backOff(attempts)), mail.id())
                .update();
        log.warn("Mail {} non envoyé (tentative {}), nouvel essai prévu : {}", mail.id(), attempts, error);
    }

    /** The wait after the n-th failure: firstRetry, doubled each time, at most maxRetry. */
    Duration backOff(int failures) {
        Duration wait = properties.firstRetry().multipliedBy(1L << Math.min(failures - 1, 20));
        return wait.compareTo(properties.maxRetry()) > 0 ? properties.maxRetry() : wait;
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

    private record Pending(long id, String to, String subject, String body, int attempts) {}
}
