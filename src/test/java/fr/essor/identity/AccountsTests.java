package fr.essor.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import fr.essor.notification.Notifications;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Sign-up with a verified address: the link arrives by mail, works once, and expires. */
@SpringBootTest
class AccountsTests {

    private static final Pattern LINK = Pattern.compile("https://essor\\.example/compte/confirmer\\?jeton=([A-Za-z0-9_-]+)");

    @Autowired
    Accounts accounts;

    @Autowired
    Notifications notifications;

    @Autowired
    JdbcClient jdbc;

    private String tokenMailedTo(String email) {
        var mail = notifications.localMailbox(50).stream().filter(m -> m.to().equals(email)).findFirst().orElseThrow();
        assertThat(mail.subject()).isEqualTo("Confirmez votre adresse sur Essor");
        Matcher m = LINK.matcher(mail.body());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    @Test
    void signsUpThenVerifiesTheAddressOnce() {
        long id = accounts.signUp(new Accounts.SignUp("Camille.Relais@example.org", "les jardins de mars", "Camille"),
                "https://essor.example");
        assertThat(accounts.verified(id)).isFalse();
        String token = tokenMailedTo("Camille.Relais@example.org");
        assertThat(accounts.verify(token)).contains(id);
        assertThat(accounts.verified(id)).isTrue();
        assertThat(accounts.verify(token)).isEmpty();
        assertThat(accounts.verify(token + "x")).isEmpty();
        assertThat(accounts.verify("")).isEmpty();
        // only hashes are stored: the password with bcrypt, the token with SHA-256
        String hash = jdbc.sql("select password_hash from identity.account where id = ?").param(id).query(String.class).single();
        assertThat(hash).startsWith("$2a$12$").doesNotContain("jardins");
        assertThat(jdbc.sql("select count(*) from identity.token where token_hash = ?").param(token).query(Long.class).single()).isZero();
        assertThat(accounts.passwordMatches(id, "les jardins de mars")).isTrue();
        assertThat(accounts.passwordMatches(id, "les jardins de mai")).isFalse();
    }

    @Test
    void anExpiredLinkNoLongerWorks() {
        long id = accounts.signUp(new Accounts.SignUp("dominique@example.org", "coopérative 2026 !", "Dominique"),
                "https://essor.example");
        String token = tokenMailedTo("dominique@example.org");
        jdbc.sql("update identity.token set expires_at = now() - interval '1 minute' where account_id = ?").param(id).update();
        assertThat(accounts.verify(token)).isEmpty();
        assertThat(accounts.verified(id)).isFalse();
    }

    @Test
    void rejectsEveryBadFieldAtOnceAndWritesNothing() {
        long before = jdbc.sql("select count(*) from identity.account").query(Long.class).single();
        var error = catchThrowableOfType(Accounts.InvalidSignUp.class,
                () -> accounts.signUp(new Accounts.SignUp("pas-une-adresse", "court", " "), "https://essor.example"));
        assertThat(error.errors()).extracting(Accounts.FieldError::field).containsExactly("email", "password", "displayName");
        assertThat(jdbc.sql("select count(*) from identity.account").query(Long.class).single()).isEqualTo(before);
        assertThat(error.getMessage()).doesNotContain("court");
    }

    @Test
    void refusesGuessablePasswordsAndTakenAddresses() {
        for (String weak : new String[] {"12345678", "aaaaaaaa", "azerty123", "motdepasse", "alexandra2026",
                "iloveyou", "Sunshine1", "AZERTYUIOP", "football"}) {
            var error = catchThrowableOfType(Accounts.InvalidSignUp.class, () -> accounts.signUp(
                    new Accounts.SignUp("alexandra@example.org", weak, "Alexandra"), "https://essor.example"));
            assertThat(error.errors()).as(weak).containsExactly(new Accounts.FieldError("password", "account.error.password.weak"));
        }
        accounts.signUp(new Accounts.SignUp("sacha@example.org", "un vélo pour deux", "Sacha"), "https://essor.example");
        var taken = catchThrowableOfType(Accounts.InvalidSignUp.class, () -> accounts.signUp(
                new Accounts.SignUp("SACHA@example.org", "un autre vélo", "Sacha"), "https://essor.example"));
        assertThat(taken.errors()).containsExactly(new Accounts.FieldError("email", "account.error.email.taken"));
    }
}
