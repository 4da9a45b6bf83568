package fr.essor.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import fr.essor.agenda.AgendaFixtures;
import fr.essor.identity.IdentityFixtures;
import fr.essor.notification.Notifications;

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
 * In a real browser: an organizer signs up, confirms the address from the mail, registers the
 * structure, writes and submits an event; a moderator signs in with a code, approves it; the event is
 * in the public list and the iCalendar feed. axe-core checks every page of the way, on desktop and phone.
 */
class PublishingBrowserTests extends BrowserTestSupport {

    @Autowired
    AgendaFixtures agendaFixtures;

    @Autowired
    Notifications notifications;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void setUp() {
        agendaFixtures.ensure();
        desktop();
        driver.manage().deleteAllCookies();
    }

    private WebDriverWait waiting() {
        return new WebDriverWait(driver, Duration.ofSeconds(15));
    }

    private void type(String id, String text) {
        WebElement e = driver.findElement(By.id(id));
        e.clear();
        e.sendKeys(text);
    }

    private void submit(String formAction) {
        driver.findElement(By.cssSelector("form[action$='" + formAction + "'] button[type=submit]"))
                .click();
    }

    private void setValue(String id, String value) {
        // date and time inputs take their value in the page's format whatever the locale
        ((org.openqa.selenium.JavascriptExecutor) driver)
                .executeScript("document.getElementById(arguments[0]).value = arguments[1];", id, value);
    }

    @Test
    void anOrganizerPublishesAnEventThatAModeratorApproves() {
        String suffix = Long.toString(System.nanoTime(), 36);
        String email = "navigateur-" + suffix + "@example.org";

        open("/compte/inscription");
        assertAccessibleOnDesktopAndPhone("signup");
        type("displayName", "Association du navigateur");
        type("email", "pas-une-adresse");
        type("password", "azerty123");
        submit("/compte/inscription");
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("form-errors")));
        assertAccessibleOnDesktopAndPhone("signup-errors");
        type("email", email);
        type("password", "les tilleuls de la place");
        submit("/compte/inscription");
        waiting().until(ExpectedConditions.urlContains("/compte/inscription/envoye"));

        var mail = notifications.localMailbox(200).stream()
                .filter(m -> m.to().equals(email))
                .findFirst()
                .orElseThrow();
        Matcher link =
                Pattern.compile("/compte/confirmer\\?jeton=[A-Za-z0-9_-]+").matcher(mail.body());
        assertThat(link.find()).isTrue();
        open(link.group());
        submit("/compte/confirmer");
        waiting().until(ExpectedConditions.urlContains("/connexion"));
        assertAccessibleOnDesktopAndPhone("signin");
        type("email", email);
        type("password", "les tilleuls de la place");
        submit("/connexion");
        waiting().until(ExpectedConditions.urlContains("/organisateur"));
        assertAccessibleOnDesktopAndPhone("organizer-empty");

        open("/structures");
        type("name", "Association du navigateur " + suffix);
        type("siret", fr.essor.directory.TestSirets.next());
        new Select(driver.findElement(By.id("legalFamily"))).selectByValue("ASSOCIATION");
        type("commune", "34000");
        submit("/structures");
        waiting().until(ExpectedConditions.urlMatches(".*/structures/\\d+$"));
        assertAccessibleOnDesktopAndPhone("structure");
        String structureUrl = driver.getCurrentUrl();
        long structureId = Long.parseLong(structureUrl.substring(structureUrl.lastIndexOf('/') + 1));
        assertThat(driver.findElement(By.tagName("main")).getText()).contains("attend la vérification");
        open("/structures/" + structureId + "/revendiquer");
        assertAccessibleOnDesktopAndPhone("structure-claim");

        // once verified, its members write its profile in the directory
        jdbc.sql("update directory.structure set verified_at = now() where id = ?")
                .param(structureId)
                .update();
        open("/structures/" + structureId + "/profil");
        assertAccessibleOnDesktopAndPhone("profile-form");
        desktop();
        open("/structures/" + structureId + "/profil");
        type("description", "Un jardin partagé ouvert à tous, des ateliers de compostage chaque samedi.");
        type("website", "ftp://jardin.example.org");
        type("keywords", "jardin partagé, compost");
        submit("/structures/" + structureId + "/profil");
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("form-errors")));
        assertThat(driver.findElement(By.id("form-errors")).getText()).contains("https://");
        assertAccessibleOnDesktopAndPhone("profile-form-errors");
        desktop();
        // the answer keeps what was written: only the address is to mend
        assertThat(driver.findElement(By.id("description")).getAttribute("value"))
                .contains("compostage");
        type("website", "https://jardin.example.org/");
        submit("/structures/" + structureId + "/profil");
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".notice-success")));
        assertThat(driver.findElement(By.tagName("main")).getText()).contains("Historique", "Site web");
        open("/annuaire/structure/" + structureId);
        assertThat(driver.findElement(By.tagName("main")).getText())
                .contains("Présentation par la structure", "ateliers de compostage", "jardin partagé");
        assertAccessibleOnDesktopAndPhone("profile-page");
        desktop();
        // back to unverified: the moderators verify it below
        jdbc.sql("update directory.structure set verified_at = null where id = ?")
                .param(structureId)
                .update();

        open("/organisateur/evenements/nouveau");
        new Select(driver.findElement(By.id("editionId")))
                .selectByVisibleText(driver.findElements(By.cssSelector("#editionId option")).stream()
                        .map(WebElement::getText)
                        .filter(t -> t.contains("2031"))
                        .findFirst()
                        .orElseThrow());
        type("title", "Balade des jardins partagés " + suffix);
        driver.findElement(By.cssSelector("form.event-form button[type=submit]"))
                .click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("form-errors")));
        assertAccessibleOnDesktopAndPhone("event-form-errors");
        type("summary", "Une promenade commentée entre les jardins associatifs du quartier.");
        new Select(driver.findElement(By.id("type"))).selectByValue("VISITE");
        driver.findElement(By.cssSelector("input[name=themes][value=TRANSITION_ECOLOGIQUE]"))
                .click();
        driver.findElement(By.cssSelector("input[name=audiences][value=GRAND_PUBLIC]"))
                .click();
        setValue("dateDay0", "2031-11-16");
        setValue("dateStart0", "09:30");
        setValue("dateEnd0", "12:00");
        type("venueName", "Jardin des Plantes");
        type("commune", "Montpellier");
        driver.findElement(By.cssSelector("form.event-form button[type=submit]"))
                .click();
        waiting().until(ExpectedConditions.urlMatches(".*/organisateur/versions/\\d+$"));
        assertAccessibleOnDesktopAndPhone("version-draft");
        String versionUrl = driver.getCurrentUrl();
        long version = Long.parseLong(versionUrl.substring(versionUrl.lastIndexOf('/') + 1));
        driver.findElement(By.cssSelector("form[action$='/soumettre'] button")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".status"), "En attente"));
        driver.findElement(By.cssSelector("form[action='/deconnexion'] button")).click();
        waiting().until(ExpectedConditions.urlContains("deconnexion"));

        IdentityFixtures identities = new IdentityFixtures(jdbc);
        long moderator = identities.moderator("cress-navigateur-" + suffix + "@example.org", "76", Set.of());
        open("/connexion");
        type("email", "cress-navigateur-" + suffix + "@example.org");
        type("password", IdentityFixtures.PASSWORD);
        submit("/connexion");
        waiting().until(ExpectedConditions.urlContains("/connexion/code"));
        assertAccessibleOnDesktopAndPhone("code");
        type("code", identities.totpCode(moderator));
        submit("/connexion/code");
        waiting().until(ExpectedConditions.urlContains("/moderation"));
        assertThat(driver.findElement(By.tagName("main")).getText()).contains("Balade des jardins partagés " + suffix);
        assertAccessibleOnDesktopAndPhone("moderation-queue");
        open("/moderation/versions/" + version);
        assertAccessibleOnDesktopAndPhone("moderation-version");
        driver.findElement(By.cssSelector("form[action$='/approuver'] button")).click();
        waiting().until(ExpectedConditions.urlMatches(".*/moderation$"));
        open("/moderation/journal");
        assertAccessibleOnDesktopAndPhone("moderation-journal");
        open("/moderation/structures");
        assertThat(driver.findElement(By.tagName("main")).getText()).contains("Association du navigateur " + suffix);
        assertAccessibleOnDesktopAndPhone("moderation-structures");
        driver.findElement(By.cssSelector("form[action='/moderation/structures/" + structureId + "/verifier'] button"))
                .click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "vérifiée"));
        open("/moderation/import");
        assertAccessibleOnDesktopAndPhone("moderation-import");
        open("/compte");
        assertAccessibleOnDesktopAndPhone("account");

        open("/agenda?edition=2031&q=" + suffix);
        assertThat(driver.findElement(By.id("results")).getText()).contains("Balade des jardins partagés " + suffix);
        open("/agenda.ics?edition=2031");
        assertThat(driver.getPageSource()).contains("Balade des jardins partag");
    }

    @Test
    void adminAndEnrolmentPagesAreAccessible() {
        IdentityFixtures identities = new IdentityFixtures(jdbc);
        String suffix = Long.toString(System.nanoTime(), 36);
        long admin = identities.admin("admin-navigateur-" + suffix + "@example.org");
        open("/connexion");
        type("email", "admin-navigateur-" + suffix + "@example.org");
        type("password", IdentityFixtures.PASSWORD);
        submit("/connexion");
        waiting().until(ExpectedConditions.urlContains("/connexion/code"));
        type("code", identities.totpCode(admin));
        submit("/connexion/code");
        waiting().until(ExpectedConditions.not(ExpectedConditions.urlContains("/connexion")));
        open("/admin/roles");
        assertAccessibleOnDesktopAndPhone("admin-roles");
        open("/organisateur/evenements/nouveau");
        // an account without structure is sent to register one
        waiting().until(ExpectedConditions.urlContains("/structures"));
        assertAccessibleOnDesktopAndPhone("structures-empty");
        driver.findElement(By.cssSelector("form[action='/deconnexion'] button")).click();
        // the sign-out must be done before the next page is asked for, or that page may be the sign-out's redirect
        waiting().until(ExpectedConditions.urlContains("deconnexion"));

        long newcomer = identities.organizer("enrol-" + suffix + "@example.org");
        jdbc.sql(
                        "insert into identity.role_grant (account_id, role, region_code, granted_at) values (?, 'MODERATOR', '76', now())")
                .param(newcomer)
                .update();
        open("/connexion");
        type("email", "enrol-" + suffix + "@example.org");
        type("password", IdentityFixtures.PASSWORD);
        submit("/connexion");
        waiting().until(ExpectedConditions.urlContains("/compte/double-authentification"));
        assertAccessibleOnDesktopAndPhone("enrol");
        String secret = driver.findElement(By.id("totp-secret")).getText();
        type("code", IdentityFixtures.code(secret, java.time.Instant.now().getEpochSecond()));
        driver.findElement(By.cssSelector("form[action='/compte/double-authentification'] button[type=submit]"))
                .click();
        waiting().until(ExpectedConditions.urlContains("/compte/codes-de-secours"));
        assertThat(driver.findElements(By.cssSelector(".recovery-codes code"))).hasSize(10);
        assertAccessibleOnDesktopAndPhone("recovery-codes");
        open("/compte/mot-de-passe-oublie");
        assertAccessibleOnDesktopAndPhone("forgot");
    }
}
