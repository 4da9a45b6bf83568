package fr.essor.calls;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The letters issued about dossiers: each numbered (« AR-2026-000042 »), with a verification code of 16
 * characters (80 random bits, never guessed by trying) that its QR code carries to {@code /verifier/{code}},
 * and the SHA-256 of what it states (its statement, kept as issued). A reader compares the page with the
 * paper.
 */
@Service
public class Letters {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    private static final Pattern CODE = Pattern.compile("[A-Z2-7]{16}");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What a letter is. */
    public enum Kind {
        ACKNOWLEDGMENT("AR"),
        DECISION("DEC");

        private final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }
    }

    /**
     * A letter as issued.
     *
     * @param statement what it states, in order (the reference, the call, the applicant, the instants…)
     */
    public record Letter(
            long id,
            long dossierId,
            Kind kind,
            String number,
            String code,
            Map<String, String> statement,
            String contentSha256,
            Instant issuedAt) {}

    private final JdbcClient jdbc;
    private final JsonMapper json;

    Letters(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Issues a letter stating this, in the caller's transaction. */
    public Letter issue(long dossierId, Kind kind, Map<String, String> statement, Instant at) {
        String text = json.writeValueAsString(new LinkedHashMap<>(statement));
        long sequence = jdbc.sql("select nextval('calls.letter_number')")
                .query(Long.class)
                .single();
        String number = kind.prefix + "-" + at.atZone(PARIS).getYear() + "-" + String.format("%06d", sequence);
        String code = code();
        long id = jdbc.sql(
                        "insert into calls.letter (dossier_id, kind, number, code, statement, content_sha256, issued_at) "
                                + "values (?, ?, ?, ?, ?::json, ?, ?) returning id")
                .params(dossierId, kind.name(), number, code, text, sha256(text), Timestamp.from(at))
                .query(Long.class)
                .single();
        return new Letter(id, dossierId, kind, number, code, statement, sha256(text), at);
    }

    /** The letter of this code; empty for a malformed or unknown one. */
    public Optional<Letter> byCode(String code) {
        if (code == null || !CODE.matcher(code).matches()) {
            return Optional.empty();
        }
        return jdbc.sql("select id, dossier_id, kind, number, code, statement::text, content_sha256, issued_at "
                        + "from calls.letter where code = ?")
                .param(code)
                .query(this::letter)
                .optional();
    }

    /** The latest letter of this kind about a dossier. */
    public Optional<Letter> latest(long dossierId, Kind kind) {
        return jdbc.sql("select id, dossier_id, kind, number, code, statement::text, content_sha256, issued_at "
                        + "from calls.letter where dossier_id = ? and kind = ? order by id desc limit 1")
                .params(dossierId, kind.name())
                .query(this::letter)
                .optional();
    }

    private Letter letter(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        // kept as json, not jsonb: its text, hence its order and its SHA-256, as written
        String text = rs.getString("statement");
        Map<String, String> statement = json.readValue(text, new TypeReference<LinkedHashMap<String, String>>() {});
        return new Letter(
                rs.getLong("id"),
                rs.getLong("dossier_id"),
                Kind.valueOf(rs.getString("kind")),
                rs.getString("number"),
                rs.getString("code"),
                statement,
                rs.getString("content_sha256"),
                rs.getTimestamp("issued_at").toInstant());
    }

    private static String code() {
        char[] out = new char[16];
        for (int i = 0; i < out.length; i++) {
            out[i] = BASE32[RANDOM.nextInt(BASE32.length)];
        }
        return new String(out);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
