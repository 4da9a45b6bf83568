package fr.essor.identity;

import java.time.Clock;
import java.time.ZoneOffset;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Demonstration accounts (README): an organizer, the CRESS moderator of Occitanie, the relay of
 * Hérault and an admin, all with the password {@value #PASSWORD}; the three last share the published
 * second-factor key {@value #TOTP_SECRET}. Only with {@code essor.demo.enabled}.
 */
@Component
@ConditionalOnBooleanProperty(name = "essor.demo.enabled", matchIfMissing = false)
@Order(20)
class DemoAccounts implements ApplicationRunner {

    static final String PASSWORD = "Essor démo 2026 !";
    static final String TOTP_SECRET = "ESSORDEMOESSORDEMOESSORDEMOESSOR";
    static final String ORGANIZER = "organisation.demo@example.org";
    static final String EXPERT = "expertise.demo@example.org";
    private static final Logger log = LoggerFactory.getLogger(DemoAccounts.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;

    private final SecretBox box;

    DemoAccounts(JdbcClient jdbc, TransactionTemplate tx, Clock clock, SecretBox box) {
        this.box = box;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        tx.executeWithoutResult(status -> {
            jdbc.sql("select pg_advisory_xact_lock(hashtext('essor.demo.accounts'))")
                    .query(Object.class)
                    .single();
            if (jdbc.sql("select count(*) from identity.account where lower(email) = ?")
                            .param(ORGANIZER)
                            .query(Long.class)
                            .single()
                    > 0) {
                return;
            }
            String hash = new BCryptPasswordEncoder(12).encode(PASSWORD);
            account(ORGANIZER, "Organisation de démonstration", hash, false);
            account("moderation.demo@example.org", "CRESS Occitanie (démonstration)", hash, true)
                    .ifPresent(id -> grant(id, "MODERATOR", "76", new String[0]));
            account("relais.herault.demo@example.org", "Relais de l’Hérault (démonstration)", hash, true)
                    .ifPresent(id -> grant(id, "MODERATOR", null, new String[] {"34"}));
            account("admin.demo@example.org", "Administration (démonstration)", hash, true)
                    .ifPresent(id -> grant(id, "ADMIN", null, new String[0]));
            // an expert the calls' instructors ask for opinions: a plain account
            account(EXPERT, "Expertise (démonstration)", hash, false);
            log.info("Comptes de démonstration créés (voir le README)");
        });
    }

    /** Creates a demo account, unless its address is already taken (then empty). */
    private java.util.Optional<Long> account(String email, String name, String hash, boolean totp) {
        var now = clock.instant().atOffset(ZoneOffset.UTC);
        return jdbc.sql("""
                insert into identity.account (email, password_hash, display_name, email_verified_at, created_at, totp_secret, totp_enabled_at)
                values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing returning id""")
                .params(email, hash, name, now, now, totp ? box.seal(TOTP_SECRET) : null, totp ? now : null)
                .query(Long.class)
                .optional();
    }

    private void grant(long account, String role, String region, String[] departements) {
        jdbc.sql(
                        "insert into identity.role_grant (account_id, role, region_code, departements, granted_at) values (?, ?, ?, ?, now())")
                .params(account, role, region, departements)
                .update();
    }
}
