package fr.essor.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SIRET numbers are checked with their Luhn key, La Poste's with its own rule. */
class SiretTests {

    @ParameterizedTest
    @ValueSource(
            strings = {"73282932000074", "732 829 320 00074", "732.829.320.00074", "35600000000048", "35600000000001"})
    void acceptsValidSirets(String text) {
        assertThat(Siret.parse(text)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "73282932000075",
                "7328293200007",
                "732829320000745",
                "7328293200007A",
                "",
                "35600000000049",
                "00000000000001"
            })
    void rejectsInvalidSirets(String text) {
        assertThat(Siret.parse(text)).isEmpty();
    }

    @Test
    void givesItsSirenAndReadableForm() {
        Siret siret = Siret.parse("73282932000074").orElseThrow();
        assertThat(siret.siren()).isEqualTo("732829320");
        assertThat(siret.formatted()).isEqualTo("732 829 320 00074");
        assertThat(Siret.parse(null)).isEmpty();
        assertThatThrownBy(() -> new Siret("12345678901234")).isInstanceOf(IllegalArgumentException.class);
    }
}
