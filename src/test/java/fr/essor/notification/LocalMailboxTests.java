package fr.essor.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import fr.essor.HttpTestSupport;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Without an SMTP server, the mails Essor would send are shown on the demonstration's mailbox page. */
class LocalMailboxTests extends HttpTestSupport {

    @Autowired
    Notifications notifications;

    @Test
    void showsTheMailsThatWouldHaveBeenSent() {
        notifications.send(new Mail(
                "visiteuse@example.org",
                "Confirmez votre adresse",
                "Bonjour,\n\nSuivez ce lien : https://essor.example/confirmer/<script>"));
        HttpResponse<String> page = get("/demo/courriels", "Accept", "text/html");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("Confirmez votre adresse")
                .contains("visiteuse@example.org")
                .contains("&lt;script&gt;")
                .doesNotContain("<script>\"");
    }

    @Test
    void hidesTheTextOfMailsToRealAddresses() {
        notifications.send(new Mail(
                "quelqu.un@laposte.net",
                "Choisir un nouveau mot de passe Essor",
                "Ouvrez ce lien : https://essor.example/compte/reinitialiser?jeton=secret-de-test"));
        String page = get("/demo/courriels", "Accept", "text/html").body();
        assertThat(page)
                .contains(
                        "Choisir un nouveau mot de passe Essor",
                        "quelqu.un@laposte.net",
                        "destiné à une adresse réelle")
                .doesNotContain("secret-de-test");
    }
}
