package fr.essor.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One event's resource, revalidated at each read, is recognised as the regular expression did. */
class PublicCachingTests {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/api/v1/events/1",
                "/api/v1/events/1234567890",
                "/api/v1/events/",
                "/api/v1/events",
                "/api/v1/events/12a",
                "/api/v1/events/12/",
                "/api/v1/events/-1",
                "/api/v1/events/١٢",
                "/api/v1/eventsx/1",
                "/agenda",
                ""
            })
    void oneEventIsDigitsAfterTheEventsPath(String path) {
        assertThat(PublicCaching.oneEvent(path)).isEqualTo(path.matches("/api/v1/events/[0-9]+"));
    }
}
