package fr.essor.agenda.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import fr.essor.agenda.Agenda;
import fr.essor.agenda.AgendaFixtures;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Event pages: every detail, schema.org JSON-LD for search engines, calendar links; and the pages' bad inputs. */
class EventPageTests extends AgendaWebTestSupport {

    private static final Pattern JSON_LD =
            Pattern.compile("<script type=\"application/ld\\+json\">(.*?)</script>", Pattern.DOTALL);

    private JsonNode jsonLd(String html) {
        Matcher m = JSON_LD.matcher(html);
        assertThat(m.find()).as("JSON-LD script").isTrue();
        return JsonMapper.builder().build().readTree(m.group(1));
    }

    private String page(String key) {
        long id = ids.get(key);
        HttpResponse<String> redirect = get("/evenements/" + id);
        assertThat(redirect.statusCode()).isEqualTo(302);
        String location = redirect.headers().firstValue("Location").orElseThrow();
        HttpResponse<String> page = get(location.replaceFirst("^https?://[^/]+", ""));
        assertThat(page.statusCode()).isEqualTo(200);
        return page.body();
    }

    @Test
    void jsonLdOfAnInPersonEventMeetsGooglesRequirements() {
        String html = page("atelier");
        // two dates: one Event per date
        JsonNode all = jsonLd(html);
        assertThat(all.isArray()).isTrue();
        assertThat(all.size()).isEqualTo(2);
        JsonNode e = all.get(0);
        assertThat(e.get("@context").asString()).isEqualTo("https://schema.org");
        assertThat(e.get("@type").asString()).isEqualTo("Event");
        assertThat(e.get("name").asString()).isEqualTo("[atelier] Atelier réparation de vélos");
        assertThat(e.get("startDate").asString()).isEqualTo("2030-11-12T14:00:00+01:00");
        assertThat(e.get("endDate").asString()).isEqualTo("2030-11-12T17:00:00+01:00");
        assertThat(e.get("eventStatus").asString()).isEqualTo("https://schema.org/EventScheduled");
        assertThat(e.get("eventAttendanceMode").asString()).isEqualTo("https://schema.org/OfflineEventAttendanceMode");
        JsonNode place = e.get("location");
        assertThat(place.get("@type").asString()).isEqualTo("Place");
        assertThat(place.get("name").asString()).isEqualTo("Salle des fêtes");
        assertThat(place.get("address").get("@type").asString()).isEqualTo("PostalAddress");
        assertThat(place.get("address").get("streetAddress").asString()).isEqualTo("1 place de la Mairie");
        assertThat(place.get("address").get("postalCode").asString()).isEqualTo("31000");
        assertThat(place.get("address").get("addressLocality").asString()).isEqualTo("Toulouse");
        assertThat(place.get("address").get("addressCountry").asString()).isEqualTo("FR");
        assertThat(e.get("organizer").get("@type").asString()).isEqualTo("Organization");
        assertThat(e.get("organizer").get("name").asString()).isEqualTo("Association des tests");
        assertThat(e.get("offers").get("@type").asString()).isEqualTo("Offer");
        assertThat(e.get("offers").get("price").asString()).isEqualTo("5");
        assertThat(e.get("offers").get("priceCurrency").asString()).isEqualTo("EUR");
        assertThat(e.get("offers").get("url").asString()).startsWith("http");
        String image = e.get("image").get(0).asString();
        assertThat(image).startsWith("http");
        HttpResponse<String> imageResponse = get(image.replaceFirst("^https?://[^/]+", ""));
        assertThat(imageResponse.statusCode()).isEqualTo(200);
        assertThat(imageResponse.headers().firstValue("Content-Type"))
                .get()
                .asString()
                .isEqualTo("image/png");
        assertThat(e.get("description").asString())
                .contains("Résumé de atelier")
                .doesNotContain("<script");
        assertThat(all.get(1).get("startDate").asString()).isEqualTo("2030-11-19T14:00:00+01:00");
    }

    @Test
    void jsonLdOfOnlineHybridAndCancelledEvents() {
        JsonNode online = jsonLd(page("webinaire"));
        assertThat(online.get("eventAttendanceMode").asString())
                .isEqualTo("https://schema.org/OnlineEventAttendanceMode");
        assertThat(online.get("location").get("@type").asString()).isEqualTo("VirtualLocation");
        assertThat(online.get("location").get("url").asString()).isEqualTo("https://visio.example.org/webinaire");
        assertThat(online.get("offers").get("price").asString()).isEqualTo("0");

        JsonNode hybrid = jsonLd(page("sete"));
        assertThat(hybrid.get("eventAttendanceMode").asString())
                .isEqualTo("https://schema.org/MixedEventAttendanceMode");
        assertThat(hybrid.get("location").valueStream().map(l -> l.get("@type").asString()))
                .containsExactly("Place", "VirtualLocation");
        assertThat(hybrid.get("eventStatus").asString()).isEqualTo("https://schema.org/EventCancelled");
    }

    @Test
    void eventPageShowsEveryDetailWithSanitisedDescription() {
        String html = page("sete");
        assertThat(html)
                .contains("[sete] Portes ouvertes d&#39;une recyclerie")
                .contains("Annulé pour les besoins du test")
                .contains("<strong>en Markdown</strong>")
                .doesNotContain("<script>alert")
                .contains("calendrier.ics")
                .contains("calendar.google.com")
                .contains("outlook.live.com")
                .contains("Sète")
                .contains("Hérault (34)");
    }

    @Autowired
    Agenda agenda;

    @Test
    void countsAnEditionsEventsCommunesAndDepartements() {
        // Montpellier and Sète (34), Toulouse twice (31), Nantes (44)
        var edition = agenda.edition(AgendaFixtures.YEAR).orElseThrow();
        assertThat(agenda.figures(edition)).isEqualTo(new Agenda.EditionFigures(5, 4, 3));
    }

    @Test
    void wrongSlugRedirectsToTheCanonicalAddress() {
        long id = ids.get("atelier");
        HttpResponse<String> r = get("/evenements/" + id + "/mauvais-titre");
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location").orElseThrow())
                .endsWith("/evenements/" + id + "/atelier-atelier-reparation-de-velos");
    }

    @Test
    void unknownEventsAndPagesAnswerAFriendly404() {
        for (String path :
                new String[] {"/evenements/999999999", "/evenements/abc", "/evenements/999999/x", "/nulle-part"}) {
            HttpResponse<String> r = get(path, "Accept", "text/html");
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertThat(r.body()).as(path).contains("Page introuvable").doesNotContain("Exception");
        }
    }

    @Test
    void pagesExplainBadFiltersWithoutFailing() {
        HttpResponse<String> r = get("/agenda?from=2030-99-99&type=concert&lieu=Nullepartville");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body())
                .contains("n’est pas une date")
                .contains("concert")
                .contains("Nullepartville")
                .doesNotContain("Exception");
        HttpResponse<String> calendar = get("/agenda/calendrier?mois=2030-13");
        assertThat(calendar.statusCode()).isEqualTo(400);
        assertThat(calendar.body()).contains("2030-13");
        assertThat(get("/agenda/carte?departement=xx").statusCode()).isEqualTo(400);
    }

    @Test
    void listCalendarAndMapShowTheFilteredEvents() {
        String list = get("/agenda?edition=2030&lieu=Toulouse").body();
        assertThat(list).contains("[atelier]").contains("[webinaire]").doesNotContain("[economie]");
        String near = get("/agenda?edition=2030&lieu=34000&rayon=50").body();
        assertThat(near).contains("[economie]").contains("[sete]").doesNotContain("[atelier]");
        String month = get("/agenda/calendrier?mois=2030-11&edition=2030").body();
        assertThat(month).contains("[atelier]").contains("[nantes]");
        String week = get("/agenda/calendrier?vue=semaine&semaine=2030-11-12&edition=2030")
                .body();
        assertThat(week).contains("[atelier]").doesNotContain("[nantes]");
        String map = get("/agenda/carte?edition=2030").body();
        assertThat(map).contains("data-lat=").contains("[economie]");
        // htmx asks only for the results
        String partial = get("/agenda?edition=2030", "HX-Request", "true").body();
        assertThat(partial).doesNotContain("<html").contains("id=\"results\"").contains("[atelier]");
    }

    /** The count a list page announces, read from its heading. */
    private static long announced(org.jsoup.nodes.Document page) {
        String text = page.selectFirst(".result-count span").text().replaceAll("[^0-9]", "");
        return text.isEmpty() ? 0 : Long.parseLong(text);
    }

    /** The options chosen in the filter form's lists, by list. */
    private java.util.Map<String, java.util.List<String>> chosenOptions(String path) {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(response.body());
        var out = new java.util.TreeMap<String, java.util.List<String>>();
        for (var select : page.select("form select")) {
            assertThat(select.select("option").size()).as(select.attr("name")).isGreaterThan(1);
            out.put(select.attr("name"), select.select("option[selected]").eachAttr("value"));
        }
        return out;
    }

    @Test
    void theFilterFormShowsWhatEachRequestChose() {
        // the same lists, written once and kept, for requests that choose differently, one after another
        for (int round = 0; round < 2; round++) {
            var one = chosenOptions("/agenda?departement=34&type=atelier&type=forum&rayon=20");
            assertThat(one.get("departement")).containsExactly("34");
            assertThat(one.get("type")).containsExactly("atelier", "forum");
            assertThat(one.get("rayon")).containsExactly("20");
            assertThat(one.get("theme")).isEmpty();
            var other = chosenOptions("/agenda?departement=31&type=forum");
            assertThat(other.get("departement")).containsExactly("31");
            assertThat(other.get("type")).containsExactly("forum");
            assertThat(other.get("rayon")).containsExactly("0");
            var none = chosenOptions("/agenda");
            assertThat(none.get("departement")).isEmpty();
            assertThat(none.get("type")).isEmpty();
            assertThat(none.get("region")).isEmpty();
        }
        assertThat(get("/agenda?departement=%3Cb%3E").body()).doesNotContain("<b>");
    }

    @Test
    void theListsFilterCountsLeadToThatManyEvents() {
        org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(
                get("/agenda?edition=2030&theme=economie_circulaire").body());
        var groups = page.select(".agenda-facets .facet");
        assertThat(groups.eachAttr("aria-labelledby"))
                .containsExactly("facet-type", "facet-theme", "facet-audience", "facet-departement");
        int followed = 0;
        for (var link : page.select(".agenda-facets a")) {
            long count = Long.parseLong(link.selectFirst(".count").text().replaceAll("[^0-9]", ""));
            org.jsoup.nodes.Document chosen =
                    org.jsoup.Jsoup.parse(get(link.attr("href")).body());
            if (link.hasClass("selected")) {
                // choosing the theme again removes it: the edition's events of every theme
                assertThat(link.attr("href")).doesNotContain("theme=");
                assertThat(announced(chosen)).isGreaterThan(count);
            } else {
                assertThat(announced(chosen)).as(link.attr("href")).isEqualTo(count);
                assertThat(chosen.select(".agenda-facets a.selected").eachText())
                        .anyMatch(t ->
                                t.startsWith("✓ " + link.selectFirst("span").text()));
            }
            followed++;
        }
        assertThat(followed).isGreaterThan(4);
        // another theme counts the events of that theme with the other filters: the type's counts do not
        assertThat(page.select("#facet-theme ~ ul a").eachText()).anyMatch(t -> t.startsWith("✓ Économie circulaire"));
    }
}
