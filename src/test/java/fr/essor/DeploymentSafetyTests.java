package fr.essor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Essor started as a deployment (an {@code https} public address) loads no demonstration — no account
 * with a published password, no local mailbox — even when asked to, marks its session cookies
 * {@code Secure}, and builds its absolute links from its public address, whatever {@code Host} says.
 */
class DeploymentSafetyTests {

    @Test
    void aDeploymentIsAnythingButThisMachine() {
        String[] none = {};
        assertThat(DeploymentSafety.isDeployment("http://localhost:8080", none)).isFalse();
        assertThat(DeploymentSafety.isDeployment("http://127.0.0.1:8080", none)).isFalse();
        assertThat(DeploymentSafety.isDeployment("http://[::1]:8080", none)).isFalse();
        assertThat(DeploymentSafety.isDeployment("https://essor.example.org", none))
                .isTrue();
        assertThat(DeploymentSafety.isDeployment("http://192.0.2.10:8080", none))
                .isTrue();
        assertThat(DeploymentSafety.isDeployment("pas une adresse", none)).isTrue();
        assertThat(DeploymentSafety.isDeployment("http://localhost:8080", new String[] {"production"}))
                .isTrue();
    }

    @Test
    void aJarStartedWithAnHttpsAddressHasNoDemoAndTrustsNoHostHeader() throws Exception {
        // its own throw-away database: nothing from the other tests' demonstration
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(EssorApplication.class)
                .run(
                        "--server.port=0",
                        // a server of its own: the other tests' database holds their demonstration
                        "--essor.embedded-db.ephemeral=false",
                        "--essor.embedded-db.fresh=true",
                        "--essor.embedded-db.data-dir=" + freshDirectory(),
                        "--essor.public-url=https://essor.example.org",
                        "--essor.demo.enabled=true",
                        "--essor.scheduling.enabled=false",
                        "--essor.map.tiles-url=/test-tiles/{z}/{x}/{y}.png")) {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            assertThat(jdbc.sql("select count(*) from identity.account")
                            .query(Long.class)
                            .single())
                    .as("no demonstration account")
                    .isZero();
            assertThat(jdbc.sql("select count(*) from agenda.event where demo")
                            .query(Long.class)
                            .single())
                    .isZero();

            assertThat(raw(port, "GET /demo/courriels HTTP/1.1", "localhost")).startsWith("HTTP/1.1 404");
            String api = raw(port, "GET /api/v1/events?size=1 HTTP/1.1", "evil.example");
            assertThat(api)
                    .startsWith("HTTP/1.1 200")
                    .contains("https://essor.example.org/api/v1/events")
                    .doesNotContain("evil.example");
            String signIn = raw(port, "GET /connexion HTTP/1.1", "evil.example");
            assertThat(signIn).containsPattern("(?i)set-cookie: [^\\r\\n]*;\\s*Secure");
        }
    }

    /** One HTTP/1.1 exchange with the Host header given (which Java's HTTP client will not send). */
    private static String raw(int port, String requestLine, String host) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write((requestLine + "\r\nHost: " + host + "\r\nAccept: */*\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
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
