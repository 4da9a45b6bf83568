package fr.essor.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

import fr.essor.calls.CallsFixtures;
import fr.essor.calls.DossierFlow.Role;
import fr.essor.calls.Dossiers;
import fr.essor.calls.Instruction;
import fr.essor.calls.Programmes;
import fr.essor.calls.Staff;
import fr.essor.directory.LegalFamily;
import fr.essor.directory.Structures;
import fr.essor.identity.IdentityFixtures;
import fr.essor.identity.Memberships;
import fr.essor.incubation.Cohorts;
import fr.essor.incubation.IncubationFixtures;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The follow-up pages in a real browser: an incubator's coach notes a meeting and ends the accompaniment,
 * the project leader reads it and prepares the pre-filled Pass Occitanie dossier; the awards' page of a
 * call for its staff. Each page has no accessibility violation on a desktop and a phone.
 */
class FollowUpBrowserTests extends BrowserTestSupport {

    @Autowired
    Cohorts cohorts;

    @Autowired
    Programmes programmes;

    @Autowired
    Dossiers dossiers;

    @Autowired
    Instruction instruction;

    @Autowired
    Staff staff;

    @Autowired
    Structures structures;

    @Autowired
    Memberships memberships;

    @Autowired
    JdbcClient jdbc;

    private void type(String id, String text) {
        ((JavascriptExecutor) driver)
                .executeScript("document.getElementById(arguments[0]).value = arguments[1];", id, text);
    }

    private void signIn(String email) {
        driver.manage().deleteAllCookies();
        open("/connexion");
        type("email", email);
        type("password", IdentityFixtures.PASSWORD);
        clickThrough(By.cssSelector("main form button[type='submit']"));
    }

    private String main() {
        return driver.findElement(By.tagName("main")).getText();
    }

    @Test
    void theCoachFollowsTheProjectAndTheLeaderHandsItOver() {
        desktop();
        String unique = UUID.randomUUID().toString().substring(0, 8);
        IdentityFixtures fixtures = new IdentityFixtures(jdbc);
        String leaderEmail = "porteuse-" + unique + "@example.org";
        long leader = fixtures.organizer(leaderEmail);
        String coachEmail = "incubateur-" + unique + "@example.org";
        long coach = fixtures.organizer(coachEmail);
        long programme = IncubationFixtures.selected(
                programmes, dossiers, instruction, staff, unique, leader, leaderEmail, coach);
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> !cohorts.cohort(programme).isEmpty());
        long member = cohorts.cohort(programme).getFirst().id();
        long structure = structures
                .register(new Structures.Registration(
                        "SCIC Conserverie " + unique, CallsFixtures.siret(), LegalFamily.COOPERATIVE, "31555", null))
                .id();
        memberships.register(leader, structure);
        structures.verify(structure, coach);

        // the coach: the cohort, the project, a meeting noted
        signIn(coachEmail);
        open("/instruction/appels/" + programme + "/promotion");
        assertThat(main()).contains("Conserverie " + unique, "en cours");
        assertAccessibleOnDesktopAndPhone("incubation-cohort");
        desktop();
        clickThrough(By.linkText("Conserverie " + unique));
        type("meeting-date", LocalDate.now(ZoneId.of("Europe/Paris")).toString());
        type("meeting-notes", "Lancement : trois marchés partenaires.");
        clickThrough(By.cssSelector("form[action$='/rencontre'] button"));
        assertThat(main()).contains("Suivi enregistré.", "Lancement : trois marchés partenaires.");
        assertAccessibleOnDesktopAndPhone("incubation-project");
        desktop();
        clickThrough(By.cssSelector("form[action$='/fin'] button"));
        assertThat(main()).contains("Accompagnement clos");

        // the leader: the follow-up, then the pre-filled aid dossier
        signIn(leaderEmail);
        open("/dossiers/accompagnement");
        assertThat(main()).contains("Lancement : trois marchés partenaires.", "Préparer ma demande Pass Occitanie");
        assertAccessibleOnDesktopAndPhone("incubation-mine");
        desktop();
        clickThrough(By.cssSelector("form[action$='/pass-occitanie'] button"));
        assertThat(driver.getCurrentUrl()).matches(".*/dossiers/\\d+$");
        assertThat(driver.findElement(By.id("titre")).getAttribute("value")).isEqualTo("Conserverie " + unique);

        // the awards' page of the demonstration's Contrat Occitanie, for a signer of that call
        long contrat = programmes.bySlug("contrat-occitanie").orElseThrow().id();
        staff.grant(contrat, coach, Role.SIGNER, coach);
        signIn(coachEmail);
        open("/instruction/appels/" + contrat + "/aides");
        assertThat(main()).contains("Aides accordées et versements", "Convention CONV-");
        assertAccessibleOnDesktopAndPhone("awards-programme");
    }
}
