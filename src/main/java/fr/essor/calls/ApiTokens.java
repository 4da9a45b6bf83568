package fr.essor.calls;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import fr.essor.identity.Accounts;
import fr.essor.shared.InvalidInput;
import fr.essor.shared.Tokens;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Personal API tokens of the calls' staff, to read the dossiers of their programmes and their states
 * from another system. A token is shown once at its creation and kept as its SHA-256; it is scoped to
 * programmes the person works on when it is made, and it reads a programme only while the person still
 * holds a role on it and their account is not disabled; it expires after a year and can be revoked at
 * any time.
 */
@Service
public class ApiTokens {

    private static final Logger SECURITY = LoggerFactory.getLogger("essor.security");

    /** What every token starts with, so that a secret scanner recognises one. */
    static final String PREFIX = "essor_";

    static final Duration LIFETIME = Duration.ofDays(365);
    static final int MAX_PER_ACCOUNT = 20;

    /**
     * A token as its owner's list shows it (never the token itself).
     *
     * @param prefix its first characters
     */
    public record Token(
            long id,
            String name,
            String prefix,
            List<Long> programmeIds,
            Instant createdAt,
            Instant expiresAt,
            Instant lastUsedAt,
            Instant revokedAt) {

        public boolean active(Instant now) {
            return revokedAt == null && now.isBefore(expiresAt);
        }
    }

    /** A token just made: the only time its secret is known. */
    public record Created(long id, String secret) {}

    /** Whose a presented token is, and what it may read. */
    public record Bearer(long tokenId, long accountId, Set<Long> programmeIds) {}

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Staff staff;
    private final Accounts accounts;

    ApiTokens(JdbcClient jdbc, Clock clock, Staff staff, Accounts accounts) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.staff = staff;
        this.accounts = accounts;
    }

    /**
     * Makes a token for a member of staff, scoped to programmes they work on.
     *
     * @throws InvalidInput for an empty or too long name, no programme, a programme they do not work on, or
     *     {@value #MAX_PER_ACCOUNT} tokens already active
     */
    @Transactional
    public Created create(long accountId, String name, Set<Long> programmeIds) {
        String label = name == null ? "" : name.strip();
        if (label.isEmpty() || label.length() > 80) {
            throw new InvalidInput("name", "calls.tokens.error.name");
        }
        if (programmeIds == null
                || programmeIds.isEmpty()
                || !Set.copyOf(staff.programmesOf(accountId)).containsAll(programmeIds)) {
            throw new InvalidInput("programmes", "calls.tokens.error.programmes");
        }
        Instant now = clock.instant();
        long active = jdbc.sql("select count(*) from calls.api_token where account_id = ? and revoked_at is null "
                        + "and expires_at > ?")
                .params(accountId, Timestamp.from(now))
                .query(Long.class)
                .single();
        if (active >= MAX_PER_ACCOUNT) {
            throw new InvalidInput("name", "calls.tokens.error.tooMany");
        }
        String secret = PREFIX + Tokens.random();
        long id = jdbc.sql("insert into calls.api_token (account_id, name, token_hash, prefix, programme_ids, "
                        + "created_at, expires_at) values (?, ?, ?, ?, ?, ?, ?) returning id")
                .params(
                        accountId,
                        label,
                        Tokens.hash(secret),
                        secret.substring(0, PREFIX.length() + 6),
                        programmeIds.stream().sorted().toArray(Long[]::new),
                        Timestamp.from(now),
                        Timestamp.from(now.plus(LIFETIME)))
                .query(Long.class)
                .single();
        SECURITY.info("API token {} created by account {} for programmes {}", id, accountId, programmeIds);
        return new Created(id, secret);
    }

    /** The person's tokens, the latest first. */
    public List<Token> of(long accountId) {
        return jdbc.sql("select id, name, prefix, programme_ids, created_at, expires_at, last_used_at, revoked_at "
                        + "from calls.api_token where account_id = ? order by id desc")
                .param(accountId)
                .query((rs, n) -> new Token(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        Arrays.asList((Long[]) rs.getArray(4).getArray()),
                        rs.getTimestamp(5).toInstant(),
                        rs.getTimestamp(6).toInstant(),
                        instant(rs.getTimestamp(7)),
                        instant(rs.getTimestamp(8))))
                .list();
    }

    /** Revokes one of the person's tokens; false when it is not theirs or already revoked. */
    @Transactional
    public boolean revoke(long accountId, long tokenId) {
        int updated = jdbc.sql("update calls.api_token set revoked_at = ? where id = ? and account_id = ? "
                        + "and revoked_at is null")
                .params(Timestamp.from(clock.instant()), tokenId, accountId)
                .update();
        if (updated == 1) {
            SECURITY.info("API token {} revoked by account {}", tokenId, accountId);
        }
        return updated == 1;
    }

    /**
     * The bearer of a presented token, while it is active and its account enabled; the programmes it may
     * read are those of its scope the person still works on.
     */
    @Transactional
    public Optional<Bearer> bearer(String secret) {
        if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 100) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        record Found(long id, long accountId, List<Long> programmes) {}
        Optional<Found> found = jdbc.sql("select id, account_id, programme_ids from calls.api_token "
                        + "where token_hash = ? and revoked_at is null and expires_at > ?")
                .params(Tokens.hash(secret), Timestamp.from(now))
                .query((rs, n) -> new Found(rs.getLong(1), rs.getLong(2), Arrays.asList((Long[])
                        rs.getArray(3).getArray())))
                .optional();
        if (found.isEmpty()
                || accounts.account(found.get().accountId())
                        .map(Accounts.Account::disabled)
                        .orElse(true)) {
            return Optional.empty();
        }
        // the last use, to the minute: a token used a thousand times a minute writes once
        jdbc.sql("update calls.api_token set last_used_at = ? where id = ? "
                        + "and (last_used_at is null or last_used_at < ?)")
                .params(Timestamp.from(now), found.get().id(), Timestamp.from(now.minusSeconds(60)))
                .update();
        Set<Long> still = Set.copyOf(staff.programmesOf(found.get().accountId()));
        return Optional.of(new Bearer(
                found.get().id(),
                found.get().accountId(),
                Set.copyOf(found.get().programmes().stream()
                        .filter(still::contains)
                        .toList())));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
