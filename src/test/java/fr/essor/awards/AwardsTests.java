package fr.essor.awards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import fr.essor.HttpTestSupport;
import fr.essor.WebUser;
import fr.essor.calls.CallsFixtures;
import fr.essor.calls.DossierFlow.Action;
import fr.essor.calls.DossierFlow.Role;
import fr.essor.calls.Dossiers;
import fr.essor.calls.Instruction;
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
 * An aid accepted becomes an award (through the calls' event) with its advance and balance; each payment is
 * requested by the beneficiary, checked by an instructor, validated by a second person with the signing
 * role, and exported for the finance system.
 */
class AwardsTests extends HttpTestSupport {

    @Autowired
    Awards awards;

    @Autowired
    Dossiers dossiers;

    @Autowired
    Programmes programmes;

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
    void anAcceptedAidIsPaidInTwoLevelsAndExported() throws Exception {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        IdentityFixtures fixtures = new IdentityFixtures(jdbc);
        String applicantEmail = "porteur@" + unique + ".test";
        long applicant = fixtures.organizer(applicantEmail);
        String instructorEmail = "instruction@" + unique + ".test";
        long instructor = fixtures.organizer(instructorEmail);
        String signerEmail = "finances@" + unique + ".test";
        long signer = fixtures.organizer(signerEmail);
        long structure = structures
                .register(new Structures.Registration(
                        "Garage solidaire " + unique, CallsFixtures.siret(), LegalFamily.COOPERATIVE, "34172", null))
                .id();
        memberships.register(applicant, structure);
        structures.verify(structure, instructor);
        long programme = programmes.create(
                CallsFixtures.draft(
                        "aide-" + unique,
                        Instant.now().minus(Duration.ofDays(1)),
                        Instant.now().plus(Duration.ofDays(3))),
                CallsFixtures.form());
        staff.grant(programme, instructor, Role.INSTRUCTOR, instructor);
        staff.grant(programme, instructor, Role.SIGNER, instructor);
        staff.grant(programme, signer, Role.SIGNER, instructor);
        long id = dossiers.start(programme, applicant, structure);
        dossiers.save(
                id,
                applicant,
                0,
                Map.of(
                        "statut",
                        "Coopérative",
                        "budget",
                        List.of(Map.of("poste", "Pont élévateur", "cout", "10 000"))));
        dossiers.submit(id, applicant, 1);
        instruction.act(id, instructor, Action.TAKE, null, null, 2);
        instruction.act(id, instructor, Action.ACCEPT, "Utile.", 1_000_000L, 3);

        // the award comes from the calls' event, after the decision's commit
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> awards.ofDossier(id).isPresent());
        Awards.Award award = awards.ofDossier(id).orElse(null);
        assertThat(award).as("the award of the accepted aid").isNotNull();
        assertThat(award.amountCents()).isEqualTo(1_000_000L);
        assertThat(award.beneficiaryName()).isEqualTo("Garage solidaire " + unique);
        List<Awards.Tranche> schedule = awards.schedule(award.id());
        assertThat(schedule).extracting(Awards.Tranche::amountCents).containsExactly(300_000L, 700_000L);
        long advance = schedule.getFirst().id();

        // the beneficiary requests, another person cannot
        long stranger = fixtures.organizer("curieux@" + unique + ".test");
        assertThatThrownBy(() -> awards.request(advance, stranger, "Convention signée."))
                .isInstanceOf(Awards.Refused.class);
        WebUser beneficiary = fixtures.signIn(port, applicantEmail);
        assertThat(beneficiary.get("/dossiers/aides").body())
                .contains("Avance (30 %)", "prévu", "Demander le versement");
        beneficiary.post(
                "/dossiers/aides/tranches/" + advance + "/demander",
                Map.of("evidence", "Convention signée le 2 décembre."));
        assertThat(awards.schedule(award.id()).getFirst().state()).isEqualTo(Awards.State.REQUESTED);

        // first level: an instructor; second level: a signer who did not check it
        assertThatThrownBy(() -> awards.check(advance, signer)).isInstanceOf(Awards.Refused.class);
        awards.check(advance, instructor);
        assertThatThrownBy(() -> awards.validate(advance, instructor))
                .as("the one who checked does not validate")
                .isInstanceOfSatisfying(
                        Awards.Refused.class, e -> assertThat(e.messageKey()).isEqualTo("awards.error.secondPerson"));
        assertThatThrownBy(() -> jdbc.sql(
                                "update awards.tranche set state = 'VALIDATED', validated_by = checked_by where id = ?")
                        .param(advance)
                        .update())
                .as("and the database refuses it too")
                .hasMessageContaining("check");
        WebUser finance = fixtures.signIn(port, signerEmail);
        finance.get("/instruction/appels/" + programme + "/aides");
        finance.post("/instruction/tranches/" + advance + "/valider", Map.of());
        assertThat(awards.schedule(award.id()).getFirst().state()).isEqualTo(Awards.State.VALIDATED);

        // the finance export: the validated payment, stable columns
        var csv = finance.get("/instruction/appels/" + programme + "/versements.csv");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.getFirst())
                .isEqualTo("reference_dossier,beneficiaire,siret,tranche,montant_euros,valide_le,lettre_decision");
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1))
                .contains(
                        award.reference(),
                        "Garage solidaire " + unique,
                        "Avance (30 %)",
                        "3000.00",
                        award.letterNumber());
        // not for the beneficiary
        assertThat(beneficiary
                        .get("/instruction/appels/" + programme + "/versements.csv")
                        .statusCode())
                .isEqualTo(404);
    }
}
