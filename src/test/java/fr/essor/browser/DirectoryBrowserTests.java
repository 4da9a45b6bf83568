package fr.essor.browser;

import static org.assertj.core.api.Assertions.assertThat;

import fr.essor.directory.DirectoryVintages;
import fr.essor.observatory.HandCheckedFiles;
import fr.essor.observatory.ImportProgress;
import fr.essor.observatory.Observatory;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;

/** The directory in a real browser: search, facets as links, the establishment's page, axe-core on each. */
class DirectoryBrowserTests extends BrowserTestSupport {

    private static final String MONTH = "1994-02";

    @Autowired
    Observatory observatory;

    @Autowired
    DirectoryVintages vintages;

    @BeforeEach
    void setUp() {
        if (vintages.ofMonth(MONTH).isEmpty()) {
            observatory.importVintage(
                    MONTH, HandCheckedFiles.UNITS, HandCheckedFiles.ESTABLISHMENTS, false, ImportProgress.NONE);
        }
        desktop();
        driver.manage().deleteAllCookies();
    }

    @Test
    void aVisitorSearchesNarrowsWithTheFacetsAndOpensAnEstablishment() {
        open("/annuaire?vintage=" + MONTH);
        assertThat(driver.findElement(By.cssSelector(".result-count")).getText())
                .isEqualTo("8 établissements");
        // on a wide screen the facets are open beside the results
        assertThat(driver.findElement(By.id("facets")).getAttribute("open")).isNotNull();
        assertAccessibleOnDesktopAndPhone("directory-all");

        desktop();
        open("/annuaire?vintage=" + MONTH);
        driver.findElement(By.id("d-q")).sendKeys("école musique");
        clickThrough(By.cssSelector(".directory-search button[type=submit]"));
        assertThat(driver.findElement(By.cssSelector(".result-count")).getText())
                .isEqualTo("1 établissement");
        assertThat(driver.findElement(By.cssSelector(".directory-card h3")).getText())
                .isEqualTo("ÉCOLE DE MUSIQUE DE SÈTE");

        open("/annuaire?vintage=" + MONTH);
        clickThrough(By.xpath("//nav[@aria-labelledby='facet-family']//a[contains(., 'Associations')]"));
        assertThat(driver.findElement(By.cssSelector(".result-count")).getText())
                .isEqualTo("4 établissements");
        assertThat(driver.getCurrentUrl()).contains("family=association");
        // the chosen value is marked, and a second click takes it away
        clickThrough(By.cssSelector("#facets a[aria-current=true]"));
        assertThat(driver.findElement(By.cssSelector(".result-count")).getText())
                .isEqualTo("8 établissements");

        open("/annuaire?vintage=" + MONTH + "&region=99");
        assertThat(driver.findElement(By.cssSelector(".notice-error")).getText())
                .contains("région inconnue");
        assertNoAccessibilityViolations();

        open("/annuaire/11111111100011");
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("ASSOCIATION \"LES AMIS, DU QUARTIER\"");
        assertThat(driver.findElement(By.tagName("address")).getText()).contains("12 B RUE DE LA LOGE");
        assertAccessibleOnDesktopAndPhone("directory-establishment");
    }

    @Test
    void theMapDrawsTheServersClustersAndListsTheVisibleEstablishments() {
        open("/annuaire/carte?vintage=" + MONTH + "&departement=34");
        // without waiting for the script, the first results are there
        assertThat(driver.findElements(By.cssSelector("#map-results li"))).isNotEmpty();
        new org.openqa.selenium.support.ui.WebDriverWait(driver, java.time.Duration.ofSeconds(10))
                .until(d -> d.findElement(By.id("map-count")).getText().contains("zone visible"));
        // the map fits the département's results: all of them are in view, listed by name
        assertThat(driver.findElement(By.id("map-count")).getText()).isEqualTo("5 établissements dans la zone visible");
        assertThat(driver.findElements(By.cssSelector("#map-results li a")))
                .extracting(org.openqa.selenium.WebElement::getText)
                .contains("ASSOCIATION \"LES AMIS, DU QUARTIER\"");
        // clusters and single establishments are markers that a keyboard reaches, each with a name
        var markers = driver.findElements(By.cssSelector(".leaflet-marker-icon"));
        assertThat(markers).isNotEmpty();
        assertThat(markers).allSatisfy(m -> assertThat(m.getAttribute("title")).isNotBlank());
        assertThat(markers)
                .allSatisfy(m -> assertThat(m.getAttribute("tabindex")).isEqualTo("0"));
        assertAccessibleOnDesktopAndPhone("directory-map");
    }
}
