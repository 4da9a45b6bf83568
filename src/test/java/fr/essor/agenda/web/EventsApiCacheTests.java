package fr.essor.agenda.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import fr.essor.agenda.EventStatus;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * With the search cache on (as in production), a repeated search is answered from memory: a change
 * shows once the cache's time to live has passed, and clients can revalidate with the entity tag.
 */
@TestPropertySource(properties = "essor.agenda.search-cache-ttl=1m")
class EventsApiCacheTests extends AgendaWebTestSupport {

    @Test
    void repeatedSearchesAreAnsweredFromTheCache() {
        String path = "/api/v1/events?edition=2030&audience=porteurs_projet";
        HttpResponse<String> first = get(path);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains("\"status\":\"scheduled\"");
        long id = ids.get("webinaire");
        fixtures.changeStatus(id, EventStatus.FULL, null);
        try {
            HttpResponse<String> again = get(path);
            assertThat(again.body()).isEqualTo(first.body());
            String etag = again.headers().firstValue("ETag").orElseThrow();
            assertThat(get(path, "If-None-Match", etag).statusCode()).isEqualTo(304);
            // the event itself is read afresh
            assertThat(get("/api/v1/events/" + id).body()).contains("\"status\":\"full\"");
        } finally {
            fixtures.changeStatus(id, EventStatus.SCHEDULED, null);
        }
    }
}
