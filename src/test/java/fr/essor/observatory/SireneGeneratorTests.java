package fr.essor.observatory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.ZipFile;

import fr.essor.observatory.generator.SireneGenerator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generator writes INSEE's exact format, the same bytes for the same seed. */
class SireneGeneratorTests {

    private static final List<SireneGenerator.Place> PLACES = List.of(
            new SireneGenerator.Place("34172", 310_000),
            new SireneGenerator.Place("75056", 2_100_000),
            new SireneGenerator.Place("13055", 870_000),
            new SireneGenerator.Place("69123", 520_000),
            new SireneGenerator.Place("2A004", 70_000),
            new SireneGenerator.Place("97411", 150_000),
            new SireneGenerator.Place("48095", 12_000));

    @TempDir
    Path dir;

    @Test
    void theHeadersAreThoseOfInseeFiles() throws IOException {
        assertThat(SireneGenerator.UNIT_HEADERS)
                .hasSize(35)
                .containsExactly(
                        Files.readAllLines(HandCheckedFiles.UNITS).getFirst().split(","));
        assertThat(SireneGenerator.ESTABLISHMENT_HEADERS)
                .hasSize(54)
                .containsExactly(Files.readAllLines(HandCheckedFiles.ESTABLISHMENTS)
                        .getFirst()
                        .split(","));
        SireneGenerator.Result result =
                new SireneGenerator(PLACES).generate(new SireneGenerator.Options(7, 0.0002, false), dir);
        assertThat(Files.readAllLines(result.unitsFile()).getFirst())
                .isEqualTo(String.join(",", SireneGenerator.UNIT_HEADERS));
        assertThat(result.units()).isEqualTo(6000);
        assertThat((double) result.establishments() / result.units()).isBetween(1.3, 1.7);
        List<String> lines = Files.readAllLines(result.establishmentsFile());
        assertThat(lines).hasSize((int) result.establishments() + 1);
        // the real files' quirks: arrondissement codes, quoted fields with commas, addresses abroad
        assertThat(lines).anyMatch(l -> l.contains(",751") || l.contains(",132") || l.contains(",6938"));
        assertThat(Files.readString(result.unitsFile())).contains("\"");
    }

    @Test
    void theSameSeedGivesTheSameFilesAndAnotherSeedOthers() throws Exception {
        String first = digest(
                new SireneGenerator(PLACES).generate(new SireneGenerator.Options(42, 0.0002, false), dir.resolve("a")));
        String again = digest(
                new SireneGenerator(PLACES).generate(new SireneGenerator.Options(42, 0.0002, false), dir.resolve("b")));
        String other = digest(
                new SireneGenerator(PLACES).generate(new SireneGenerator.Options(43, 0.0002, false), dir.resolve("c")));
        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void zippedFilesHoldOneCsvEntryEach() throws IOException {
        SireneGenerator.Result result =
                new SireneGenerator(PLACES).generate(new SireneGenerator.Options(1, 0.0001, true), dir);
        assertThat(result.unitsFile().getFileName().toString()).isEqualTo("StockUniteLegale_utf8.zip");
        try (ZipFile zip = new ZipFile(result.establishmentsFile().toFile())) {
            assertThat(zip.stream().map(e -> e.getName()).toList()).containsExactly("StockEtablissement_utf8.csv");
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(zip.getInputStream(zip.entries().nextElement()), StandardCharsets.UTF_8))) {
                assertThat(reader.readLine()).isEqualTo(String.join(",", SireneGenerator.ESTABLISHMENT_HEADERS));
            }
        }
    }

    private static String digest(SireneGenerator.Result result) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(Files.readAllBytes(result.unitsFile()));
        sha.update(Files.readAllBytes(result.establishmentsFile()));
        return HexFormat.of().formatHex(sha.digest());
    }
}
