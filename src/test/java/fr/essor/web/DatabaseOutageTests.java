package fr.essor.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import fr.essor.EssorApplication;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * With its database stopped, the application answers a fast 503 with a clear message; once the
 * database is back it serves again, without a restart. Runs against a PostgreSQL server of its own,
 * stopped and restarted on the same data directory and port.
 */
class DatabaseOutageTests {

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void answersA503WhileTheDatabaseIsDownAndRecoversWhenItIsBack() throws Exception {
        Path dataDir = Files.createTempDirectory("essor-outage-pg");
        int dbPort = freePort();
        EmbeddedPostgres db = start(dataDir, dbPort);
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(EssorApplication.class)
                .properties(
                        "spring.datasource.url=jdbc:postgresql://localhost:" + dbPort + "/postgres",
                        "spring.datasource.username=postgres",
                        "spring.datasource.password=postgres",
                        "server.port=0",
                        "essor.demo.enabled=false")
                .run()) {
            String base = "http://localhost:" + app.getEnvironment().getProperty("local.server.port");
            // pages and answers that read the database (the agenda's searches are answered by its index in
            // memory, and may go on answering while the database is down)
            assertThat(get(base + "/appels", "text/html").statusCode()).isEqualTo(200);

            db.close();
            long start = System.nanoTime();
            HttpResponse<String> page = get(base + "/appels", "text/html");
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(page.statusCode()).isEqualTo(503);
            assertThat(page.body()).contains("momentanément indisponible").doesNotContain("Exception");
            assertThat(page.headers().firstValue("Retry-After")).isPresent();
            assertThat(millis).as("answer time while the database is down").isLessThan(5_000);
            HttpResponse<String> api = get(base + "/api/v1/programmes", "application/json");
            assertThat(api.statusCode()).isEqualTo(503);
            assertThat(api.headers().firstValue("Content-Type"))
                    .get()
                    .asString()
                    .startsWith("application/problem+json");
            assertThat(get(base + "/actuator/health", "application/json").statusCode())
                    .isEqualTo(503);
            // a registration sent meanwhile is refused at once, not half-written
            HttpResponse<String> registration = client.send(
                    HttpRequest.newBuilder(URI.create(base + "/api/v1/registrations"))
                            .header("Content-Type", "application/json")
                            .timeout(Duration.ofSeconds(20))
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"eventId\":1,\"name\":\"Panne\",\"email\":\"panne@example.org\",\"seats\":1}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(registration.statusCode()).isEqualTo(503);
            assertThat(registration.headers().firstValue("Content-Type"))
                    .get()
                    .asString()
                    .startsWith("application/problem+json");

            db = start(dataDir, dbPort);
            // the database is back: the pages come back by themselves, without a restart
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> get(base + "/appels", "text/html").statusCode(), status -> status == 200);
        } finally {
            db.close();
        }
    }

    private HttpResponse<String> get(String url, String accept) throws IOException, InterruptedException {
        return client.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Accept", accept)
                        .timeout(Duration.ofSeconds(20))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static EmbeddedPostgres start(Path dataDir, int port) throws IOException {
        return EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("fsync", "off")
                .start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
