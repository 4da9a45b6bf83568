package fr.essor.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import fr.essor.identity.IdentityFixtures;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An administrator creates a call in a real browser, its manager sets its dates and form and copies it for
 * the next edition; axe-core on each page, at a desktop's and a phone's width.
 */
class CallSettingsBrowserTests extends BrowserTestSupport {

    @Autowired
    JdbcClient jdbc;

    private void type(String id, String text) {
        var input = driver.findElement(By.id(id));
        input.clear();
        input.sendKeys(text);
    }

    private void value(String id, String text) {
        ((JavascriptExecutor) driver)
                .executeScript("document.getElementById(arguments[0]).value = arguments[1];", id, text);
    }

    private String main() {
        return driver.findElement(By.tagName("main")).getText();
    }

    @Test
    void anAdministratorCreatesACallSetsItsFormAndCopiesIt() {
        desktop();
        driver.manage().deleteAllCookies();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        IdentityFixtures identities = new IdentityFixtures(jdbc);
        String email = "admin-appels-" + suffix + "@example.org";
        long admin = identities.admin(email);
        open("/connexion");
        type("email", email);
        type("password", IdentityFixtures.PASSWORD);
        driver.findElement(By.cssSelector("form[action$='/connexion'] button[type=submit]"))
                .click();
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        wait.until(ExpectedConditions.urlContains("/connexion/code"));
        type("code", identities.totpCode(admin));
        driver.findElement(By.cssSelector("form[action$='/connexion/code'] button[type=submit]"))
                .click();
        wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/connexion")));

        open("/instruction");
        clickThrough(By.linkText("Créer un appel"));
        assertAccessibleOnDesktopAndPhone("calls-new");
        type("slug", "Pas bon !");
        clickThrough(By.cssSelector("main form button[type='submit']"));
        assertThat(driver.findElement(By.id("form-errors")).getText())
                .contains("L’adresse de l’appel s’écrit en minuscules", "Donnez un nom");
        assertNoAccessibilityViolations();
        type("slug", "fabrique-" + suffix + "-2027");
        type("name", "La Fabrique à initiatives " + suffix);
        new Select(driver.findElement(By.id("kind"))).selectByVisibleText("Incubateur");
        type("owner", "Catalis");
        type("summary", "Accompagner des idées d’entreprises sociales.");
        value("opensAt", "2027-01-04T09:00");
        value("closesAt", "2027-02-26T12:00");
        clickThrough(By.cssSelector("main form button[type='submit']"));
        assertThat(main()).contains("Paramètres de l’appel", "Formulaire (version 1)");
        assertAccessibleOnDesktopAndPhone("calls-settings");

        // a second version of the form
        var json = driver.findElement(By.id("form-json"));
        json.clear();
        json.sendKeys("{\"sections\": [{\"title\": \"Votre idée\", \"fields\": [{\"key\": \"idee\", \"label\": "
                + "\"Votre idée en une phrase\", \"type\": \"text\", \"required\": true}]}]}");
        clickThrough(By.cssSelector("form[action$='/formulaire'] button[type='submit']"));
        assertThat(main()).contains("Version 2 du formulaire enregistrée", "Formulaire (version 2)");
        open("/appels/fabrique-" + suffix + "-2027");
        assertThat(main()).contains("Votre idée en une phrase");

        // the builder: a field added by clicking, saved as version 3
        open("/instruction");
        clickThrough(By.linkText("La Fabrique à initiatives " + suffix));
        clickThrough(By.linkText("Paramètres et formulaire"));
        clickThrough(By.linkText("Modifier le formulaire champ par champ"));
        assertAccessibleOnDesktopAndPhone("calls-form-builder");
        type("libelle", "Votre commune");
        type("cle", "commune");
        new Select(driver.findElement(By.id("type"))).selectByVisibleText("commune");
        driver.findElement(By.name("obligatoire")).click();
        clickThrough(By.cssSelector("button[value='field']"));
        assertThat(main()).contains("Votre commune").doesNotContain("À corriger");
        clickThrough(By.xpath("//button[normalize-space()='Enregistrer comme nouvelle version']"));
        assertThat(main()).contains("Version 3 du formulaire enregistrée");

        // copied for the next edition
        open("/instruction");
        clickThrough(By.linkText("La Fabrique à initiatives " + suffix));
        clickThrough(By.linkText("Paramètres et formulaire"));
        assertThat(driver.findElement(By.id("copy-slug")).getAttribute("value"))
                .isEqualTo("fabrique-" + suffix + "-2028");
        value("copy-opens", "2028-01-03T09:00");
        value("copy-closes", "2028-02-25T12:00");
        clickThrough(By.cssSelector("form[action$='/copier'] button[type='submit']"));
        assertThat(main()).contains("Appel copié", "Formulaire (version 1)", "idee");
    }
}
