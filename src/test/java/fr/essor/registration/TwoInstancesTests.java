package fr.essor.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import fr.essor.EssorApplication;
import fr.essor.HttpTestSupport;
import fr.essor.agenda.AgendaFixtures;
import fr.essor.agenda.store.EventRepository;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two instances of Essor on one database, as behind a load balancer: a rush of registrations sent to
 * both, released together, never takes more seats than the date has.
 */
class TwoInstancesTests extends HttpTestSupport {

    private static ConfigurableApplicationContext second;

    @Autowired
    Environment environment;

    @Autowired
    Registrations registrations;

    @Autowired
    Offers offers;

    @Autowired
    EventRepository events;

    @Autowired
    AgendaFixtures agenda;

    @Autowired
    JdbcClient jdbc;

    @AfterAll
    static void stopSecond() {
        if (second != null) {
            second.close();
        }
    }

    private int secondPort() {
        if (second == null) {
            second = new SpringApplicationBuilder(EssorApplication.class)
                    .properties(
                            "spring.datasource.url=" + environment.getProperty("spring.datasource.url"),
                            "spring.datasource.username=" + environment.getProperty("spring.datasource.username"),
                            "spring.datasource.password=" + environment.getProperty("spring.datasource.password"),
                            "server.port=0",
                            "essor.agenda.search-cache-ttl=0s",
                            "essor.map.tiles-url=/test-tiles/{z}/{x}/{y}.png")
                    .run();
        }
        return ((WebServerApplicationContext) second).getWebServer().getPort();
    }

    @Test
    void anEventPublishedOnOneInstanceIsFoundOnTheOtherWithinASecond() throws Exception {
        int other = secondPort();
        RegistrationFixtures fixtures = new RegistrationFixtures(events, offers, agenda, jdbc);
        String word = "qy" + Long.toString(System.nanoTime(), 36).replaceAll("[0-9]", "z");
        HttpClient client = HttpClient.newHttpClient();
        // the second instance answers a first search before the event exists: what is timed below is how soon its
        // index follows the database, not the first request a freshly started server serves (once above a second)
        assertThat(client.send(
                                HttpRequest.newBuilder(
                                                URI.create("http://localhost:" + other + "/api/v1/events?q=" + word))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body())
                .contains("\"totalItems\":0");
        long event = fixtures.event("Atelier " + word, false, 1, 10);
        // the second instance's answer cache is off: what it answers is its index
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(1))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> client.send(
                                HttpRequest.newBuilder(
                                                URI.create("http://localhost:" + other + "/api/v1/events?q=" + word))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body()
                        .contains("\"id\":" + event));
    }

    @Test
    void aRushOnTwoInstancesNeverOverbooks() throws Exception {
        int other = secondPort();
        RegistrationFixtures fixtures = new RegistrationFixtures(events, offers, agenda, jdbc);
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        ExecutorService pool = Executors.newFixedThreadPool(100);
        try {
            for (int round = 0; round < 5; round++) {
                long event = fixtures.event("Deux instances " + round + " " + System.nanoTime(), false, 1, 10);
                CountDownLatch gate = new CountDownLatch(1);
                List<Future<Integer>> answers = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    int target = i % 2 == 0 ? port : other;
                    String body = "{\"eventId\":" + event + ",\"name\":\"P" + i + "\",\"email\":\"deux" + round + "-"
                            + i + "@example.org\",\"seats\":1}";
                    answers.add(pool.submit(() -> {
                        gate.await();
                        return client.send(
                                        HttpRequest.newBuilder(URI.create(
                                                        "http://localhost:" + target + "/api/v1/registrations"))
                                                .header("Content-Type", "application/json")
                                                .timeout(Duration.ofSeconds(60))
                                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode();
                    }));
                }
                gate.countDown();
                int created = 0;
                int full = 0;
                for (Future<Integer> a : answers) {
                    int status = a.get(120, TimeUnit.SECONDS);
                    created += status == 202 ? 1 : 0;
                    full += status == 409 ? 1 : 0;
                }
                assertThat(created).as("round " + round).isEqualTo(10);
                assertThat(full).as("round " + round).isEqualTo(190);
                assertThat(jdbc.sql("select taken from registration.slot where event_id = ?")
                                .param(event)
                                .query(Integer.class)
                                .single())
                        .isEqualTo(10);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
