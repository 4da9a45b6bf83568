package fr.essor.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import fr.essor.HttpTestSupport;
import fr.essor.WebUser;
import fr.essor.calls.DossierFlow.Action;
import fr.essor.calls.DossierFlow.IllegalTransition;
import fr.essor.calls.DossierFlow.Role;
import fr.essor.directory.LegalFamily;
import fr.essor.directory.Structures;
import fr.essor.identity.IdentityFixtures;
import fr.essor.identity.Memberships;
import fr.essor.shared.InvalidInput;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Routing to instructor groups and what each member of staff sees: an instructor of group G against one of
 * group H, one in no group, a signer; the reassignment by the manager, in the trail.
 */
class RoutingTests extends HttpTestSupport {

    @Autowired
    Dossiers dossiers;

    @Autowired
    Programmes programmes;

    @Autowired
    Instruction instruction;

    @Autowired
    Routing routing;

    @Autowired
    Staff staff;

    @Autowired
    Structures structures;

    @Autowired
    Memberships memberships;

    @Autowired
    DossierExport export;

    @Autowired
    Experts experts;

    @Autowired
    ApiTokens tokens;

    @Autowired
    JdbcClient jdbc;

    private long submitted(long programme, IdentityFixtures fixtures, String unique, String commune, long verifier) {
        long applicant = fixtures.organizer(UUID.randomUUID().toString().substring(0, 8) + "@" + unique + ".test");
        long structure = structures
                .register(new Structures.Registration(
                        "Tiers-lieu " + commune + " " + unique,
                        CallsFixtures.siret(),
                        LegalFamily.COOPERATIVE,
                        commune,
                        null))
                .id();
        memberships.register(applicant, structure);
        structures.verify(structure, verifier);
        long id = dossiers.start(programme, applicant, structure);
        dossiers.save(
                id,
                applicant,
                0,
                Map.of("statut", "Coopérative", "budget", List.of(Map.of("poste", "Local", "cout", "700"))));
        dossiers.submit(id, applicant, 1);
        return id;
    }

    private long total(long programme, long who) {
        return instruction
                .list(programme, who, Set.of(), null, Instruction.Sort.SUBMITTED, 1, 50)
                .total();
    }

    @Test
    void eachInstructorSeesTheDossiersOfTheirGroupsAndTheManagerReassigns() {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        IdentityFixtures fixtures = new IdentityFixtures(jdbc);
        long manager = fixtures.organizer("gestion@" + unique + ".test");
        long g = fixtures.organizer("herault@" + unique + ".test");
        long h = fixtures.organizer("autres@" + unique + ".test");
        long anyone = fixtures.organizer("tous@" + unique + ".test");
        long signer = fixtures.organizer("signature@" + unique + ".test");
        long programme = programmes.create(
                CallsFixtures.draft(
                        "routage-" + unique,
                        Instant.now().minus(Duration.ofDays(1)),
                        Instant.now().plus(Duration.ofDays(3))),
                CallsFixtures.form());
        staff.grant(programme, manager, Role.MANAGER, manager);
        for (long i : List.of(g, h, anyone)) {
            staff.grant(programme, i, Role.INSTRUCTOR, manager);
        }
        staff.grant(programme, signer, Role.SIGNER, manager);
        Form form = programmes.currentForm(programme).form();

        // rules are conditions over the form's keys and the registry's facts; only the manager makes groups
        assertThatThrownBy(() -> routing.create(programme, manager, false, "Mauvais", "T(java.lang.Runtime)", form))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> routing.create(programme, manager, false, "Inconnu", "inconnu == 1", form))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> routing.create(programme, g, false, "Hérault", null, form))
                .isInstanceOf(IllegalTransition.class);
        long herault = routing.create(programme, manager, false, "Hérault", "structureDepartement == '34'", form);
        long autres = routing.create(programme, manager, false, "Autres", "", form);
        assertThatThrownBy(() -> routing.create(programme, manager, false, "hérault", null, form))
                .isInstanceOf(InvalidInput.class);
        routing.join(herault, g, manager, false);
        routing.join(autres, h, manager, false);
        assertThatThrownBy(() -> routing.join(herault, signer, manager, false))
                .as("a signer is not an instructor")
                .isInstanceOf(InvalidInput.class);

        long verifier = fixtures.moderator("verif@" + unique + ".test", "76", Set.of());
        long montpellier = submitted(programme, fixtures, unique, "34172", verifier);
        long toulouse = submitted(programme, fixtures, unique, "31555", verifier);
        assertThat(dossiers.byId(montpellier).orElseThrow().groupId()).isEqualTo(herault);
        assertThat(dossiers.byId(toulouse).orElseThrow().groupId()).isEqualTo(autres);

        assertThat(instruction.dossier(montpellier, g)).isPresent();
        assertThat(instruction.dossier(toulouse, g)).isEmpty();
        assertThat(instruction.dossier(toulouse, h)).isPresent();
        assertThat(instruction.dossier(montpellier, h)).isEmpty();
        for (long all : List.of(anyone, signer, manager)) {
            assertThat(instruction.dossier(montpellier, all)).isPresent();
            assertThat(instruction.dossier(toulouse, all)).isPresent();
            assertThat(total(programme, all)).isEqualTo(2);
        }
        assertThat(total(programme, g)).isEqualTo(1);
        assertThat(total(programme, h)).isEqualTo(1);
        // nor act, nor export, nor ask an expert, nor read through a token outside one's group
        assertThatThrownBy(() -> instruction.act(toulouse, g, Action.TAKE, null, null, 2))
                .isInstanceOf(IllegalTransition.class);
        StringWriter csv = new StringWriter();
        export.write(programme, g, csv);
        assertThat(csv.toString().lines()).hasSize(2);
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        export.attachments(programme, g, zip);
        instruction.act(toulouse, h, Action.TAKE, null, null, 2);
        assertThatThrownBy(() -> experts.invite(
                        toulouse,
                        g,
                        "expert@" + unique + ".test",
                        "?",
                        LocalDate.now().plusDays(3)))
                .isInstanceOf(IllegalTransition.class);
        String token = tokens.create(g, "Suivi", Set.of(programme)).secret();
        assertThat(get("/api/v1/staff/dossiers/" + toulouse, "Authorization", "Bearer " + token)
                        .statusCode())
                .isEqualTo(404);
        assertThat(get("/api/v1/staff/programmes/" + programme + "/dossiers", "Authorization", "Bearer " + token)
                        .body())
                .contains("\"totalItems\":1");
        WebUser gUser = fixtures.signIn(port, "herault@" + unique + ".test");
        assertThat(gUser.get("/instruction/dossiers/" + toulouse).statusCode()).isEqualTo(404);
        assertThat(gUser.get("/instruction/dossiers/" + montpellier).body()).contains("Hérault");

        // the manager reassigns, with a reason: it moves from one group's view to the other's
        assertThatThrownBy(() -> routing.reassign(toulouse, herault, g, false, "Je le prends."))
                .isInstanceOf(IllegalTransition.class);
        assertThatThrownBy(() -> routing.reassign(toulouse, herault, manager, false, " "))
                .isInstanceOf(InvalidInput.class);
        WebUser managerUser = fixtures.signIn(port, "gestion@" + unique + ".test");
        var moved = managerUser.submit(
                "/instruction/dossiers/" + toulouse,
                "/instruction/dossiers/" + toulouse + "/groupe",
                Map.of("groupe", String.valueOf(herault), "reason", "Projet porté avec l’Hérault."));
        assertThat(moved.statusCode()).isIn(302, 303);
        assertThat(instruction.dossier(toulouse, g)).isPresent();
        assertThat(instruction.dossier(toulouse, h)).isEmpty();
        assertThat(managerUser
                        .get("/instruction/dossiers/" + toulouse + "/journal.csv")
                        .body())
                .contains("ROUTING", "group " + autres + " Autres", "Projet porté avec l’Hérault.");
        // the team's page shows the groups and their rule
        assertThat(managerUser
                        .get("/instruction/appels/" + programme + "/equipe")
                        .body())
                .contains("Groupes d’instruction", "structureDepartement == &#39;34&#39;", "Autres");
    }
}
