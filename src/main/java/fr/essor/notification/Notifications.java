package fr.essor.notification;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The notifications' API: queue a mail with the change it tells about. */
@Service
public class Notifications {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final NotificationProperties properties;
    private final MailTemplates templates;

    Notifications(JdbcClient jdbc, Clock clock, NotificationProperties properties, MailTemplates templates) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
        this.templates = templates;
    }

    /**
     * Queues the mail of a template of {@code src/main/resources/mail/} (its first line the subject),
     * written with these variables, as {@link #send(Mail)} does.
     *
     * @param template the template's name, without {@code .txt}
     * @return the outbox id of the mail
     */
    @Transactional(propagation = Propagation.REQUIRED)
    public long send(String to, String template, Map<String, ?> variables) {
        return send(templates.write(to, template, variables));
    }

    /**
     * Queues a mail in the caller's transaction (or its own, when there is none): it is sent only if
     * that transaction commits, and it is sent even if the SMTP server is down at that moment.
     *
     * @return the outbox id of the mail
     */
    @Transactional(propagation = Propagation.REQUIRED)
    public long send(Mail mail) {
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        return jdbc.sql("""
                insert into notification.outbox (recipient, subject, body, created_at, next_attempt_at, local_only)
                values (?, ?, ?, ?, ?, ?) returning id""")
                .params(mail.to(), mail.subject(), mail.body(), now, now, !properties.smtp())
                .query(Long.class)
                .single();
    }

    /** The last mails kept for the demonstration's local mailbox, newest first. */
    public List<LocalMail> localMailbox(int limit) {
        return jdbc.sql("""
                select id, recipient, subject, body, created_at from notification.outbox
                where local_only order by id desc limit ?""")
                .param(limit)
                .query((rs, n) -> new LocalMail(
                        rs.getLong("id"),
                        rs.getString("recipient"),
                        rs.getString("subject"),
                        rs.getString("body"),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant()))
                .list();
    }

    /** A mail of the local mailbox. */
    public record LocalMail(long id, String to, String subject, String body, java.time.Instant createdAt) {}
}
