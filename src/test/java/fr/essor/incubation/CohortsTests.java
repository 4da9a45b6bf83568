package fr.essor.incubation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;

import fr.essor.HttpTestSupport;
import fr.essor.WebUser;
import fr.essor.calls.CallsFixtures;
import fr.essor.calls.Dossiers;
import fr.essor.calls.Instruction;
import fr.essor.calls.Programmes;
import fr.essor.calls.Staff;
import fr.essor.directory.LegalFamily;
import fr.essor.directory.Structures;
import fr.essor.identity.IdentityFixtures;
import fr.essor.identity.Memberships;
import fr.essor.shared.InvalidInput;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A project selected by an incubator's call joins its cohort (through the calls' event), is followed by the
 * call's team only, read by its leader, and handed over to the Region's aid as a pre-filled dossier.
 */
class CohortsTests extends HttpTestSupport {

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

    @Test
    void aSelectedProjectIsFollowedThenHandedOverToThePassOccitanie() {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        IdentityFixtures fixtures = new IdentityFixtures(jdbc);
        String leaderEmail = "porteuse@" + unique + ".test";
        long leader = fixtures.organizer(leaderEmail);
        String coachEmail = "incubateur@" + unique + ".test";
        long coach = fixtures.organizer(coachEmail);
        long programme = IncubationFixtures.selected(
                programmes, dossiers, instruction, staff, unique, leader, leaderEmail, coach);
        // the project joins the cohort after the decision's commit, once
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> !cohorts.cohort(programme).isEmpty());
        Cohorts.Member m = cohorts.cohort(programme).getFirst();
        assertThat(m.title()).isEqualTo("Conserverie " + unique);
        assertThat(m.leaderName()).isEqualTo("Camille " + unique);
        assertThat(cohorts.ledBy(leader)).extracting(Cohorts.Member::id).containsExactly(m.id());

        // the team follows it; a stranger, even the leader, cannot write the follow-up
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Paris"));
        long stranger = fixtures.organizer("curieux@" + unique + ".test");
        assertThatThrownBy(() -> cohorts.addMeeting(m.id(), stranger, false, today, "Notes."))
                .isInstanceOf(Cohorts.Refused.class);
        assertThatThrownBy(() -> cohorts.addMeeting(m.id(), leader, false, today, "Notes."))
                .isInstanceOf(Cohorts.Refused.class);
        assertThatThrownBy(() -> cohorts.addMeeting(m.id(), coach, false, today.plusDays(1), " "))
                .isInstanceOfSatisfying(
                        InvalidInput.class, e -> assertThat(e.errors()).hasSize(2));
        WebUser team = fixtures.signIn(port, coachEmail);
        team.get("/instruction/promotion/" + m.id());
        team.post(
                "/instruction/promotion/" + m.id() + "/rencontre",
                Map.of("date", today.toString(), "text", "Lancement : trois marchés partenaires."));
        team.get("/instruction/promotion/" + m.id());
        team.post(
                "/instruction/promotion/" + m.id() + "/jalon",
                Map.of("date", today.plusMonths(2).toString(), "text", "Cuisine partagée"));
        team.get("/instruction/promotion/" + m.id());
        team.post(
                "/instruction/promotion/" + m.id() + "/indicateur",
                Map.of("date", today.toString(), "text", "Emplois créés", "value", "1,5"));
        team.get("/instruction/promotion/" + m.id());
        team.post(
                "/instruction/promotion/" + m.id() + "/indicateur",
                Map.of("date", today.toString(), "text", "Emplois créés", "value", "beaucoup"));
        assertThat(team.get("/instruction/promotion/" + m.id()).body()).contains("Donnez une valeur numérique");
        assertThat(cohorts.meetings(m.id()))
                .singleElement()
                .extracting(Cohorts.Meeting::notes)
                .isEqualTo("Lancement : trois marchés partenaires.");
        assertThat(cohorts.indicators(m.id()).get("Emplois créés"))
                .singleElement()
                .extracting(Cohorts.Indicator::value)
                .isEqualTo(new BigDecimal("1.50"));
        long milestone = cohorts.milestones(m.id()).getFirst().id();
        team.post(
                "/instruction/promotion/" + m.id() + "/jalon-atteint", Map.of("milestone", String.valueOf(milestone)));
        assertThat(cohorts.milestones(m.id()).getFirst().reachedOn()).isEqualTo(today);
        assertThat(team.get("/instruction/appels/" + programme + "/promotion").body())
                .contains("Conserverie " + unique, "1 / 1");

        // the leader reads the follow-up, not the team's pages
        WebUser leaderUser = fixtures.signIn(port, leaderEmail);
        assertThat(leaderUser.get("/dossiers/accompagnement").body())
                .contains("Conserverie " + unique, "Lancement\u00a0: trois marchés partenaires.", "Cuisine partagée")
                .doesNotContain("Préparer ma demande Pass Occitanie");
        assertThat(leaderUser.get("/instruction/promotion/" + m.id()).statusCode())
                .isEqualTo(404);
        assertThat(leaderUser
                        .get("/instruction/appels/" + programme + "/promotion")
                        .statusCode())
                .isEqualTo(404);

        // at the end, the hand-over: a Pass Occitanie draft for the leader's verified structure, pre-filled
        assertThatThrownBy(() -> cohorts.handOver(m.id(), leader, 0, null))
                .isInstanceOfSatisfying(
                        Cohorts.Refused.class, e -> assertThat(e.messageKey()).isEqualTo("incubation.error.notEnded"));
        team.post("/instruction/promotion/" + m.id() + "/fin", Map.of());
        String siret = CallsFixtures.siret();
        long structure = structures
                .register(new Structures.Registration(
                        "SCIC Conserverie " + unique, siret, LegalFamily.COOPERATIVE, "31555", null))
                .id();
        memberships.register(leader, structure);
        structures.verify(structure, coach);
        assertThatThrownBy(() -> cohorts.handOver(m.id(), stranger, structure, siret))
                .isInstanceOf(Cohorts.Refused.class);
        leaderUser.get("/dossiers/accompagnement");
        var handed = leaderUser.post(
                "/dossiers/accompagnement/" + m.id() + "/pass-occitanie",
                Map.of("structure", String.valueOf(structure)));
        assertThat(handed.statusCode()).isIn(302, 303);
        Long draft = cohorts.member(m.id()).orElseThrow().handedOverDossier();
        assertThat(draft).isNotNull();
        assertThat(WebUser.location(handed)).endsWith("/dossiers/" + draft);
        Dossiers.Dossier prepared = dossiers.ofApplicant(draft, leader).orElseThrow();
        assertThat(prepared.programmeId())
                .isEqualTo(programmes.bySlug("pass-occitanie").orElseThrow().id());
        assertThat(prepared.structureId()).isEqualTo(structure);
        assertThat(prepared.answers())
                .containsEntry("titre", "Conserverie " + unique)
                .containsEntry("resume", "Transformer les invendus des marchés.")
                .containsEntry("courriel", leaderEmail)
                .containsEntry("siret", siret);
        assertThat(cohorts.handOver(m.id(), leader, structure, siret))
                .as("once")
                .isEqualTo(draft);
    }
}
