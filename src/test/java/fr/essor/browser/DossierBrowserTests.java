package fr.essor.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import fr.essor.calls.ProgrammeKind;
import fr.essor.calls.Programmes;
import fr.essor.directory.LegalFamily;
import fr.essor.directory.Structures;
import fr.essor.identity.IdentityFixtures;
import fr.essor.identity.Memberships;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An applicant in a real browser: from a call's page to a submitted dossier, through a draft with a
 * malformed amount, a conditional field and a repeatable budget; axe-core on every page.
 */
class DossierBrowserTests extends BrowserTestSupport {

    @Autowired
    Programmes programmes;

    @Autowired
    Structures structures;

    @Autowired
    Memberships memberships;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    fr.essor.calls.Dossiers dossiers;

    @Autowired
    fr.essor.calls.Staff staff;

    private String suffix;
    private String slug;
    private String email;
    private long applicant;
    private long structure;
    private long programme;
    private IdentityFixtures fixtures;

    @BeforeEach
    void setUp() {
        desktop();
        driver.manage().deleteAllCookies();
        suffix = UUID.randomUUID().toString().substring(0, 8);
        fixtures = new IdentityFixtures(jdbc);
        email = "candidate-" + suffix + "@example.org";
        applicant = fixtures.organizer(email);
        structure = structures
                .register(new Structures.Registration(
                        "Recyclerie " + suffix,
                        fr.essor.calls.CallsFixtures.siret(),
                        LegalFamily.ASSOCIATION,
                        "34172",
                        null))
                .id();
        memberships.register(applicant, structure);
        structures.verify(structure, fixtures.moderator("verif-" + suffix + "@example.org", "76", java.util.Set.of()));
        slug = "essai-navigateur-" + suffix;
        var draft = fr.essor.calls.CallsFixtures.draft(
                slug, Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(10)));
        programme = programmes.create(
                new Programmes.Draft(
                        slug,
                        "Appel du navigateur " + suffix,
                        ProgrammeKind.AID,
                        draft.owner(),
                        draft.summary(),
                        draft.description(),
                        draft.whoCanApply(),
                        draft.capCents(),
                        draft.opensAt(),
                        draft.closesAt(),
                        draft.documents(),
                        draft.retentionMonths(),
                        false,
                        false),
                fr.essor.calls.CallsFixtures.form());
    }

    private static java.nio.file.Path devis() {
        try {
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("devis");
            java.nio.file.Path file = dir.resolve("devis-broyeur.pdf");
            try (var doc = new org.apache.pdfbox.pdmodel.PDDocument()) {
                doc.addPage(new org.apache.pdfbox.pdmodel.PDPage());
                doc.save(file.toFile());
            }
            return file;
        } catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    /**
     * Waits for a condition, tried again when the page changes under it: read while the next page replaces it, an
     * element's text fails with « node does not belong to the document » rather than a stale element.
     */
    private WebDriverWait waiting() {
        return (WebDriverWait) new WebDriverWait(driver, Duration.ofSeconds(20))
                .ignoring(org.openqa.selenium.WebDriverException.class);
    }

    private void type(String id, String text) {
        var input = driver.findElement(By.id(id));
        input.clear();
        input.sendKeys(text);
    }

    @Test
    void anApplicantStartsADraftCorrectsItAndSubmitsIt() {
        open("/appels/" + slug);
        assertThat(driver.findElement(By.id("candidater")).getText()).contains("Se connecter pour candidater");
        open("/connexion");
        type("email", email);
        type("password", IdentityFixtures.PASSWORD);
        clickThrough(By.cssSelector("main form button[type='submit']"));
        open("/appels/" + slug);
        assertThat(new Select(driver.findElement(By.id("structure")))
                        .getFirstSelectedOption()
                        .getText())
                .isEqualTo("Recyclerie " + suffix);
        assertAccessibleOnDesktopAndPhone("calls-apply");
        clickThrough(By.cssSelector("#candidater button[type='submit']"));
        waiting().until(ExpectedConditions.urlMatches(".*/dossiers/\\d+$"));
        assertAccessibleOnDesktopAndPhone("dossier-draft");

        // the RNA is asked of an association only: hidden until the answer says so, by the page's script
        assertThat(driver.findElement(By.id("rna")).isDisplayed()).isFalse();
        new Select(driver.findElement(By.id("statut"))).selectByVisibleText("Coopérative");
        assertThat(driver.findElement(By.id("rna")).isDisplayed()).isFalse();
        new Select(driver.findElement(By.id("statut"))).selectByVisibleText("Association");
        assertThat(driver.findElement(By.id("rna")).isDisplayed()).isTrue();
        type("budget[0].poste", "Broyeur de végétaux");
        type("budget[0].cout", "douze cents");
        driver.findElement(By.id("upload-devis")).sendKeys(devis().toString());
        clickThrough(By.cssSelector("button[formaction$='/deposer']"));
        String errors = driver.findElement(By.id("form-errors")).getText();
        assertThat(errors).contains("Un montant en euros");
        assertThat(driver.findElement(By.id("budget[0].cout")).getAttribute("aria-invalid"))
                .isEqualTo("true");
        assertNoAccessibilityViolations();
        screenshot("desktop-dossier-errors");

        type("budget[0].cout", "1 200,50");
        clickThrough(By.cssSelector("button[formaction$='/deposer']"));
        // the RNA is asked of an association: its condition holds
        assertThat(driver.findElement(By.id("form-errors")).getText()).contains("Ce champ est obligatoire");
        type("rna", "W343000123");
        clickThrough(By.cssSelector("button[formaction$='/deposer']"));
        waiting()
                .until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice-success"), "déposé"));
        String page = driver.findElement(By.tagName("main")).getText();
        assertThat(page).contains("Déposé", slug.toUpperCase(), "1200.50", "W343000123");
        // the document joined with the first try is kept in the structure's vault, and downloads
        assertThat(driver.findElement(By.linkText("Devis — devis-broyeur.pdf")).getAttribute("href"))
                .matches(".*/dossiers/documents/\\d+$");
        assertAccessibleOnDesktopAndPhone("dossier-submitted");

        open("/dossiers");
        assertThat(driver.findElement(By.tagName("main")).getText())
                .contains("Appel du navigateur " + suffix, "Déposé");
        assertAccessibleOnDesktopAndPhone("dossiers");
        clickThrough(By.linkText("Mes documents (coffre)"));
        assertThat(main()).contains("Coffre de « Recyclerie " + suffix, "Devis — devis-broyeur.pdf");
        assertAccessibleOnDesktopAndPhone("calls-vault");
    }

    @Test
    void anInstructorFindsASubmittedDossierTakesItAndAcceptsItWithinTheCap() {
        long id = dossiers.start(programme, applicant, structure);
        dossiers.save(
                id,
                applicant,
                0,
                java.util.Map.of(
                        "statut",
                        "Coopérative",
                        "budget",
                        java.util.List.of(java.util.Map.of("poste", "Vélos cargos", "cout", "4 000"))));
        String reference = dossiers.submit(id, applicant, 1).reference();
        String instructorEmail = "instructrice-" + suffix + "@example.org";
        long instructor = fixtures.organizer(instructorEmail);
        staff.grant(programme, instructor, fr.essor.calls.DossierFlow.Role.INSTRUCTOR, instructor);
        staff.grant(programme, instructor, fr.essor.calls.DossierFlow.Role.MANAGER, instructor);

        open("/connexion");
        type("email", instructorEmail);
        type("password", IdentityFixtures.PASSWORD);
        clickThrough(By.cssSelector("main form button[type='submit']"));
        clickThrough(By.linkText("Instruction"));
        assertAccessibleOnDesktopAndPhone("instruction-programmes");
        clickThrough(By.linkText("Appel du navigateur " + suffix));
        assertThat(driver.findElement(By.tagName("main")).getText()).contains("1 dossier", reference);
        assertAccessibleOnDesktopAndPhone("instruction-list");
        clickThrough(By.linkText(reference));
        clickThrough(By.cssSelector("button[formaction$='/take']"));
        assertThat(driver.findElement(By.tagName("main")).getText()).contains("En instruction");
        assertAccessibleOnDesktopAndPhone("instruction-dossier");
        type("reason", "Projet utile, budget tenu.");
        type("amount", "60 000");
        clickThrough(By.cssSelector("button[formaction$='/accept']"));
        assertThat(driver.findElement(By.cssSelector(".notice-error")).getText())
                .contains("plafond");
        type("reason", "Projet utile, budget tenu.");
        type("amount", "3 500");
        clickThrough(By.cssSelector("button[formaction$='/accept']"));
        String page = driver.findElement(By.tagName("main")).getText();
        assertThat(page).contains("Accepté", "Projet utile, budget tenu.");
        // the aid granted, its schedule for the staff
        // (the award follows the decision's commit)
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> {
            open("/instruction/appels/" + programme + "/aides");
            return main().contains("Solde");
        });
        assertThat(main()).contains("Avance (30", "Solde");
        assertAccessibleOnDesktopAndPhone("awards-programme");
        open("/instruction/appels/" + programme);
        clickThrough(By.linkText("Équipe de l’appel"));
        assertThat(driver.findElement(By.tagName("main")).getText()).contains(instructorEmail, "Gestion de l’appel");
        assertAccessibleOnDesktopAndPhone("calls-team");

        // a personal API token for that call, shown once
        open("/instruction");
        clickThrough(By.linkText("Jetons d’accès à l’API des dossiers"));
        type("name", "Tableau de suivi");
        driver.findElement(By.cssSelector("input[name='appels'][value='" + programme + "']"))
                .click();
        clickThrough(By.cssSelector("main form.form button[type='submit']"));
        assertThat(driver.findElement(By.cssSelector("code.secret")).getText()).startsWith("essor_");
        assertNoAccessibilityViolations();
        screenshot("desktop-calls-token-created");
        assertAccessibleOnDesktopAndPhone("calls-tokens");
        assertThat(main()).contains("Tableau de suivi", "actif jusqu’au");
    }

    @Test
    void thePagesScriptReadsConditionsAsTheServerDoes() {
        long id = dossiers.start(programme, applicant, structure);
        open("/connexion");
        type("email", email);
        type("password", IdentityFixtures.PASSWORD);
        clickThrough(By.cssSelector("main form button[type='submit']"));
        open("/dossiers/" + id);
        java.util.Map<String, Object> answers = new java.util.HashMap<>();
        answers.put("montant", new java.math.BigDecimal("12000"));
        answers.put("statut", "Association");
        answers.put("aides", Boolean.TRUE);
        answers.put("vide", null);
        for (String condition : java.util.List.of(
                "statut == 'Association'",
                "statut != 'Association'",
                "montant >= 10000 and montant < 50000",
                "montant > 20000 or statut == 'Coopérative'",
                "not (aides == true)",
                "!aides || montant * 2 > 20000",
                "vide == null",
                "vide < 5",
                "inconnu == null and (montant - 2000) / 2 == 5000",
                "statut > 3",
                "statut eq 'Association' and montant ge 12000",
                "statut == 'L''Association'")) {
            Object script = ((org.openqa.selenium.JavascriptExecutor) driver)
                    .executeScript(
                            "try { return window.essorCondition(arguments[0], {montant: 12000, statut: 'Association', "
                                    + "aides: true, vide: null}); } catch (e) { return e.syntax ? 'syntax' : false; }",
                            condition);
            assertThat(script).as(condition).isEqualTo(fr.essor.calls.Condition.holds(condition, answers));
        }
    }

    private String main() {
        return driver.findElement(By.tagName("main")).getText();
    }
}
