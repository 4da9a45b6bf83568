package fr.essor;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Starts an embedded PostgreSQL when no {@code spring.datasource.url} is configured, so that
 * {@code ./mvnw spring-boot:run} needs nothing but a JDK.
 *
 * <p>The data directory ({@code essor.embedded-db.data-dir}, default {@code data/postgres} under the
 * working directory) survives restarts; {@code essor.embedded-db.fresh=true} wipes it first.
 * {@code essor.embedded-db.ephemeral=true} (used by the tests) takes a temporary directory that is
 * deleted when the JVM exits. One server is started per data directory and JVM, whatever the number
 * of application contexts.
 */
public class EmbeddedPostgresEnvironment implements EnvironmentPostProcessor, Ordered {

    private static final Map<String, EmbeddedPostgres> SERVERS = new ConcurrentHashMap<>();

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (StringUtils.hasText(environment.getProperty("spring.datasource.url"))
                || !environment.getProperty("essor.embedded-db.enabled", Boolean.class, true)) {
            return;
        }
        boolean ephemeral = environment.getProperty("essor.embedded-db.ephemeral", Boolean.class, false);
        boolean fresh = environment.getProperty("essor.embedded-db.fresh", Boolean.class, false);
        String dataDir = environment.getProperty("essor.embedded-db.data-dir", "data/postgres");
        int port = environment.getProperty("essor.embedded-db.port", Integer.class, 0);
        String key = ephemeral ? "ephemeral" : new File(dataDir).getAbsolutePath();
        EmbeddedPostgres server = SERVERS.computeIfAbsent(key, k -> start(ephemeral, fresh, dataDir, port));
        environment
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "embeddedPostgres",
                        Map.of(
                                "spring.datasource.url", server.getJdbcUrl("postgres", "postgres"),
                                "spring.datasource.username", "postgres",
                                "spring.datasource.password", "postgres")));
    }

    private static EmbeddedPostgres start(boolean ephemeral, boolean fresh, String dataDir, int port) {
        try {
            Path dir = ephemeral
                    ? Files.createTempDirectory("essor-pg")
                    : Path.of(dataDir).toAbsolutePath();
            if (!ephemeral) {
                // before anything is deleted: a running server's directory is never wiped
                refuseIfHeld(dir);
            }
            if (fresh && !ephemeral) {
                deleteRecursively(dir);
            }
            Files.createDirectories(dir);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(ephemeral)
                    .setLocaleConfig("encoding", "UTF8")
                    .setLocaleConfig("locale", "C")
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", ephemeral ? "off" : "on")
                    .setServerConfig("synchronous_commit", ephemeral ? "off" : "on")
                    .setServerConfig("timezone", "Europe/Paris");
            if (port > 0) {
                builder.setPort(port);
            }
            return builder.start();
        } catch (IOException ex) {
            throw new UncheckedIOException("Le serveur PostgreSQL embarqué n'a pas pu démarrer", ex);
        }
    }

    /** Another PostgreSQL (a running Essor) holds the data directory: say so instead of failing obscurely. */
    private static void refuseIfHeld(Path dir) throws IOException {
        Path pidFile = dir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        String first =
                Files.readAllLines(pidFile).stream().findFirst().orElse("").strip();
        if (first.matches("[0-9]+")
                && ProcessHandle.of(Long.parseLong(first))
                        .map(ProcessHandle::isAlive)
                        .orElse(false)) {
            throw new IllegalStateException("Le répertoire de données " + dir + " est déjà utilisé par un serveur "
                    + "PostgreSQL en marche (processus " + first
                    + ") : sans doute Essor, lancé par ./mvnw spring-boot:run. "
                    + "Arrêtez-le d'abord, ou lancez l'import depuis l'administration du site (/admin/observatoire).");
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
