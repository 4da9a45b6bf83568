package fr.essor.identity;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The first administrator of a deployment: while no account is admin, the account of the address
 * {@code essor.identity.first-admin} ({@code ESSOR_FIRST_ADMIN}) becomes admin as soon as it exists
 * with a confirmed address — checked at start and every minute. That person signs up like anyone,
 * confirms their address, signs in, enrols their second factor, and grants the other roles. Once an
 * admin exists, the setting does nothing.
 */
@Component
class FirstAdmin {

    private static final Logger SECURITY = LoggerFactory.getLogger("essor.security");

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final String email;

    FirstAdmin(
            JdbcClient jdbc,
            TransactionTemplate tx,
            Clock clock,
            @Value("${essor.identity.first-admin:}") String email) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.tx = tx;
        this.email = email.strip();
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStart() {
        if (!email.isEmpty() && !grant()) {
            SECURITY.info(
                    "no admin yet: the account of the configured first admin will be made admin once its address is confirmed");
        }
    }

    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    void whileNoAdmin() {
        if (!email.isEmpty()) {
            grant();
        }
    }

    /** Makes the configured account admin if no one is; returns whether an admin exists now. */
    boolean grant() {
        Boolean done = tx.execute(status -> {
            // one instance at a time
            jdbc.sql("select pg_advisory_xact_lock(hashtext('essor.identity.first-admin'))")
                    .query(Object.class)
                    .single();
            if (jdbc.sql("select count(*) from identity.role_grant where role = 'ADMIN'")
                            .query(Long.class)
                            .single()
                    > 0) {
                return true;
            }
            Optional<Long> account =
                    jdbc.sql("""
                            select id from identity.account
                            where lower(email) = lower(?) and email_verified_at is not null and not disabled""").param(email).query(Long.class).optional();
            if (account.isEmpty()) {
                return false;
            }
            jdbc.sql("""
                            insert into identity.role_grant (account_id, role, granted_at)
                            values (?, 'ADMIN', ?)""")
                    .params(account.get(), clock.instant().atOffset(ZoneOffset.UTC))
                    .update();
            SECURITY.info("account {} made the first admin (essor.identity.first-admin)", account.get());
            return true;
        });
        return Boolean.TRUE.equals(done);
    }
}
