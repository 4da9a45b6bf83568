package fr.essor.juries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
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

/** Blind review, the president's decisions and the embargo: nothing public before the release instant, all after. */
class LaureatesTests extends HttpTestSupport {

    @Autowired
    Juries juries;

    @Autowired
    Laureates laureates;

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
    void theDecisionsStayHiddenUntilTheCeremonyAndTheJurorsNeverReadWhoApplies() {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        IdentityFixtures fixtures = new IdentityFixtures(jdbc);
        long manager = fixtures.organizer("gestion@" + unique + ".test");
        long programme = programmes.create(
                CallsFixtures.draft(
                        "ceremonie-" + unique,
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
                                        List.of("Égalité femmes-hommes", "Utilité sociale"),
                                        null,
                                        null,
                                        null,
                                        List.of()),
                                FormField.of("porteur", "Nom de la porteuse", FieldType.TEXT, true),
                                FormField.of("titre", "Titre", FieldType.TEXT, true),
                                FormField.of("resume", "Résumé", FieldType.LONG_TEXT, true))))));
        staff.grant(programme, manager, Role.MANAGER, manager);
        String presidentEmail = "presidente@" + unique + ".test";
        long president = fixtures.organizer(presidentEmail);
        fixtures.enableTotp(president);
        long[] ids = new long[2];
        for (int i = 0; i < 2; i++) {
            long applicant = fixtures.organizer("porteuse" + i + "@" + unique + ".test");
            long structure = structures
                    .register(new Structures.Registration(
                            "Égales " + i + " " + unique,
                            CallsFixtures.siret(),
                            LegalFamily.ASSOCIATION,
                            "34172",
                            null))
                    .id();
            memberships.register(applicant, structure);
            structures.verify(structure, manager);
            ids[i] = dossiers.start(programme, applicant, structure);
            dossiers.save(
                    ids[i],
                    applicant,
                    0,
                    Map.of(
                            "categorie",
                            "Égalité femmes-hommes",
                            "porteur",
                            "Madeleine Pelletier " + i,
                            "titre",
                            "Projet " + i + " " + unique,
                            "resume",
                            "Des ateliers de mixité des métiers."));
            dossiers.submit(ids[i], applicant, 1);
        }
        String category = "Égalité " + unique;
        long c = juries.createCategory(programme, manager, false, category, "Égalité femmes-hommes", 1);
        juries.addCriterion(c, manager, false, "Impact", BigDecimal.ONE, 0, 10);
        juries.addJuror(c, manager, false, president, true);
        juries.hide(c, manager, false, List.of("porteur"));
        juries.openScoring(c, manager, false);

        // blind: the hidden answer is nowhere the juror reads
        assertThat(juries.answersFor(c, ids[0], president))
                .doesNotContainKey("porteur")
                .containsKey("titre");
        WebUser presidentUser = fixtures.signIn(port, presidentEmail);
        assertThat(presidentUser.get("/jury/" + c + "/" + ids[0]).body())
                .contains("Projet 0 " + unique)
                .doesNotContain("Madeleine Pelletier", "Nom de la porteuse");

        // the president decides; another cannot
        assertThatThrownBy(() -> laureates.decide(c, manager, ids[0], Laureates.Kind.PRIZE, "Lauréate."))
                .isInstanceOf(Juries.Refused.class);
        assertThatThrownBy(() -> laureates.decide(c, president, ids[0], Laureates.Kind.PRIZE, " "))
                .isInstanceOf(fr.essor.shared.InvalidInput.class);
        presidentUser.get("/jury/" + c + "/classement");
        presidentUser.post(
                "/jury/" + c + "/decisions",
                Map.of(
                        "dossier",
                        String.valueOf(ids[1]),
                        "decision",
                        "MENTION",
                        "motivation",
                        "Une démarche exemplaire."));
        laureates.decide(c, president, ids[0], Laureates.Kind.PRIZE, "Un projet qui change les métiers.");
        assertThat(laureates.decisions(c)).containsOnlyKeys(ids[0], ids[1]);

        // before the ceremony: nothing in the page nor the API
        laureates.release(c, manager, false, Instant.now().plus(Duration.ofDays(30)));
        laureates.announce();
        assertThat(jdbc.sql(
                                "select count(*) from notification.outbox where recipient like ? and kind = 'juries-laureate'")
                        .param("porteuse%@" + unique + ".test")
                        .query(Long.class)
                        .single())
                .as("no mail before the release")
                .isZero();
        assertThat(get("/prix").body()).doesNotContain("Projet 0 " + unique, "Projet 1 " + unique);
        assertThat(get("/api/v1/laureates", "Accept", "application/json").body())
                .doesNotContain(unique);

        // the instant comes: both appear together, the prize first
        laureates.release(c, manager, false, Instant.now().minusSeconds(1));
        String page = get("/prix").body();
        assertThat(page).contains("Projet 0 " + unique, "Projet 1 " + unique, "Un projet qui change les métiers.");
        assertThat(page.indexOf("Projet 0 " + unique)).isLessThan(page.indexOf("Projet 1 " + unique));
        int year = Instant.now().atZone(ZoneId.of("Europe/Paris")).getYear();
        String api = get(
                        "/api/v1/laureates?year=" + year + "&category="
                                + java.net.URLEncoder.encode(category, java.nio.charset.StandardCharsets.UTF_8),
                        "Accept",
                        "application/json")
                .body();
        assertThat(api)
                .contains(
                        "\"distinction\":\"prize\"",
                        "\"distinction\":\"mention\"",
                        "Égales 0 " + unique,
                        "\"year\":" + year)
                .doesNotContain("Madeleine Pelletier");
        assertThat(get(
                                "/api/v1/laureates?year=" + (year - 1) + "&category="
                                        + java.net.URLEncoder.encode(category, java.nio.charset.StandardCharsets.UTF_8),
                                "Accept",
                                "application/json")
                        .body())
                .doesNotContain(unique);
        // the laureates are told by mail, once, at the release
        laureates.announce();
        laureates.announce();
        for (int i = 0; i < 2; i++) {
            assertThat(jdbc.sql(
                                    "select count(*) from notification.outbox where recipient = ? and kind = 'juries-laureate'")
                            .param("porteuse" + i + "@" + unique + ".test")
                            .query(Long.class)
                            .single())
                    .isEqualTo(1);
        }
        // released decisions no longer change
        assertThatThrownBy(() -> laureates.decide(c, president, ids[1], Laureates.Kind.PRIZE, "Finalement."))
                .isInstanceOf(Juries.Refused.class);
    }
}
