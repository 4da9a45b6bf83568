package fr.essor.notification;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The notifications' API: queue a mail with the change it tells about. */
@Service
public class Notifications {

    private static final Logger SECURITY = LoggerFactory.getLogger("essor.security");

    private final JdbcClient jdbc;
    private final Clock clock;
    private final NotificationProperties properties;
    private final MailTemplates templates;
    /** Whether the caps per recipient apply ({@code essor.limits.enabled}). */
    private final boolean limits;

    Notifications(
            JdbcClient jdbc,
            Clock clock,
            NotificationProperties properties,
            MailTemplates templates,
            @Value("${essor.limits.enabled:true}") boolean limits) {
        this.limits = limits;
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
        this.templates = templates;
    }

    /**
     * The mails anyone can make Essor send to an address they type, and how many of each kind one
     * recipient may receive in an hour: beyond, the mail is not sent, whoever asks.
     */
    private static final Map<String, Integer> CAPPED_PER_HOUR = Map.ofEntries(
            Map.entry("identity-account-exists", 3),
            Map.entry("identity-confirm-address", 3),
            Map.entry("identity-password-reset", 3),
            Map.entry("identity-invitation", 3),
            // an instructor invites an address to give an opinion; a dossier has at most ten open invitations
            Map.entry("calls-expert-invitation", 3),
            Map.entry("calls-grace", 3),
            Map.entry("privacy-access", 3),
            // a person may register to several events in an hour
            Map.entry("registration-already", 3),
            Map.entry("registration-held", 10),
            Map.entry("registration-waitlisted", 10),
            // a call's manager offers a role to an address without an account
            Map.entry("calls-staff-invitation", 3),
            // anyone may type an address to vote for a prize
            Map.entry("juries-vote", 3),
            Map.entry("juries-invitation", 3));

    /**
     * Queues the mail of a template of {@code src/main/resources/mail/} (its first line the subject),
     * written with these variables, as {@link #send(Mail)} does; unless the recipient already received
     * in the last hour as many mails of this kind as {@link #CAPPED_PER_HOUR} allows.
     *
     * @param template the template's name, without {@code .txt}
     * @return the outbox id of the mail, or empty when it was not sent
     */
    @Transactional(propagation = Propagation.REQUIRED)
    public OptionalLong send(String to, String template, Map<String, ?> variables) {
        Integer cap = CAPPED_PER_HOUR.get(template);
        if (cap != null && limits) {
            // one count at a time per recipient, from any instance: the cap is exact
            jdbc.sql("select pg_advisory_xact_lock(hashtext('essor.mail.' || lower(?)))")
                    .param(to)
                    .query(Object.class)
                    .single();
            long sent = jdbc.sql("""
                            select count(*) from notification.outbox
                            where lower(recipient) = lower(?) and kind = ? and created_at > ?""")
                    .params(
                            to,
                            template,
                            clock.instant().minus(Duration.ofHours(1)).atOffset(ZoneOffset.UTC))
                    .query(Long.class)
                    .single();
            if (sent >= cap) {
                SECURITY.warn("mail {} not sent: its recipient received {} in the last hour", template, sent);
                return OptionalLong.empty();
            }
        }
        return OptionalLong.of(insert(templates.write(to, template, variables), template));
    }

    /**
     * Queues a mail in the caller's transaction (or its own, when there is none): it is sent only if
     * that transaction commits, and it is sent even if the SMTP server is down at that moment.
     *
     * @return the outbox id of the mail
     */
    @Transactional(propagation = Propagation.REQUIRED)
    public long send(Mail mail) {
        return insert(mail, null);
    }

    private long insert(Mail mail, String kind) {
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        return jdbc.sql("""
                insert into notification.outbox (recipient, subject, body, created_at, next_attempt_at, local_only, kind)
                values (?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(mail.to(), mail.subject(), mail.body(), now, now, !properties.smtp(), kind)
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
