package fr.essor.identity;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Once the demonstration is switched off, its accounts (whose password and second-factor key are
 * published) are disabled, so that a database that started as a demonstration can serve for real.
 */
@Component
@ConditionalOnBooleanProperty(name = "essor.demo.enabled", havingValue = false, matchIfMissing = true)
class DemoAccountsRetired implements ApplicationRunner {

    static final List<String> ADDRESSES = List.of(
            DemoAccounts.ORGANIZER,
            "moderation.demo@example.org",
            "relais.herault.demo@example.org",
            "admin.demo@example.org");
    private static final Logger log = LoggerFactory.getLogger(DemoAccountsRetired.class);

    private final JdbcClient jdbc;
    private final Sessions sessions;

    DemoAccountsRetired(JdbcClient jdbc, Sessions sessions) {
        this.jdbc = jdbc;
        this.sessions = sessions;
    }

    @Override
    public void run(ApplicationArguments args) {
        List<Long> ids = jdbc.sql(
                        "update identity.account set disabled = true where lower(email) = any(?) and not disabled returning id")
                .param(ADDRESSES.toArray(String[]::new))
                .query(Long.class)
                .list();
        ids.forEach(sessions::endAll);
        if (!ids.isEmpty()) {
            log.warn("{} comptes de démonstration désactivés : la démonstration est arrêtée", ids.size());
        }
    }
}
