package fr.essor.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import fr.essor.calls.CallsFixtures;
import fr.essor.calls.DossierFlow.Role;
import fr.essor.calls.Dossiers;
import fr.essor.calls.FieldType;
import fr.essor.calls.Form;
import fr.essor.calls.FormField;
import fr.essor.calls.FormSection;
import fr.essor.calls.Programmes;
import fr.essor.calls.Staff;
import fr.essor.directory.LegalFamily;
import fr.essor.directory.Structures;
import fr.essor.identity.IdentityFixtures;
import fr.essor.identity.Memberships;
import fr.essor.juries.Juries;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A juror, with the second factor, scores a dossier in a real browser and the president reads the ranking. */
class JuryBrowserTests extends BrowserTestSupport {

    @Autowired
    Juries juries;

    @Autowired
    fr.essor.juries.Laureates laureates;

    @Autowired
    fr.essor.juries.PublicVote publicVote;

    @Autowired
    Programmes programmes;

    @Autowired
    Dossiers dossiers;

    @Autowired
    Staff staff;

    @Autowired
    Structures structures;

    @Autowired
    Memberships memberships;

    @Autowired
    JdbcClient jdbc;

    private void type(String id, String text) {
        var input = driver.findElement(By.id(id));
        input.clear();
        input.sendKeys(text);
    }

    @Test
    void theJurorScoresAndThePresidentReadsTheRanking() {
        desktop();
        driver.manage().deleteAllCookies();
        String unique = UUID.randomUUID().toString().substring(0, 8);
        IdentityFixtures fixtures = new IdentityFixtures(jdbc);
        long manager = fixtures.organizer("gestion-" + unique + "@example.org");
        long programme = programmes.create(
                CallsFixtures.draft(
                        "prix-nav-" + unique,
                        Instant.now().minus(Duration.ofDays(1)),
                        Instant.now().plus(Duration.ofDays(3))),
                new Form(List.of(new FormSection(
                        "Candidature",
                        List.of(
                                new FormField(
                                        "categorie",
                                        "Catégorie",
                                        FieldType.CHOICE,
                                        true,
                                        null,
                                        List.of("Utilité sociale", "Transition écologique"),
                                        null,
                                        null,
                                        null,
                                        List.of()),
                                FormField.of("titre", "Titre", FieldType.TEXT, true))))));
        staff.grant(programme, manager, Role.MANAGER, manager);
        String email = "presidente-" + unique + "@example.org";
        long president = fixtures.organizer(email);
        fixtures.enableTotp(president);
        long applicant = fixtures.organizer("porteur-" + unique + "@example.org");
        long structure = structures
                .register(new Structures.Registration(
                        "Atelier " + unique, CallsFixtures.siret(), LegalFamily.ASSOCIATION, "34172", null))
                .id();
        memberships.register(applicant, structure);
        structures.verify(structure, manager);
        long dossier = dossiers.start(programme, applicant, structure);
        dossiers.save(dossier, applicant, 0, Map.of("categorie", "Utilité sociale", "titre", "Des vélos réparés"));
        dossiers.submit(dossier, applicant, 1);
        long category = juries.createCategory(programme, manager, false, "Utilité sociale", "Utilité sociale", 1);
        long impact = juries.addCriterion(category, manager, false, "Impact social", new BigDecimal("2"), 0, 10);
        juries.addJuror(category, manager, false, president, true);
        juries.openScoring(category, manager, false);

        // the managers' page of the jury
        open("/connexion");
        type("email", "gestion-" + unique + "@example.org");
        type("password", IdentityFixtures.PASSWORD);
        clickThrough(By.cssSelector("main form button[type='submit']"));
        open("/instruction/appels/" + programme + "/jury");
        assertThat(driver.findElement(By.tagName("main")).getText()).contains("Notation ouverte.", "Impact social");
        assertAccessibleOnDesktopAndPhone("jury-setup");
        driver.manage().deleteAllCookies();

        open("/connexion");
        type("email", email);
        type("password", IdentityFixtures.PASSWORD);
        driver.findElement(By.cssSelector("form[action$='/connexion'] button[type=submit]"))
                .click();
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        wait.until(ExpectedConditions.urlContains("/connexion/code"));
        type("code", fixtures.totpCode(president));
        driver.findElement(By.cssSelector("form[action$='/connexion/code'] button[type=submit]"))
                .click();
        wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/connexion")));

        open("/jury");
        assertAccessibleOnDesktopAndPhone("jury-home");
        clickThrough(By.linkText(dossiers.submitted(dossier).orElseThrow().reference()));
        assertThat(driver.findElement(By.tagName("main")).getText()).contains("Des vélos réparés", "Votre notation");
        assertAccessibleOnDesktopAndPhone("jury-dossier");
        // the juror scores on a phone-sized screen
        phone();
        type("note-" + impact, "8");
        clickThrough(By.cssSelector("form[action$='/notes'] button[type='submit']"));
        assertThat(driver.findElement(By.tagName("main")).getText()).contains("Notation enregistrée.");
        open("/jury/" + category + "/classement");
        assertThat(driver.findElement(By.tagName("main")).getText()).contains("8,00");
        assertAccessibleOnDesktopAndPhone("jury-ranking");
        // the president's decision, then the ceremony: the laureates' page
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("decision-" + dossier)))
                .selectByVisibleText("Prix");
        type("motivation-" + dossier, "Des vélos réparés pour tout un quartier.");
        clickThrough(By.cssSelector("form[action$='/decisions'] button[type='submit']"));
        assertThat(driver.findElement(By.tagName("main")).getText()).contains("Décision du jury enregistrée.");
        // before the release instant, nothing of it is public
        laureates.release(category, manager, false, Instant.now().plusSeconds(3600));
        open("/prix");
        assertThat(driver.findElement(By.tagName("main")).getText())
                .doesNotContain("Des vélos réparés pour tout un quartier.");
        laureates.release(category, manager, false, Instant.now().minusSeconds(1));
        open("/prix");
        assertThat(driver.findElement(By.tagName("main")).getText())
                .contains("Des vélos réparés", "Atelier " + unique, "Des vélos réparés pour tout un quartier.");
        assertAccessibleOnDesktopAndPhone("laureates");
        // the public's vote page
        publicVote.configure(
                category,
                manager,
                false,
                new BigDecimal("0.2"),
                Instant.now().minusSeconds(60),
                Instant.now().plus(Duration.ofDays(1)));
        driver.manage().deleteAllCookies();
        open("/prix/vote/" + category);
        assertThat(driver.findElement(By.tagName("main")).getText())
                .contains("Des vélos réparés", "Votre adresse électronique");
        assertAccessibleOnDesktopAndPhone("vote");
    }
}
