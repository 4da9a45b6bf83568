package fr.essor.calls;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import fr.essor.HttpTestSupport;
import fr.essor.WebUser;
import fr.essor.calls.DossierFlow.Role;
import fr.essor.identity.IdentityFixtures;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A programme's team, granted and revoked by its managers over HTTP. */
class TeamPagesTests extends HttpTestSupport {

    @Autowired
    Programmes programmes;

    @Autowired
    Staff staff;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aManagerGrantsAndRevokesRolesAndNobodyElseSeesTheTeam() {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        IdentityFixtures fixtures = new IdentityFixtures(jdbc);
        String managerEmail = unique + "-gestion@equipe.test";
        long manager = fixtures.organizer(managerEmail);
        String instructorEmail = unique + "-instruction@equipe.test";
        long instructor = fixtures.organizer(instructorEmail);
        long programme = programmes.create(
                CallsFixtures.draft(
                        "equipe-" + unique,
                        Instant.now().minus(Duration.ofDays(1)),
                        Instant.now().plus(Duration.ofDays(3))),
                CallsFixtures.form());
        staff.grant(programme, manager, Role.MANAGER, manager);
        String team = "/instruction/appels/" + programme + "/equipe";

        WebUser user = fixtures.signIn(port, managerEmail);
        assertThat(user.get(team).statusCode()).isEqualTo(200);
        user.post(team, Map.of("email", instructorEmail, "role", "INSTRUCTOR"));
        assertThat(staff.rolesOf(instructor, programme)).containsExactly(Role.INSTRUCTOR);
        assertThat(user.get(team).body()).contains(instructorEmail, "Instruction des dossiers");

        // an address without an account is invited by mail, once; the link gives the role to that address only
        String newcomer = "personne-" + unique + "@equipe.test";
        user.post(team, Map.of("email", newcomer, "role", "SIGNER"));
        assertThat(user.get(team).body()).contains("Invitation envoyée", newcomer, "Invitations en attente");
        user.post(team, Map.of("email", newcomer, "role", "SIGNER"));
        List<String> mails = jdbc.sql(
                        "select body from notification.outbox where recipient = ? and kind = 'calls-staff-invitation'")
                .param(newcomer)
                .query(String.class)
                .list();
        assertThat(mails).hasSize(1);
        java.util.regex.Matcher link = java.util.regex.Pattern.compile(
                        "/instruction/invitation\\?jeton=([A-Za-z0-9_-]+)")
                .matcher(mails.getFirst());
        assertThat(link.find()).isTrue();
        String intruderEmail = unique + "-intrus@equipe.test";
        long intruder = fixtures.organizer(intruderEmail);
        WebUser intruderUser = fixtures.signIn(port, intruderEmail);
        assertThat(intruderUser
                        .get("/instruction/invitation?jeton=" + link.group(1))
                        .body())
                .contains("n’est pas ou plus valable");
        assertThat(staff.rolesOf(intruder, programme)).isEmpty();
        long newcomerId = fixtures.organizer(newcomer);
        WebUser newcomerUser = fixtures.signIn(port, newcomer);
        var accepted = newcomerUser.get("/instruction/invitation?jeton=" + link.group(1));
        assertThat(accepted.statusCode()).isIn(302, 303);
        assertThat(accepted.headers().firstValue("Location").orElseThrow())
                .endsWith("/instruction/appels/" + programme);
        assertThat(staff.rolesOf(newcomerId, programme)).containsExactly(Role.SIGNER);
        // used once
        assertThat(newcomerUser
                        .get("/instruction/invitation?jeton=" + link.group(1))
                        .body())
                .contains("n’est pas ou plus valable");
        assertThat(user.get(team).body()).doesNotContain("Invitations en attente");
        // a role that is not one: refused, nothing granted
        user.post(team, Map.of("email", instructorEmail, "role", "APPLICANT"));
        assertThat(staff.rolesOf(instructor, programme)).containsExactly(Role.INSTRUCTOR);

        // the last manager stays
        user.post(team + "/" + manager + "/retirer", Map.of("role", "MANAGER"));
        assertThat(staff.rolesOf(manager, programme)).containsExactly(Role.MANAGER);
        user.post(team + "/" + instructor + "/retirer", Map.of("role", "INSTRUCTOR"));
        assertThat(staff.rolesOf(instructor, programme)).isEmpty();

        // an instructor does not manage the team
        staff.grant(programme, instructor, Role.INSTRUCTOR, manager);
        WebUser other = fixtures.signIn(port, instructorEmail);
        assertThat(other.get(team).statusCode()).isEqualTo(404);
        other.get("/instruction/appels/" + programme);
        assertThat(other.post(team, Map.of("email", instructorEmail, "role", "MANAGER"))
                        .statusCode())
                .isEqualTo(404);
        assertThat(staff.rolesOf(instructor, programme)).containsExactly(Role.INSTRUCTOR);
    }
}
