package fr.essor.observatory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import fr.essor.EssorApplication;
import fr.essor.observatory.generator.SireneGenerator;
import fr.essor.territory.Territories;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An import killed with SIGKILL in the middle (the command line, in its own process, on the tests'
 * database) publishes nothing: the month's figures stay as they were, and the next import marks the
 * abandoned one failed.
 */
@SpringBootTest
class ImportCrashTests {

    private static final String MONTH = "1999-01";

    @Autowired
    Observatory observatory;

    @Autowired
    Territories territories;

    @Autowired
    JdbcClient jdbc;

    @Value("${spring.datasource.url}")
    String databaseUrl;

    @TempDir
    Path dir;

    @Test
    void anImportKilledMidwayLeavesThePublishedFiguresInPlace() throws Exception {
        observatory.importVintage(
                MONTH, HandCheckedFiles.UNITS, HandCheckedFiles.ESTABLISHMENTS, false, ImportProgress.NONE);
        long published = publishedId();
        SireneGenerator.Result files = new SireneGenerator(DemoObservatory.places(territories))
                .generate(new SireneGenerator.Options(5, 0.03, false), dir);

        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                EssorApplication.class.getName(),
                "observatory",
                "import",
                "--vintage",
                MONTH,
                "--units",
                files.unitsFile().toString(),
                "--establishments",
                files.establishmentsFile().toString(),
                "--spring.datasource.url=" + databaseUrl,
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=postgres",
                "--essor.observatory.work-dir=" + dir.resolve("work")));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        boolean killed = false;
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                output.add(line);
                if (line.contains("Lecture des établissements")) {
                    child.destroyForcibly();
                    killed = true;
                    break;
                }
            }
        }
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(killed)
                .as("the import reached the establishments before it was killed: %s", output)
                .isTrue();
        assertThat(child.exitValue()).isEqualTo(137);

        // its vintage stays IMPORTING, never shown; the published one is untouched
        assertThat(jdbc.sql("select count(*) from observatory.vintage where month = ? and state = 'IMPORTING'")
                        .param(MONTH)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(publishedId()).isEqualTo(published);
        assertThat(observatory
                        .figures(Level.COMMUNE, "34172", MONTH)
                        .orElseThrow()
                        .essEmployeesEstimate())
                .isEqualTo(151);

        // the next import takes the lock the dead process held, and marks its import failed
        observatory.importVintage(
                "1999-02", HandCheckedFiles.UNITS, HandCheckedFiles.ESTABLISHMENTS, false, ImportProgress.NONE);
        assertThat(jdbc.sql("select state from observatory.vintage where month = ? and id <> ?")
                        .params(MONTH, published)
                        .query(String.class)
                        .list())
                .containsExactly("FAILED");
        assertThat(jdbc.sql(
                                "select count(*) from observatory.figure f join observatory.vintage v on v.id = f.vintage_id "
                                        + "where v.state = 'FAILED'")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    private long publishedId() {
        return jdbc.sql("select id from observatory.vintage where month = ? and state = 'COMPLETE'")
                .param(MONTH)
                .query(Long.class)
                .single();
    }
}
