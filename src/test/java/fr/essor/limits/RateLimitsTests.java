package fr.essor.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import fr.essor.EssorApplication;
import fr.essor.HttpTestSupport;
import fr.essor.WebUser;
import fr.essor.agenda.AgendaFixtures;
import fr.essor.agenda.store.EventRepository;
import fr.essor.notification.Notifications;
import fr.essor.registration.Offers;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Public writes are limited per client address and mails per recipient, with limits shared by every
 * instance: a script meets them within seconds, nothing is written past them, and another client
 * goes on as usual. Each test speaks from its own loopback address ({@code 127.0.0.x}).
 */
@TestPropertySource(properties = "essor.limits.enabled=true")
class RateLimitsTests extends HttpTestSupport {

    private static ConfigurableApplicationContext second;

    @Autowired
    EventRepository events;

    @Autowired
    Offers offers;

    @Autowired
    AgendaFixtures agenda;

    @Autowired
    Notifications notifications;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Environment environment;

    @AfterAll
    static void stopSecond() {
        if (second != null) {
            second.close();
        }
    }

    private long eventWithSeats(int seats) {
        long id = agenda.registrationEvent(
                "Forum des limites " + System.nanoTime(), LocalDateTime.of(2031, 11, 25, 10, 0));
        long date = agenda.onlyDate(id);
        offers.offer(id, 1, true, List.of(new Offers.DateCapacity(date, seats)));
        return id;
    }

    private static HttpClient clientFrom(String address) throws Exception {
        return HttpClient.newBuilder()
                .localAddress(InetAddress.getByName(address))
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    private static HttpResponse<String> register(HttpClient client, int port, long event, String email)
            throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/registrations"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"eventId\":" + event
                                + ",\"name\":\"Script\",\"email\":\"" + email + "\",\"seats\":1}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private long registrationsOf(long event) {
        return jdbc.sql("select count(*) from registration.registration where event_id = ?")
                .param(event)
                .query(Long.class)
                .single();
    }

    @Test
    void aBurstOfRegistrationsFromOneAddressIsMostlyRefusedWhileAnotherClientRegisters() throws Exception {
        long event = eventWithSeats(1000);
        HttpClient script = clientFrom("127.0.0.21");
        String run = Long.toString(System.nanoTime(), 36);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String email = "rafale-" + run + "-" + i + "@example.org";
            answers.add(pool.submit(() -> register(script, port, event, email)));
        }
        int created = 0;
        int refused = 0;
        for (Future<HttpResponse<String>> answer : answers) {
            HttpResponse<String> response = answer.get();
            if (response.statusCode() == 202) {
                created++;
            } else {
                assertThat(response.statusCode()).isEqualTo(429);
                assertThat(response.headers().firstValue("Retry-After"))
                        .hasValueSatisfying(s -> assertThat(Long.parseLong(s)).isPositive());
                assertThat(response.headers().firstValue("Content-Type").orElse(""))
                        .startsWith("application/problem+json");
                assertThat(response.body()).contains("\"status\":429", "Trop de demandes");
                refused++;
            }
        }
        pool.shutdown();
        assertThat(created).isBetween(1, Limit.REGISTRATION.capacity() + 1);
        assertThat(refused).isGreaterThanOrEqualTo(300 - Limit.REGISTRATION.capacity() - 1);
        // nothing written for a refused request
        assertThat(registrationsOf(event)).isEqualTo(created);

        // meanwhile, someone else registers as usual
        HttpResponse<String> other = register(clientFrom("127.0.0.22"), port, event, "autre-" + run + "@example.org");
        assertThat(other.statusCode()).isEqualTo(202);
    }

    @Test
    void aVictimAddressReceivesAFewMailsWhateverTheNumberOfRequestsAndSenders() {
        String victim = "victime-" + System.nanoTime() + "@example.org";
        for (int i = 0; i < 20; i++) {
            // 20 requests from 4 addresses, so that the limit per address is not what stops them
            WebUser stranger = new WebUser(port, "127.0.0." + (31 + i % 4));
            HttpResponse<String> answer = stranger.submit("/mes-donnees", "/mes-donnees", Map.of("email", victim));
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).as("the same answer every time").contains("Un lien valable une heure");
        }
        long mails = notifications.localMailbox(5000).stream()
                .filter(m -> m.to().equals(victim))
                .count();
        assertThat(mails).as("privacy mails to one recipient in an hour").isBetween(1L, 3L);
    }

    @Test
    void registeringAnAddressAgainAndAgainSendsItAFewMailsAndOneRegistration() throws Exception {
        long event = eventWithSeats(50);
        String victim = "inscrite-" + System.nanoTime() + "@example.org";
        for (int i = 0; i < 12; i++) {
            // from 4 addresses, so that the limit per address is not what stops them
            HttpResponse<String> answer = register(clientFrom("127.0.0." + (61 + i % 4)), port, event, victim);
            assertThat(answer.statusCode()).isEqualTo(202);
        }
        assertThat(registrationsOf(event)).isEqualTo(1);
        long again = notifications.localMailbox(5000).stream()
                .filter(m -> m.to().equals(victim) && m.subject().startsWith("Vous êtes déjà inscrit"))
                .count();
        assertThat(again)
                .as("'already registered' mails to one recipient in an hour")
                .isEqualTo(3);
    }

    @Test
    void aFormOverItsLimitAnswersAFrenchPageWith429AndWritesNothing() {
        WebUser script = new WebUser(port, "127.0.0.41");
        String run = Long.toString(System.nanoTime(), 36);
        HttpResponse<String> answer = null;
        int tried = 0;
        while (tried < Limit.SIGN_UP.capacity() + 3) {
            answer = script.submit(
                    "/compte/inscription",
                    "/compte/inscription",
                    Map.of(
                            "displayName",
                            "Script",
                            "email",
                            "inscription-" + run + "-" + tried + "@example.org",
                            "password",
                            "les tilleuls de la place " + tried));
            tried++;
            if (answer.statusCode() == 429) {
                break;
            }
        }
        assertThat(answer.statusCode()).isEqualTo(429);
        assertThat(answer.headers().firstValue("Retry-After")).isPresent();
        assertThat(answer.body()).contains("Trop de demandes", "rien n’a été enregistré");
        String refused = "inscription-" + run + "-" + (tried - 1) + "@example.org";
        assertThat(jdbc.sql("select count(*) from identity.account where email = ?")
                        .param(refused)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void downloadsOfTheDirectoryAreCountedAndTheSearchPageIsNot() {
        WebUser script = new WebUser(port, "127.0.0.43");
        HttpResponse<String> answer = null;
        int tried = 0;
        while (tried < Limit.DOWNLOAD.capacity() + 3) {
            answer = script.get("/annuaire.csv?departement=34");
            tried++;
            if (answer.statusCode() == 429) {
                break;
            }
            assertThat(answer.statusCode()).isEqualTo(200);
        }
        assertThat(answer.statusCode()).isEqualTo(429);
        assertThat(tried).isEqualTo(Limit.DOWNLOAD.capacity() + 1);
        assertThat(answer.headers().firstValue("Retry-After")).isPresent();
        assertThat(answer.body()).contains("Trop de demandes", "téléchargements");
        assertThat(script.get("/annuaire.geojson").statusCode()).isEqualTo(429);
        // the agenda's printed programme is a download too
        assertThat(script.get("/agenda/programme.pdf?departement=34").statusCode())
                .isEqualTo(429);
        // searching stays open to the same address
        assertThat(script.get("/annuaire?departement=34").statusCode()).isEqualTo(200);
    }

    @Test
    void twoInstancesOnOneDatabaseShareTheLimits() throws Exception {
        // as arguments: they outrank the tests' system property that lifts the limits
        second = new SpringApplicationBuilder(EssorApplication.class)
                .run(
                        "--spring.datasource.url=" + environment.getProperty("spring.datasource.url"),
                        "--spring.datasource.username=" + environment.getProperty("spring.datasource.username"),
                        "--spring.datasource.password=" + environment.getProperty("spring.datasource.password"),
                        "--server.port=0",
                        "--essor.limits.enabled=true",
                        "--essor.scheduling.enabled=false",
                        "--essor.map.tiles-url=/test-tiles/{z}/{x}/{y}.png");
        int otherPort = ((WebServerApplicationContext) second).getWebServer().getPort();
        long event = eventWithSeats(1000);
        HttpClient script = clientFrom("127.0.0.51");
        String run = Long.toString(System.nanoTime(), 36);
        int created = 0;
        for (int i = 0; i < 40; i++) {
            HttpResponse<String> response =
                    register(script, i % 2 == 0 ? port : otherPort, event, "deux-" + run + "-" + i + "@example.org");
            if (response.statusCode() == 202) {
                created++;
            } else {
                assertThat(response.statusCode()).isEqualTo(429);
            }
        }
        // one limit for both instances: not twice the capacity
        assertThat(created).isBetween(Limit.REGISTRATION.capacity() - 1, Limit.REGISTRATION.capacity() + 1);
    }
}
