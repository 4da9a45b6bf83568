package fr.essor.agenda.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;

import fr.essor.agenda.FilterError;

import org.junit.jupiter.api.Test;

/** The widget's colour: read as a colour field sends it, and its contrast with white as WCAG 2.1 computes it. */
class WidgetColourTests {

    private static double contrast(String hex) {
        return new WidgetColour(hex).contrastOnWhite();
    }

    @Test
    void contrastWithWhiteIsWcags() {
        assertThat(contrast("000000")).isCloseTo(21.0, within(0.001));
        assertThat(contrast("ffffff")).isCloseTo(1.0, within(0.001));
        // reference values of WebAIM's contrast checker
        assertThat(contrast("767676")).isCloseTo(4.54, within(0.01));
        assertThat(contrast("777777")).isCloseTo(4.48, within(0.01));
        assertThat(contrast("0000ff")).isCloseTo(8.59, within(0.01));
        assertThat(contrast("ff0000")).isCloseTo(4.0, within(0.01));
        assertThat(contrast("0a5c52")).isGreaterThan(WidgetColour.LEAST_CONTRAST);
    }

    @Test
    void theColourIsReadWithOrWithoutItsHashAndRefusedWithItsReason() {
        List<FilterError> errors = new ArrayList<>();
        assertThat(WidgetColour.of("#7A2E0E", errors)).isEqualTo(new WidgetColour("7a2e0e"));
        assertThat(WidgetColour.of(" 7a2e0e ", errors)).isEqualTo(new WidgetColour("7a2e0e"));
        assertThat(WidgetColour.of(null, errors)).isEqualTo(WidgetColour.ESSOR);
        assertThat(WidgetColour.of("", errors).isEssors()).isTrue();
        assertThat(errors).isEmpty();
        assertThat(WidgetColour.of("#fff", errors)).isNull();
        assertThat(WidgetColour.of("ff0000", errors)).isNull();
        assertThat(errors)
                .extracting(FilterError::messageKey)
                .containsExactly("filter.error.colour.malformed", "filter.error.colour.contrast");
        assertThat(errors.get(1).arguments()).containsExactly("ff0000", 3.99);
    }
}
