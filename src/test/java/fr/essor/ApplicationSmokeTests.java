package fr.essor;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The application starts on the embedded PostgreSQL, migrates, loads its reference data and serves pages. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApplicationSmokeTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void loadsTheOfficialGeography() {
        assertThat(jdbc.sql("select count(*) from territory.region")
                        .query(Long.class)
                        .single())
                .isEqualTo(18);
        assertThat(jdbc.sql("select count(*) from territory.departement")
                        .query(Long.class)
                        .single())
                .isEqualTo(101);
        assertThat(jdbc.sql("select count(*) from territory.commune where region = '76'")
                        .query(Long.class)
                        .single())
                .isEqualTo(4446);
    }

    @Test
    void servesTheHomePageAndOnlyTheHealthEndpoint() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> home = client.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("Mois de l’ESS").contains("lang=\"fr\"");
        assertThat(home.headers().firstValue("Content-Security-Policy"))
                .get()
                .asString()
                .contains("object-src 'none'");

        HttpResponse<String> regions = client.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/geo/regions.geojson"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(regions.statusCode()).isEqualTo(200);
        assertThat(regions.body()).contains("\"FeatureCollection\"").contains("Occitanie");

        HttpResponse<String> health = client.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("UP");

        HttpResponse<String> env = client.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/env"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(env.statusCode()).isEqualTo(404);
    }
}
