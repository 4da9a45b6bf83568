package fr.essor.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import fr.essor.observatory.HandCheckedFiles;
import fr.essor.observatory.ImportFailure;
import fr.essor.observatory.ImportProgress;
import fr.essor.observatory.Level;
import fr.essor.observatory.Observatory;
import fr.essor.territory.Territories;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The directory filled by the observatory's import of the hand-checked stock files
 * ({@code src/test/resources/observatory/README.md}): its perimeter, its counts per territory equal to the
 * figures', the facts of an establishment, INSEE's diffusion rule, the positions, the vintage switch.
 */
@SpringBootTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DirectoryImportTests {

    private static final String MONTH = "1993-01";

    @Autowired
    Observatory observatory;

    @Autowired
    DirectorySearch search;

    @Autowired
    DirectoryQueryParser parser;

    @Autowired
    DirectoryVintages vintages;

    @Autowired
    Territories territories;

    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    void importTheHandCheckedFiles() {
        observatory.importVintage(
                MONTH, HandCheckedFiles.UNITS, HandCheckedFiles.ESTABLISHMENTS, false, ImportProgress.NONE);
    }

    @Test
    void everyActiveEstablishmentOfTheEssInFranceAndNoOther() {
        DirectoryPage page = search(Map.of("size", "100"));
        assertThat(page.items())
                .extracting(Establishment::siret)
                .containsExactlyInAnyOrder(
                        "11111111100011", // E1
                        "11111111100029", // E2
                        "22222222200012", // E4
                        "33333333300013", // E6
                        "44444444400014", // E7
                        "66666666600016", // E9
                        "77777777700017", // E10
                        "11111111100045"); // E15
        assertThat(page.totalItems()).isEqualTo(8);
        assertThat(page.vintage().establishments()).isEqualTo(8);
    }

    @Test
    void theCountsPerTerritoryAreTheFiguresOfTheObservatory() {
        DirectoryPage page = search(Map.of());
        assertThat(page.totalItems())
                .isEqualTo(observatory
                        .figures(Level.FRANCE, "FR", MONTH)
                        .orElseThrow()
                        .essEstablishments());
        assertThat(page.facets().get("departement")).isNotEmpty();
        for (var value : page.facets().get("departement")) {
            assertThat(value.count())
                    .as("département %s", value.key())
                    .isEqualTo(observatory
                            .figures(Level.DEPARTEMENT, value.key(), MONTH)
                            .orElseThrow()
                            .essEstablishments());
        }
        for (var value : page.facets().get("region")) {
            assertThat(value.count())
                    .as("région %s", value.key())
                    .isEqualTo(observatory
                            .figures(Level.REGION, value.key(), MONTH)
                            .orElseThrow()
                            .essEstablishments());
        }
        Map<String, Long> families = new HashMap<>();
        page.facets().get("family").forEach(v -> families.put(v.key(), v.count()));
        var france = observatory.figures(Level.FRANCE, "FR", MONTH).orElseThrow();
        france.byFamily()
                .forEach((family, counts) ->
                        assertThat(families.getOrDefault(family, 0L)).as(family).isEqualTo(counts.establishments()));
        assertThat(search(Map.of("departement", "34")).totalItems()).isEqualTo(6);
        assertThat(search(Map.of("region", "76")).totalItems()).isEqualTo(7);
    }

    @Test
    void anEstablishmentCarriesItsUnitsFactsItsAddressAndItsPositionConvertedFromLambert93() {
        Establishment e1 = one("11111111100011");
        assertThat(e1.name()).isEqualTo("ASSOCIATION \"LES AMIS, DU QUARTIER\"");
        assertThat(e1.siren()).isEqualTo("111111111");
        assertThat(e1.acronym()).isEqualTo("ADQ");
        assertThat(e1.sign()).isEqualTo("LA MAISON DU QUARTIER");
        assertThat(e1.rna()).isEqualTo("W343000001");
        assertThat(e1.family()).isEqualTo("association");
        assertThat(e1.categorieJuridique()).isEqualTo("9220");
        assertThat(e1.categoryLabel()).contains("Association déclarée");
        assertThat(e1.naf()).isEqualTo("88.99B");
        assertThat(e1.section()).isEqualTo("Q");
        assertThat(e1.sizeBand()).isEqualTo("01");
        assertThat(e1.headOffice()).isTrue();
        assertThat(e1.createdOn()).hasToString("1998-05-12");
        assertThat(e1.essFlag()).isTrue();
        assertThat(e1.diffusible()).isTrue();
        assertThat(e1.street()).isEqualTo("12 B RUE DE LA LOGE");
        assertThat(e1.complement()).isEqualTo("BATIMENT A, 2E ETAGE");
        assertThat(e1.postcode()).isEqualTo("34000");
        assertThat(e1.commune()).isEqualTo("34172");
        assertThat(e1.epci()).isEqualTo("243400017");
        // Lambert-93 (771,048.6 ; 6,279,234.4) is the place de la Comédie, 43.6086 N 3.8798 E
        assertThat(e1.positionSource()).isEqualTo("sirene");
        assertThat(metres(e1.latitude(), e1.longitude(), 43.6086, 3.8798)).isLessThan(5);
    }

    @Test
    void aPartlyDiffusibleEstablishmentShowsNeitherItsStreetNorAPositionFinerThanItsCommune() {
        Establishment e4 = one("22222222200012");
        assertThat(e4.diffusible()).isFalse();
        assertThat(e4.street()).isNull();
        assertThat(e4.complement()).isNull();
        var sete = territories.commune("34301").orElseThrow();
        assertThat(e4.positionSource()).isEqualTo("commune");
        assertThat(e4.latitude()).isEqualTo(sete.latitude(), org.assertj.core.api.Assertions.within(1e-6));
        assertThat(e4.longitude()).isEqualTo(sete.longitude(), org.assertj.core.api.Assertions.within(1e-6));
        // its file gives coordinates in the port: they are not used
        assertThat(metres(e4.latitude(), e4.longitude(), 43.4028, 3.6967)).isGreaterThan(100);
    }

    @Test
    void withoutCoordinatesTheCommunesPointAndWithoutAKnownCommuneNoPosition() {
        Establishment e6 = one("33333333300013");
        assertThat(e6.positionSource()).isEqualTo("commune");
        assertThat(e6.latitude())
                .isEqualTo(territories.commune("31555").orElseThrow().latitude());
        Establishment e10 = one("77777777700017");
        assertThat(e10.departement()).isEqualTo("34");
        assertThat(e10.commune()).isNull();
        assertThat(e10.positionSource()).isNull();
        assertThat(e10.latitude()).isNull();
    }

    @Test
    void aCommuneWithArrondissementsIncludesThem() {
        Establishment e7 = one("44444444400014");
        assertThat(e7.communeCode()).isEqualTo("75112");
        assertThat(e7.commune()).isEqualTo("75056");
        assertThat(search(Map.of("commune", "75056")).items())
                .extracting(Establishment::siret)
                .containsExactly("44444444400014");
        assertThat(search(Map.of("commune", "75112")).items())
                .extracting(Establishment::siret)
                .containsExactly("44444444400014");
        assertThat(search(Map.of("commune", "75101")).totalItems()).isZero();
    }

    @Test
    void theSearchFoldsAccentsFindsStemsAndActivities() {
        assertThat(sirets(Map.of("q", "ecole musique"))).containsExactly("22222222200012");
        assertThat(sirets(Map.of("q", "ÉCOLE DE MUSIQUE"))).containsExactly("22222222200012");
        assertThat(sirets(Map.of("q", "mutuelles"))).containsExactly("66666666600016");
        assertThat(sirets(Map.of("q", "coop"))).containsExactly("33333333300013");
        // 88.99B « Autre action sociale sans hébergement n.c.a. »
        assertThat(sirets(Map.of("q", "action sociale"))).containsExactlyInAnyOrder("11111111100011", "11111111100045");
        assertThat(sirets(Map.of("q", "action sociale montpellier")))
                .containsExactlyInAnyOrder("11111111100011", "11111111100045");
        assertThat(sirets(Map.of("q", "action sociale sete"))).isEmpty();
        assertThat(sirets(Map.of("q", "recherche", "family", "fondation"))).containsExactly("77777777700017");
        assertThat(sirets(Map.of("q", "de la le"))).hasSize(8);
    }

    @Test
    void nearAPlaceWithinARadiusSortedByDistance() {
        // Montpellier to Sète: about 30 km
        assertThat(sirets(Map.of("near", "43.6086,3.8798", "radiusKm", "5")))
                .doesNotContain("22222222200012")
                .contains("11111111100011");
        List<Establishment> sorted =
                search(Map.of("near", "Sète", "radiusKm", "50")).items();
        assertThat(sorted.getFirst().siret()).isEqualTo("22222222200012");
        assertThat(sorted.getFirst().distanceKm()).isLessThan(1);
        assertThat(sorted).extracting(Establishment::distanceKm).isSorted();
    }

    @Test
    void aFailedImportOfTheMonthLeavesTheDirectoryAsItWasAndASuccessfulOneReplacesIt(@TempDir Path dir)
            throws Exception {
        long before = vintages.ofMonth(MONTH).orElseThrow().id();
        Path empty = Files.writeString(dir.resolve("empty.csv"), "");
        assertThatThrownBy(() ->
                        observatory.importVintage(MONTH, HandCheckedFiles.UNITS, empty, false, ImportProgress.NONE))
                .isInstanceOf(ImportFailure.class);
        assertThat(vintages.ofMonth(MONTH).orElseThrow().id()).isEqualTo(before);
        assertThat(search(Map.of()).totalItems()).isEqualTo(8);

        // a units file where the mutuelle left the perimeter (a commercial company, no ESS flag)
        Path units = dir.resolve("units.csv");
        Files.writeString(
                units,
                Files.readString(HandCheckedFiles.UNITS)
                        .replace("MUTUELLE D'OCCITANIE,,,,8210,,,,", "MUTUELLE D'OCCITANIE,,,,5710,,,,N"));
        observatory.importVintage(MONTH, units, HandCheckedFiles.ESTABLISHMENTS, false, ImportProgress.NONE);
        assertThat(vintages.ofMonth(MONTH).orElseThrow().id()).isNotEqualTo(before);
        assertThat(sirets(Map.of("size", "100"))).hasSize(7).doesNotContain("66666666600016");
        // put back for the other tests
        importTheHandCheckedFiles();
        assertThat(search(Map.of()).totalItems()).isEqualTo(8);
    }

    @Test
    void aVintagesPartitionKeepsTheIndexesBuiltBeforeItsPublicationAndAnUnpublishedTableIsCleared() {
        // what an import that failed between its directory's load and its publication leaves
        jdbc.sql("create table directory.establishment_987654321 (like directory.establishment)")
                .update();
        importTheHandCheckedFiles();
        assertThat(jdbc.sql("select count(*) from pg_class where relname = 'establishment_987654321'")
                        .query(Long.class)
                        .single())
                .isZero();
        long id = vintages.ofMonth(MONTH).orElseThrow().id();
        List<String> parent = indexedColumns("establishment");
        // each of the parent's indexes once on the partition: attached as built, none built again
        assertThat(parent).hasSizeGreaterThanOrEqualTo(7);
        assertThat(indexedColumns("establishment_" + id)).containsExactlyInAnyOrderElementsOf(parent);
        assertThat(search(Map.of("q", "mutuelle")).totalItems()).isPositive();
    }

    private List<String> indexedColumns(String table) {
        return jdbc.sql("select regexp_replace(indexdef, '^.* USING ', '') from pg_indexes "
                        + "where schemaname = 'directory' and tablename = ?")
                .param(table)
                .query(String.class)
                .list();
    }

    private Establishment one(String siret) {
        return search.establishment(siret, vintages.ofMonth(MONTH).orElseThrow())
                .orElseThrow();
    }

    private List<String> sirets(Map<String, String> params) {
        return search(params).items().stream().map(Establishment::siret).toList();
    }

    private DirectoryPage search(Map<String, String> params) {
        Map<String, String[]> all = new HashMap<>();
        params.forEach((k, v) -> all.put(k, new String[] {v}));
        all.put("vintage", new String[] {MONTH});
        all.putIfAbsent("size", new String[] {"100"});
        var parsed = parser.parse(all, true);
        assertThat(parsed.problems()).isEmpty();
        return search.search(parsed.query());
    }

    static double metres(double lat1, double lon1, double lat2, double lon2) {
        double r = 6_371_000;
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a = Math.pow(Math.sin(dLat / 2), 2)
                + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.pow(Math.sin(dLon / 2), 2);
        return 2 * r * Math.asin(Math.sqrt(a));
    }
}
