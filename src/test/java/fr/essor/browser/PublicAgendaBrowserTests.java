package fr.essor.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import fr.essor.agenda.AgendaFixtures;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/** A visitor finds the Mois de l'ESS events by list, search, calendar and map, in a real browser. */
class PublicAgendaBrowserTests extends BrowserTestSupport {

    @Autowired
    AgendaFixtures fixtures;

    @BeforeEach
    void fixtures() {
        fixtures.ensure();
        desktop();
    }

    /**
     * Waits for a condition, tried again when the page changes under it: read while the next page replaces it, an
     * element's text fails with « node does not belong to the document » rather than a stale element.
     */
    private WebDriverWait waiting() {
        return (WebDriverWait) new WebDriverWait(driver, Duration.ofSeconds(15))
                .ignoring(org.openqa.selenium.WebDriverException.class);
    }

    @Test
    void searchesTheListThenOpensAnEvent() {
        open("/agenda");
        WebElement panel = driver.findElement(By.cssSelector("details.filters-panel summary"));
        panel.click();
        driver.findElement(By.id("f-q")).sendKeys("economie solidaire");
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("f-edition"))).selectByValue("2030");
        driver.findElement(By.cssSelector("form.filters button[type=submit]")).click();
        waiting().until(d -> d.getCurrentUrl().contains("q=economie"));
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("results"), "[economie]"));
        assertThat(driver.findElement(By.id("results")).getText()).doesNotContain("[atelier]");
        screenshot("list-search");
        driver.findElement(By.partialLinkText("[economie]")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("h1")));
        assertThat(driver.findElement(By.cssSelector("h1")).getText()).startsWith("[economie]");
        assertThat(driver.findElements(By.cssSelector("script[type='application/ld+json']")))
                .hasSize(1);
        assertThat(driver.findElement(By.linkText("Fichier iCalendar (.ics)")).getAttribute("href"))
                .endsWith("/calendrier.ics");
    }

    @Test
    void mapShowsMarkersAndKeepsTheListInStep() {
        open("/agenda/carte?edition=2019");
        waiting()
                .until(d ->
                        !d.findElements(By.cssSelector(".leaflet-marker-icon")).isEmpty());
        assertThat(driver.findElements(By.cssSelector(".marker-cluster, .leaflet-marker-icon")))
                .isNotEmpty();
        String before = driver.findElement(By.id("map-count")).getText();
        assertThat(before).contains("dans la zone affichée");
        screenshot("map");
        // zoom in on Montpellier: the list keeps only what the map shows
        driver.findElement(By.cssSelector(".leaflet-control-zoom-in")).click();
        driver.findElement(By.cssSelector(".leaflet-control-zoom-in")).click();
        driver.findElement(By.cssSelector(".leaflet-control-zoom-in")).click();
        // three zoom steps, each animated: once the map rests, the count and the list agree
        waiting().until(d -> {
            String count = d.findElement(By.id("map-count")).getText();
            long visible = d.findElements(By.cssSelector("#map-events li")).stream()
                    .filter(WebElement::isDisplayed)
                    .count();
            return !count.equals(before) && count.startsWith(visible + " ");
        });
    }

    @Test
    void theMapsListShowsItsNumbersWholeOnAPhone() {
        phone();
        open("/agenda/carte");
        waiting()
                .until(d -> !d.findElements(By.cssSelector(".leaflet-marker-icon, .marker-cluster"))
                        .isEmpty());
        // the tenth and later numbers of the visible rows: whole, inside the list, numbered in step with the map
        Object problems = ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("""
                var list = document.querySelector('.map-list').getBoundingClientRect();
                var rows = Array.prototype.filter.call(document.querySelectorAll('#map-events li'),
                    function (li) { return !li.hidden; });
                var out = [];
                if (rows.length < 12) { out.push('only ' + rows.length + ' rows'); }
                rows.forEach(function (li, i) {
                  var rank = li.querySelector('.map-rank');
                  var r = rank.getBoundingClientRect();
                  if (rank.textContent !== (i + 1) + '.') { out.push('row ' + (i + 1) + ' reads ' + rank.textContent); }
                  if (r.left < list.left || rank.scrollWidth > Math.ceil(r.width)) { out.push('row ' + (i + 1) + ' is cut'); }
                });
                return out.join('; ');""");
        assertThat(problems).isEqualTo("");
        screenshot("map-phone");
        desktop();
    }

    @Test
    void calendarShowsTheMonthAndTheWeek() {
        open("/agenda/calendrier?mois=2030-11&edition=2030");
        assertThat(driver.findElement(By.cssSelector("table.calendar-month")).getText())
                .contains("[atelier]");
        driver.findElement(By.linkText("Vue par semaine")).click();
        waiting().until(d -> d.getCurrentUrl().contains("vue=semaine"));
        assertThat(driver.findElements(By.cssSelector(".week-day"))).hasSize(7);
    }

    @Test
    void aPartnerSiteFramesTheWidgetMadeOnTheEmbedPage() throws Exception {
        open("/agenda/integrer?edition=2030");
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("f-size"))).selectByValue("3");
        // the partner's colour, as the colour field's picker sets it
        ((org.openqa.selenium.JavascriptExecutor) driver)
                .executeScript("arguments[0].value = '#7a2e0e'", driver.findElement(By.id("f-colour")));
        clickThrough(By.cssSelector("form.filters button[type=submit]"));
        waiting().until(d -> d.getCurrentUrl().contains("size=3"));
        String code = driver.findElement(By.id("embed-code")).getAttribute("value");
        assertThat(code)
                .startsWith("<iframe src=\"")
                .contains("/agenda/widget?edition=2030&amp;size=3&amp;couleur=7a2e0e\"");
        // a page of another site (another origin: another port), the code pasted, the address made this test's
        String framed = code.replaceFirst("src=\"[^\"]*/agenda/widget", "src=\"" + url("/agenda/widget"));
        byte[] page = ("<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>Partenaire</title></head>"
                        + "<body><h1>Notre association</h1>" + framed + "</body></html>")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        var site = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        site.createContext("/", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        site.start();
        try {
            driver.get("http://127.0.0.1:" + site.getAddress().getPort() + "/");
            waiting().until(ExpectedConditions.frameToBeAvailableAndSwitchToIt(By.tagName("iframe")));
            waiting().until(d -> d.findElements(By.cssSelector(".widget-event")).size() == 3);
            assertThat(driver.findElement(By.cssSelector(".widget-event a")).getAttribute("target"))
                    .isEqualTo("_blank");
            // the colour's stylesheet is allowed by the widget's policy and applied to the title and links
            waiting()
                    .until(d -> d.findElement(By.cssSelector(".widget-title"))
                            .getCssValue("color")
                            .equals("rgba(122, 46, 14, 1)"));
            assertThat(driver.findElement(By.cssSelector(".widget-event a")).getCssValue("color"))
                    .isEqualTo("rgba(122, 46, 14, 1)");
            assertNoAccessibilityViolations();
            driver.switchTo().defaultContent();
            screenshot("widget-framed");
        } finally {
            driver.switchTo().defaultContent();
            site.stop(0);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/",
                "/agenda",
                "/agenda?edition=2019&q=atelier",
                "/agenda?from=2030-99-01",
                "/agenda/calendrier?edition=2019",
                "/agenda/calendrier?vue=semaine&semaine=2019-11-04",
                "/agenda/carte?edition=2019",
                "/editions",
                "/donnees",
                "/agenda/integrer?edition=2019",
                "/agenda/widget?edition=2019",
                "/agenda/widget?edition=2019&couleur=767676",
                "/nulle-part",
                "/demo/courriels",
                "/programme",
                "/confidentialite",
                "/mes-donnees",
                "/evenements/1/conference-regionale-de-l-ess-et-remise-des-prix-regionaux-de-l-ess"
            })
    void pagesHaveNoAccessibilityViolationsOnDesktopAndPhone(String path) {
        open(path);
        assertNoAccessibilityViolations();
        phone();
        open(path);
        assertNoAccessibilityViolations();
        assertFitsThePhone();
        screenshot("phone" + path.replaceAll("[^a-z0-9]+", "-"));
    }
}
