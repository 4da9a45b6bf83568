package fr.essor.directory.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;

import fr.essor.HttpTestSupport;
import fr.essor.directory.DirectoryVintages;
import fr.essor.observatory.HandCheckedFiles;
import fr.essor.observatory.ImportProgress;
import fr.essor.observatory.Observatory;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The directory's API, downloads and pages on the hand-checked stock files
 * ({@code src/test/resources/observatory/README.md}), and every bad input.
 */
class DirectoryApiTests extends HttpTestSupport {

    private static final String MONTH = "1994-01";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    Observatory observatory;

    @Autowired
    DirectoryVintages vintages;

    @BeforeEach
    void importOnce() {
        if (vintages.ofMonth(MONTH).isEmpty()) {
            observatory.importVintage(
                    MONTH, HandCheckedFiles.UNITS, HandCheckedFiles.ESTABLISHMENTS, false, ImportProgress.NONE);
        }
    }

    private JsonNode ok(String path) {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(path + " → " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private List<String> sirets(String filters) {
        return ok("/api/v1/structures?vintage=" + MONTH + "&size=100" + filters)
                .get("items")
                .valueStream()
                .map(i -> i.get("siret").asString())
                .toList();
    }

    @Test
    void aPageOfResultsWithItsCountsLinksAndVintage() {
        JsonNode page = ok("/api/v1/structures?vintage=" + MONTH + "&size=3&sort=nom");
        assertThat(page.get("totalItems").asLong()).isEqualTo(8);
        assertThat(page.get("totalPages").asInt()).isEqualTo(3);
        assertThat(page.get("page").asInt()).isEqualTo(1);
        assertThat(page.get("items")).hasSize(3);
        assertThat(page.get("links").get("next").asString()).contains("page=2").contains("vintage=" + MONTH);
        assertThat(page.get("links").has("prev")).isFalse();
        assertThat(page.get("vintage").get("month").asString()).isEqualTo(MONTH);
        assertThat(page.get("facets").propertyNames())
                .contains("family", "section", "tranche", "categorieJuridique", "region", "departement");
        JsonNode first = page.get("items").get(0);
        for (String field : List.of(
                "siret",
                "siren",
                "name",
                "family",
                "categorieJuridique",
                "naf",
                "communeCode",
                "street",
                "postcode",
                "latitude",
                "longitude",
                "positionSource",
                "url")) {
            assertThat(first.has(field)).as(field).isTrue();
        }
        JsonNode last = ok("/api/v1/structures?vintage=" + MONTH + "&size=3&page=3");
        assertThat(last.get("items")).hasSize(2);
        assertThat(last.get("links").has("next")).isFalse();
    }

    @Test
    void everyFilter() {
        assertThat(sirets("&family=association"))
                .containsExactlyInAnyOrder("11111111100011", "11111111100029", "11111111100045", "22222222200012");
        assertThat(sirets("&family=cooperative,mutuelle"))
                .containsExactlyInAnyOrder("33333333300013", "66666666600016");
        assertThat(sirets("&family=cooperative&family=mutuelle"))
                .containsExactlyInAnyOrder("33333333300013", "66666666600016");
        assertThat(sirets("&section=Q")).containsExactlyInAnyOrder("11111111100011", "11111111100045");
        assertThat(sirets("&tranche=01")).containsExactly("11111111100011");
        assertThat(sirets("&tranche=NR")).containsExactlyInAnyOrder("77777777700017", "11111111100045");
        assertThat(sirets("&categorieJuridique=5458")).containsExactly("33333333300013");
        assertThat(sirets("&naf=88.99B")).containsExactlyInAnyOrder("11111111100011", "11111111100045");
        assertThat(sirets("&region=11")).containsExactly("44444444400014");
        assertThat(sirets("&departement=31")).containsExactly("33333333300013");
        assertThat(sirets("&epci=243400017"))
                .containsExactlyInAnyOrder("11111111100011", "11111111100029", "11111111100045", "66666666600016");
        assertThat(sirets("&commune=34301")).containsExactly("22222222200012");
        assertThat(sirets("&near=43.6086,3.8798&radiusKm=1"))
                .contains("11111111100011")
                .doesNotContain("22222222200012");
        assertThat(sirets("&q=mutuelle&departement=34")).containsExactly("66666666600016");
        // each facet counts with the other filters
        JsonNode facets = ok("/api/v1/structures?vintage=" + MONTH + "&family=association")
                .get("facets");
        assertThat(facets.get("family")
                        .valueStream()
                        .mapToLong(v -> v.get("count").asLong())
                        .sum())
                .isEqualTo(8);
        assertThat(facets.get("section")
                        .valueStream()
                        .mapToLong(v -> v.get("count").asLong())
                        .sum())
                .isEqualTo(4);
    }

    @Test
    void eachFacetCountsWithTheOtherFiltersWhicheverFilterLeadsTheSearch() {
        JsonNode facets = ok("/api/v1/structures?vintage=" + MONTH + "&family=association&departement=34")
                .get("facets");
        // the département's values: associations everywhere; the family's values: every family in the Hérault
        assertThat(sum(facets.get("departement")))
                .isEqualTo(sirets("&family=association").size());
        assertThat(sum(facets.get("family")))
                .isEqualTo(sirets("&departement=34").size());
        JsonNode words = ok("/api/v1/structures?vintage=" + MONTH + "&q=association&departement=34&section=Q")
                .get("facets");
        assertThat(sum(words.get("departement")))
                .isEqualTo(sirets("&q=association&section=Q").size());
        assertThat(sum(words.get("section")))
                .isEqualTo(sirets("&q=association&departement=34").size());
    }

    @Test
    void theOrderOfNamesHoldsAcrossDepartementsAndPages() {
        for (String filters : List.of("", "&family=cooperative,mutuelle,association", "&family=cooperative,mutuelle")) {
            List<String> all = sirets(filters + "&sort=nom");
            List<JsonNode> items = new java.util.ArrayList<>();
            for (int page = 1; page <= (all.size() + 2) / 3; page++) {
                ok("/api/v1/structures?vintage=" + MONTH + "&size=3&sort=nom&page=" + page + filters)
                        .get("items")
                        .forEach(items::add);
            }
            List<String> folded = items.stream()
                    .map(i -> fold(i.get("name").asString()) + " "
                            + i.get("siret").asString())
                    .toList();
            assertThat(folded).as(filters).hasSize(all.size()).isSorted();
            assertThat(items.stream().map(i -> i.get("siret").asString()).toList())
                    .as(filters)
                    .isEqualTo(all);
            assertThat(items.stream().map(i -> i.get("departement").asString()).distinct())
                    .as("a list that crosses départements: " + filters)
                    .hasSizeGreaterThan(1);
        }
    }

    private static String fold(String name) {
        return java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "")
                .toLowerCase(java.util.Locale.ROOT);
    }

    @Test
    void theCommuneFacetNamesItsCommunes() {
        JsonNode communes = ok("/api/v1/structures?vintage=" + MONTH + "&departement=34")
                .get("facets")
                .get("commune");
        assertThat(communes.valueStream()
                        .filter(v -> v.get("key").asString().equals("34172"))
                        .map(v -> v.get("label").asString()))
                .containsExactly("Montpellier");
        assertThat(communes.valueStream()
                        .filter(v -> v.get("key").asString().equals("34301"))
                        .map(v -> v.get("label").asString()))
                .containsExactly("Sète");
    }

    private static long sum(JsonNode facet) {
        return facet.valueStream().mapToLong(v -> v.get("count").asLong()).sum();
    }

    @Test
    void oneEstablishmentWithItsWholeEntryAndTheDiffusionRule() {
        JsonNode e1 = ok("/api/v1/structures/11111111100011?vintage=" + MONTH);
        assertThat(e1.get("name").asString()).isEqualTo("ASSOCIATION \"LES AMIS, DU QUARTIER\"");
        assertThat(e1.get("rna").asString()).isEqualTo("W343000001");
        assertThat(e1.get("street").asString()).isEqualTo("12 B RUE DE LA LOGE");
        assertThat(e1.get("positionSource").asString()).isEqualTo("sirene");
        assertThat(e1.get("url").asString()).endsWith("/annuaire/11111111100011");
        JsonNode e4 = ok("/api/v1/structures/222%20222%20222%2000012?vintage=" + MONTH);
        assertThat(e4.get("street").isNull()).isTrue();
        assertThat(e4.get("complement").isNull()).isTrue();
        assertThat(e4.get("positionSource").asString()).isEqualTo("commune");
        assertThat(e4.get("diffusible").asBoolean()).isFalse();

        HttpResponse<String> missing = get("/api/v1/structures/55555555500015?vintage=" + MONTH); // not ESS
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type"))
                .get()
                .asString()
                .startsWith("application/problem+json");
        HttpResponse<String> malformed = get("/api/v1/structures/1234");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("14 chiffres");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "family=xyz|family|famille inconnue",
                "categorieJuridique=12|categorieJuridique|catégorie juridique inconnue",
                "naf=99.99Q|naf|code NAF",
                "section=Z|section|section NAF inconnue",
                "tranche=99|tranche|tranche d'effectifs inconnue",
                "region=99|region|région inconnue",
                "departement=999|departement|département inconnu",
                "epci=123|epci|EPCI inconnu",
                "commune=99999|commune|commune inconnue",
                "near=ici%20et%20l%C3%A0-bas|near|lieu inconnu",
                "near=95,3|near|hors limites",
                "near=43.6,3.8&radiusKm=0|radiusKm|hors limites",
                "near=43.6,3.8&radiusKm=abc|radiusKm|nombre entier",
                "radiusKm=5|radiusKm|demande un point",
                "vintage=2026-13|vintage|mal écrit",
                "vintage=1800-01|vintage|non publié",
                "sort=hasard|sort|tri inconnu",
                "sort=distance|sort|demande un point",
                "page=0|page|hors limites",
                "page=abc|page|nombre entier",
                "size=101|size|hors limites",
                "page=5&size=3|page|au-delà de la dernière",
                "couleur=rouge|couleur|paramètre inconnu"
            })
    void badInputIsAClearFrenchProblemNeverAServerError(String query, String parameter, String message) {
        HttpResponse<String> response =
                get("/api/v1/structures?" + (query.startsWith("vintage") ? "" : "vintage=" + MONTH + "&") + query);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type"))
                .get()
                .asString()
                .startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("errors")
                        .valueStream()
                        .filter(e -> e.get("parameter").asString().equals(parameter))
                        .map(e -> e.get("message").asString()))
                .anySatisfy(m -> assertThat(m).contains(message));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "zoom=5|bbox|zone manquante",
                "bbox=-180,-85,180,85|zoom|zoom manquant",
                "bbox=-180,-85,180,85&zoom=abc|zoom|nombre entier",
                "bbox=-180,-85,180,85&zoom=20|zoom|hors limites",
                "bbox=-180,-85,180,85&zoom=-1|zoom|hors limites",
                "bbox=1,2,3&zoom=5|bbox|mal écrite",
                "bbox=a,b,c,d&zoom=5|bbox|mal écrite",
                "bbox=NaN,1,2,3&zoom=5|bbox|mal écrite",
                "bbox=-200,40,3,45&zoom=5|bbox|hors limites",
                "bbox=4,40,3,45&zoom=5|bbox|zone vide",
                "bbox=-5,41,10,51&zoom=12|bbox|trop grande",
                "bbox=-5,41,10,51&zoom=5&family=xyz|family|famille inconnue"
            })
    void aBadMapAreaOrZoomIsAClearFrenchProblem(String query, String parameter, String message) {
        HttpResponse<String> response = get("/api/v1/structures/clusters?vintage=" + MONTH + "&" + query);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type"))
                .get()
                .asString()
                .startsWith("application/problem+json");
        assertThat(JSON.readTree(response.body())
                        .get("errors")
                        .valueStream()
                        .filter(e -> e.get("parameter").asString().equals(parameter))
                        .map(e -> e.get("message").asString()))
                .anySatisfy(m -> assertThat(m).contains(message));
    }

    @Test
    void clustersCountEveryPositionedResultAtEveryZoomDownToSingleEstablishments() {
        String france = "&bbox=-5.5,41,10,51.5";
        long positioned = ok("/api/v1/structures?vintage=" + MONTH + france)
                .get("totalItems")
                .asLong();
        assertThat(positioned).isPositive().isLessThan(8); // one establishment has no position
        for (int zoom = 0; zoom <= 8; zoom++) {
            JsonNode map = ok("/api/v1/structures/clusters?vintage=" + MONTH + france + "&zoom=" + zoom);
            assertThat(map.get("clusters")
                            .valueStream()
                            .mapToLong(c -> c.get("count").asLong())
                            .sum())
                    .as("zoom " + zoom)
                    .isEqualTo(positioned)
                    .isEqualTo(map.get("total").asLong());
        }
        // at the scale of a country, Montpellier's establishments are one cluster; in the street, one each
        JsonNode country = ok("/api/v1/structures/clusters?vintage=" + MONTH + france + "&zoom=3");
        assertThat(country.get("clusters").size()).isLessThan((int) positioned);
        JsonNode street =
                ok("/api/v1/structures/clusters?vintage=" + MONTH + "&bbox=3.875,43.605,3.885,43.612&zoom=18");
        JsonNode comedie = street.get("clusters")
                .valueStream()
                .filter(c -> c.has("siret") && c.get("siret").asString().equals("11111111100011"))
                .findFirst()
                .orElseThrow();
        assertThat(comedie.get("count").asInt()).isEqualTo(1);
        assertThat(comedie.get("latitude").asDouble()).isCloseTo(43.6086, org.assertj.core.data.Offset.offset(0.001));
        assertThat(comedie.get("url").asString()).endsWith("/annuaire/11111111100011");
        // the same filters as the search
        JsonNode cooperatives =
                ok("/api/v1/structures/clusters?vintage=" + MONTH + france + "&zoom=6&family=cooperative,mutuelle");
        assertThat(cooperatives.get("total").asLong())
                .isEqualTo(ok("/api/v1/structures?vintage=" + MONTH + france + "&family=cooperative,mutuelle")
                        .get("totalItems")
                        .asLong())
                .isEqualTo(2);
        JsonNode words = ok("/api/v1/structures/clusters?vintage=" + MONTH + france + "&zoom=6&q=mutuelle");
        assertThat(words.get("total").asLong()).isEqualTo(1);
        // the visible list of a map: the search with the same area
        assertThat(sirets("&bbox=3.875,43.605,3.885,43.612"))
                .contains("11111111100011")
                .doesNotContain("33333333300013");
    }

    @Test
    void theObservatorysTerritoryPagesLinkToTheDirectoryOfTheirTerritory() {
        HttpResponse<String> page = get("/observatoire/departement/34?millesime=" + MONTH);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("/annuaire?departement=34&amp;vintage=" + MONTH);
        assertThat(get("/observatoire/region/76?millesime=" + MONTH).body())
                .contains("/annuaire?region=76&amp;vintage=" + MONTH);
    }

    @Test
    void csvAndGeoJsonDownloadsOfAFilteredList() {
        HttpResponse<String> csv = get("/annuaire.csv?vintage=" + MONTH + "&departement=34");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).get().asString().startsWith("text/csv");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.getFirst()).startsWith("\ufeffsiret;siren;nom;");
        assertThat(lines).hasSize(1 + 6);
        assertThat(lines)
                .anySatisfy(l -> assertThat(l)
                        .startsWith("11111111100011;111111111;\"ASSOCIATION \"\"LES AMIS, DU QUARTIER\"\"\";ADQ;"));
        String e4 = lines.stream()
                .filter(l -> l.startsWith("22222222200012"))
                .findFirst()
                .orElseThrow();
        assertThat(e4).doesNotContain("QUAI").contains(";commune;" + MONTH + ";false");

        HttpResponse<String> geojson = get("/annuaire.geojson?vintage=" + MONTH);
        assertThat(geojson.statusCode()).isEqualTo(200);
        JsonNode collection = JSON.readTree(geojson.body());
        assertThat(collection.get("type").asString()).isEqualTo("FeatureCollection");
        // every entry but the one of an unknown commune, which has no position
        assertThat(collection.get("features")).hasSize(7);
        JsonNode first = collection.get("features").get(0);
        assertThat(first.get("geometry").get("coordinates")).hasSize(2);

        assertThat(get("/annuaire.csv?family=xyz").statusCode()).isEqualTo(400);
    }

    @Test
    void theSearchPageAndTheEstablishmentsPage() {
        HttpResponse<String> page = get("/annuaire?vintage=" + MONTH + "&departement=34");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("6 établissements")
                .contains("MUTUELLE D&#39;OCCITANIE")
                .contains("/annuaire?vintage=" + MONTH + "&amp;departement=34&amp;family=association");
        // the links keep the words whole, whatever their signs
        assertThat(get("/annuaire?vintage=" + MONTH + "&q=mutuelle%20%26%20c%2B%2B%20%C3%A9t%C3%A9")
                        .body())
                .contains("/annuaire/carte?vintage=" + MONTH + "&amp;q=mutuelle%20%26%20c%2B%2B%20%C3%A9t%C3%A9\"");
        HttpResponse<String> bad = get("/annuaire?vintage=" + MONTH + "&region=99&page=abc");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("région inconnue").contains("nombre entier attendu");
        HttpResponse<String> beyond = get("/annuaire?vintage=" + MONTH + "&page=40");
        assertThat(beyond.statusCode()).isEqualTo(400);
        assertThat(beyond.body()).contains("au-delà de la dernière").contains("8 établissements");

        HttpResponse<String> profile = get("/annuaire/11111111100011");
        assertThat(profile.statusCode()).isEqualTo(200);
        assertThat(profile.body())
                .contains("application/ld+json")
                .contains("\"@type\":\"Organization\"")
                .contains("W343000001")
                .contains("12 B RUE DE LA LOGE");
        assertThat(get("/annuaire/22222222200012").body())
                .doesNotContain("QUAI DE BOSC")
                .contains("diffusion partielle");
        assertThat(get("/annuaire/1234").statusCode()).isEqualTo(404);
        assertThat(get("/annuaire/55555555500015").statusCode()).isEqualTo(404);
    }
}
