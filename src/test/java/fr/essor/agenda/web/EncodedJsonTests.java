package fr.essor.agenda.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.util.RawValue;

class EncodedJsonTests {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aKeptValueIsWrittenAsItWasWhateverTheOutput() {
        String item = "{\"title\":\"L’atelier « réemploi » — 2 €\",\"id\":7}";
        var page = Map.of(
                "items",
                List.of(
                        new RawValue(new EncodedJson(item.getBytes(StandardCharsets.UTF_8))),
                        new RawValue(new EncodedJson("{}".getBytes(StandardCharsets.UTF_8)))));
        String expected = "{\"items\":[" + item + ",{}]}";
        assertThat(new String(json.writeValueAsBytes(page), StandardCharsets.UTF_8))
                .isEqualTo(expected);
        // the same through a writer of characters
        assertThat(json.writeValueAsString(page)).isEqualTo(expected);
        assertThat(json.readTree(json.writeValueAsBytes(page))
                        .get("items")
                        .get(0)
                        .get("title")
                        .asString())
                .isEqualTo("L’atelier « réemploi » — 2 €");
    }

    @Test
    void aLongValueThatDoesNotFitTheOutputBufferIsWrittenWhole() {
        String long_ = "[" + "\"é’\",".repeat(20_000) + "1]";
        var value = new RawValue(new EncodedJson(long_.getBytes(StandardCharsets.UTF_8)));
        assertThat(new String(json.writeValueAsBytes(List.of(value)), StandardCharsets.UTF_8))
                .isEqualTo("[" + long_ + "]");
        assertThat(json.writeValueAsString(List.of(value))).isEqualTo("[" + long_ + "]");
    }
}
