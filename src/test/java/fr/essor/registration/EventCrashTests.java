package fr.essor.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

import fr.essor.EssorApplication;
import fr.essor.agenda.AgendaFixtures;
import fr.essor.agenda.store.EventRepository;
import fr.essor.notification.Notifications;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A change committed by an instance that is killed (SIGKILL) before its listeners ran is delivered
 * when an instance starts: the event publication registry kept it in the same transaction as the
 * change. The people registered are told once.
 */
@SpringBootTest
class EventCrashTests {

    @Autowired
    Registrations registrations;

    @Autowired
    Offers offers;

    @Autowired
    EventRepository events;

    @Autowired
    AgendaFixtures agenda;

    @Autowired
    Notifications notifications;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Value("${spring.datasource.url}")
    String databaseUrl;

    @Test
    void aCancellationCommittedBeforeACrashIsToldAfterTheRestart() throws Exception {
        RegistrationFixtures fixtures = new RegistrationFixtures(events, offers, agenda, jdbc);
        String title = "Panne " + System.nanoTime();
        long event = fixtures.event(title, true, 2, 10);
        String email = "panne-" + System.nanoTime() + "@example.org";
        Registration r =
                registrations.register(fixtures.request(event, email, 1)).registration();

        List<String> output = new ArrayList<>();
        try (Connection lock = dataSource.getConnection()) {
            // the listener of the other instance will wait on this row until that instance dies
            lock.setAutoCommit(false);
            try (PreparedStatement s =
                    lock.prepareStatement("select 1 from registration.offer where event_id = ? for update")) {
                s.setLong(1, event);
                s.executeQuery().close();
            }
            Process child = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "--enable-native-access=ALL-UNNAMED",
                            "-Xmx512m",
                            "-cp",
                            System.getProperty("java.class.path"),
                            CancellingInstance.class.getName(),
                            databaseUrl,
                            Long.toString(event))
                    .redirectErrorStream(true)
                    .start();
            try {
                try (BufferedReader lines =
                        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = lines.readLine()) != null) {
                        output.add(line);
                        if (line.contains("CHANGE COMMITTED")) {
                            break;
                        }
                    }
                }
                assertThat(output).as("the other instance committed the change").contains("CHANGE COMMITTED");
                // its listener took the change and waits on the locked row: the delivery has begun, not ended
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> jdbc.sql("""
                        select count(*) from pg_stat_activity where wait_event_type = 'Lock' and query like '%registration.offer%'""").query(Long.class).single() > 0);
            } finally {
                child.destroyForcibly();
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(child.exitValue()).isEqualTo(137);
            lock.rollback();
        }

        assertThat(jdbc.sql("select status from agenda.event where id = ?")
                        .param(event)
                        .query(String.class)
                        .single())
                .isEqualTo("CANCELLED");
        assertThat(mailsTo(email)).isEmpty();
        assertThat(jdbc.sql("""
                select count(*) from event_publication
                where completion_date is null and listener_id like '%AgendaChanges%' and serialized_event like ?""")
                        .param("%\"eventId\":" + event + ",%")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);

        // an instance starts: it delivers what the dead one left undelivered
        try (ConfigurableApplicationContext restarted = new SpringApplicationBuilder(EssorApplication.class)
                .properties(
                        "spring.datasource.url=" + databaseUrl,
                        "spring.datasource.username=postgres",
                        "spring.datasource.password=postgres",
                        "server.port=0",
                        "essor.scheduling.enabled=false",
                        "essor.observatory.demo.enabled=false")
                .run()) {
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(mailsTo(email))
                            .singleElement()
                            .satisfies(m -> assertThat(m.body())
                                    .contains("Annulé juste avant une panne.")
                                    .contains("/inscriptions/" + r.id() + "?jeton=")));
        }
        assertThat(offers.offerOf(event).orElseThrow().cancelled()).isTrue();
    }

    private List<Notifications.LocalMail> mailsTo(String email) {
        return notifications.localMailbox(5000).stream()
                .filter(m -> m.to().equals(email) && m.subject().startsWith("Événement annulé"))
                .toList();
    }
}
