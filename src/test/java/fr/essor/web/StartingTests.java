package fr.essor.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import fr.essor.HttpTestSupport;

import org.junit.jupiter.api.Test;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * Before the start's runners (the demonstration data) are done, pages answer 503 with a page that reloads
 * itself, and the health says so; once ready, both serve.
 */
class StartingTests extends HttpTestSupport {

    @Test
    void pagesWaitForTheStartToFinish() throws Exception {
        Starting starting = new Starting();
        MockHttpServletRequest home = new MockHttpServletRequest("GET", "/");
        MockHttpServletResponse early = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        starting.doFilter(home, early, chain);
        assertThat(early.getStatus()).isEqualTo(503);
        assertThat(early.getHeader("Retry-After")).isEqualTo("2");
        assertThat(early.getContentAsString()).contains("Essor démarre", "http-equiv=\"refresh\"");
        assertThat(chain.getRequest()).as("the page is not served").isNull();

        MockFilterChain health = new MockFilterChain();
        starting.doFilter(new MockHttpServletRequest("GET", "/actuator/health"), new MockHttpServletResponse(), health);
        assertThat(health.getRequest()).as("the health answers for itself").isNotNull();

        starting.on(new AvailabilityChangeEvent<>(this, ReadinessState.ACCEPTING_TRAFFIC));
        MockFilterChain served = new MockFilterChain();
        starting.doFilter(new MockHttpServletRequest("GET", "/"), new MockHttpServletResponse(), served);
        assertThat(served.getRequest()).isNotNull();
    }

    @Test
    void theRunningApplicationIsReadyAndSaysSo() throws Exception {
        HttpResponse<String> health = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"UP\"");
        assertThat(get("/").statusCode()).isEqualTo(200);
    }
}
