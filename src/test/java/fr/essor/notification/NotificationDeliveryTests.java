package fr.essor.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * Mails go through the outbox to a real SMTP server (GreenMail, in-process): delivered once, kept and
 * retried while the server is down, never sent for a change that was rolled back.
 */
@SpringBootTest(properties = {"essor.notification.smtp=true", "essor.notification.poll-interval=1h"})
class NotificationDeliveryTests {

    private static final int PORT = freePort();
    private static GreenMail smtp;

    @Autowired
    Notifications notifications;

    @Autowired
    OutboxDelivery delivery;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate tx;

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> PORT);
    }

    @BeforeAll
    static void startSmtp() {
        smtp = new GreenMail(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @AfterAll
    static void stopSmtp() {
        smtp.stop();
    }

    @BeforeEach
    void emptyOutbox() throws Exception {
        delivery.deliverDue();
        smtp.purgeEmailFromAllMailboxes();
    }

    @Test
    void deliversAQueuedMailOnce() throws Exception {
        long id = notifications.send(new Mail(
                "organisatrice@example.org",
                "Votre événement est publié",
                "Bonjour,\n\nVotre événement est en ligne."));
        assertThat(delivery.deliverDue()).isEqualTo(1);
        assertThat(delivery.deliverDue()).isZero();
        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getSubject()).isEqualTo("Votre événement est publié");
        assertThat(received[0].getAllRecipients()[0].toString()).isEqualTo("organisatrice@example.org");
        assertThat(GreenMailUtil.getBody(received[0])).contains("Votre =C3=A9v=C3=A9nement est en ligne");
        assertThat(status(id)).isEqualTo("SENT");
        // delivered: its text is no longer kept, only who, when and how it went
        assertThat(jdbc.sql("select subject || body from notification.outbox where id = ?")
                        .param(id)
                        .query(String.class)
                        .single())
                .isEmpty();
    }

    @Test
    void forgetsDeliveredMailsAfterTheRetentionPeriod() {
        long old = notifications.send(new Mail("ancienne@example.org", "Ancien", "Un ancien courriel."));
        long recent = notifications.send(new Mail("recente@example.org", "Récent", "Un courriel récent."));
        assertThat(delivery.deliverDue()).isEqualTo(2);
        jdbc.sql("update notification.outbox set created_at = now() - interval '200 days' where id = ?")
                .param(old)
                .update();
        assertThat(delivery.purge()).isGreaterThanOrEqualTo(1);
        assertThat(jdbc.sql("select id from notification.outbox where id in (?, ?)")
                        .params(old, recent)
                        .query(Long.class)
                        .list())
                .containsExactly(recent);
    }

    @Test
    void keepsAndRetriesMailsWhileTheServerIsDown() throws Exception {
        smtp.stop();
        long id = notifications.send(
                new Mail("relais@example.org", "Nouvel événement à modérer", "Un événement attend."));
        try {
            assertThat(delivery.deliverDue()).isZero();
            assertThat(status(id)).isEqualTo("PENDING");
            assertThat(jdbc.sql("select attempts from notification.outbox where id = ?")
                            .param(id)
                            .query(Integer.class)
                            .single())
                    .isEqualTo(1);
            assertThat(jdbc.sql("select last_error from notification.outbox where id = ?")
                            .param(id)
                            .query(String.class)
                            .single())
                    .isNotBlank();
            // not retried before its back-off is over
            assertThat(delivery.deliverDue()).isZero();
        } finally {
            smtp = new GreenMail(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            smtp.start();
        }
        jdbc.sql("update notification.outbox set next_attempt_at = now() where id = ?")
                .param(id)
                .update();
        assertThat(delivery.deliverDue()).isEqualTo(1);
        assertThat(smtp.getReceivedMessages())
                .extracting(MimeMessage::getSubject)
                .containsExactly("Nouvel événement à modérer");
        assertThat(status(id)).isEqualTo("SENT");
    }

    @Test
    void sendsNothingForARolledBackChange() throws Exception {
        long before = jdbc.sql("select count(*) from notification.outbox")
                .query(Long.class)
                .single();
        tx.executeWithoutResult(status -> {
            notifications.send(new Mail("personne@example.org", "Jamais envoyé", "Annulé."));
            status.setRollbackOnly();
        });
        assertThat(jdbc.sql("select count(*) from notification.outbox")
                        .query(Long.class)
                        .single())
                .isEqualTo(before);
        assertThat(delivery.deliverDue()).isZero();
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void backsOffExponentiallyUpToALimit() {
        assertThat(delivery.backOff(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(delivery.backOff(2)).isEqualTo(Duration.ofMinutes(2));
        assertThat(delivery.backOff(5)).isEqualTo(Duration.ofMinutes(16));
        assertThat(delivery.backOff(30)).isEqualTo(Duration.ofHours(6));
    }

    @Test
    void refusesAMailWithoutRecipientOrSubject() {
        assertThatThrownBy(() -> new Mail(" ", "Sujet", "Texte")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Mail("a@example.org", null, "Texte")).isInstanceOf(IllegalArgumentException.class);
    }

    private String status(long id) {
        return jdbc.sql("select status from notification.outbox where id = ?")
                .param(id)
                .query(String.class)
                .single();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }
}
