package fr.essor.identity;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import dev.samstevens.totp.code.CodeGenerator;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import dev.samstevens.totp.exceptions.QrGenerationException;
import dev.samstevens.totp.qr.QrData;
import dev.samstevens.totp.qr.ZxingPngQrGenerator;
import dev.samstevens.totp.secret.DefaultSecretGenerator;
import dev.samstevens.totp.util.Utils;

/**
 * Time-based one-time passwords (RFC 6238: HMAC-SHA1, 6 digits, 30-second steps), as authenticator
 * applications compute them. A code is accepted one step early or late (clock drift) and only once.
 */
@Component
class TwoFactor {

    static final int PERIOD = 30;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final CodeGenerator codes = new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6);
    private final SecretBox box;

    TwoFactor(JdbcClient jdbc, Clock clock, SecretBox box) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.box = box;
    }

    /** How many recovery codes an account gets when it turns the second factor on. */
    static final int RECOVERY_CODES = 10;

    /** Seals the secrets written before they were sealed (an older database); run at start. */
    @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
    void sealOlderSecrets() {
        jdbc.sql(
                        "select id, totp_secret from identity.account where totp_secret is not null and totp_secret not like 'v1:%'")
                .query((rs, n) -> java.util.Map.entry(rs.getLong(1), rs.getString(2)))
                .list()
                .forEach(e -> jdbc.sql("update identity.account set totp_secret = ? where id = ? and totp_secret = ?")
                        .params(box.seal(e.getValue()), e.getKey(), e.getValue())
                        .update());
    }

    private String secret(long accountId, boolean enabled) {
        return box.open(jdbc.sql("select totp_secret from identity.account where id = ? and totp_enabled_at is "
                        + (enabled ? "not null" : "null"))
                .param(accountId)
                .query(String.class)
                .optional()
                .orElse(null));
    }

    /**
     * Replaces the account's recovery codes with new ones, returned once to be shown: each opens the
     * second step of sign-in once, in place of a code, when the authenticator is lost. Only their
     * hashes are kept.
     */
    java.util.List<String> newRecoveryCodes(long accountId) {
        jdbc.sql("delete from identity.recovery_code where account_id = ?")
                .param(accountId)
                .update();
        java.util.List<String> made = new java.util.ArrayList<>();
        java.security.SecureRandom random = new java.security.SecureRandom();
        String alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
        for (int i = 0; i < RECOVERY_CODES; i++) {
            StringBuilder code = new StringBuilder();
            for (int c = 0; c < 12; c++) {
                if (c > 0 && c % 4 == 0) {
                    code.append('-');
                }
                code.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            made.add(code.toString());
            jdbc.sql("insert into identity.recovery_code (account_id, code_hash) values (?, ?)")
                    .params(accountId, fr.essor.shared.Tokens.hash(code.toString()))
                    .update();
        }
        return made;
    }

    /** Uses a recovery code of the account, once (a conditional update: twice at once, one wins). */
    boolean useRecoveryCode(long accountId, String typed) {
        String code = typed == null
                ? ""
                : typed.strip().toLowerCase(java.util.Locale.ROOT).replace(" ", "");
        if (!code.matches("[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}")) {
            return false;
        }
        return jdbc.sql("""
                        update identity.recovery_code set used_at = ?
                        where account_id = ? and code_hash = ? and used_at is null""")
                        .params(
                                OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC),
                                accountId,
                                fr.essor.shared.Tokens.hash(code))
                        .update()
                == 1;
    }

    /** How many unused recovery codes the account has left. */
    int recoveryCodesLeft(long accountId) {
        return jdbc.sql("select count(*) from identity.recovery_code where account_id = ? and used_at is null")
                .param(accountId)
                .query(Integer.class)
                .single();
    }

    /** What the enrolment page shows: the secret to type, and the same as a QR code (PNG data URI). */
    record Enrolment(String secret, String qrDataUri) {}

    /** The account's pending secret (made on first call), to be confirmed by a first code. */
    Enrolment enrolment(long accountId, String email) {
        String secret = secret(accountId, false);
        if (secret == null) {
            secret = new DefaultSecretGenerator(32).generate();
            jdbc.sql("update identity.account set totp_secret = ? where id = ? and totp_enabled_at is null")
                    .params(box.seal(secret), accountId)
                    .update();
        }
        QrData data = new QrData.Builder()
                .label(email)
                .secret(secret)
                .issuer("Essor")
                .algorithm(HashingAlgorithm.SHA1)
                .digits(6)
                .period(PERIOD)
                .build();
        try {
            var generator = new ZxingPngQrGenerator();
            return new Enrolment(
                    secret, Utils.getDataUriForImage(generator.generate(data), generator.getImageMimeType()));
        } catch (QrGenerationException ex) {
            return new Enrolment(secret, null);
        }
    }

    boolean enabled(long accountId) {
        return jdbc.sql("select totp_enabled_at is not null from identity.account where id = ?")
                .param(accountId)
                .query(Boolean.class)
                .optional()
                .orElse(false);
    }

    /** Turns the second factor on when the code matches the pending secret. */
    boolean confirm(long accountId, String code) {
        String secret = secret(accountId, false);
        Optional<Long> step = matchingStep(secret, code);
        if (step.isEmpty()) {
            return false;
        }
        return jdbc.sql(
                                "update identity.account set totp_enabled_at = ?, last_totp_step = ? where id = ? and totp_enabled_at is null")
                        .params(OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC), step.get(), accountId)
                        .update()
                == 1;
    }

    /** Whether the code is right now and was not used before (the update is atomic). */
    boolean verify(long accountId, String code) {
        String secret = secret(accountId, true);
        Optional<Long> step = matchingStep(secret, code);
        return step.isPresent()
                && jdbc.sql("""
                update identity.account set last_totp_step = ?
                where id = ? and (last_totp_step is null or last_totp_step < ?)""").params(step.get(), accountId, step.get()).update() == 1;
    }

    /** The code for a secret at a time, as an authenticator application shows it (for tests and the demo). */
    String codeAt(String secret, long epochSecond) {
        try {
            return codes.generate(secret, Math.floorDiv(epochSecond, PERIOD));
        } catch (CodeGenerationException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private Optional<Long> matchingStep(String secret, String code) {
        if (secret == null || code == null) {
            return Optional.empty();
        }
        String digits = code.replace(" ", "");
        if (!digits.matches("\\d{6}")) {
            return Optional.empty();
        }
        long now = Math.floorDiv(clock.instant().getEpochSecond(), PERIOD);
        for (long step = now - 1; step <= now + 1; step++) {
            try {
                if (java.security.MessageDigest.isEqual(
                        codes.generate(secret, step).getBytes(), digits.getBytes())) {
                    return Optional.of(step);
                }
            } catch (CodeGenerationException ex) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
