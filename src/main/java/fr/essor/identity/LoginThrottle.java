package fr.essor.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Slows down password guessing without letting an attacker lock a person out. Failed attempts are
 * counted in the database (so that every instance sees them) three ways:
 * <ul>
 * <li>one account from one address: {@value #PAIR_LIMIT} failures in 15 minutes block that pair;</li>
 * <li>one address over all accounts: {@value #ADDRESS_LIMIT} failures in 15 minutes block the address;</li>
 * <li>one account from everywhere: {@value #ACCOUNT_LIMIT} failures in an hour block new browsers only:
 * a browser where the person signed in before (a "known device" cookie) still gets in.</li>
 * </ul>
 * The same counters guard the second factor's codes.
 */
@Component
class LoginThrottle {

    static final int PAIR_LIMIT = 5;
    static final int ADDRESS_LIMIT = 50;
    static final int ACCOUNT_LIMIT = 20;
    static final Duration DEVICE_LIFETIME = Duration.ofDays(180);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final TransactionTemplate tx;

    LoginThrottle(JdbcClient jdbc, Clock clock, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.tx = tx;
    }

    /**
     * Starts an attempt of this key (an address typed at sign-in, or a second-factor key) from this
     * address, if the counts allow it. The attempt is counted as a failure at once, under a lock of the
     * key and of the address, so that parallel guesses cannot all pass the same count; a success
     * ({@link #succeeded}) or an attempt that was no guess ({@link #notAGuess}) takes it back.
     *
     * @return the attempt, or empty when refused
     */
    Optional<Long> begin(String key, String address, String deviceToken) {
        String k = normal(key);
        return tx.execute(status -> {
            jdbc.sql("select pg_advisory_xact_lock(hashtext('essor.login.key.' || ?))")
                    .param(k)
                    .query(Object.class)
                    .single();
            jdbc.sql("select pg_advisory_xact_lock(hashtext('essor.login.address.' || ?))")
                    .param(address)
                    .query(Object.class)
                    .single();
            OffsetDateTime quarter = now().minusMinutes(15);
            if (count("email_key = ? and address = ? and at > ?", k, address, quarter) >= PAIR_LIMIT
                    || count("address = ? and at > ?", address, quarter) >= ADDRESS_LIMIT
                    || (count("email_key = ? and at > ?", k, now().minusHours(1)) >= ACCOUNT_LIMIT
                            && !knownDevice(k, deviceToken))) {
                return Optional.<Long>empty();
            }
            return Optional.of(jdbc.sql(
                            "insert into identity.login_failure (email_key, address, at) values (?, ?, ?) returning id")
                    .params(k, address, now())
                    .query(Long.class)
                    .single());
        });
    }

    /** Takes back an attempt that was no guess (the right password of an unconfirmed or disabled account). */
    void notAGuess(long attempt) {
        jdbc.sql("delete from identity.login_failure where id = ?")
                .param(attempt)
                .update();
    }

    void succeeded(String key, String address) {
        jdbc.sql("delete from identity.login_failure where email_key = ? and address = ?")
                .params(normal(key), address)
                .update();
    }

    /**
     * The address attempts are counted by: an IPv4 address as it is, an IPv6 address by its /64
     * network (one subscriber gets a whole /64 and could otherwise change address at each attempt).
     */
    static String addressKey(String remoteAddress) {
        if (remoteAddress == null || !remoteAddress.contains(":")) {
            return remoteAddress == null ? "unknown" : remoteAddress;
        }
        try {
            byte[] bytes = java.net.InetAddress.getByName(remoteAddress.replaceAll("^\\[|\\]$|%.*$", ""))
                    .getAddress();
            if (bytes.length != 16) {
                return remoteAddress;
            }
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                prefix.append(String.format("%x", ((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff)))
                        .append(':');
            }
            return prefix.append(":/64").toString();
        } catch (java.net.UnknownHostException ex) {
            return remoteAddress;
        }
    }

    /** Remembers this browser for the account; returns the cookie's value. */
    String rememberDevice(long accountId) {
        String token = fr.essor.shared.Tokens.random();
        jdbc.sql(
                        "insert into identity.known_device (token_hash, account_id, created_at, expires_at) values (?, ?, ?, ?)")
                .params(Accounts.hash(token), accountId, now(), now().plus(DEVICE_LIFETIME))
                .update();
        return token;
    }

    private boolean knownDevice(String emailKey, String token) {
        if (token == null || token.length() > 100) {
            return false;
        }
        return jdbc.sql("""
                select count(*) from identity.known_device d join identity.account a on a.id = d.account_id
                where d.token_hash = ? and lower(a.email) = ? and d.expires_at > ?""")
                        .params(Accounts.hash(token), emailKey, now())
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Forgets failures older than a day and expired devices. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    void forgetOld() {
        jdbc.sql("delete from identity.login_failure where at < ?")
                .param(now().minusDays(1))
                .update();
        jdbc.sql("delete from identity.known_device where expires_at < ?")
                .param(now())
                .update();
    }

    private long count(String where, Object... params) {
        return jdbc.sql("select count(*) from identity.login_failure where " + where)
                .params(params)
                .query(Long.class)
                .single();
    }

    private static String normal(String key) {
        return Optional.ofNullable(key).orElse("").strip().toLowerCase(Locale.ROOT);
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }
}
