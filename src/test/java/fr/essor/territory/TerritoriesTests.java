package fr.essor.territory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** Lookups in the official geography loaded from the shipped files. */
@SpringBootTest
class TerritoriesTests {

    @Autowired
    Territories territories;

    @Test
    void findsACommuneByCodeWithItsEpciDepartementAndRegion() {
        Commune montpellier = territories.commune("34172").orElseThrow();
        assertThat(montpellier.name()).isEqualTo("Montpellier");
        assertThat(montpellier.departement()).isEqualTo("34");
        assertThat(montpellier.region()).isEqualTo("76");
        assertThat(montpellier.postcodes()).contains("34000", "34070", "34080", "34090");
        assertThat(montpellier.population()).isGreaterThan(250_000);
        assertThat(montpellier.latitude()).isBetween(43.5, 43.7);
        assertThat(montpellier.longitude()).isBetween(3.8, 3.95);
        assertThat(territories.epci(montpellier.epci()))
                .get()
                .satisfies(e -> assertThat(e.name()).containsIgnoringCase("Montpellier"));
        assertThat(territories.departement("34"))
                .get()
                .extracting(Departement::name)
                .isEqualTo("Hérault");
        assertThat(territories.region("76")).get().extracting(Region::name).isEqualTo("Occitanie");
    }

    @Test
    void anArrondissementCodeGivesItsCommune() {
        assertThat(territories.commune("75112")).get().extracting(Commune::code).isEqualTo("75056");
        assertThat(territories.commune("69383")).get().extracting(Commune::name).isEqualTo("Lyon");
        assertThat(territories.commune("13205")).get().extracting(Commune::code).isEqualTo("13055");
    }

    @Test
    void findsCommunesByNameIgnoringAccentsCaseAndHyphens() {
        assertThat(territories.communesByName("nimes", 5))
                .first()
                .extracting(Commune::code)
                .isEqualTo("30189");
        assertThat(territories.communesByName("BEZIERS", 5))
                .first()
                .extracting(Commune::name)
                .isEqualTo("Béziers");
        assertThat(territories.communesByName("saint jean de vedas", 5))
                .extracting(Commune::name)
                .contains("Saint-Jean-de-Védas");
        // largest first among those sharing the prefix
        assertThat(territories.communesByName("toulo", 3))
                .first()
                .extracting(Commune::name)
                .isEqualTo("Toulouse");
        assertThat(territories.communesByName("%", 5)).isEmpty();
        assertThat(territories.communesByName("   ", 5)).isEmpty();
    }

    @Test
    void understandsAPlaceAsAPersonTypesIt() {
        assertThat(territories.place("Montpellier"))
                .get()
                .extracting(Commune::code)
                .isEqualTo("34172");
        assertThat(territories.place("  sete ")).get().extracting(Commune::name).isEqualTo("Sète");
        assertThat(territories.place("31000")).get().extracting(Commune::code).isEqualTo("31555");
        assertThat(territories.place("2a004")).get().extracting(Commune::name).isEqualTo("Ajaccio");
        assertThat(territories.place("Nullepartville")).isEmpty();
        assertThat(territories.place("")).isEmpty();
    }

    @Test
    void findsCommunesByPostcode() {
        assertThat(territories.communesByPostcode("34000"))
                .extracting(Commune::code)
                .containsExactly("34172");
        assertThat(territories.communesByPostcode("31000"))
                .extracting(Commune::code)
                .contains("31555");
        assertThat(territories.communesByPostcode("3400")).isEmpty();
        assertThat(territories.communesByPostcode("00000")).isEmpty();
    }

    @Test
    void coversEveryDepartementOfOccitanie() {
        assertThat(territories.departements("76"))
                .extracting(Departement::code)
                .containsExactly("09", "11", "12", "30", "31", "32", "34", "46", "48", "65", "66", "81", "82");
        assertThat(territories.regions()).hasSize(18);
        assertThat(territories.departements()).hasSize(101);
        assertThat(territories.communesOf("48"))
                .hasSize(152)
                .allSatisfy(c -> assertThat(c.hasPoint()).isTrue());
        assertThat(territories.commune("99999")).isEmpty();
        assertThat(territories.commune("abc")).isEmpty();
        assertThat(territories.commune(null)).isEmpty();
    }
}
