package fr.essor.observatory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import fr.essor.EssorApplication;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The command line {@code java -jar essor.jar observatory import …}, run in this JVM: it starts its own
 * application context on the same (embedded) database as the tests.
 */
@SpringBootTest
class ObservatoryCommandTests {

    @Autowired
    Observatory observatory;

    @TempDir
    Path dir;

    record Run(int status, String output) {}

    private Run run(String... args) {
        PrintStream before = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            int status = ObservatoryCommand.run(EssorApplication.class, args);
            return new Run(status, out.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(before);
        }
    }

    @Test
    void importsAVintageAndPrintsItsSummary() throws InterruptedException {
        Run run = run(
                "observatory",
                "import",
                "--vintage",
                "1997-01",
                "--units",
                HandCheckedFiles.UNITS.toString(),
                "--establishments",
                HandCheckedFiles.ESTABLISHMENTS.toString());
        assertThat(run.status()).isZero();
        assertThat(run.output())
                .contains(
                        "Lecture des établissements",
                        "Millésime 1997-01 publié",
                        "unités légales lues : 11 (dont 6 dans le périmètre de l'ESS)",
                        "lignes écartées : 5",
                        "siren absent ou invalide",
                        "      12345",
                        "ligne 7 (champs manquants)");
        // published by another application context, as by another process: seen within seconds
        java.util.Optional<TerritoryFigures> figures = await().atMost(java.time.Duration.ofSeconds(8))
                .until(() -> observatory.figures(Level.COMMUNE, "34172", "1997-01"), java.util.Optional::isPresent);
        assertThat(figures)
                .hasValueSatisfying(f -> assertThat(f.essEmployeesEstimate()).isEqualTo(151));
    }

    @Test
    void refusesBadFilesAndBadCommandLines() {
        Run refused = run(
                "observatory",
                "import",
                "--vintage",
                "1997-02",
                "--units",
                HandCheckedFiles.ESTABLISHMENTS.toString(),
                "--establishments",
                HandCheckedFiles.ESTABLISHMENTS.toString());
        assertThat(refused.status()).isEqualTo(1);
        assertThat(refused.output())
                .contains(
                        "Import refusé : Colonnes absentes du fichier des unités légales",
                        "Les chiffres publiés n'ont pas changé");
        assertThat(observatory.vintage("1997-02")).isEmpty();

        Run usage = run("observatory");
        assertThat(usage.status()).isEqualTo(64);
        assertThat(usage.output()).contains("observatory import --vintage AAAA-MM");
        assertThat(run("observatory", "import", "--vintage", "1997-02", "--colour", "bleu")
                        .status())
                .isEqualTo(64);
        Run missing = run("observatory", "import", "--vintage", "1997-02");
        assertThat(missing.status()).isEqualTo(64);
        assertThat(missing.output()).contains("Option manquante : --units");
    }

    @Test
    void saysSoWhenARunningServerHoldsTheDataDirectory() throws IOException {
        Path data = Files.createDirectories(dir.resolve("postgres"));
        Files.writeString(
                data.resolve("postmaster.pid"), ProcessHandle.current().pid() + "\n" + data + "\n");
        Run run = run(
                "observatory",
                "import",
                "--vintage",
                "1997-03",
                "--units",
                "u.csv",
                "--establishments",
                "e.csv",
                "--essor.embedded-db.ephemeral=false",
                "--essor.embedded-db.data-dir=" + data);
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.output())
                .contains(
                        "est déjà utilisé par un serveur PostgreSQL en marche (processus "
                                + ProcessHandle.current().pid() + ")",
                        "/admin/observatoire");
    }
}
