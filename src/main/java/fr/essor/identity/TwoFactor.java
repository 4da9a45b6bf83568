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

    TwoFactor(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** What the enrolment page shows: the secret to type, and the same as a QR code (PNG data URI). */
    record Enrolment(String secret, String qrDataUri) {}

    /** The account's pending secret (made on first call), to be confirmed by a first code. */
    Enrolment enrolment(long accountId, String email) {
        String secret = jdbc.sql("select totp_secret from identity.account where id = ? and totp_enabled_at is null")
                .param(accountId)
                .query(String.class)
                .optional()
                .orElse(null);
        if (secret == null) {
            secret = new DefaultSecretGenerator(32).generate();
            jdbc.sql("update identity.account set totp_secret = ? where id = ? and totp_enabled_at is null")
                    .params(secret, accountId)
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
        String secret = jdbc.sql("select totp_secret from identity.account where id = ? and totp_enabled_at is null")
                .param(accountId)
                .query(String.class)
                .optional()
                .orElse(null);
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
        String secret = jdbc.sql(
                        "select totp_secret from identity.account where id = ? and totp_enabled_at is not null")
                .param(accountId)
                .query(String.class)
                .optional()
                .orElse(null);
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
