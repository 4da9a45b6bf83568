package fr.essor.juries;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import fr.essor.HttpTestSupport;
import fr.essor.WebUser;
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

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The jury over HTTP: the manager sets it up from the call's pages; a juror without the second factor is
 * sent to set it up; a conflicted juror gets 403 on the dossier; scores are posted; the president reads
 * the ranking, the other jurors do not.
 */
class JuryPagesTests extends HttpTestSupport {

    @Autowired
    Juries juries;

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

    @Test
    void aJuryIsSetUpScoresAndRanksOverHttp() {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        IdentityFixtures fixtures = new IdentityFixtures(jdbc);
        String managerEmail = "gestion@" + unique + ".test";
        long manager = fixtures.organizer(managerEmail);
        long programme = programmes.create(
                CallsFixtures.draft(
                        "prix-" + unique,
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
                                        List.of("Utilité sociale", "Égalité femmes-hommes"),
                                        null,
                                        null,
                                        null,
                                        List.of()),
                                FormField.of("titre", "Titre", FieldType.TEXT, true))))));
        staff.grant(programme, manager, Role.MANAGER, manager);
        String[] emails = new String[3];
        long[] jurors = new long[3];
        for (int i = 0; i < 3; i++) {
            emails[i] = "jure" + i + "@" + unique + ".test";
            jurors[i] = fixtures.organizer(emails[i]);
        }
        long applicant = fixtures.organizer("porteuse@" + unique + ".test");
        long structure = structures
                .register(new Structures.Registration(
                        "Candidate " + unique, CallsFixtures.siret(), LegalFamily.ASSOCIATION, "34172", null))
                .id();
        memberships.register(applicant, structure);
        structures.verify(structure, manager);
        // the third juror acts for the candidate structure
        memberships.register(jurors[2], structure);
        long dossier = dossiers.start(programme, applicant, structure);
        dossiers.save(dossier, applicant, 0, Map.of("categorie", "Utilité sociale", "titre", "Une ressourcerie"));
        dossiers.submit(dossier, applicant, 1);

        WebUser managerUser = fixtures.signIn(port, managerEmail);
        String setup = "/instruction/appels/" + programme + "/jury";
        assertThat(managerUser.get(setup).body()).contains("Nouvelle catégorie", "Utilité sociale");
        managerUser.post(
                setup,
                Map.of(
                        "action",
                        "category",
                        "name",
                        "Utilité sociale",
                        "valeur",
                        "Utilité sociale",
                        "relectures",
                        "1"));
        long category = juries.categoriesOf(programme).getFirst().id();
        managerUser.get(setup);
        managerUser.post(
                setup,
                Map.of(
                        "action",
                        "criterion",
                        "categorie",
                        String.valueOf(category),
                        "critere",
                        "Impact",
                        "poids",
                        "2",
                        "min",
                        "0",
                        "max",
                        "10"));
        for (int i = 0; i < 3; i++) {
            managerUser.get(setup);
            managerUser.post(
                    setup,
                    i == 0
                            ? Map.of(
                                    "action",
                                    "juror",
                                    "categorie",
                                    String.valueOf(category),
                                    "email",
                                    emails[i],
                                    "president",
                                    "on")
                            : Map.of("action", "juror", "categorie", String.valueOf(category), "email", emails[i]));
        }
        managerUser.get(setup);
        managerUser.post(setup, Map.of("action", "open", "categorie", String.valueOf(category)));
        assertThat(managerUser.get(setup).body()).contains("Notation ouverte.", "Impact (poids 2, de 0 à 10)");
        // another call's manager cannot set this jury up
        String otherEmail = "autre@" + unique + ".test";
        fixtures.organizer(otherEmail);
        assertThat(fixtures.signIn(port, otherEmail).get(setup).statusCode()).isEqualTo(404);

        // a juror without the second factor is sent to set it up
        WebUser plain = fixtures.signIn(port, emails[1]);
        assertThat(plain.get("/jury").body()).contains("double authentification");
        assertThat(plain.get("/jury/" + category + "/" + dossier).body()).contains("double authentification");

        for (long j : jurors) {
            fixtures.enableTotp(j);
        }
        // the conflicted juror: 403 on the dossier, nothing assigned
        WebUser conflicted = fixtures.signIn(port, emails[2]);
        assertThat(conflicted.get("/jury/" + category + "/" + dossier).statusCode())
                .isEqualTo(403);
        assertThat(juries.assigned(category, jurors[2])).isEmpty();
        // the assigned juror scores (one review per dossier: the least loaded first, the president)
        WebUser president = fixtures.signIn(port, emails[0]);
        assertThat(president.get("/jury").body())
                .contains(dossiers.submitted(dossier).orElseThrow().reference(), "à noter");
        String page = president.get("/jury/" + category + "/" + dossier).body();
        assertThat(page).contains("Une ressourcerie", "Votre notation");
        long impact = juries.criteria(category).getFirst().id();
        president.post("/jury/" + category + "/" + dossier + "/notes", Map.of("note." + impact, "10"));
        assertThat(president.get("/jury/" + category + "/" + dossier).body()).contains("demande un commentaire");
        president.post(
                "/jury/" + category + "/" + dossier + "/notes",
                Map.of("note." + impact, "10", "commentaire." + impact, "Un impact mesuré sur trois quartiers."));
        assertThat(juries.scoredBy(category, jurors[0])).containsExactly(dossier);
        assertThat(president.get("/jury").body()).doesNotContain("à noter");
        var ranking = president.get("/jury/" + category + "/classement");
        assertThat(ranking.statusCode()).isEqualTo(200);
        assertThat(ranking.body()).contains("10,00", "conflit détecté", "même SIREN");
        // an address without an account is invited by mail; the link seats that address only
        String newcomer = "nouvelle-jure@" + unique + ".test";
        managerUser.get(setup);
        managerUser.post(setup, Map.of("action", "juror", "categorie", String.valueOf(category), "email", newcomer));
        String mail = jdbc.sql(
                        "select body from notification.outbox where recipient = ? and kind = 'juries-invitation'")
                .param(newcomer)
                .query(String.class)
                .single();
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("/jury/invitation\\?jeton=([A-Za-z0-9_-]+)")
                .matcher(mail);
        assertThat(link.find()).isTrue();
        assertThat(fixtures.signIn(port, emails[1])
                        .get("/jury/invitation?jeton=" + link.group(1))
                        .body())
                .contains("n’est pas ou plus valable");
        long newcomerId = fixtures.organizer(newcomer);
        assertThat(fixtures.signIn(port, newcomer)
                        .get("/jury/invitation?jeton=" + link.group(1))
                        .statusCode())
                .isIn(302, 303);
        assertThat(juries.jurors(category)).contains(newcomerId);
        // a juror who does not preside does not read the ranking
        WebUser second = fixtures.signIn(port, emails[1]);
        assertThat(second.get("/jury/" + category + "/classement").statusCode()).isEqualTo(404);
    }
}
