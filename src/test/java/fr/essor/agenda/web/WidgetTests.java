package fr.essor.agenda.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The agenda's widget, which any site may frame (and no other page), the page that makes its code, and the open
 * API readable from other sites' scripts (CORS), reads only and without credentials.
 */
class WidgetTests extends AgendaWebTestSupport {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Pattern EVENT_LINK =
            Pattern.compile("<a href=\"(/evenements/\\d+/[^\"]*)\" target=\"_blank\" rel=\"noopener\">([^<]*)</a>");

    /** The titles of the API's first events for these filters, and their number. */
    private JsonNode api(String filters) {
        HttpResponse<String> response = get("/api/v1/events?" + filters);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static List<String> titles(String html) {
        List<String> titles = new ArrayList<>();
        Matcher m = EVENT_LINK.matcher(html);
        while (m.find()) {
            // French spacing makes the space before a colon unbreakable: the same title as the API's
            titles.add(HtmlUtils.htmlUnescape(m.group(2)).replace('\u00a0', ' '));
        }
        return titles;
    }

    @Test
    void theWidgetShowsTheListsEventsAndMayBeFramedByAnySite() {
        for (String filters : List.of("edition=2030", "departement=34&edition=2030", "edition=2030&type=atelier")) {
            for (int size : new int[] {1, 2, 5}) {
                HttpResponse<String> widget = get("/agenda/widget?" + filters + "&size=" + size);
                assertThat(widget.statusCode()).isEqualTo(200);
                JsonNode expected = api(filters + "&size=" + size);
                List<String> titles = new ArrayList<>();
                expected.get("items")
                        .forEach(item -> titles.add(item.get("title").asString()));
                // the same events, in the same order, each opening its page in a new tab
                assertThat(titles(widget.body())).as(filters + " size " + size).isEqualTo(titles);
                long total = expected.get("totalItems").asLong();
                if (total > size) {
                    assertThat(widget.body()).contains("Voir les " + total + " événements sur l’agenda");
                }
                // the whole list, its filters in the order of their names
                assertThat(widget.body()).contains("href=\"/agenda?" + filters.replace("&", "&amp;") + "\"");
            }
        }
        HttpResponse<String> widget = get("/agenda/widget?edition=2030");
        // five events by default
        assertThat(titles(widget.body()))
                .hasSize((int) Math.min(5, api("edition=2030").get("totalItems").asLong()));
        String policy = widget.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy).contains("frame-ancestors *").doesNotContain("frame-ancestors 'self'");
        assertThat(widget.headers().firstValue("X-Frame-Options")).isEmpty();
        assertThat(widget.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(widget.headers().firstValue("Cache-Control")).hasValue("public, max-age=300");
        String etag = widget.headers().firstValue("ETag").orElseThrow();
        assertThat(get("/agenda/widget?edition=2030", "If-None-Match", etag).statusCode())
                .isEqualTo(304);
    }

    @Test
    void theFirstOfNovemberIsWrittenTheFrenchWay() {
        // the demonstration's 2019 edition opens on Friday 1 November 2019
        assertThat(api("edition=2019&size=1")
                        .get("items")
                        .get(0)
                        .get("dates")
                        .get(0)
                        .get("start")
                        .asString())
                .startsWith("2019-11-01T");
        assertThat(get("/agenda/widget?edition=2019&size=1").body()).contains(">vendredi 1er novembre 2019 à ");
        assertThat(get("/agenda?edition=2019").body()).contains(">vendredi 1er novembre 2019 à ");
    }

    @Test
    void everyOtherPageMayOnlyBeFramedByEssor() {
        for (String path : List.of("/", "/agenda", "/agenda/integrer", "/donnees", "/connexion", "/api/v1/events")) {
            HttpResponse<String> page = get(path);
            assertThat(page.headers().firstValue("X-Frame-Options")).as(path).hasValue("SAMEORIGIN");
            assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                    .as(path)
                    .contains("frame-ancestors 'self'");
        }
    }

    @Test
    void aCancelledEventSaysSoInTheWidget() {
        HttpResponse<String> widget = get("/agenda/widget?edition=2030&size=20");
        JsonNode items = api("edition=2030&size=20").get("items");
        int cancelled = 0;
        for (JsonNode item : items) {
            if (item.get("status").asString().equals("cancelled")) {
                cancelled++;
            }
        }
        assertThat(cancelled).isPositive();
        assertThat(widget.body().split("class=\"widget-event is-cancelled\"", -1))
                .hasSize(cancelled + 1);
        assertThat(widget.body()).contains("· Annulé");
    }

    @Test
    void badFiltersAreExplainedInTheWidget() {
        HttpResponse<String> tooMany = get("/agenda/widget?size=21");
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(tooMany.body()).contains("role=\"alert\"").contains("entre 1 et 20");
        HttpResponse<String> unknown = get("/agenda/widget?departement=999");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("role=\"alert\"");
        assertThat(get("/agenda/widget?size=0").statusCode()).isEqualTo(400);
        // a stranger's text comes back escaped
        HttpResponse<String> script = get("/agenda/widget?q=%3Cscript%3Ealert(1)%3C/script%3E");
        assertThat(script.body()).doesNotContain("<script>alert(1)");
    }

    @Test
    void theEmbedPageGivesTheFrameToPasteForTheChosenFilters() {
        HttpResponse<String> page = get("/agenda/integrer?departement=34&type=atelier&size=10");
        assertThat(page.statusCode()).isEqualTo(200);
        String widget = "/agenda/widget?departement=34&type=atelier&size=10";
        // the preview frames the widget; the code to copy names its public address (escaped twice: HTML in HTML)
        assertThat(page.body())
                .contains("<iframe class=\"embed-preview\" src=\"" + widget.replace("&", "&amp;") + "\"");
        assertThat(page.body())
                .contains("&lt;iframe src=&quot;http://localhost:8080" + widget.replace("&", "&amp;amp;")
                        + "&quot; title=&quot;Prochains événements du Mois de l’ESS&quot;");
        assertThat(page.body()).contains("<option value=\"10\" selected=\"selected\">10</option>");
        // five by default; the place is turned into the list's filter as on the list
        HttpResponse<String> byPlace = get("/agenda/integrer?lieu=34172");
        assertThat(byPlace.body()).contains("src=\"/agenda/widget?commune=34172&amp;size=5\"");
        assertThat(get("/agenda/integrer?size=50").statusCode()).isEqualTo(400);
    }

    @Test
    void aPartnersColourGivesTheWidgetItsTitleAndLinks() {
        HttpResponse<String> widget = get("/agenda/widget?edition=2030&couleur=%237A2E0E");
        assertThat(widget.statusCode()).isEqualTo(200);
        assertThat(widget.body()).contains("<link rel=\"stylesheet\" href=\"/agenda/widget.css?couleur=7a2e0e\">");
        // the link to the whole list is the list's, without the colour
        assertThat(widget.body()).contains("href=\"/agenda?edition=2030\"").doesNotContain("/agenda?couleur");
        HttpResponse<String> css = get("/agenda/widget.css?couleur=7a2e0e");
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.headers().firstValue("Content-Type")).hasValue("text/css;charset=UTF-8");
        assertThat(css.headers().firstValue("Cache-Control")).hasValue("public, max-age=300");
        assertThat(css.body()).isEqualTo(":root { --brand: #7a2e0e; }\n");
        // Essor's colour, asked or not, needs no stylesheet of its own
        assertThat(get("/agenda/widget?edition=2030").body()).doesNotContain("/agenda/widget.css");
        assertThat(get("/agenda/widget?edition=2030&couleur=0A5C52").body()).doesNotContain("/agenda/widget.css");
        // the embed page puts the colour in the code and in its colour field
        HttpResponse<String> embed = get("/agenda/integrer?departement=34&couleur=%237a2e0e");
        assertThat(embed.body())
                .contains("src=\"/agenda/widget?departement=34&amp;size=5&amp;couleur=7a2e0e\"")
                .contains("widget?departement=34&amp;amp;size=5&amp;amp;couleur=7a2e0e&quot;")
                .contains("name=\"couleur\" aria-describedby=\"f-colour-hint\" value=\"#7a2e0e\"");
    }

    @Test
    void aColourTooLightToReadOrMalformedIsRefusedWithItsReason() {
        // #767676 is the lightest grey that contrasts 4.5 to 1 with white; #777777 is just under
        assertThat(get("/agenda/widget?edition=2030&couleur=767676").statusCode())
                .isEqualTo(200);
        HttpResponse<String> grey = get("/agenda/widget?edition=2030&couleur=777777");
        assertThat(grey.statusCode()).isEqualTo(400);
        assertThat(grey.body())
                .contains("role=\"alert\"")
                .contains("La couleur #777777 est trop claire sur fond blanc\u00a0: son contraste est de 4,47 pour 1")
                .doesNotContain("/agenda/widget.css");
        HttpResponse<String> yellow = get("/agenda/integrer?couleur=%23ffff00");
        assertThat(yellow.statusCode()).isEqualTo(400);
        assertThat(yellow.body()).contains("son contraste est de 1,07 pour 1").doesNotContain("couleur=ffff00");
        HttpResponse<String> script = get("/agenda/widget?couleur=%3Cscript%3E");
        assertThat(script.statusCode()).isEqualTo(400);
        assertThat(script.body())
                .contains("La couleur «\u00a0&lt;script&gt;\u00a0» doit s’écrire en six chiffres hexadécimaux")
                .doesNotContain("<script>");
        assertThat(get("/agenda/widget.css?couleur=777777").statusCode()).isEqualTo(400);
        assertThat(get("/agenda/widget.css?couleur=red").statusCode()).isEqualTo(400);
    }

    private static final String PARTNER = "https://partenaire.example";

    /** A CORS preflight from a partner's page: may its script send {@code method} with {@code headers} to {@code path}? */
    private HttpResponse<String> preflight(String path, String method, String headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", PARTNER)
                .header("Access-Control-Request-Method", method);
        if (headers != null) {
            request.header("Access-Control-Request-Headers", headers);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anyPagesScriptsMayReadTheOpenApiButNotWriteNorSendCredentials() throws Exception {
        for (String path : List.of("/api/v1/events?edition=2030", "/api/v1/events/" + ids.get("atelier"))) {
            HttpResponse<String> read = get(path, "Origin", PARTNER);
            assertThat(read.statusCode()).as(path).isEqualTo(200);
            assertThat(read.headers().firstValue("Access-Control-Allow-Origin"))
                    .as(path)
                    .hasValue("*");
            assertThat(read.headers()
                            .firstValue("Access-Control-Expose-Headers")
                            .orElseThrow())
                    .contains("ETag");
            assertThat(read.headers().firstValue("Access-Control-Allow-Credentials"))
                    .isEmpty();
        }
        // the preflight of a revalidation (If-None-Match is not a simple header)
        HttpResponse<String> preflight = preflight("/api/v1/events", "GET", "if-none-match");
        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods"))
                .hasValue("GET");
        assertThat(preflight
                        .headers()
                        .firstValue("Access-Control-Allow-Headers")
                        .orElseThrow())
                .containsIgnoringCase("if-none-match");
        // no write, and no other header (a cookie's or an authorisation's)
        assertThat(preflight("/api/v1/events", "POST", null).statusCode()).isEqualTo(403);
        assertThat(preflight("/api/v1/events", "GET", "authorization").statusCode())
                .isEqualTo(403);
        assertThat(preflight("/api/v1/registrations", "POST", "content-type")
                        .headers()
                        .firstValue("Access-Control-Allow-Origin"))
                .isEmpty();
        // the pages are not opened to other sites' scripts
        assertThat(get("/agenda", "Origin", PARTNER).headers().firstValue("Access-Control-Allow-Origin"))
                .isEmpty();
    }
}
