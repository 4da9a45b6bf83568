package fr.essor.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import fr.essor.identity.IdentityFixtures;
import fr.essor.observatory.HandCheckedFiles;
import fr.essor.observatory.ImportProgress;
import fr.essor.observatory.Observatory;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The observatory in a real browser: charts and maps drawn from the tables, the search, the import
 * from the admin page, and axe-core on every page at desktop and phone widths.
 */
class ObservatoryBrowserTests extends BrowserTestSupport {

    private static final String MONTH = "1996-01";

    @Autowired
    Observatory observatory;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void setUp() {
        if (observatory.vintage(MONTH).isEmpty()) {
            observatory.importVintage(
                    MONTH, HandCheckedFiles.UNITS, HandCheckedFiles.ESTABLISHMENTS, false, ImportProgress.NONE);
        }
        desktop();
        driver.manage().deleteAllCookies();
    }

    /**
     * Waits for a condition, tried again when the page changes under it: read while the next page replaces it, an
     * element's text fails with « node does not belong to the document » rather than a stale element.
     */
    private WebDriverWait waiting() {
        return (WebDriverWait) new WebDriverWait(driver, Duration.ofSeconds(20))
                .ignoring(org.openqa.selenium.WebDriverException.class);
    }

    @Test
    void aVisitorReadsTheFiguresAsChartsMapsAndTables() {
        open("/observatoire?millesime=" + MONTH);
        waiting()
                .until(d -> !d.findElements(By.cssSelector(".obs-map path.leaflet-interactive"))
                        .isEmpty());
        assertThat(driver.findElements(By.cssSelector(".obs-map path.leaflet-interactive")))
                .hasSize(2);
        assertThat(driver.findElement(By.cssSelector(".obs-legend")).getText()).contains("Part de l’emploi");
        assertAccessibleOnDesktopAndPhone("observatory-home");

        desktop();
        open("/observatoire/region/76?millesime=" + MONTH);
        waiting()
                .until(d -> !d.findElements(By.cssSelector(".obs-map path.leaflet-interactive"))
                        .isEmpty());
        // one chart per table, drawn by Chart.js
        assertThat(driver.findElements(By.cssSelector("canvas[data-source]"))).hasSize(3);
        assertThat(
                        (Boolean)
                                ((org.openqa.selenium.JavascriptExecutor) driver)
                                        .executeScript(
                                                "return Array.from(document.querySelectorAll('canvas[data-source]')).every(c => Chart.getChart(c) !== undefined)"))
                .isTrue();
        assertThat(driver.findElement(By.id("table-ranking")).getText()).contains("Haute-Garonne", "Hérault");
        screenshot("observatory-region");
        assertAccessibleOnDesktopAndPhone("observatory-region");

        desktop();
        open("/observatoire/departement/34?millesime=" + MONTH);
        driver.findElement(By.id("obs-q")).sendKeys("Sète");
        driver.findElement(By.cssSelector("form[role=search] button[type=submit]"))
                .click();
        waiting().until(ExpectedConditions.urlContains("/observatoire/commune/34301"));
        assertThat(driver.findElement(By.cssSelector("h1")).getText()).contains("Sète");
        open("/observatoire/commune/34172?millesime=" + MONTH);
        assertThat(driver.findElement(By.cssSelector(".obs-key")).getText()).contains("151", "4");
        assertAccessibleOnDesktopAndPhone("observatory-commune");

        desktop();
        open("/observatoire/methodologie");
        assertAccessibleOnDesktopAndPhone("observatory-methodology");
        desktop();
        open("/observatoire/recherche?q=zzzzqqq");
        assertAccessibleOnDesktopAndPhone("observatory-search");
    }

    @Test
    void anAdminImportsAVintageFromTheWebInterface() throws IOException {
        Path importDir = observatory.settings().importDir();
        Files.createDirectories(importDir);
        Files.copy(
                HandCheckedFiles.UNITS,
                importDir.resolve("StockUniteLegale_utf8.csv"),
                StandardCopyOption.REPLACE_EXISTING);
        Files.copy(
                HandCheckedFiles.ESTABLISHMENTS,
                importDir.resolve("StockEtablissement_utf8.csv"),
                StandardCopyOption.REPLACE_EXISTING);
        IdentityFixtures identities = new IdentityFixtures(jdbc);
        String email = "admin-observatoire-" + Long.toString(System.nanoTime(), 36) + "@example.org";
        long admin = identities.admin(email);
        open("/connexion");
        type("email", email);
        type("password", IdentityFixtures.PASSWORD);
        driver.findElement(By.cssSelector("form[action$='/connexion'] button[type=submit]"))
                .click();
        waiting().until(ExpectedConditions.urlContains("/connexion/code"));
        type("code", identities.totpCode(admin));
        driver.findElement(By.cssSelector("form[action$='/connexion/code'] button[type=submit]"))
                .click();
        waiting().until(ExpectedConditions.not(ExpectedConditions.urlContains("/connexion")));

        open("/admin/observatoire");
        type("vintage", "1996-02");
        new Select(driver.findElement(By.id("units"))).selectByVisibleText("StockUniteLegale_utf8.csv");
        new Select(driver.findElement(By.id("establishments"))).selectByVisibleText("StockEtablissement_utf8.csv");
        driver.findElement(By.cssSelector("form[action$='/admin/observatoire/import'] button[type=submit]"))
                .click();
        // the status block follows the import until it is published
        waiting()
                .until(ExpectedConditions.textToBePresentInElementLocated(
                        By.id("import-status"), "Millésime 1996-02 publié"));
        open("/admin/observatoire");
        assertThat(driver.findElement(By.cssSelector("table.data-table")).getText())
                .contains("1996-02", "publié");
        assertAccessibleOnDesktopAndPhone("observatory-admin");
        assertThat(observatory
                        .figures(fr.essor.observatory.Level.COMMUNE, "34172", "1996-02")
                        .orElseThrow()
                        .essEmployeesEstimate())
                .isEqualTo(151);
    }

    private void type(String id, String text) {
        WebElement e = driver.findElement(By.id(id));
        e.clear();
        e.sendKeys(text);
    }
}
