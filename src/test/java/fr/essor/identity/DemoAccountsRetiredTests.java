package fr.essor.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A database that served a demonstration keeps no usable demo account once the demonstration is off. */
@SpringBootTest(properties = "essor.demo.enabled=false")
class DemoAccountsRetiredTests {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DemoAccountsRetired retirement;

    @Test
    void disablesTheDemonstrationAccounts() throws Exception {
        // the test database is shared with the demonstration's tests: its demo accounts are used as they are
        Long demo = jdbc.sql("select id from identity.account where email = 'admin.demo@example.org'")
                .query(Long.class)
                .optional()
                .orElseGet(() -> new IdentityFixtures(jdbc).admin("admin.demo@example.org"));
        long real = new IdentityFixtures(jdbc).organizer("vraie.personne." + System.nanoTime() + "@example.org");
        try {
            retirement.run(null);
            assertThat(jdbc.sql("select disabled from identity.account where id = ?")
                            .param(demo)
                            .query(Boolean.class)
                            .single())
                    .isTrue();
            assertThat(jdbc.sql("select disabled from identity.account where id = ?")
                            .param(real)
                            .query(Boolean.class)
                            .single())
                    .isFalse();
        } finally {
            // the other tests run the demonstration on this same database
            jdbc.sql("update identity.account set disabled = false where email like '%.demo@example.org'")
                    .update();
        }
    }
}
