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

    /** The people and the award of one accepted aid. */
    record Accepted(
            String unique,
            IdentityFixtures fixtures,
            String applicantEmail,
            long applicant,
            long instructor,
            String signerEmail,
            long signer,
            long programme,
            long dossier) {}

    /** A programme, its staff, a dossier accepted for 10,000 €, and the award that follows. */
    private Accepted accepted() {
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
        return new Accepted(
                unique, fixtures, applicantEmail, applicant, instructor, signerEmail, signer, programme, id);
    }

    @Test
    void anAcceptedAidIsPaidInTwoLevelsAndExported() throws Exception {
        Accepted accepted = accepted();
        String unique = accepted.unique();
        IdentityFixtures fixtures = accepted.fixtures();
        String applicantEmail = accepted.applicantEmail();
        long applicant = accepted.applicant();
        long instructor = accepted.instructor();
        String signerEmail = accepted.signerEmail();
        long signer = accepted.signer();
        long programme = accepted.programme();
        long id = accepted.dossier();
        Awards.Award award = awards.ofDossier(id).orElse(null);
        assertThat(award).as("the award of the accepted aid").isNotNull();
        assertThat(award.amountCents()).isEqualTo(1_000_000L);
        assertThat(award.beneficiaryName()).isEqualTo("Garage solidaire " + unique);
        List<Awards.Tranche> schedule = awards.schedule(award.id());
        assertThat(schedule).extracting(Awards.Tranche::amountCents).containsExactly(300_000L, 700_000L);
        long advance = schedule.getFirst().id();

        // the beneficiary requests, another person cannot
        long stranger = fixtures.organizer("curieux@" + unique + ".test");
        assertThatThrownBy(() -> awards.request(advance, stranger, "Convention signée.", null))
                .isInstanceOf(Awards.Refused.class);
        // not before the agreement is signed
        assertThatThrownBy(() -> awards.request(advance, applicant, "Convention signée.", null))
                .isInstanceOfSatisfying(
                        Awards.Refused.class, e -> assertThat(e.messageKey()).isEqualTo("awards.error.unsigned"));
        assertThatThrownBy(() -> awards.signAgreement(award.id(), stranger)).isInstanceOf(Awards.Refused.class);
        WebUser beneficiary = fixtures.signIn(port, applicantEmail);
        assertThat(beneficiary.get("/dossiers/aides").body())
                .contains("Avance (30\u00a0%)", "prévu", "Je signe la convention")
                .doesNotContain("Demander le versement");
        var agreement = beneficiary.getBytes("/dossiers/aides/" + award.id() + "/convention.pdf");
        assertThat(agreement.statusCode()).isEqualTo(200);
        assertThat(agreement.body())
                .as("the same award, the same agreement")
                .isEqualTo(beneficiary
                        .getBytes("/dossiers/aides/" + award.id() + "/convention.pdf")
                        .body());
        try (var pdf = org.apache.pdfbox.Loader.loadPDF(agreement.body())) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(pdf);
            // a line may break inside a reference: compared without spaces, the unbreakable ones too
            assertThat(text.replaceAll("[\\s\\u00a0]+", ""))
                    .contains("CONV-" + award.reference(), "Garagesolidaire" + unique, "10000€", "3000€", "7000€");
        }
        assertThat(fixtures.signIn(port, "curieux@" + unique + ".test")
                        .getBytes("/dossiers/aides/" + award.id() + "/convention.pdf")
                        .statusCode())
                .isEqualTo(404);
        beneficiary.post("/dossiers/aides/" + award.id() + "/signer", Map.of());
        assertThat(awards.byId(award.id()).orElseThrow().agreementSignedAt()).isNotNull();
        assertThat(beneficiary.get("/dossiers/aides").body()).contains("Demander le versement");
        beneficiary.postFile(
                "/dossiers/aides/tranches/" + advance + "/demander",
                Map.of("evidence", "Convention signée le 2 décembre."),
                "document",
                "convention.pdf",
                "application/pdf",
                CallsFixtures.pdf());
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
        // the evidence document, for the call's staff only
        assertThat(finance.getBytes("/instruction/tranches/" + advance + "/justificatif")
                        .statusCode())
                .isEqualTo(200);
        assertThat(beneficiary
                        .getBytes("/instruction/tranches/" + advance + "/justificatif")
                        .statusCode())
                .isEqualTo(404);

        // an overpaid amount recorded for recovery: never more than what was paid
        assertThatThrownBy(() -> awards.recordRecovery(award.id(), instructor, 300_001L, "Trop versé."))
                .isInstanceOf(fr.essor.shared.InvalidInput.class);
        assertThatThrownBy(() -> awards.recordRecovery(award.id(), stranger, 50_000L, "Trop versé."))
                .isInstanceOf(Awards.Refused.class);
        awards.recordRecovery(award.id(), instructor, 50_000L, "Dépenses non justifiées.");
        assertThatThrownBy(() -> awards.recordRecovery(award.id(), instructor, 250_001L, "Encore."))
                .as("what remains recoverable is what was paid less what was recorded")
                .isInstanceOf(fr.essor.shared.InvalidInput.class);
        List<String> withRecovery = finance.get("/instruction/appels/" + programme + "/versements.csv")
                .body()
                .lines()
                .toList();
        assertThat(withRecovery).hasSize(3);
        assertThat(withRecovery.get(2)).contains("Reversement : Dépenses non justifiées.", "-500.00");

        // not for the beneficiary
        assertThat(beneficiary
                        .get("/instruction/appels/" + programme + "/versements.csv")
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void aMilestoneSplitsTheBalanceAndAMissedOneLapsesTheAwardAfterItsNotice() {
        Accepted accepted = accepted();
        Awards.Award award = awards.ofDossier(accepted.dossier()).orElseThrow();
        List<Awards.Tranche> schedule = awards.schedule(award.id());
        assertThat(schedule).extracting(Awards.Tranche::dueOn).doesNotContainNull();
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Paris"));

        // a milestone taken from the balance, due before it; the total stays the same
        assertThatThrownBy(() -> awards.addMilestone(
                        award.id(), accepted.instructor(), "Étape", "Rapport d'étape", 700_000L, today.plusMonths(6)))
                .as("not the whole balance")
                .isInstanceOf(fr.essor.shared.InvalidInput.class);
        assertThatThrownBy(() -> awards.addMilestone(
                        award.id(), accepted.instructor(), "Étape", "Rapport d'étape", 200_000L, today.plusYears(3)))
                .as("not after the balance")
                .isInstanceOf(fr.essor.shared.InvalidInput.class);
        assertThatThrownBy(() -> awards.addMilestone(
                        award.id(), accepted.applicant(), "Étape", "Rapport d'étape", 200_000L, today.plusMonths(6)))
                .isInstanceOf(Awards.Refused.class);
        awards.addMilestone(
                award.id(),
                accepted.instructor(),
                "Tranche intermédiaire",
                "Rapport d'étape",
                200_000L,
                today.plusMonths(6));
        assertThat(awards.schedule(award.id()))
                .extracting(Awards.Tranche::label, Awards.Tranche::amountCents)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Avance (30 %)", 300_000L),
                        org.assertj.core.groups.Tuple.tuple("Tranche intermédiaire", 200_000L),
                        org.assertj.core.groups.Tuple.tuple("Solde", 500_000L));

        // the advance's date passes without a request: a notice, once, then the award lapses after its date
        long advance = awards.schedule(award.id()).getFirst().id();
        jdbc.sql("update awards.tranche set due_on = ? where id = ?")
                .params(java.sql.Date.valueOf(today.minusDays(1)), advance)
                .update();
        awards.watchMilestones();
        awards.watchMilestones();
        assertThat(notices(accepted.applicantEmail(), "awards-milestone-notice"))
                .isEqualTo(1);
        Awards.Tranche noticed = awards.schedule(award.id()).getFirst();
        assertThat(noticed.lapsesOn()).isEqualTo(today.plusDays(30));
        assertThat(awards.byId(award.id()).orElseThrow().state()).isEqualTo(Awards.AwardState.ACTIVE);
        jdbc.sql("update awards.tranche set lapses_on = ? where id = ?")
                .params(java.sql.Date.valueOf(today.minusDays(1)), advance)
                .update();
        awards.watchMilestones();
        assertThat(awards.byId(award.id()).orElseThrow().state()).isEqualTo(Awards.AwardState.LAPSED);
        assertThat(awards.schedule(award.id()))
                .extracting(Awards.Tranche::state)
                .containsOnly(Awards.State.CANCELLED);
        assertThat(notices(accepted.applicantEmail(), "awards-lapsed")).isEqualTo(1);
        assertThatThrownBy(() -> awards.signAgreement(award.id(), accepted.applicant()))
                .as("a lapsed award's agreement is not signed any more")
                .isInstanceOf(Awards.Refused.class);
        awards.watchMilestones();
        assertThat(notices(accepted.applicantEmail(), "awards-lapsed")).isEqualTo(1);
    }

    private long notices(String email, String kind) {
        return jdbc.sql("select count(*) from notification.outbox where recipient = ? and kind = ?")
                .params(email, kind)
                .query(Long.class)
                .single();
    }
}
