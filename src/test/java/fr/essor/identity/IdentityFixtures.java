package fr.essor.identity;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

import fr.essor.WebUser;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Ready-made accounts for tests: verified organizers, moderators and admins with their second factor
 * set up (a known secret), and sign-in through the real pages.
 */
public final class IdentityFixtures {

    public static final String PASSWORD = "une phrase de test assez longue";
    /** Base32 secret of every fixture moderator's authenticator. */
    public static final String TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    private static final String HASH = new BCryptPasswordEncoder(4).encode(PASSWORD);

    private final JdbcClient jdbc;

    public IdentityFixtures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A verified account that may organize. */
    public long organizer(String email) {
        return jdbc.sql("""
                insert into identity.account (email, password_hash, display_name, email_verified_at, created_at)
                values (?, ?, ?, now(), now()) returning id""")
                .params(email, HASH, "Compte " + email.substring(0, email.indexOf('@')))
                .query(Long.class)
                .single();
    }

    /** A verified moderator of a region or of départements, second factor enabled. */
    public long moderator(String email, String regionCode, Set<String> departements) {
        long id = organizer(email);
        jdbc.sql("""
                insert into identity.role_grant (account_id, role, region_code, departements, granted_at)
                values (?, 'MODERATOR', ?, ?, now())""")
                .params(id, regionCode, departements.toArray(String[]::new))
                .update();
        enableTotp(id);
        return id;
    }

    public long admin(String email) {
        long id = organizer(email);
        jdbc.sql("insert into identity.role_grant (account_id, role, granted_at) values (?, 'ADMIN', now())")
                .param(id)
                .update();
        enableTotp(id);
        return id;
    }

    public void enableTotp(long id) {
        jdbc.sql(
                        "update identity.account set totp_secret = ?, totp_enabled_at = now(), last_totp_step = null where id = ?")
                .params(TOTP_SECRET, id)
                .update();
    }

    /** The code an authenticator shows now; each step's code works once, so the step is forgotten first. */
    public String totpCode(long accountId) {
        jdbc.sql("update identity.account set last_totp_step = null where id = ?")
                .param(accountId)
                .update();
        return code(TOTP_SECRET, Instant.now().getEpochSecond());
    }

    public static String code(String secret, long epochSecond) {
        return new TwoFactor(null, null, null).codeAt(secret, epochSecond);
    }

    /** Signs in through the pages (password, then code when the account has a second factor). */
    public WebUser signIn(int port, String email) {
        WebUser user = new WebUser(port);
        var response = user.submit("/connexion", "/connexion", Map.of("email", email, "password", PASSWORD));
        String location = WebUser.location(response);
        if ("/connexion/code".equals(location)) {
            long id = jdbc.sql("select id from identity.account where lower(email) = lower(?)")
                    .param(email)
                    .query(Long.class)
                    .single();
            response = user.submit("/connexion/code", "/connexion/code", Map.of("code", totpCode(id)));
            location = WebUser.location(response);
        }
        if (location == null || location.startsWith("/connexion")) {
            throw new IllegalStateException(
                    "sign-in of " + email + " failed: " + response.statusCode() + " " + location);
        }
        return user;
    }
}
