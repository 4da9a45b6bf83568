package fr.essor.identity;

import static org.assertj.core.api.Assertions.assertThat;

import fr.essor.EssorApplication;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A deployment starts without any admin: the account of the configured first admin becomes admin once
 * its address is confirmed, and nobody else ever does through the setting.
 */
class FirstAdminTests {

    @Test
    void theConfiguredAddressBecomesAdminOnceConfirmedAndOnlyWhileNoAdminExists() {
        // its own throw-away database, deployed: no demonstration admin
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(EssorApplication.class)
                .run(
                        "--server.port=0",
                        // a server of its own: the other tests' database holds their demonstration
                        "--essor.embedded-db.ephemeral=false",
                        "--essor.embedded-db.fresh=true",
                        "--essor.embedded-db.data-dir=" + freshDirectory(),
                        "--essor.public-url=https://essor.example.org",
                        "--essor.identity.first-admin=Premiere.Admin@example.org",
                        "--essor.scheduling.enabled=false",
                        "--essor.map.tiles-url=/test-tiles/{z}/{x}/{y}.png")) {
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            FirstAdmin first = app.getBean(FirstAdmin.class);
            assertThat(first.grant()).as("no account yet").isFalse();

            long id = jdbc.sql("""
                            insert into identity.account (email, password_hash, display_name, created_at)
                            values ('premiere.admin@example.org', 'x', 'Première', now()) returning id""").query(Long.class).single();
            assertThat(first.grant()).as("its address is not confirmed").isFalse();
            jdbc.sql("update identity.account set email_verified_at = now() where id = ?")
                    .param(id)
                    .update();
            assertThat(first.grant()).isTrue();
            assertThat(jdbc.sql("select account_id from identity.role_grant where role = 'ADMIN'")
                            .query(Long.class)
                            .list())
                    .containsExactly(id);

            // an admin exists: the setting gives nothing more, even if the role is then revoked by hand
            jdbc.sql("update identity.role_grant set account_id = account_id where role = 'ADMIN'")
                    .update();
            assertThat(first.grant()).isTrue();
            assertThat(jdbc.sql("select count(*) from identity.role_grant")
                            .query(Long.class)
                            .single())
                    .isEqualTo(1);
        }
    }

    private static String freshDirectory() {
        try {
            return java.nio.file.Files.createTempDirectory("essor-fresh-pg").toString();
        } catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }
}
