package fr.essor.agenda.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import fr.essor.agenda.Agenda;
import fr.essor.agenda.EventStatus;
import fr.essor.agenda.store.EventRepository;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * With the search cache on (as in production), a search asked again is answered from memory: a change
 * shows once the cache's time to live has passed, and clients can revalidate with the entity tag. A search
 * asked once is not kept.
 */
@TestPropertySource(properties = "essor.agenda.search-cache-ttl=1m")
class EventsApiCacheTests extends AgendaWebTestSupport {

    @Autowired
    private Agenda agenda;

    @Autowired
    private EventRepository repository;

    @Test
    void repeatedSearchesAreAnsweredFromTheCache() {
        String path = "/api/v1/events?edition=2030&audience=porteurs_projet";
        HttpResponse<String> first = get(path);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains("\"status\":\"scheduled\"");
        // the second asking keeps it
        assertThat(get(path).body()).isEqualTo(first.body());
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

    @Test
    void theHomePagesFiguresAreKeptAsLongAsASearch() {
        var edition = agenda.edition(2031).orElseThrow();
        Agenda.EditionFigures kept = agenda.figures(edition);
        fixtures.registrationEvent("Un événement de plus", java.time.LocalDateTime.of(2031, 11, 12, 14, 0));
        // the database counts it, the home page shows it once the time to live has passed
        assertThat(repository.figures(edition.id()).events()).isEqualTo(kept.events() + 1);
        assertThat(agenda.figures(edition)).isEqualTo(kept);
    }

    @Test
    void aSearchAskedOnceIsNotKept() {
        String path = "/api/v1/events?edition=2030&audience=porteurs_projet&q=webinaire";
        HttpResponse<String> first = get(path);
        assertThat(first.body()).contains("\"status\":\"scheduled\"");
        long id = ids.get("webinaire");
        fixtures.changeStatus(id, EventStatus.FULL, null);
        try {
            awaitSearchesSee("full");
            assertThat(get(path).body()).contains("\"status\":\"full\"");
            // asked twice now: kept, the next change is seen once the time to live has passed
            fixtures.changeStatus(id, EventStatus.SCHEDULED, null);
            awaitSearchesSee("scheduled");
            assertThat(get(path).body()).contains("\"status\":\"full\"");
        } finally {
            fixtures.changeStatus(id, EventStatus.SCHEDULED, null);
        }
    }

    /** Waits until a search asked for the first time shows the webinar with this status (each try a distinct search). */
    private void awaitSearchesSee(String status) {
        java.util.concurrent.atomic.AtomicInteger size = new java.util.concurrent.atomic.AtomicInteger(100);
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(5))
                .pollInterval(java.time.Duration.ofMillis(50))
                .until(() -> get("/api/v1/events?edition=2030&audience=porteurs_projet&size=" + size.getAndDecrement())
                        .body()
                        .contains("\"status\":\"" + status + "\""));
    }
}
