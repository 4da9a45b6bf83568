package fr.essor.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import fr.essor.notification.Notifications;
import fr.essor.shared.FieldError;
import fr.essor.shared.InvalidInput;
import fr.essor.shared.Tokens;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The identity module's API for accounts: sign-up with an address verified by a single-use link,
 * password reset, change of password and of address. Links carry a random 256-bit token kept only as
 * a SHA-256 hash, valid once and for a limited time. Answers never tell whether an address has an
 * account: the mail does.
 */
@Service
public class Accounts {

    static final int VERIFICATION_HOURS = 48;
    static final int RESET_MINUTES = 60;
    static final int MIN_PASSWORD = 8;
    static final int MAX_PASSWORD = 128;
    private static final Logger SECURITY = LoggerFactory.getLogger("essor.security");

    private final JdbcClient jdbc;
    private final Notifications notifications;
    private final CommonPasswords commonPasswords;
    private final Sessions sessions;
    private final Clock clock;
    private final PasswordEncoder passwords = new BCryptPasswordEncoder(12);
    /** Compared against when an address is unknown, so that the answer takes as long as for a real one. */
    private final String decoyHash = passwords.encode("a password nobody has");

    Accounts(
            JdbcClient jdbc,
            Notifications notifications,
            CommonPasswords commonPasswords,
            Sessions sessions,
            Clock clock) {
        this.jdbc = jdbc;
        this.notifications = notifications;
        this.commonPasswords = commonPasswords;
        this.sessions = sessions;
        this.clock = clock;
    }

    /** What a person types to sign up. */
    public record SignUp(String email, String password, String displayName) {

        @Override
        public String toString() {
            return "SignUp[email=" + email + ", displayName=" + displayName + "]";
        }
    }

    /** An account as its owner sees it. */
    public record Account(
            long id, String email, String displayName, boolean verified, boolean disabled, boolean totpEnabled) {}

    /**
     * Creates an unverified account and mails its verification link (built from {@code baseUrl}). When
     * the address already has an account, nothing is created and that address is told by mail instead,
     * so that the form never reveals who has an account.
     *
     * @return the new account's id, or empty when the address was taken
     * @throws InvalidInput naming each rejected field; nothing is written then
     */
    @Transactional
    public Optional<Long> signUp(SignUp request, String baseUrl) {
        List<FieldError> errors = new ArrayList<>();
        String email = normalEmail(request.email());
        if (!validEmail(email)) {
            errors.add(new FieldError("email", "account.error.email"));
        }
        String password = request.password() == null ? "" : request.password();
        checkPassword(password, email, "password", errors);
        String name = request.displayName() == null ? "" : request.displayName().strip();
        if (name.isEmpty() || name.length() > 100) {
            errors.add(new FieldError("displayName", "account.error.displayName"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        Optional<Long> id = jdbc.sql("""
                insert into identity.account (email, password_hash, display_name, created_at)
                values (?, ?, ?, ?) on conflict do nothing returning id""")
                .params(email, passwords.encode(password), name, now())
                .query(Long.class)
                .optional();
        if (id.isEmpty()) {
            notifications.send(email, "identity-account-exists", Map.of("baseUrl", baseUrl));
            SECURITY.info("sign-up with an address already registered");
            return Optional.empty();
        }
        String token = newToken(id.get(), "VERIFY_EMAIL", Duration.ofHours(VERIFICATION_HOURS), null);
        notifications.send(
                email,
                "identity-confirm-address",
                Map.of("name", name, "hours", VERIFICATION_HOURS, "baseUrl", baseUrl, "token", token));
        SECURITY.info("account {} signed up", id.get());
        return id;
    }

    /**
     * Marks the address of the token's account verified.
     *
     * @return the account's id, or empty when the token is unknown, expired or already used
     */
    @Transactional
    public Optional<Long> verify(String token) {
        Optional<Long> account = useToken(token, "VERIFY_EMAIL").map(TokenUse::accountId);
        account.ifPresent(id -> jdbc.sql(
                        "update identity.account set email_verified_at = coalesce(email_verified_at, ?) where id = ?")
                .params(now(), id)
                .update());
        return account;
    }

    /**
     * Mails a password-reset link valid {@value #RESET_MINUTES} minutes to the address if it has an
     * account; does nothing otherwise (the caller answers the same in both cases).
     */
    @Transactional
    public void requestPasswordReset(String emailInput, String baseUrl) {
        String email = normalEmail(emailInput);
        if (!validEmail(email)) {
            throw new InvalidInput("email", "account.error.email");
        }
        record Found(long id, String email) {}
        jdbc.sql("select id, email from identity.account where lower(email) = lower(?) and not disabled")
                .param(email)
                .query((rs, n) -> new Found(rs.getLong(1), rs.getString(2)))
                .optional()
                .ifPresent(found -> {
                    long id = found.id();
                    String token = newToken(id, "RESET_PASSWORD", Duration.ofMinutes(RESET_MINUTES), null);
                    notifications.send(
                            found.email(),
                            "identity-password-reset",
                            Map.of("minutes", RESET_MINUTES, "baseUrl", baseUrl, "token", token));
                    SECURITY.info("password reset requested for account {}", id);
                });
    }

    /** Whether a reset link can still be used (to show its form or a clear message). */
    public boolean resetTokenValid(String token) {
        return token != null
                && token.length() <= 100
                && jdbc.sql("""
                select count(*) from identity.token
                where token_hash = ? and purpose = 'RESET_PASSWORD' and used_at is null and expires_at > ?""").params(hash(token), now()).query(Long.class).single() > 0;
    }

    /**
     * Sets a new password from a reset link, verifies the address (the link proved it) and ends every
     * session of the account.
     *
     * @return false when the link is unknown, expired or used
     * @throws InvalidInput when the password is refused; the link stays usable then
     */
    @Transactional
    public boolean resetPassword(String token, String newPassword) {
        if (!resetTokenValid(token)) {
            return false;
        }
        long id = jdbc.sql("select account_id from identity.token where token_hash = ?")
                .param(hash(token))
                .query(Long.class)
                .single();
        String email = account(id).orElseThrow().email();
        List<FieldError> errors = new ArrayList<>();
        checkPassword(newPassword == null ? "" : newPassword, email, "password", errors);
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        if (useToken(token, "RESET_PASSWORD").isEmpty()) {
            // used meanwhile by another request: a link works once
            return false;
        }
        revokeTokens(id);
        jdbc.sql(
                        "update identity.account set password_hash = ?, email_verified_at = coalesce(email_verified_at, ?) where id = ?")
                .params(passwords.encode(newPassword), now(), id)
                .update();
        jdbc.sql("delete from identity.login_failure where email_key = lower(?)")
                .param(email)
                .update();
        sessions.endAll(id);
        SECURITY.info("password reset for account {}", id);
        return true;
    }

    /**
     * Changes the password after checking the current one; ends the account's other sessions.
     *
     * @throws InvalidInput on {@code currentPassword} or {@code newPassword}
     */
    @Transactional
    public void changePassword(long id, String currentPassword, String newPassword, String keepSessionId) {
        Account account = account(id).orElseThrow();
        if (!passwordMatches(id, currentPassword)) {
            SECURITY.warn("password change with a wrong current password for account {}", id);
            throw new InvalidInput("currentPassword", "account.error.currentPassword");
        }
        List<FieldError> errors = new ArrayList<>();
        checkPassword(newPassword == null ? "" : newPassword, account.email(), "newPassword", errors);
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        jdbc.sql("update identity.account set password_hash = ? where id = ?")
                .params(passwords.encode(newPassword), id)
                .update();
        revokeTokens(id);
        sessions.endAllBut(id, keepSessionId);
        SECURITY.info("password changed for account {}", id);
    }

    /**
     * Starts a change of address: checks the password again, then mails a confirmation link to the
     * new address and a notice to the old one. The address changes only when the link is opened.
     *
     * @throws InvalidInput on {@code currentPassword} or {@code newEmail}
     */
    @Transactional
    public void requestEmailChange(long id, String currentPassword, String newEmailInput, String baseUrl) {
        Account account = account(id).orElseThrow();
        if (!passwordMatches(id, currentPassword)) {
            SECURITY.warn("address change with a wrong password for account {}", id);
            throw new InvalidInput("currentPassword", "account.error.currentPassword");
        }
        String newEmail = normalEmail(newEmailInput);
        if (!validEmail(newEmail) || newEmail.equalsIgnoreCase(account.email())) {
            throw new InvalidInput("newEmail", "account.error.email");
        }
        String token = newToken(id, "CHANGE_EMAIL", Duration.ofHours(VERIFICATION_HOURS), newEmail);
        notifications.send(
                newEmail,
                "identity-new-address",
                Map.of("name", account.displayName(), "hours", VERIFICATION_HOURS, "baseUrl", baseUrl, "token", token));
        notifications.send(
                account.email(),
                "identity-address-change-requested",
                Map.of("name", account.displayName(), "baseUrl", baseUrl));
        SECURITY.info("address change requested for account {}", id);
    }

    /**
     * Completes a change of address.
     *
     * @return the account id, or empty when the link is unknown, expired, used, or the address was taken
     *     meanwhile
     */
    @Transactional
    public Optional<Long> confirmEmailChange(String token) {
        Optional<TokenUse> use = useToken(token, "CHANGE_EMAIL");
        if (use.isEmpty()) {
            return Optional.empty();
        }
        try {
            jdbc.sql("update identity.account set email = ?, email_verified_at = ? where id = ?")
                    .params(use.get().newEmail(), now(), use.get().accountId())
                    .update();
        } catch (DuplicateKeyException ex) {
            return Optional.empty();
        }
        sessions.endAll(use.get().accountId());
        SECURITY.info("address changed for account {}", use.get().accountId());
        return Optional.of(use.get().accountId());
    }

    /** Disables an account and ends its sessions at once. */
    @Transactional
    public void disable(long id, long byAccountId) {
        jdbc.sql("update identity.account set disabled = true where id = ?")
                .param(id)
                .update();
        sessions.endAll(id);
        SECURITY.info("account {} disabled by account {}", id, byAccountId);
    }

    /** Forgets the account's second factor and ends its sessions: the person enrols again at sign-in. */
    @Transactional
    public void resetSecondFactor(long id, long byAccountId) {
        jdbc.sql(
                        "update identity.account set totp_secret = null, totp_enabled_at = null, last_totp_step = null where id = ?")
                .param(id)
                .update();
        jdbc.sql("delete from identity.recovery_code where account_id = ?")
                .param(id)
                .update();
        sessions.endAll(id);
        SECURITY.info("second factor of account {} reset by account {}", id, byAccountId);
    }

    @Transactional
    public void enable(long id, long byAccountId) {
        jdbc.sql("update identity.account set disabled = false where id = ?")
                .param(id)
                .update();
        SECURITY.info("account {} enabled by account {}", id, byAccountId);
    }

    public Optional<Account> account(long id) {
        return jdbc.sql("""
                select id, email, display_name, email_verified_at is not null as verified, disabled,
                       totp_enabled_at is not null as totp
                from identity.account where id = ?""")
                .param(id)
                .query((rs, n) -> new Account(
                        rs.getLong("id"),
                        rs.getString("email"),
                        rs.getString("display_name"),
                        rs.getBoolean("verified"),
                        rs.getBoolean("disabled"),
                        rs.getBoolean("totp")))
                .optional();
    }

    public Optional<Account> byEmail(String email) {
        return jdbc.sql("select id from identity.account where lower(email) = lower(?)")
                .param(normalEmail(email))
                .query(Long.class)
                .optional()
                .flatMap(this::account);
    }

    /** Whether the account's address has been verified. */
    public boolean verified(long accountId) {
        return account(accountId).map(Account::verified).orElse(false);
    }

    /** Whether the password matches the account's (constant-time comparison by bcrypt). */
    public boolean passwordMatches(long accountId, String password) {
        String hash = jdbc.sql("select password_hash from identity.account where id = ?")
                .param(accountId)
                .query(String.class)
                .optional()
                .orElse(null);
        boolean matches = passwords.matches(password == null ? "" : password, hash == null ? decoyHash : hash);
        return hash != null && matches;
    }

    /**
     * The account of this address and password, if they match an enabled account. Takes the same time
     * whether the address exists or not.
     */
    Optional<Account> authenticate(String email, String password) {
        record Row(long id, String hash) {}
        Optional<Row> row = jdbc.sql("select id, password_hash from identity.account where lower(email) = lower(?)")
                .param(normalEmail(email))
                .query((rs, n) -> new Row(rs.getLong(1), rs.getString(2)))
                .optional();
        boolean matches = passwords.matches(
                password == null ? "" : password, row.map(Row::hash).orElse(decoyHash));
        return row.filter(r -> matches).flatMap(r -> account(r.id()));
    }

    /** The person of an enabled account, with their moderation territories and admin role. */
    Person person(long id) {
        Account account = account(id).orElseThrow();
        Set<String> regions = new HashSet<>();
        Set<String> departements = new HashSet<>();
        boolean[] admin = {false};
        jdbc.sql("select role, region_code, departements from identity.role_grant where account_id = ?")
                .param(id)
                .query(rs -> {
                    if ("ADMIN".equals(rs.getString("role"))) {
                        admin[0] = true;
                    } else {
                        if (rs.getString("region_code") != null) {
                            regions.add(rs.getString("region_code"));
                        }
                        departements.addAll(
                                List.of((String[]) rs.getArray("departements").getArray()));
                    }
                });
        return new Person(id, account.email(), account.displayName(), admin[0], regions, departements);
    }

    static String normalEmail(String email) {
        return email == null ? "" : email.strip();
    }

    static boolean validEmail(String email) {
        return fr.essor.shared.EmailAddresses.valid(email);
    }

    private void checkPassword(String password, String email, String field, List<FieldError> errors) {
        if (password.length() < MIN_PASSWORD || password.length() > MAX_PASSWORD) {
            errors.add(new FieldError(field, "account.error.password.length"));
        } else if (commonPasswords.contains(password) || weak(password, email)) {
            errors.add(new FieldError(field, "account.error.password.weak"));
        }
    }

    /** Too easy to guess beyond the common list: few distinct characters, digits only, or the address itself. */
    static boolean weak(String password, String email) {
        String lower = password.toLowerCase(Locale.ROOT);
        if (lower.chars().distinct().count() < 4) {
            return true;
        }
        if (lower.matches("\\d+") || lower.matches("(?:azerty|qwerty|password|motdepasse|123456|essor)\\d*")) {
            return true;
        }
        String local =
                email.contains("@") ? email.substring(0, email.indexOf('@')).toLowerCase(Locale.ROOT) : "";
        return local.length() >= 4 && lower.contains(local);
    }

    private record TokenUse(long accountId, String newEmail) {}

    private Optional<TokenUse> useToken(String token, String purpose) {
        if (token == null || token.isBlank() || token.length() > 100) {
            return Optional.empty();
        }
        return jdbc.sql("""
                update identity.token set used_at = ?
                where token_hash = ? and purpose = ? and used_at is null and expires_at > ?
                returning account_id, new_email""")
                .params(now(), hash(token), purpose, now())
                .query((rs, n) -> new TokenUse(rs.getLong(1), rs.getString(2)))
                .optional();
    }

    /**
     * Ends the account's outstanding password-reset and address-change links, and the invitations it
     * sent that are still open (a new password was chosen: whoever held the old one may have used them).
     */
    private void revokeTokens(long accountId) {
        jdbc.sql("""
                update identity.token set used_at = ?
                where account_id = ? and used_at is null and purpose in ('RESET_PASSWORD', 'CHANGE_EMAIL')""").params(now(), accountId).update();
        jdbc.sql("""
                update identity.membership_invitation set expires_at = ?
                where invited_by = ? and accepted_at is null and expires_at > ?""").params(now(), accountId, now()).update();
    }

    private String newToken(long accountId, String purpose, Duration validity, String newEmail) {
        String token = Tokens.random();
        jdbc.sql(
                        "insert into identity.token (token_hash, account_id, purpose, expires_at, new_email) values (?, ?, ?, ?, ?)")
                .params(hash(token), accountId, purpose, now().plus(validity), newEmail)
                .update();
        return token;
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

    static String hash(String token) {
        return Tokens.hash(token);
    }
}
