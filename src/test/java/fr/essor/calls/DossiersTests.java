package fr.essor.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import fr.essor.calls.DossierFlow.IllegalTransition;
import fr.essor.directory.LegalFamily;
import fr.essor.directory.Structures;
import fr.essor.identity.IdentityFixtures;
import fr.essor.identity.Memberships;
import fr.essor.shared.FieldError;
import fr.essor.shared.InvalidInput;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest
@org.springframework.test.context.event.RecordApplicationEvents
class DossiersTests {

    @Autowired
    org.springframework.test.context.event.ApplicationEvents events;

    @Autowired
    Dossiers dossiers;

    @Autowired
    Programmes programmes;

    @Autowired
    Structures structures;

    @Autowired
    Memberships memberships;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    fr.essor.notification.Notifications notifications;

    @Autowired
    Acknowledgments acknowledgments;

    @Autowired
    Letters letters;

    @Autowired
    java.util.List<fr.essor.shared.PersonalData> personalData;

    private IdentityFixtures fixtures;
    private String email;
    private long applicant;
    private long structure;
    private long programme;

    @BeforeEach
    void setUp() {
        fixtures = new IdentityFixtures(jdbc);
        email = unique() + "@candidat.test";
        applicant = fixtures.organizer(email);
        structure = verifiedStructureOf(applicant);
        programme = programme(
                ProgrammeKind.AID,
                Instant.now().minus(Duration.ofDays(1)),
                Instant.now().plus(Duration.ofDays(5)));
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private long verifiedStructureOf(long account) {
        long id = structures
                .register(new Structures.Registration(
                        "Tiers-lieu " + unique(), CallsFixtures.siret(), LegalFamily.ASSOCIATION, "34172", null))
                .id();
        memberships.register(account, id);
        long moderator = fixtures.moderator(unique() + "@moderation.test", "76", java.util.Set.of());
        structures.verify(id, moderator);
        return id;
    }

    private long programme(ProgrammeKind kind, Instant opens, Instant closes) {
        var d = CallsFixtures.draft("dossiers-" + unique(), opens, closes);
        return programmes.create(
                new Programmes.Draft(
                        d.slug(),
                        d.name(),
                        kind,
                        d.owner(),
                        d.summary(),
                        d.description(),
                        d.whoCanApply(),
                        d.capCents(),
                        d.opensAt(),
                        d.closesAt(),
                        d.documents(),
                        d.retentionMonths(),
                        false,
                        false),
                CallsFixtures.form());
    }

    private static Map<String, Object> complete() {
        return Map.of(
                "statut", "Association",
                "rna", "W343000123",
                "budget",
                        List.of(
                                Map.of("poste", "Matériel", "cout", "1 500"),
                                Map.of("poste", "Formation", "cout", "500")));
    }

    @Test
    void anApplicantHasOneDraftPerProgrammeAndStructure() {
        long first = dossiers.start(programme, applicant, structure);
        assertThat(dossiers.start(programme, applicant, structure)).isEqualTo(first);
        long other = verifiedStructureOf(applicant);
        assertThat(dossiers.start(programme, applicant, other)).isNotEqualTo(first);
        Dossiers.Dossier d = dossiers.ofApplicant(first, applicant).orElseThrow();
        assertThat(d.state()).isEqualTo(DossierFlow.State.DRAFT);
        assertThat(d.formVersion()).isEqualTo(1);
    }

    @Test
    void onlyAVerifiedStructureOfTheApplicantAppliesAndOnlyIncubatorsTakeProjectLeaders() {
        long stranger = fixtures.organizer(unique() + "@autre.test");
        assertThatThrownBy(() -> dossiers.start(programme, stranger, structure))
                .isInstanceOfSatisfying(
                        InvalidInput.class,
                        e -> assertThat(e.errors())
                                .containsExactly(new FieldError("structure", "calls.dossier.error.structure")));
        long unverified = structures
                .register(new Structures.Registration(
                        "Non vérifiée " + unique(), CallsFixtures.siret(), LegalFamily.COOPERATIVE, "31555", null))
                .id();
        memberships.register(applicant, unverified);
        assertThatThrownBy(() -> dossiers.start(programme, applicant, unverified))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> dossiers.start(programme, applicant, null))
                .isInstanceOfSatisfying(
                        InvalidInput.class,
                        e -> assertThat(e.errors())
                                .containsExactly(new FieldError("structure", "calls.dossier.error.structureRequired")));
        long incubator = programme(
                ProgrammeKind.INCUBATOR,
                Instant.now().minus(Duration.ofDays(1)),
                Instant.now().plus(Duration.ofDays(5)));
        assertThat(dossiers.start(incubator, stranger, null)).isPositive();
    }

    @Test
    void aCallNotOpenTakesNoDraft() {
        long upcoming = programme(
                ProgrammeKind.AID,
                Instant.now().plus(Duration.ofDays(2)),
                Instant.now().plus(Duration.ofDays(5)));
        long closed = programme(
                ProgrammeKind.AID,
                Instant.now().minus(Duration.ofDays(5)),
                Instant.now().minus(Duration.ofDays(2)));
        for (long p : new long[] {upcoming, closed}) {
            assertThatThrownBy(() -> dossiers.start(p, applicant, structure))
                    .isInstanceOfSatisfying(
                            InvalidInput.class,
                            e -> assertThat(e.errors())
                                    .containsExactly(new FieldError("programme", "calls.dossier.error.notOpen")));
        }
    }

    @Test
    void aDraftKeepsItsWellFormedAnswersAndAStalePageIsRefused() {
        long id = dossiers.start(programme, applicant, structure);
        AnswerCheck.Checked checked = dossiers.save(id, applicant, 0, Map.of("statut", "Association", "rna", "W1\n2"));
        assertThat(checked.errors()).containsExactly(new FieldError("rna", "calls.answer.text"));
        Dossiers.Dossier d = dossiers.ofApplicant(id, applicant).orElseThrow();
        assertThat(d.answers()).containsOnly(Map.entry("statut", "Association"));
        assertThat(d.revision()).isEqualTo(1);
        assertThatThrownBy(() -> dossiers.save(id, applicant, 0, complete()))
                .isInstanceOfSatisfying(
                        IllegalTransition.class,
                        e -> assertThat(e.messageKey()).isEqualTo("calls.dossier.error.transition"));
    }

    @Test
    void aSubmissionNeedsEveryRequiredAnswerThenGetsItsReferenceAndIsRecorded() {
        long id = dossiers.start(programme, applicant, structure);
        dossiers.save(id, applicant, 0, Map.of("statut", "Association"));
        assertThatThrownBy(() -> dossiers.submit(id, applicant, 1))
                .isInstanceOfSatisfying(
                        InvalidInput.class,
                        e -> assertThat(e.errors())
                                .extracting(FieldError::field)
                                .containsExactlyInAnyOrder("rna", "budget"));
        dossiers.save(id, applicant, 1, complete());
        Dossiers.Dossier submitted = dossiers.submit(id, applicant, 2);
        assertThat(submitted.state()).isEqualTo(DossierFlow.State.SUBMITTED);
        assertThat(submitted.reference())
                .matches("DOSSIERS-[A-Z0-9]{8}-20\\d\\d-\\d{6}")
                .endsWith(String.format("%06d", id));
        assertThat(submitted.submittedAt()).isNotNull();
        assertThat(dossiers.transitions(id)).singleElement().satisfies(t -> {
            assertThat(t.action()).isEqualTo(DossierFlow.Action.SUBMIT);
            assertThat(t.actorId()).isEqualTo(applicant);
        });
        assertThat(events.stream(DossierSubmitted.class)).singleElement().satisfies(e -> {
            assertThat(e.dossierId()).isEqualTo(id);
            assertThat(e.reference()).isEqualTo(submitted.reference());
            assertThat(e.structureId()).isEqualTo(structure);
        });
        // the applicant is told by mail, with the reference and the dossier's page
        assertThat(notifications.localMailbox(5000).stream()
                        .filter(m -> m.to().equals(email) && m.subject().startsWith("Dossier déposé"))
                        .toList())
                .singleElement()
                .satisfies(m -> assertThat(m.body()).contains(submitted.reference(), "/dossiers/" + id));
        // and gets an acknowledgment of receipt: a PDF of one page with the reference and the answers' print
        byte[] pdf = acknowledgments.pdf(submitted);
        // kept beside the pages' screenshots, to be looked at as a person would
        try {
            java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "screenshots"));
            java.nio.file.Files.write(java.nio.file.Path.of("target", "screenshots", "acknowledgment.pdf"), pdf);
        } catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
        try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            assertThat(doc.getNumberOfPages()).isEqualTo(1);
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
            Letters.Letter letter =
                    letters.latest(id, Letters.Kind.ACKNOWLEDGMENT).orElseThrow();
            assertThat(letter.number()).matches("AR-20\\d\\d-\\d{6}");
            assertThat(letter.code()).matches("[A-Z2-7]{16}");
            assertThat(letter.statement())
                    .containsEntry("Référence du dossier", submitted.reference())
                    .containsEntry("Empreinte des réponses (SHA-256)", acknowledgments.fingerprint(submitted));
            assertThat(text)
                    .contains("Accusé de réception", letter.number(), letter.code())
                    .contains("Tiers-lieu");
            // long values wrap in the table's cells
            assertThat(text.replaceAll("\\s", ""))
                    .contains(acknowledgments.fingerprint(submitted), letter.contentSha256());
        } catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
        // once submitted, neither saved nor submitted again
        assertThatThrownBy(() -> dossiers.save(id, applicant, 3, complete())).isInstanceOf(IllegalTransition.class);
        assertThatThrownBy(() -> dossiers.submit(id, applicant, 3))
                .isInstanceOfSatisfying(
                        IllegalTransition.class,
                        e -> assertThat(e.messageKey()).isEqualTo("calls.dossier.error.transition"));
    }

    @Test
    void aDraftIsNotSubmittedOnceTheCallHasClosed() {
        long id = dossiers.start(programme, applicant, structure);
        dossiers.save(id, applicant, 0, complete());
        // the closing instant passes while the applicant writes
        jdbc.sql("update calls.programme set closes_at = now() - interval '1 second' where id = ?")
                .param(programme)
                .update();
        assertThatThrownBy(() -> dossiers.submit(id, applicant, 1))
                .isInstanceOfSatisfying(
                        IllegalTransition.class,
                        e -> assertThat(e.messageKey()).isEqualTo("calls.dossier.error.closed"));
        assertThat(dossiers.ofApplicant(id, applicant).orElseThrow().state()).isEqualTo(DossierFlow.State.DRAFT);
        assertThat(dossiers.transitions(id)).isEmpty();
    }

    @Test
    void anotherPersonNeitherReadsNorWritesADossier() {
        long id = dossiers.start(programme, applicant, structure);
        long stranger = fixtures.organizer(unique() + "@curieux.test");
        assertThat(dossiers.ofApplicant(id, stranger)).isEmpty();
        assertThatThrownBy(() -> dossiers.save(id, stranger, 0, complete()))
                .isInstanceOfSatisfying(
                        IllegalTransition.class,
                        e -> assertThat(e.messageKey()).isEqualTo("calls.dossier.error.unknown"));
        assertThatThrownBy(() -> dossiers.submit(id, stranger, 0)).isInstanceOf(IllegalTransition.class);
        assertThat(dossiers.ofApplicant(id, applicant).orElseThrow().answers()).isEmpty();
    }

    @Test
    void aPersonsExportGivesTheirDossiersAndErasureDeletesTheDraftsAndKeepsTheSubmitted() {
        long draft = dossiers.start(programme, applicant, structure);
        long other = verifiedStructureOf(applicant);
        long submitted = dossiers.start(programme, applicant, other);
        dossiers.save(submitted, applicant, 0, complete());
        dossiers.submit(submitted, applicant, 1);
        fr.essor.shared.PersonalData calls = personalData.stream()
                .filter(p -> p.category().equals("dossiers"))
                .findFirst()
                .orElseThrow();
        assertThat(calls.export(email))
                .filteredOn(row -> "dossier".equals(row.get("type")))
                .extracting(row -> row.get("id"), row -> row.get("etat"))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(String.valueOf(draft), "DRAFT"),
                        org.assertj.core.groups.Tuple.tuple(String.valueOf(submitted), "SUBMITTED"));
        assertThat(calls.export(email).get(1).get("conservation").toString()).contains("120 mois");
        assertThat(calls.erase(email)).isEqualTo(1);
        assertThat(dossiers.ofApplicant(draft, applicant)).isEmpty();
        assertThat(dossiers.ofApplicant(submitted, applicant)).isPresent();
        assertThat(calls.export("personne@inconnue.test")).isEmpty();
    }

    @Test
    void anIneligibleDossierIsNotSubmittedAndTheRulesResultsAreKeptWithTheSubmission() {
        var d = CallsFixtures.draft(
                "eligibilite-" + unique(),
                Instant.now().minus(Duration.ofDays(1)),
                Instant.now().plus(Duration.ofDays(5)));
        Form form = new Form(
                CallsFixtures.form().sections(),
                List.of(
                        new Eligibility.Rule("structureVerifiee == true", "La structure est vérifiée."),
                        new Eligibility.Rule(
                                "structureRegion == '76' and structureFamille == 'association'",
                                "Une association d’Occitanie."),
                        new Eligibility.Rule("statut == 'Association'", "Le dossier est celui d’une association.")));
        long withRules = programmes.create(d, form);
        long id = dossiers.start(withRules, applicant, structure);
        dossiers.save(
                id,
                applicant,
                0,
                Map.of("statut", "Coopérative", "budget", List.of(Map.of("poste", "Local", "cout", "100"))));
        assertThat(dossiers.eligibility(dossiers.ofApplicant(id, applicant).orElseThrow()))
                .extracting(Eligibility.Result::passed)
                .containsExactly(true, true, false);
        assertThatThrownBy(() -> dossiers.submit(id, applicant, 1))
                .isInstanceOfSatisfying(
                        InvalidInput.class,
                        e -> assertThat(e.errors())
                                .containsExactly(new FieldError("eligibility", "calls.dossier.error.ineligible")));
        dossiers.save(id, applicant, 1, complete());
        dossiers.submit(id, applicant, 2);
        String kept = jdbc.sql("select eligibility::text from calls.dossier_transition where dossier_id = ?")
                .param(id)
                .query(String.class)
                .single();
        assertThat(kept).contains("Le dossier est celui d’une association.").doesNotContain("false");
        // a project leader has no structure: its facts are unknown, and the structure's rules fail
        assertThat(dossiers.facts(null))
                .containsEntry("structureVerifiee", false)
                .containsEntry("structureRegion", null);
    }
}
