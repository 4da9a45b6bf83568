package fr.essor.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import fr.essor.notification.Mail;
import fr.essor.notification.Notifications;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The identity module's API: sign-up with an address verified by a single-use link, and its
 * verification. The link's token is random (256 bits), kept only as a SHA-256 hash, valid for
 * {@value #VERIFICATION_HOURS} hours and once.
 */
@Service
public class Accounts {

    static final int VERIFICATION_HOURS = 48;
    static final int MIN_PASSWORD = 8;
    static final int MAX_PASSWORD = 128;
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}$");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final Notifications notifications;
    private final CommonPasswords commonPasswords;
    private final Clock clock;
    private final PasswordEncoder passwords = new BCryptPasswordEncoder(12);

    Accounts(JdbcClient jdbc, Notifications notifications, CommonPasswords commonPasswords, Clock clock) {
        this.jdbc = jdbc;
        this.notifications = notifications;
        this.commonPasswords = commonPasswords;
        this.clock = clock;
    }

    /** What a person types to sign up. */
    public record SignUp(String email, String password, String displayName) {

        @Override
        public String toString() {
            return "SignUp[email=" + email + ", displayName=" + displayName + "]";
        }
    }

    /** A rejected field and the message key of the reason. */
    public record FieldError(String field, String messageKey) {
    }

    /** A refused sign-up, with every rejected field. */
    public static class InvalidSignUp extends RuntimeException {

        private final List<FieldError> errors;

        InvalidSignUp(List<FieldError> errors) {
            super("Invalid sign-up: " + errors);
            this.errors = List.copyOf(errors);
        }

        public List<FieldError> errors() {
            return errors;
        }
    }

    /**
     * Creates an unverified account and mails its verification link (built from {@code baseUrl}).
     * An address already registered (whatever its case) is refused on the {@code email} field.
     *
     * @return the new account's id
     * @throws InvalidSignUp naming each rejected field; nothing is written then
     */
    @Transactional
    public long signUp(SignUp request, String baseUrl) {
        List<FieldError> errors = new ArrayList<>();
        String email = request.email() == null ? "" : request.email().strip();
        if (!EMAIL.matcher(email).matches() || email.length() > 254) {
            errors.add(new FieldError("email", "account.error.email"));
        }
        String password = request.password() == null ? "" : request.password();
        if (password.length() < MIN_PASSWORD || password.length() > MAX_PASSWORD) {
            errors.add(new FieldError("password", "account.error.password.length"));
        }
        else if (commonPasswords.contains(password) || weak(password, email)) {
            errors.add(new FieldError("password", "account.error.password.weak"));
        }
        String name = request.displayName() == null ? "" : request.displayName().strip();
        if (name.isEmpty() || name.length() > 100) {
            errors.add(new FieldError("displayName", "account.error.displayName"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidSignUp(errors);
        }
        long id;
        try {
            id = jdbc.sql("""
                    insert into identity.account (email, password_hash, display_name, created_at)
                    values (?, ?, ?, ?) returning id""")
                    .params(email, passwords.encode(password), name, now())
                    .query(Long.class).single();
        }
        catch (DuplicateKeyException ex) {
            throw new InvalidSignUp(List.of(new FieldError("email", "account.error.email.taken")));
        }
        String token = newToken();
        jdbc.sql("insert into identity.token (token_hash, account_id, purpose, expires_at) values (?, ?, 'VERIFY_EMAIL', ?)")
                .params(hash(token), id, now().plus(Duration.ofHours(VERIFICATION_HOURS))).update();
        notifications.send(new Mail(email, "Confirmez votre adresse sur Essor",
                "Bonjour " + name + ",\n\nPour confirmer votre adresse et activer votre compte Essor, ouvrez ce lien "
                        + "(valable " + VERIFICATION_HOURS + " heures, une seule fois) :\n\n" + baseUrl
                        + "/compte/confirmer?jeton=" + token + "\n\nSi vous n’avez pas demandé ce compte, ignorez ce message."));
        return id;
    }

    /**
     * Marks the address of the token's account verified.
     *
     * @return the account's id, or empty when the token is unknown, expired or already used
     */
    @Transactional
    public Optional<Long> verify(String token) {
        if (token == null || token.isBlank() || token.length() > 100) {
            return Optional.empty();
        }
        Optional<Long> account = jdbc.sql("""
                update identity.token set used_at = ?
                where token_hash = ? and purpose = 'VERIFY_EMAIL' and used_at is null and expires_at > ?
                returning account_id""")
                .params(now(), hash(token), now())
                .query(Long.class).optional();
        account.ifPresent(id -> jdbc.sql("update identity.account set email_verified_at = coalesce(email_verified_at, ?) where id = ?")
                .params(now(), id).update());
        return account;
    }

    /** Whether the account's address has been verified. */
    public boolean verified(long accountId) {
        return jdbc.sql("select email_verified_at is not null from identity.account where id = ?").param(accountId)
                .query(Boolean.class).optional().orElse(false);
    }

    /** Whether the password matches the account's (constant-time comparison by bcrypt). */
    public boolean passwordMatches(long accountId, String password) {
        return jdbc.sql("select password_hash from identity.account where id = ?").param(accountId)
                .query(String.class).optional().map(h -> passwords.matches(password, h)).orElse(false);
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
        String local = email.contains("@") ? email.substring(0, email.indexOf('@')).toLowerCase(Locale.ROOT) : "";
        return local.length() >= 4 && lower.contains(local);
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
