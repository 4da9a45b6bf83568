package fr.essor.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import fr.essor.notification.Notifications;
import fr.essor.shared.FieldError;
import fr.essor.shared.InvalidInput;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Sign-up with a verified address: the link arrives by mail, works once, and expires. */
@SpringBootTest
class AccountsTests {

    private static final Pattern LINK =
            Pattern.compile("https://essor\\.example/compte/confirmer\\?jeton=([A-Za-z0-9_-]+)");

    @Autowired
    Accounts accounts;

    @Autowired
    Notifications notifications;

    @Autowired
    JdbcClient jdbc;

    private String tokenMailedTo(String email) {
        var mail = notifications.localMailbox(50).stream()
                .filter(m -> m.to().equals(email))
                .findFirst()
                .orElseThrow();
        assertThat(mail.subject()).isEqualTo("Confirmez votre adresse sur Essor");
        Matcher m = LINK.matcher(mail.body());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    @Test
    void signsUpThenVerifiesTheAddressOnce() {
        long id = accounts.signUp(
                        new Accounts.SignUp("Camille.Relais@example.org", "les jardins de mars", "Camille"),
                        "https://essor.example")
                .orElseThrow();
        assertThat(accounts.verified(id)).isFalse();
        String token = tokenMailedTo("Camille.Relais@example.org");
        assertThat(accounts.verify(token)).contains(id);
        assertThat(accounts.verified(id)).isTrue();
        assertThat(accounts.verify(token)).isEmpty();
        assertThat(accounts.verify(token + "x")).isEmpty();
        assertThat(accounts.verify("")).isEmpty();
        // only hashes are stored: the password with bcrypt, the token with SHA-256
        String hash = jdbc.sql("select password_hash from identity.account where id = ?")
                .param(id)
                .query(String.class)
                .single();
        assertThat(hash).startsWith("$2a$12$").doesNotContain("jardins");
        assertThat(jdbc.sql("select count(*) from identity.token where token_hash = ?")
                        .param(token)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(accounts.passwordMatches(id, "les jardins de mars")).isTrue();
        assertThat(accounts.passwordMatches(id, "les jardins de mai")).isFalse();
    }

    @Test
    void anExpiredLinkNoLongerWorks() {
        long id = accounts.signUp(
                        new Accounts.SignUp("dominique@example.org", "coopérative 2026 !", "Dominique"),
                        "https://essor.example")
                .orElseThrow();
        String token = tokenMailedTo("dominique@example.org");
        jdbc.sql("update identity.token set expires_at = now() - interval '1 minute' where account_id = ?")
                .param(id)
                .update();
        assertThat(accounts.verify(token)).isEmpty();
        assertThat(accounts.verified(id)).isFalse();
    }

    @Test
    void rejectsEveryBadFieldAtOnceAndWritesNothing() {
        long before = jdbc.sql("select count(*) from identity.account")
                .query(Long.class)
                .single();
        var error = catchThrowableOfType(
                InvalidInput.class,
                () -> accounts.signUp(new Accounts.SignUp("pas-une-adresse", "court", " "), "https://essor.example"));
        assertThat(error.errors()).extracting(FieldError::field).containsExactly("email", "password", "displayName");
        assertThat(jdbc.sql("select count(*) from identity.account")
                        .query(Long.class)
                        .single())
                .isEqualTo(before);
        assertThat(error.getMessage()).doesNotContain("court");
    }

    @Test
    void refusesGuessablePasswordsAndTakenAddresses() {
        for (String weak : new String[] {
            "12345678",
            "aaaaaaaa",
            "azerty123",
            "motdepasse",
            "alexandra2026",
            "iloveyou",
            "Sunshine1",
            "AZERTYUIOP",
            "football"
        }) {
            var error = catchThrowableOfType(
                    InvalidInput.class,
                    () -> accounts.signUp(
                            new Accounts.SignUp("alexandra@example.org", weak, "Alexandra"), "https://essor.example"));
            assertThat(error.errors())
                    .as(weak)
                    .containsExactly(new FieldError("password", "account.error.password.weak"));
        }
    }

    @Test
    void aTakenAddressIsToldByMailNotByTheForm() {
        long first = accounts.signUp(
                        new Accounts.SignUp("sacha@example.org", "un vélo pour deux", "Sacha"), "https://essor.example")
                .orElseThrow();
        long before = jdbc.sql("select count(*) from identity.account")
                .query(Long.class)
                .single();
        assertThat(accounts.signUp(
                        new Accounts.SignUp("SACHA@example.org", "un autre vélo", "Quelqu’un"),
                        "https://essor.example"))
                .isEmpty();
        assertThat(jdbc.sql("select count(*) from identity.account")
                        .query(Long.class)
                        .single())
                .isEqualTo(before);
        assertThat(notifications.localMailbox(50)).anySatisfy(m -> {
            assertThat(m.to()).isEqualTo("SACHA@example.org");
            assertThat(m.subject()).isEqualTo("Votre compte Essor existe déjà");
        });
        assertThat(accounts.passwordMatches(first, "un vélo pour deux")).isTrue();
    }

    private static final Pattern RESET = Pattern.compile("/compte/reinitialiser\\?jeton=([A-Za-z0-9_-]+)");
    private static final Pattern NEW_ADDRESS = Pattern.compile("/compte/adresse\\?jeton=([A-Za-z0-9_-]+)");

    private String linkIn(String to, String subject, Pattern link) {
        var mail = notifications.localMailbox(100).stream()
                .filter(m -> m.to().equals(to) && m.subject().equals(subject))
                .findFirst()
                .orElseThrow();
        Matcher m = link.matcher(mail.body());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    @Test
    void resetsAForgottenPasswordOnceAndOnlyForAnExistingAddress() {
        long id = accounts.signUp(
                        new Accounts.SignUp("lou@example.org", "trois pommes vertes", "Lou"), "https://essor.example")
                .orElseThrow();
        long mails = notifications.localMailbox(500).size();
        accounts.requestPasswordReset("personne@example.org", "https://essor.example");
        assertThat(notifications.localMailbox(500)).hasSize((int) mails);
        accounts.requestPasswordReset("LOU@example.org", "https://essor.example");
        String token = linkIn("lou@example.org", "Choisir un nouveau mot de passe Essor", RESET);
        assertThat(accounts.resetTokenValid(token)).isTrue();
        var weak = catchThrowableOfType(InvalidInput.class, () -> accounts.resetPassword(token, "azerty123"));
        assertThat(weak.errors()).containsExactly(new FieldError("password", "account.error.password.weak"));
        assertThat(accounts.resetTokenValid(token))
                .as("a refused password keeps the link")
                .isTrue();
        assertThat(accounts.resetPassword(token, "quatre poires mûres")).isTrue();
        assertThat(accounts.passwordMatches(id, "quatre poires mûres")).isTrue();
        assertThat(accounts.verified(id)).as("the link proved the address").isTrue();
        assertThat(accounts.resetPassword(token, "cinq prunes bleues")).isFalse();
        assertThat(accounts.passwordMatches(id, "quatre poires mûres")).isTrue();
    }

    @Test
    void aNewPasswordEndsTheOtherLinksAndALinkWorksOnceEvenTwiceAtOnce() throws Exception {
        String email = "sacha-" + System.nanoTime() + "@example.org";
        long id = accounts.signUp(new Accounts.SignUp(email, "trois pommes vertes", "Sacha"), "https://essor.example")
                .orElseThrow();
        accounts.requestPasswordReset(email, "https://essor.example");
        String first = linkIn(email, "Choisir un nouveau mot de passe Essor", RESET);
        accounts.requestPasswordReset(email, "https://essor.example");
        String second = notifications.localMailbox(500).stream()
                .filter(m -> m.to().equals(email) && m.subject().equals("Choisir un nouveau mot de passe Essor"))
                .map(m -> RESET.matcher(m.body()))
                .filter(java.util.regex.Matcher::find)
                .map(m -> m.group(1))
                .filter(t -> !t.equals(first))
                .findFirst()
                .orElseThrow();
        // the same link sent twice at once: one new password, not two
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        var start = new java.util.concurrent.CountDownLatch(1);
        var a = pool.submit(() -> {
            start.await();
            return accounts.resetPassword(first, "quatre poires mûres");
        });
        var b = pool.submit(() -> {
            start.await();
            return accounts.resetPassword(first, "cinq prunes bleues");
        });
        start.countDown();
        assertThat(java.util.List.of(a.get(), b.get())).containsExactlyInAnyOrder(true, false);
        pool.shutdown();
        // and the other link, sent before, no longer works
        assertThat(accounts.resetTokenValid(second)).isFalse();
        assertThat(accounts.resetPassword(second, "six figues noires")).isFalse();
        assertThat(accounts.passwordMatches(id, "six figues noires")).isFalse();
    }

    @Test
    void changesPasswordAndAddressOnlyWithTheCurrentPassword() {
        long id = accounts.signUp(
                        new Accounts.SignUp("noa@example.org", "le chemin des crêtes", "Noa"), "https://essor.example")
                .orElseThrow();
        var wrong = catchThrowableOfType(
                InvalidInput.class, () -> accounts.changePassword(id, "pas le bon", "une toute autre phrase", null));
        assertThat(wrong.errors()).containsExactly(new FieldError("currentPassword", "account.error.currentPassword"));
        accounts.changePassword(id, "le chemin des crêtes", "une toute autre phrase", null);
        assertThat(accounts.passwordMatches(id, "une toute autre phrase")).isTrue();

        var noPassword = catchThrowableOfType(
                InvalidInput.class,
                () -> accounts.requestEmailChange(
                        id, "le chemin des crêtes", "noa.nouveau@example.org", "https://essor.example"));
        assertThat(noPassword.errors()).extracting(FieldError::field).containsExactly("currentPassword");
        var badAddress = catchThrowableOfType(
                InvalidInput.class,
                () -> accounts.requestEmailChange(
                        id, "une toute autre phrase", "pas-une-adresse", "https://essor.example"));
        assertThat(badAddress.errors()).extracting(FieldError::field).containsExactly("newEmail");
        accounts.requestEmailChange(id, "une toute autre phrase", "noa.nouveau@example.org", "https://essor.example");
        assertThat(accounts.account(id).orElseThrow().email())
                .as("unchanged until confirmed")
                .isEqualTo("noa@example.org");
        assertThat(notifications.localMailbox(100)).anySatisfy(m -> {
            assertThat(m.to()).isEqualTo("noa@example.org");
            assertThat(m.subject()).isEqualTo("Changement d’adresse demandé sur Essor");
        });
        String token = linkIn("noa.nouveau@example.org", "Confirmez votre nouvelle adresse sur Essor", NEW_ADDRESS);
        assertThat(accounts.confirmEmailChange(token)).contains(id);
        assertThat(accounts.account(id).orElseThrow().email()).isEqualTo("noa.nouveau@example.org");
        assertThat(accounts.confirmEmailChange(token)).isEmpty();
    }
}
