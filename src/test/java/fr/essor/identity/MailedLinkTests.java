package fr.essor.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jakarta.mail.internet.MimeMessage;

import fr.essor.WebUser;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * The account mails through a real SMTP server (GreenMail, in-process), sent by the outbox's own
 * schedule: the confirmation link and the password-reset link received by mail work, once.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"essor.notification.smtp=true", "essor.notification.poll-interval=200ms"})
class MailedLinkTests {

    private static final int SMTP_PORT = freePort();
    private static GreenMail smtp;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
    }

    @BeforeAll
    static void startSmtp() {
        smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @AfterAll
    static void stopSmtp() {
        smtp.stop();
    }

    private String linkReceivedBy(String to, String path) {
        return await().atMost(Duration.ofSeconds(15))
                .until(() -> linkIn(to, path), java.util.Optional::isPresent)
                .orElseThrow();
    }

    private java.util.Optional<String> linkIn(String to, String path) throws Exception {
        for (MimeMessage m : smtp.getReceivedMessages()) {
            if (m.getAllRecipients()[0].toString().equals(to)) {
                Matcher link = Pattern.compile(Pattern.quote(path) + "\\?jeton=([A-Za-z0-9_-]+)")
                        .matcher(String.valueOf(m.getContent()));
                if (link.find()) {
                    return java.util.Optional.of(link.group(1));
                }
            }
        }
        return java.util.Optional.empty();
    }

    @Test
    void theLinksReceivedBySmtpConfirmTheAddressAndResetThePassword() throws Exception {
        String email = "smtp-" + System.nanoTime() + "@example.org";
        WebUser visitor = new WebUser(port);
        visitor.submit(
                "/compte/inscription",
                "/compte/inscription",
                Map.of("displayName", "Épicerie solidaire", "email", email, "password", "la vallée des tisserands"));
        String token = linkReceivedBy(email, "/compte/confirmer");
        visitor.get("/compte/confirmer?jeton=" + token);
        assertThat(WebUser.location(visitor.post("/compte/confirmer", Map.of("jeton", token))))
                .isEqualTo("/connexion");

        visitor.submit("/compte/mot-de-passe-oublie", "/compte/mot-de-passe-oublie", Map.of("email", email));
        String reset = linkReceivedBy(email, "/compte/reinitialiser");
        assertThat(visitor.get("/compte/reinitialiser?jeton=" + reset).body()).contains("name=\"password\"");
        var done = visitor.post(
                "/compte/reinitialiser", Map.of("jeton", reset, "password", "les métiers à tisser du lundi"));
        assertThat(WebUser.location(done)).isEqualTo("/connexion");
        assertThat(visitor.get("/compte/reinitialiser?jeton=" + reset).body()).contains("n’est plus valable");

        var signIn = new WebUser(port)
                .submit(
                        "/connexion",
                        "/connexion",
                        Map.of("email", email, "password", "les métiers à tisser du lundi"));
        assertThat(WebUser.location(signIn)).isEqualTo("/organisateur");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
