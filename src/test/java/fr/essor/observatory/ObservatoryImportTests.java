package fr.essor.observatory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Imports of the hand-checked stock files (figures computed by hand in
 * {@code src/test/resources/observatory/README.md}) and of bad files. Each test uses its own months.
 */
@SpringBootTest
class ObservatoryImportTests {

    @Autowired
    Observatory observatory;

    @TempDir
    Path dir;

    @Test
    void theFiguresOfTheHandCheckedFilesAreExact() {
        ImportReport report = observatory.importVintage(
                "1990-01", HandCheckedFiles.UNITS, HandCheckedFiles.ESTABLISHMENTS, false, ImportProgress.NONE);

        assertThat(report.unitsRead()).isEqualTo(11);
        assertThat(report.establishmentsRead()).isEqualTo(16);
        assertThat(report.activeEstablishments()).isEqualTo(13);
        assertThat(report.essUnits()).isEqualTo(6);
        assertThat(report.essEstablishments()).isEqualTo(8);
        assertThat(problem(report, "des unités légales", "siren absent").rows()).isEqualTo(1);
        assertThat(problem(report, "des unités légales", "siren absent").examples())
                .containsExactly("12345");
        assertThat(problem(report, "des unités légales", "mal formée").rows()).isEqualTo(1);
        assertThat(problem(report, "des unités légales", "mal formée")
                        .examples()
                        .getFirst())
                .contains("444444445");
        assertThat(problem(report, "des établissements", "mal formée").rows()).isEqualTo(1);
        assertThat(problem(report, "des établissements", "siren absent ou invalide")
                        .rows())
                .isEqualTo(1);
        assertThat(problem(report, "des établissements", "tranche").rows()).isEqualTo(1);
        assertThat(problem(report, "des établissements", "code commune inconnu").examples())
                .containsExactly("34999");
        assertThat(problem(report, "des établissements", "étranger").rows()).isEqualTo(1);
        assertThat(report.rejectedRows()).isEqualTo(5);

        TerritoryFigures france =
                observatory.figures(Level.FRANCE, "FR", "1990-01").orElseThrow();
        assertThat(france.allEstablishments()).isEqualTo(11);
        assertThat(france.essEstablishments()).isEqualTo(8);
        assertThat(france.essEmployerEstablishments()).isEqualTo(5);
        assertThat(france.allEmployerEstablishments()).isEqualTo(7);
        assertThat(france.essEmployeesLow()).isEqualTo(134);
        assertThat(france.essEmployeesHigh()).isEqualTo(274);
        assertThat(france.essEmployeesEstimate()).isEqualTo(204);
        assertThat(france.allEmployeesEstimate()).isEqualTo(286);
        assertThat(france.essShareOfEstablishments()).isCloseTo(8.0 / 11, within(1e-9));
        assertThat(france.essShareOfEmployment()).isCloseTo(204.0 / 286, within(1e-9));
        assertThat(france.byFamily())
                .containsOnlyKeys("association", "cooperative", "mutuelle", "fondation", "ess_company");
        assertThat(france.byFamily().get("association").establishments()).isEqualTo(4);
        assertThat(france.byFamily().get("association").employerEstablishments())
                .isEqualTo(2);
        assertThat(france.byFamily().get("association").employeesEstimate()).isEqualTo(36);
        assertThat(france.byFamily().get("association").employeesLow()).isEqualTo(21);
        assertThat(france.byFamily().get("association").employeesHigh()).isEqualTo(51);
        assertThat(france.byFamily().get("cooperative").employeesEstimate()).isEqualTo(4);
        assertThat(france.byFamily().get("mutuelle").employeesEstimate()).isEqualTo(150);
        assertThat(france.byFamily().get("fondation").establishments()).isEqualTo(1);
        assertThat(france.byFamily().get("fondation").employeesEstimate()).isZero();
        assertThat(france.byFamily().get("ess_company").establishments()).isEqualTo(1);
        assertThat(sections(france))
                .containsExactly(
                        Map.entry("A", List.of(1L, 1L)),
                        Map.entry("G", List.of(0L, 1L)),
                        Map.entry("J", List.of(1L, 2L)),
                        Map.entry("K", List.of(1L, 1L)),
                        Map.entry("M", List.of(1L, 1L)),
                        Map.entry("P", List.of(1L, 1L)),
                        Map.entry("Q", List.of(2L, 2L)),
                        Map.entry("S", List.of(1L, 2L)));
        assertThat(france.bySizeBand())
                .extracting(TerritoryFigures.BandFigures::band)
                .containsExactly("NR", "NN", "00", "01", "02", "03", "11", "12", "21", "22");
        assertThat(france.bySizeBand())
                .filteredOn(b -> b.band().equals("NR"))
                .singleElement()
                .satisfies(b -> assertThat(b.essEstablishments()).isEqualTo(2));

        TerritoryFigures occitanie =
                observatory.figures(Level.REGION, "76", "1990-01").orElseThrow();
        assertThat(occitanie.allEstablishments()).isEqualTo(10);
        assertThat(occitanie.essEstablishments()).isEqualTo(7);
        assertThat(occitanie.essEmployerEstablishments()).isEqualTo(4);
        assertThat(occitanie.essEmployeesLow()).isEqualTo(124);
        assertThat(occitanie.essEmployeesHigh()).isEqualTo(255);
        assertThat(occitanie.essShareOfEmployment()).isCloseTo(189.5 / 271.5, within(1e-9));
        assertThat(occitanie.rank()).isEqualTo(new TerritoryFigures.Rank("regions", 2, 2));
        TerritoryFigures ileDeFrance =
                observatory.figures(Level.REGION, "11", "1990-01").orElseThrow();
        assertThat(ileDeFrance.rank().position()).isEqualTo(1);

        TerritoryFigures herault =
                observatory.figures(Level.DEPARTEMENT, "34", "1990-01").orElseThrow();
        assertThat(herault.allEstablishments()).isEqualTo(9);
        assertThat(herault.essEstablishments()).isEqualTo(6);
        assertThat(herault.essEmployerEstablishments()).isEqualTo(3);
        assertThat(herault.essEmployeesLow()).isEqualTo(121);
        assertThat(herault.essEmployeesHigh()).isEqualTo(250);
        assertThat(herault.essShareOfEmployment()).isCloseTo(185.5 / 267.5, within(1e-9));
        // Haute-Garonne has only the cooperative: 4 of 4 estimated employees, 100 %
        assertThat(herault.rank()).isEqualTo(new TerritoryFigures.Rank("departements", 2, 2));

        TerritoryFigures montpellier =
                observatory.figures(Level.COMMUNE, "34172", "1990-01").orElseThrow();
        assertThat(montpellier.allEstablishments()).isEqualTo(7);
        assertThat(montpellier.essEstablishments()).isEqualTo(4);
        assertThat(montpellier.essEmployerEstablishments()).isEqualTo(2);
        assertThat(montpellier.allEmployerEstablishments()).isEqualTo(4);
        assertThat(montpellier.essEmployeesLow()).isEqualTo(101);
        assertThat(montpellier.essEmployeesHigh()).isEqualTo(201);
        assertThat(montpellier.essEmployeesEstimate()).isEqualTo(151);
        assertThat(montpellier.allEmployeesEstimate()).isEqualTo(233);
        assertThat(montpellier.within())
                .extracting(TerritoryFigures.Place::code)
                .containsExactly("FR", "76", "34", "243400017");
        TerritoryFigures metropole =
                observatory.figures(Level.EPCI, "243400017", "1990-01").orElseThrow();
        assertThat(metropole.essEmployeesEstimate()).isEqualTo(151);

        TerritoryFigures paris =
                observatory.figures(Level.COMMUNE, "75056", "1990-01").orElseThrow();
        assertThat(paris.essEstablishments()).isEqualTo(1);
        assertThat(paris.byFamily().get("ess_company").employeesEstimate()).isEqualTo(15);
        TerritoryFigures sete =
                observatory.figures(Level.COMMUNE, "34301", "1990-01").orElseThrow();
        assertThat(sete.essEmployeesEstimate()).isEqualTo(35);
        TerritoryFigures lyon =
                observatory.figures(Level.COMMUNE, "69123", "1990-01").orElseThrow();
        assertThat(lyon.allEstablishments()).isZero();
        assertThat(observatory.figures(Level.COMMUNE, "99999", "1990-01")).isEmpty();
        assertThat(observatory.figures(Level.REGION, "76", "1889-01")).isEmpty();
    }

    @Test
    void zippedAndParquetFilesGiveTheSameFigures() throws Exception {
        observatory.importVintage(
                "1990-02",
                HandCheckedFiles.zipped(HandCheckedFiles.UNITS, dir),
                HandCheckedFiles.zipped(HandCheckedFiles.ESTABLISHMENTS, dir),
                false,
                ImportProgress.NONE);
        TerritoryFigures fromZip =
                observatory.figures(Level.DEPARTEMENT, "34", "1990-02").orElseThrow();
        assertThat(fromZip.essEmployeesEstimate()).isEqualTo(186);
        assertThat(fromZip.allEstablishments()).isEqualTo(9);

        Path units = dir.resolve("units.parquet");
        Path establishments = dir.resolve("establishments.parquet");
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = duck.createStatement()) {
            s.execute("copy (select * from read_csv('" + HandCheckedFiles.UNITS
                    + "', all_varchar = true, ignore_errors = true)) to '" + units + "' (format parquet)");
            s.execute("copy (select * from read_csv('" + HandCheckedFiles.ESTABLISHMENTS
                    + "', all_varchar = true, ignore_errors = true)) to '" + establishments + "' (format parquet)");
        }
        ImportReport report = observatory.importVintage("1990-03", units, establishments, false, ImportProgress.NONE);
        assertThat(report.essEstablishments()).isEqualTo(8);
        TerritoryFigures fromParquet =
                observatory.figures(Level.DEPARTEMENT, "34", "1990-03").orElseThrow();
        assertThat(fromParquet.essEmployeesEstimate()).isEqualTo(186);
        assertThat(fromParquet.essEmployeesLow()).isEqualTo(121);
    }

    @Test
    void reimportingAMonthReplacesItAndAFailedImportLeavesItInPlace() {
        observatory.importVintage(
                "1991-01", HandCheckedFiles.UNITS, HandCheckedFiles.ESTABLISHMENTS, false, ImportProgress.NONE);
        // the same month again, without the mutuelle's establishment: replaces the first import
        Path fewer = HandCheckedFiles.edited(
                HandCheckedFiles.ESTABLISHMENTS,
                dir,
                "e.csv",
                text -> text.replaceAll("(?m)^666666666,00016.*\\n", ""));
        observatory.importVintage("1991-01", HandCheckedFiles.UNITS, fewer, false, ImportProgress.NONE);
        assertThat(observatory.vintages())
                .filteredOn(v -> v.month().equals("1991-01"))
                .hasSize(1);
        assertThat(observatory
                        .figures(Level.COMMUNE, "34172", "1991-01")
                        .orElseThrow()
                        .essEmployeesEstimate())
                .isEqualTo(2);

        // a broken file for the same month: refused, the published figures stay
        Path broken = HandCheckedFiles.edited(
                HandCheckedFiles.ESTABLISHMENTS,
                dir,
                "broken.csv",
                text -> text.replace("trancheEffectifsEtablissement", "trancheEffectifEtablissement"));
        assertThatThrownBy(() -> observatory.importVintage(
                        "1991-01", HandCheckedFiles.UNITS, broken, false, ImportProgress.NONE))
                .isInstanceOf(ImportFailure.class)
                .hasMessageContaining("trancheEffectifsEtablissement")
                .hasMessageContaining("« trancheEffectifEtablissement » ressemble");
        // the two files of different months: most establishments have no unit
        Path otherUnits = HandCheckedFiles.edited(
                HandCheckedFiles.UNITS,
                dir,
                "u.csv",
                text -> text.replaceAll("(?m)^([1-9])\\1{8},", "$1$1$1$1$1$1$1$10,"));
        assertThatThrownBy(() -> observatory.importVintage(
                        "1991-01", otherUnits, HandCheckedFiles.ESTABLISHMENTS, false, ImportProgress.NONE))
                .isInstanceOf(ImportFailure.class)
                .hasMessageContaining("ne correspond pas");
        assertThat(observatory
                        .figures(Level.COMMUNE, "34172", "1991-01")
                        .orElseThrow()
                        .essEmployeesEstimate())
                .isEqualTo(2);
        assertThat(observatory.runs()).anySatisfy(run -> {
            assertThat(run.month()).isEqualTo("1991-01");
            assertThat(run.state()).isEqualTo("FAILED");
            assertThat(run.report().error()).contains("ne correspond pas");
        });
    }

    @Test
    void aVintageSaysWhatChangedSinceThePreviousOne() {
        observatory.importVintage(
                "1989-01", HandCheckedFiles.UNITS, HandCheckedFiles.ESTABLISHMENTS, false, ImportProgress.NONE);
        assertThat(observatory
                        .figures(Level.COMMUNE, "34172", "1989-01")
                        .orElseThrow()
                        .change())
                .isNull();
        // a month later the mutuelle's establishment (149.5 estimated employees) is gone
        Path fewer = HandCheckedFiles.edited(
                HandCheckedFiles.ESTABLISHMENTS,
                dir,
                "e.csv",
                text -> text.replaceAll("(?m)^666666666,00016.*\\n", ""));
        observatory.importVintage("1989-02", HandCheckedFiles.UNITS, fewer, false, ImportProgress.NONE);
        TerritoryFigures.Change change = observatory
                .figures(Level.COMMUNE, "34172", "1989-02")
                .orElseThrow()
                .change();
        assertThat(change.fromVintage()).isEqualTo("1989-01");
        assertThat(change.essEstablishments()).isEqualTo(-1);
        assertThat(change.essEmployeesEstimate()).isEqualTo(2 - 151);
        assertThat(change.essShareOfEmployment()).isCloseTo(1.5 / 83.5 - 151.0 / 233, within(1e-9));
    }

    @Test
    void anActivityOfAnOlderNomenclatureCountsAsNotGiven() {
        // the non-ESS software company of Montpellier coded in NAFv1: its "62.01Z" is not read as NAF rév. 2
        Path older = HandCheckedFiles.edited(
                HandCheckedFiles.ESTABLISHMENTS,
                dir,
                "e.csv",
                text -> text.replaceAll("(?m)^(555555555,00015,.*,62\\.01Z,)NAFRev2,", "$1NAFRev1,"));
        ImportReport report =
                observatory.importVintage("1988-01", HandCheckedFiles.UNITS, older, false, ImportProgress.NONE);
        assertThat(problem(report, "des établissements", "nomenclature antérieure")
                        .rows())
                .isEqualTo(1);
        TerritoryFigures france =
                observatory.figures(Level.FRANCE, "FR", "1988-01").orElseThrow();
        assertThat(sections(france)).contains(Map.entry("J", List.of(1L, 1L)), Map.entry("NR", List.of(0L, 1L)));
        assertThat(france.allEstablishments()).isEqualTo(11);
    }

    @Test
    void badFilesAreRefusedWithAClearMessage() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.csv"));
        assertThatThrownBy(() -> importOf(HandCheckedFiles.UNITS, empty)).hasMessageContaining("est vide");
        Path headerOnly = Files.writeString(
                dir.resolve("header.csv"),
                Files.readAllLines(HandCheckedFiles.ESTABLISHMENTS).getFirst() + "\n");
        ImportReport nothing = importOf(HandCheckedFiles.UNITS, headerOnly);
        assertThat(nothing.establishmentsRead()).isZero();
        assertThatThrownBy(() -> importOf(HandCheckedFiles.ESTABLISHMENTS, HandCheckedFiles.UNITS))
                .hasMessageContaining(
                        "Colonnes absentes du fichier des unités légales : categorieJuridiqueUniteLegale");
        assertThatThrownBy(() -> importOf(HandCheckedFiles.UNITS, dir.resolve("missing.csv")))
                .hasMessageContaining("introuvable");
        // DuckDB would take these characters for a pattern of several files
        Path pattern = Files.copy(HandCheckedFiles.ESTABLISHMENTS, dir.resolve("StockEtablissement[1].csv"));
        assertThatThrownBy(() -> importOf(HandCheckedFiles.UNITS, pattern))
                .hasMessageContaining("contient un caractère");
        Path semicolons =
                HandCheckedFiles.edited(HandCheckedFiles.UNITS, dir, "semi.csv", text -> text.replace(',', ';'));
        assertThatThrownBy(() -> importOf(semicolons, HandCheckedFiles.ESTABLISHMENTS))
                .hasMessageContaining("points-virgules");
        Path truncated = HandCheckedFiles.zipped(HandCheckedFiles.ESTABLISHMENTS, dir);
        try (RandomAccessFile file = new RandomAccessFile(truncated.toFile(), "rw")) {
            file.setLength(file.length() / 2);
        }
        assertThatThrownBy(() -> importOf(HandCheckedFiles.UNITS, truncated)).hasMessageContaining("tronquée");
        assertThatThrownBy(() -> observatory.importVintage(
                        "2026-13", HandCheckedFiles.UNITS, HandCheckedFiles.ESTABLISHMENTS, false, ImportProgress.NONE))
                .hasMessageContaining("AAAA-MM");
        // header names are trimmed, columns found whatever their order
        Path shuffled = HandCheckedFiles.edited(
                HandCheckedFiles.UNITS, dir, "spaces.csv", text -> text.replaceFirst("siren,", " siren ,"));
        assertThat(importOf(shuffled, HandCheckedFiles.ESTABLISHMENTS).essUnits())
                .isEqualTo(6);
    }

    private ImportReport importOf(Path units, Path establishments) {
        return observatory.importVintage("1992-01", units, establishments, false, ImportProgress.NONE);
    }

    private static ImportReport.Problem problem(ImportReport report, String file, String reason) {
        return report.problems().stream()
                .filter(p -> p.file().equals(file) && p.reason().contains(reason))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no problem « " + reason + " » in " + report.problems()));
    }

    private static List<Map.Entry<String, List<Long>>> sections(TerritoryFigures f) {
        return f.bySection().stream()
                .map(s -> Map.entry(s.section(), List.of(s.essEstablishments(), s.allEstablishments())))
                .toList();
    }
}
