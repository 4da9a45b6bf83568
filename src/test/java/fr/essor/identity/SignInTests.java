package fr.essor.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import fr.essor.HttpTestSupport;
import fr.essor.WebUser;
import fr.essor.notification.Notifications;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Sign-up, address confirmation, sign-in, second factor, throttling and sessions, through the pages. */
class SignInTests extends HttpTestSupport {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TwoFactor twoFactor;

    @Autowired
    Notifications notifications;

    IdentityFixtures fixtures;

    @BeforeEach
    void setUp() {
        fixtures = new IdentityFixtures(jdbc);
        jdbc.sql("delete from identity.login_failure").update();
    }

    private static String location(java.net.http.HttpResponse<?> r) {
        return WebUser.location(r);
    }

    @Test
    void signsUpConfirmsTheAddressFromTheMailAndSignsIn() {
        WebUser visitor = new WebUser(port);
        var bad = visitor.submit(
                "/compte/inscription",
                "/compte/inscription",
                Map.of("displayName", "", "email", "pas-une-adresse", "password", "azerty123"));
        assertThat(bad.statusCode()).isEqualTo(200);
        assertThat(bad.body())
                .contains(
                        "Indiquez une adresse électronique valide",
                        "trop facile à deviner",
                        "Indiquez votre nom",
                        "aria-invalid=\"true\"",
                        "href=\"#email\"")
                .doesNotContain("azerty123");

        var sent = visitor.post(
                "/compte/inscription",
                Map.of(
                        "displayName",
                        "Relais Gard",
                        "email",
                        "relais.gard@example.org",
                        "password",
                        "la garrigue en fleurs"));
        assertThat(location(sent)).isEqualTo("/compte/inscription/envoye");
        assertThat(visitor.get("/compte/inscription/envoye").body()).contains("relais.gard@example.org");

        // not yet confirmed: sign-in says so
        var early = visitor.submit(
                "/connexion",
                "/connexion",
                Map.of("email", "relais.gard@example.org", "password", "la garrigue en fleurs"));
        assertThat(location(early)).isEqualTo("/connexion?erreur=confirmer");

        var mail = notifications.localMailbox(50).stream()
                .filter(m -> m.to().equals("relais.gard@example.org"))
                .findFirst()
                .orElseThrow();
        Matcher link = Pattern.compile("http://localhost:8080(/compte/confirmer\\?jeton=[A-Za-z0-9_-]+)")
                .matcher(mail.body());
        assertThat(link.find()).isTrue();
        // opening the link changes nothing by itself: it shows a button
        assertThat(visitor.get(link.group(1)).body()).contains("Confirmer votre adresse");
        assertThat(jdbc.sql(
                                "select email_verified_at is null from identity.account where email = 'relais.gard@example.org'")
                        .query(Boolean.class)
                        .single())
                .isTrue();
        String token = link.group(1).substring(link.group(1).indexOf('=') + 1);
        assertThat(location(visitor.post("/compte/confirmer", Map.of("jeton", token))))
                .isEqualTo("/connexion");
        assertThat(visitor.post("/compte/confirmer", Map.of("jeton", token)).body())
                .contains("n’est plus valable");

        visitor.get("/connexion");
        String before = visitor.sessionCookie();
        var in = visitor.post(
                "/connexion", Map.of("email", "Relais.Gard@example.org", "password", "la garrigue en fleurs"));
        assertThat(location(in)).isEqualTo("/organisateur");
        assertThat(visitor.sessionCookie()).as("a new session id at sign-in").isNotEqualTo(before);
        var account = visitor.get("/compte");
        assertThat(account.statusCode()).isEqualTo(200);
        assertThat(account.body()).contains("relais.gard@example.org", "Se déconnecter");
        assertThat(account.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(jdbc.sql(
                                "select count(*) from identity.session where principal_name = (select id::text from identity.account where email = 'relais.gard@example.org')")
                        .query(Long.class)
                        .single())
                .as("the session is in the database")
                .isEqualTo(1);
    }

    @Test
    void signOutEndsTheSessionOnTheServer() {
        fixtures.organizer("sortie@example.org");
        WebUser user = fixtures.signIn(port, "sortie@example.org");
        String cookie = user.sessionCookie();
        assertThat(user.get("/compte").statusCode()).isEqualTo(200);
        assertThat(location(user.post("/deconnexion", Map.of()))).isEqualTo("/?deconnexion");
        var replay = get("/compte", "Cookie", "ESSOR_SESSION=" + cookie);
        assertThat(replay.statusCode()).isEqualTo(302);
        assertThat(location(replay)).isEqualTo("/connexion");
    }

    @Test
    void disablingAnAccountEndsItsSessionsAndItsSignIns() {
        fixtures.organizer("desactive@example.org");
        WebUser user = fixtures.signIn(port, "desactive@example.org");
        assertThat(user.get("/compte").statusCode()).isEqualTo(200);
        fixtures.admin("admin-desactive@example.org");
        WebUser admin = fixtures.signIn(port, "admin-desactive@example.org");
        var done = admin.submit(
                "/admin/roles", "/admin/comptes", Map.of("accountEmail", "desactive@example.org", "action", "disable"));
        assertThat(location(done)).isEqualTo("/admin/roles");
        assertThat(location(user.get("/compte"))).isEqualTo("/connexion");
        assertThat(location(new WebUser(port)
                        .submit(
                                "/connexion",
                                "/connexion",
                                Map.of("email", "desactive@example.org", "password", IdentityFixtures.PASSWORD))))
                .isEqualTo("/connexion?erreur=identifiants");
        admin.submit(
                "/admin/roles", "/admin/comptes", Map.of("accountEmail", "desactive@example.org", "action", "enable"));
        assertThat(fixtures.signIn(port, "desactive@example.org").get("/compte").statusCode())
                .isEqualTo(200);

        // a moderator who lost their authenticator enrols again after an admin's reset
        long lost = fixtures.moderator("perdu@example.org", "76", Set.of());
        admin.submit(
                "/admin/roles",
                "/admin/comptes",
                Map.of("accountEmail", "perdu@example.org", "action", "resetSecondFactor"));
        var again = new WebUser(port)
                .submit(
                        "/connexion",
                        "/connexion",
                        Map.of("email", "perdu@example.org", "password", IdentityFixtures.PASSWORD));
        assertThat(location(again)).isEqualTo("/compte/double-authentification");
        assertThat(jdbc.sql("select totp_enabled_at is null from identity.account where id = ?")
                        .param(lost)
                        .query(Boolean.class)
                        .single())
                .isTrue();
    }

    @Test
    void statesChangeOnlyWithTheFormsCsrfToken() {
        fixtures.organizer("csrf@example.org");
        WebUser user = fixtures.signIn(port, "csrf@example.org");
        var forged = user.postRaw(
                "/compte/mot-de-passe",
                Map.of("currentPassword", IdentityFixtures.PASSWORD, "newPassword", "une phrase choisie par un autre"));
        assertThat(forged.statusCode()).isEqualTo(403);
        var wrong = user.postRaw(
                "/compte/mot-de-passe",
                Map.of(
                        "_csrf",
                        "forged",
                        "currentPassword",
                        IdentityFixtures.PASSWORD,
                        "newPassword",
                        "une phrase choisie par un autre"));
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(new WebUser(port)
                        .submit(
                                "/connexion",
                                "/connexion",
                                Map.of("email", "csrf@example.org", "password", IdentityFixtures.PASSWORD))
                        .statusCode())
                .isEqualTo(302);
    }

    @Test
    void aModeratorNeedsTheCodeOfTheirAuthenticatorOnceOnly() {
        long id = fixtures.moderator("cress@example.org", "76", Set.of());
        WebUser user = new WebUser(port);
        var password = user.submit(
                "/connexion",
                "/connexion",
                Map.of("email", "cress@example.org", "password", IdentityFixtures.PASSWORD));
        assertThat(location(password)).isEqualTo("/connexion/code");
        // the password alone opens nothing
        assertThat(location(user.get("/moderation"))).isEqualTo("/connexion/code");
        assertThat(location(user.get("/organisateur"))).isEqualTo("/connexion/code");
        var wrong = user.submit("/connexion/code", "/connexion/code", Map.of("code", "000000"));
        assertThat(wrong.body()).contains("Ce code n’est pas le bon");
        String code = fixtures.totpCode(id);
        assertThat(location(user.submit("/connexion/code", "/connexion/code", Map.of("code", code))))
                .isEqualTo("/moderation");
        assertThat(user.get("/compte").body()).contains("modérateur");

        WebUser replay = new WebUser(port);
        replay.submit(
                "/connexion",
                "/connexion",
                Map.of("email", "cress@example.org", "password", IdentityFixtures.PASSWORD));
        assertThat(replay.submit("/connexion/code", "/connexion/code", Map.of("code", code))
                        .body())
                .as("a code works once")
                .contains("Ce code n’est pas le bon");
    }

    @Test
    void aNewModeratorSetsUpTheSecondFactorBeforeModerating() {
        long id = fixtures.organizer("relais34@example.org");
        jdbc.sql(
                        "insert into identity.role_grant (account_id, role, departements, granted_at) values (?, 'MODERATOR', '{34}', now())")
                .param(id)
                .update();
        WebUser user = new WebUser(port);
        var password = user.submit(
                "/connexion",
                "/connexion",
                Map.of("email", "relais34@example.org", "password", IdentityFixtures.PASSWORD));
        assertThat(location(password)).isEqualTo("/compte/double-authentification");
        var page = user.get("/compte/double-authentification");
        Matcher secret = Pattern.compile("id=\"totp-secret\">([A-Z2-7]+)<").matcher(page.body());
        assertThat(secret.find()).isTrue();
        assertThat(page.body()).contains("data:image/png;base64,");
        String code =
                IdentityFixtures.code(secret.group(1), java.time.Instant.now().getEpochSecond());
        assertThat(location(user.post("/compte/double-authentification", Map.of("code", code))))
                .isEqualTo("/compte/codes-de-secours");
        assertThat(jdbc.sql("select totp_enabled_at is not null from identity.account where id = ?")
                        .param(id)
                        .query(Boolean.class)
                        .single())
                .isTrue();
        // the secret is sealed at rest: the database alone does not give it
        String stored = jdbc.sql("select totp_secret from identity.account where id = ?")
                .param(id)
                .query(String.class)
                .single();
        assertThat(stored).startsWith("v1:").doesNotContain(secret.group(1));

        // ten recovery codes, shown once, kept hashed
        String shown = user.get("/compte/codes-de-secours").body();
        List<String> codes = Pattern.compile("<code>([a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4})</code>")
                .matcher(shown)
                .results()
                .map(m -> m.group(1))
                .toList();
        assertThat(codes).hasSize(10).doesNotHaveDuplicates();
        assertThat(user.get("/compte/codes-de-secours").body())
                .doesNotContain(codes.getFirst())
                .contains("Il vous reste 10");
        assertThat(jdbc.sql("select count(*) from identity.recovery_code where account_id = ? and code_hash = ?")
                        .params(id, codes.getFirst())
                        .query(Long.class)
                        .single())
                .isZero();

        // a recovery code replaces the authenticator's code, once
        user.post("/deconnexion", Map.of());
        WebUser lost = passwordOnly("relais34@example.org");
        assertThat(location(
                        lost.post("/connexion/code", Map.of("code", codes.get(3).toUpperCase()))))
                .isEqualTo("/moderation");
        lost.post("/deconnexion", Map.of());
        WebUser again = passwordOnly("relais34@example.org");
        assertThat(again.post("/connexion/code", Map.of("code", codes.get(3))).body())
                .contains("form-errors");
        // new codes after the password; the former ones stop working
        assertThat(location(again.post("/connexion/code", Map.of("code", codes.get(4)))))
                .isEqualTo("/moderation");
        again.get("/compte/codes-de-secours");
        assertThat(again.post("/compte/codes-de-secours", Map.of("password", "pas le bon"))
                        .body())
                .contains("n’est pas le bon");
        again.get("/compte/codes-de-secours");
        again.post("/compte/codes-de-secours", Map.of("password", IdentityFixtures.PASSWORD));
        assertThat(jdbc.sql("select count(*) from identity.recovery_code where account_id = ? and used_at is null")
                        .param(id)
                        .query(Long.class)
                        .single())
                .isEqualTo(10);
        assertThat(twoFactor.useRecoveryCode(id, codes.get(5))).isFalse();
    }

    /** A new browser that gave the password and waits on the code page. */
    private WebUser passwordOnly(String email) {
        WebUser user = new WebUser(port);
        user.submit("/connexion", "/connexion", Map.of("email", email, "password", IdentityFixtures.PASSWORD));
        user.get("/connexion/code");
        return user;
    }

    @Test
    void secretsWrittenBeforeSealingAreSealedAndStillWork() {
        long id = fixtures.organizer("ancien-secret@example.org");
        fixtures.enableTotp(id);
        assertThat(jdbc.sql("select totp_secret from identity.account where id = ?")
                        .param(id)
                        .query(String.class)
                        .single())
                .doesNotStartWith("v1:");
        twoFactor.sealOlderSecrets();
        assertThat(jdbc.sql("select totp_secret from identity.account where id = ?")
                        .param(id)
                        .query(String.class)
                        .single())
                .startsWith("v1:");
        assertThat(twoFactor.verify(id, fixtures.totpCode(id))).isTrue();
    }

    @Test
    void guessingIsSlowedPerAccountAndAddressWithoutLockingOutTheOwner() {
        fixtures.organizer("cible@example.org");
        WebUser attacker = new WebUser(port);
        for (int i = 0; i < LoginThrottle.PAIR_LIMIT; i++) {
            var r = attacker.submit(
                    "/connexion", "/connexion", Map.of("email", "cible@example.org", "password", "essai " + i));
            assertThat(location(r)).isEqualTo("/connexion?erreur=identifiants");
        }
        // even the right password is refused from there for a while
        assertThat(location(attacker.submit(
                        "/connexion",
                        "/connexion",
                        Map.of("email", "cible@example.org", "password", IdentityFixtures.PASSWORD))))
                .isEqualTo("/connexion?erreur=attente");

        // many addresses against one account: new browsers wait, the owner's known browser gets in
        jdbc.sql("delete from identity.login_failure").update();
        WebUser owner = fixtures.signIn(port, "cible@example.org");
        owner.post("/deconnexion", Map.of());
        for (int i = 0; i < LoginThrottle.ACCOUNT_LIMIT; i++) {
            jdbc.sql(
                            "insert into identity.login_failure (email_key, address, at) values ('cible@example.org', ?, now())")
                    .param("203.0.113." + i)
                    .update();
        }
        assertThat(location(new WebUser(port)
                        .submit(
                                "/connexion",
                                "/connexion",
                                Map.of("email", "cible@example.org", "password", IdentityFixtures.PASSWORD))))
                .isEqualTo("/connexion?erreur=attente");
        assertThat(location(owner.submit(
                        "/connexion",
                        "/connexion",
                        Map.of("email", "cible@example.org", "password", IdentityFixtures.PASSWORD))))
                .isEqualTo("/organisateur");
    }

    @Test
    void aSessionEndsAfterItsAbsoluteLifetimeHoweverActive() {
        fixtures.organizer("longue@example.org");
        WebUser user = fixtures.signIn(port, "longue@example.org");
        assertThat(user.get("/compte").statusCode()).isEqualTo(200);
        jdbc.sql("update identity.session set creation_time = creation_time - 13 * 3600 * 1000")
                .update();
        var r = user.get("/compte");
        assertThat(location(r)).isEqualTo("/connexion?expiree");
        assertThat(location(user.get("/compte"))).isEqualTo("/connexion");
    }

    @Test
    void publicPagesOpenNoSession() {
        var home = get("/agenda");
        assertThat(home.headers().allValues("Set-Cookie")).isEmpty();
        var send = new WebUser(port)
                .send(HttpRequest.newBuilder(URI.create(url("/api/v1/events"))).build());
        assertThat(send.headers().allValues("Set-Cookie")).isEmpty();
    }
}
