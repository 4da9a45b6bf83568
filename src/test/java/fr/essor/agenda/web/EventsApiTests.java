package fr.essor.agenda.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The public events API: every filter on a hand-checkable edition, and every bad input. */
class EventsApiTests extends AgendaWebTestSupport {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private JsonNode ok(String path) {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(path + " → " + response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .get()
                .asString()
                .startsWith("application/json");
        return JSON.readTree(response.body());
    }

    /** Keys of the fixture events a query of the 2030 edition returns, in order. */
    private List<String> keys(String filters) {
        JsonNode page = ok("/api/v1/events?edition=2030&size=100" + filters);
        return page.get("items")
                .valueStream()
                .map(i -> i.get("title").asString())
                .map(t -> t.substring(1, t.indexOf(']')))
                .toList();
    }

    @Test
    void aSearchCarriesItsEntityTagAndRevalidates() {
        String path = "/api/v1/events?edition=2030&departement=31&size=7";
        HttpResponse<String> first = get(path);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("Content-Length"))
                .contains(Integer.toString(first.body().getBytes(StandardCharsets.UTF_8).length));
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).matches("\"[0-9a-f]{32}\"");
        // written afresh (second asking), then from the answers kept (third): the same tag, nothing sent again
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> again = get(path, "If-None-Match", etag);
            assertThat(again.statusCode()).isEqualTo(304);
            assertThat(again.body()).isEmpty();
            assertThat(again.headers().firstValue("ETag")).contains(etag);
        }
        HttpResponse<String> other = get(path, "If-None-Match", "\"0123\"");
        assertThat(other.statusCode()).isEqualTo(200);
        assertThat(other.body()).isEqualTo(first.body());
        assertThat(other.headers().firstValue("ETag")).contains(etag);
        // another search, another tag
        assertThat(get(path + "&page=2").headers().firstValue("ETag"))
                .isPresent()
                .get()
                .isNotEqualTo(etag);
        // a page larger than the server's output buffer goes out with its length too, not in chunks
        HttpResponse<String> large = get("/api/v1/events?from=2000-01-01&size=100");
        int length = large.body().getBytes(StandardCharsets.UTF_8).length;
        assertThat(length).isGreaterThan(16 * 1024);
        assertThat(large.headers().firstValue("Content-Length")).contains(Integer.toString(length));
        assertThat(large.headers().firstValue("Transfer-Encoding")).isEmpty();
        // a search may be kept five minutes by a client; one event (its seats left) is revalidated at each read
        assertThat(first.headers().firstValue("Cache-Control")).contains("public, max-age=300");
        assertThat(get("/api/v1/events/" + ids.get("economie")).headers().firstValue("Cache-Control"))
                .contains("no-cache");
    }

    @Test
    void listsAnEditionInDateOrder() {
        assertThat(keys("")).containsExactly("economie", "sete", "atelier", "webinaire", "nantes");
    }

    @Test
    void filtersByEveryCriterion() {
        assertThat(keys("&departement=34")).containsExactly("economie", "sete");
        assertThat(keys("&region=52")).containsExactly("nantes");
        assertThat(keys("&commune=31555")).containsExactly("atelier", "webinaire");
        assertThat(keys("&type=atelier,forum")).containsExactly("economie", "atelier");
        assertThat(keys("&type=atelier&type=forum")).containsExactly("economie", "atelier");
        assertThat(keys("&theme=economie_circulaire")).containsExactly("sete", "atelier");
        assertThat(keys("&audience=porteurs_projet")).containsExactly("webinaire");
        assertThat(keys("&free=true")).containsExactly("economie", "sete", "webinaire", "nantes");
        assertThat(keys("&free=false")).containsExactly("atelier");
        assertThat(keys("&accessible=true")).containsExactly("economie", "webinaire");
        assertThat(keys("&online=true")).containsExactly("sete", "webinaire");
        assertThat(keys("&online=false")).containsExactly("economie", "sete", "atelier", "nantes");
        // the atelier has a second date on the 19th: it is found by it, and ordered by it
        assertThat(keys("&from=2030-11-13&to=2030-11-19")).containsExactly("atelier");
        assertThat(keys("&from=2030-11-19")).containsExactly("atelier", "webinaire", "nantes");
        assertThat(keys("&to=2030-11-08")).containsExactly("economie", "sete");
        // Sète is 27 km from Montpellier's point, Toulouse 195 km
        assertThat(keys("&near=43.6109,3.8772&radiusKm=10")).containsExactly("economie");
        assertThat(keys("&near=43.6109,3.8772&radiusKm=40")).containsExactly("economie", "sete");
        assertThat(keys("&near=43.6109,3.8772")).containsExactly("economie");
        assertThat(keys("&departement=34&free=true&theme=economie_circulaire")).containsExactly("sete");
    }

    @Test
    void searchesFullTextIgnoringAccentsCaseAndEndings() {
        assertThat(keys("&q=" + enc("economie solidaire"))).containsExactly("economie");
        assertThat(keys("&q=" + enc("ÉCONOMIES SOLIDAIRES"))).containsExactly("economie");
        assertThat(keys("&q=" + enc("vélo"))).containsExactly("atelier");
        assertThat(keys("&q=" + enc("coopératif"))).containsExactly("webinaire", "nantes");
        assertThat(keys("&q=recyclerie")).containsExactly("sete");
        assertThat(keys("&q=coop")).containsExactly("webinaire", "nantes");
        assertThat(keys("&q=" + enc("introuvablexyz"))).isEmpty();
    }

    @Test
    void findsTheDemoEditionsEventsByText() {
        JsonNode page = ok("/api/v1/events?edition=2019&q=" + enc("conference regionale prix"));
        assertThat(page.get("items").valueStream().map(i -> i.get("title").asString()))
                .contains("Conférence régionale de l’ESS et remise des Prix régionaux de l’ESS");
        assertThat(ok("/api/v1/events?edition=2019&size=1").get("totalItems").asInt())
                .isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "'; drop table agenda.event; --",
                "\"économie\" OR 1=1",
                "\\' union select * from pg_user --",
                "!!! & | <> :* ()",
                "'",
                "\\"
            })
    void survivesQuotesAndSqlInTheQuery(String q) {
        JsonNode page = ok("/api/v1/events?q=" + enc(q));
        assertThat(page.get("items").isArray()).isTrue();
        assertThat(ok("/api/v1/events?edition=2030").get("totalItems").asInt()).isEqualTo(5);
    }

    @Test
    void givesTheFilterCountsWhenAsked() {
        assertThat(ok("/api/v1/events?edition=2030").has("facets")).isFalse();
        JsonNode page = ok("/api/v1/events?edition=2030&type=atelier&facets=true");
        JsonNode facets = page.get("facets");
        assertThat(facets.propertyNames()).containsExactly("type", "theme", "audience", "departement");
        int checked = 0;
        for (String dimension : List.of("type", "theme", "audience", "departement")) {
            for (String code : facets.get(dimension).propertyNames()) {
                // each count is what choosing that value instead gives
                int count = facets.get(dimension).get(code).asInt();
                String chosen = "/api/v1/events?edition=2030&type=atelier&" + dimension + "=" + code;
                if (dimension.equals("type")) {
                    chosen = "/api/v1/events?edition=2030&type=" + code;
                }
                assertThat(ok(chosen).get("totalItems").asInt()).as(chosen).isEqualTo(count);
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(3);
        // the types are counted without the type chosen: more than the page's own total
        int allTypes = 0;
        for (String code : facets.get("type").propertyNames()) {
            allTypes += facets.get("type").get(code).asInt();
        }
        assertThat(allTypes)
                .isEqualTo(ok("/api/v1/events?edition=2030").get("totalItems").asInt());
    }

    @Test
    void pagesThroughResults() {
        JsonNode first = ok("/api/v1/events?edition=2030&size=2");
        assertThat(first.get("items").size()).isEqualTo(2);
        assertThat(first.get("totalItems").asInt()).isEqualTo(5);
        assertThat(first.get("totalPages").asInt()).isEqualTo(3);
        assertThat(first.get("links").has("prev")).isFalse();
        assertThat(first.get("links").get("next").asString()).contains("page=2").contains("edition=2030");
        JsonNode last = ok("/api/v1/events?edition=2030&size=2&page=3");
        assertThat(last.get("items").size()).isEqualTo(1);
        assertThat(last.get("links").has("next")).isFalse();
        // the links lead to the neighbouring pages of the same search, its words (encoded) included
        JsonNode worded = ok("/api/v1/events?page=1&q=Coop%20de&edition=2030&size=1");
        String next = worded.get("links").get("next").asString();
        assertThat(next).endsWith("page=2").doesNotContain("page=1");
        assertThat(worded.get("links").get("self").asString()).endsWith("page=1");
        JsonNode second = ok(next.replaceFirst("^https?://[^/]+", ""));
        assertThat(second.get("page").asInt()).isEqualTo(2);
        assertThat(second.get("totalItems").asInt())
                .isEqualTo(worded.get("totalItems").asInt());
        assertThat(second.get("links").get("prev").asString())
                .isEqualTo(worded.get("links").get("self").asString());
        JsonNode beyond = ok("/api/v1/events?edition=2030&size=2&page=9");
        assertThat(beyond.get("items").size()).isZero();
        assertThat(beyond.get("totalItems").asInt()).isEqualTo(5);
    }

    @Test
    void listsLeaveTheDescriptionToTheEventItself() {
        JsonNode item =
                ok("/api/v1/events?edition=2030&type=atelier").get("items").get(0);
        assertThat(item.has("summary")).isTrue();
        assertThat(item.has("description")).isFalse();
        assertThat(item.has("descriptionHtml")).isFalse();
    }

    @Test
    void readsOneEventWithEveryDetail() {
        JsonNode e = ok("/api/v1/events/" + ids.get("atelier"));
        assertThat(e.get("title").asString()).isEqualTo("[atelier] Atelier réparation de vélos");
        assertThat(e.get("type").asString()).isEqualTo("atelier");
        assertThat(e.get("themes").valueStream().map(JsonNode::asString))
                .containsExactly("economie_circulaire", "mobilite");
        assertThat(e.get("dates").size()).isEqualTo(2);
        assertThat(e.get("dates").get(0).get("start").asString()).isEqualTo("2030-11-12T14:00:00+01:00");
        assertThat(e.get("venue").get("communeCode").asString()).isEqualTo("31555");
        assertThat(e.get("venue").get("departement").asString()).isEqualTo("31");
        assertThat(e.get("free").asBoolean()).isFalse();
        assertThat(e.get("price").asString()).isEqualTo("5 €");
        assertThat(e.get("status").asString()).isEqualTo("scheduled");
        // the description is given as written and as sanitised HTML
        assertThat(e.get("descriptionHtml").asString())
                .contains("<strong>en Markdown</strong>")
                .doesNotContain("<script");
        assertThat(e.get("url").asString())
                .endsWith("/evenements/" + ids.get("atelier") + "/atelier-atelier-reparation-de-velos");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "from=2030-02-30|from",
                "from=demain|from",
                "to=2030-13-01|to",
                "from=2030-11-20&to=2030-11-10|to",
                "region=99|region",
                "departement=975|departement",
                "commune=99999|commune",
                "near=north|near",
                "near=95,3|near",
                "near=43.6,3.8&radiusKm=0|radiusKm",
                "near=43.6,3.8&radiusKm=9999|radiusKm",
                "radiusKm=10|radiusKm",
                "type=concert|type",
                "theme=football|theme",
                "audience=martiens|audience",
                "free=peut-etre|free",
                "accessible=2|accessible",
                "online=maybe|online",
                "edition=1789|edition",
                "edition=deux-mille|edition",
                "page=0|page",
                "page=-1|page",
                "size=101|size",
                "size=100000|size",
                "size=abc|size"
            })
    void rejectsBadFiltersNamingTheParameter(String query, String parameter) {
        HttpResponse<String> response = get("/api/v1/events?" + query);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type"))
                .get()
                .asString()
                .startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("errors")
                        .valueStream()
                        .map(e -> e.get("parameter").asString()))
                .contains(parameter);
        assertThat(problem.get("errors").get(0).get("message").asString()).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at fr.essor");
    }

    @Test
    void answers404ForAnUnknownEventAnd400ForABadId() {
        HttpResponse<String> unknown = get("/api/v1/events/987654321");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type"))
                .get()
                .asString()
                .startsWith("application/problem+json");
        assertThat(JSON.readTree(unknown.body())
                        .get("errors")
                        .get(0)
                        .get("parameter")
                        .asString())
                .isEqualTo("id");
        HttpResponse<String> bad = get("/api/v1/events/abc");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(bad.body())
                        .get("errors")
                        .get(0)
                        .get("parameter")
                        .asString())
                .isEqualTo("id");
    }

    @Test
    void isDocumentedInOpenApi() {
        JsonNode doc = ok("/v3/api-docs");
        JsonNode search = doc.get("paths").get("/api/v1/events").get("get");
        assertThat(search.get("parameters").valueStream().map(p -> p.get("name").asString()))
                .contains(
                        "q",
                        "from",
                        "to",
                        "region",
                        "departement",
                        "commune",
                        "near",
                        "radiusKm",
                        "type",
                        "theme",
                        "audience",
                        "free",
                        "accessible",
                        "online",
                        "edition",
                        "page",
                        "size");
        assertThat(doc.get("paths").has("/api/v1/events/{id}")).isTrue();
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /**
     * The open API's reads go through a security chain of their own (no session, no CSRF token, no sign-in):
     * the same protective headers as a page, no cookie set, a session cookie ignored, and nothing else let in
     * by it (its writes and other methods stay with the main chain's rules).
     */
    @Test
    void theOpenApiReadsCarryThePagesHeadersAndNoSession() {
        HttpResponse<String> page = get("/agenda");
        for (String path : List.of(
                "/api/v1/events?edition=2030",
                "/api/v1/events/" + ids.get("economie"),
                "/api/v1/events/nope",
                "/api/v1/structures?q=cooperative")) {
            HttpResponse<String> api = get(path, "Cookie", "ESSOR_SESSION=bm9zdWNoc2Vzc2lvbg");
            assertThat(api.statusCode()).as(path).isIn(200, 400);
            for (String header : List.of(
                    "Content-Security-Policy",
                    "X-Content-Type-Options",
                    "X-Frame-Options",
                    "Referrer-Policy",
                    "Permissions-Policy")) {
                assertThat(api.headers().firstValue(header))
                        .as(path + " " + header)
                        .isPresent()
                        .isEqualTo(page.headers().firstValue(header));
            }
            assertThat(api.headers().allValues("Set-Cookie")).as(path).isEmpty();
        }
        // a write the chain does not cover: the main chain's rules answer (no such write is allowed)
        try {
            var post = java.net.http.HttpClient.newHttpClient()
                    .send(
                            java.net.http.HttpRequest.newBuilder(java.net.URI.create(url("/api/v1/events")))
                                    .header("Content-Type", "application/json")
                                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).isIn(302, 401, 403);
        } catch (java.io.IOException | InterruptedException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
