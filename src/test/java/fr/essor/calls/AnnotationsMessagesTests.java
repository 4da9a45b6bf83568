package fr.essor.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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

/** The staff's private annotations, which a decision waits for, and the message thread of a dossier. */
class AnnotationsMessagesTests extends HttpTestSupport {

    @Autowired
    Dossiers dossiers;

    @Autowired
    Programmes programmes;

    @Autowired
    Instruction instruction;

    @Autowired
    Annotations annotations;

    @Autowired
    Messages messages;

    @Autowired
    Staff staff;

    @Autowired
    Structures structures;

    @Autowired
    Memberships memberships;

    @Autowired
    JdbcClient jdbc;

    private static byte[] pdf() throws Exception {
        try (var doc = new org.apache.pdfbox.pdmodel.PDDocument();
                var out = new ByteArrayOutputStream()) {
            doc.addPage(new org.apache.pdfbox.pdmodel.PDPage());
            doc.save(out);
            return out.toByteArray();
        }
    }

    @Test
    void aRequiredAnnotationBlocksTheDecisionAndNoneIsShownToTheApplicant() throws Exception {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        IdentityFixtures fixtures = new IdentityFixtures(jdbc);
        String applicantEmail = "porteur@" + unique + ".test";
        long applicant = fixtures.organizer(applicantEmail);
        long structure = structures
                .register(new Structures.Registration(
                        "Cantine " + unique, CallsFixtures.siret(), LegalFamily.COOPERATIVE, "34172", null))
                .id();
        memberships.register(applicant, structure);
        String instructorEmail = "instruction@" + unique + ".test";
        long instructor = fixtures.organizer(instructorEmail);
        structures.verify(structure, instructor);
        long programme = programmes.create(
                CallsFixtures.draft(
                        "notes-" + unique,
                        Instant.now().minus(Duration.ofDays(1)),
                        Instant.now().plus(Duration.ofDays(3))),
                CallsFixtures.form());
        staff.grant(programme, instructor, Role.INSTRUCTOR, instructor);
        assertThatThrownBy(() ->
                        annotations.define(programme, List.of(FormField.of("piece", "Pièce", FieldType.FILE, false))))
                .isInstanceOf(InvalidInput.class);
        annotations.define(
                programme,
                List.of(
                        new FormField(
                                "avis",
                                "Avis du comité",
                                FieldType.CHOICE,
                                true,
                                null,
                                List.of("Favorable", "Défavorable"),
                                null,
                                null,
                                null,
                                List.of()),
                        FormField.of("note", "Note confidentielle", FieldType.NUMBER, false)));
        long id = dossiers.start(programme, applicant, structure);
        dossiers.save(
                id,
                applicant,
                0,
                Map.of("statut", "Coopérative", "budget", List.of(Map.of("poste", "Fourneau", "cout", "2 000"))));
        dossiers.submit(id, applicant, 1);
        instruction.act(id, instructor, Action.TAKE, null, null, 2);

        WebUser staffUser = fixtures.signIn(port, instructorEmail);
        assertThat(staffUser.get("/instruction/dossiers/" + id).body())
                .contains("Annotations privées", "À remplir avant toute décision\u00a0: Avis du comité.");
        assertThatThrownBy(() -> instruction.act(id, instructor, Action.ACCEPT, "Bien.", 100_000L, 3))
                .isInstanceOfSatisfying(
                        IllegalTransition.class,
                        e -> assertThat(e.messageKey()).isEqualTo("calls.dossier.error.annotations"));
        // a malformed value is refused and reported, the well-formed one kept
        staffUser.post(
                "/instruction/dossiers/" + id + "/annotations", Map.of("a.avis", "Favorable", "a.note", "dix-sept"));
        assertThat(annotations.values(id)).containsOnlyKeys("avis");
        assertThat(staffUser.get("/instruction/dossiers/" + id).body()).contains("aria-invalid=\"true\"");
        staffUser.post("/instruction/dossiers/" + id + "/annotations", Map.of("a.avis", "Favorable", "a.note", "17,5"));
        assertThat(annotations.values(id)).containsEntry("note", "17.5");
        assertThat(annotations.missing(dossiers.byId(id).orElseThrow())).isEmpty();

        // the applicant never sees them, nor can write them
        WebUser applicantUser = fixtures.signIn(port, applicantEmail);
        String page = applicantUser.get("/dossiers/" + id).body();
        assertThat(page).doesNotContain("Note confidentielle", "17.5", "Annotations privées");
        applicantUser.post("/instruction/dossiers/" + id + "/annotations", Map.of("a.avis", "Défavorable"));
        assertThat(annotations.values(id)).containsEntry("avis", "Favorable");

        instruction.act(id, instructor, Action.ACCEPT, "Bien.", 100_000L, 3);
        assertThat(staffUser.get("/instruction/dossiers/" + id + "/journal.csv").body())
                .contains("ANNOTATION", "avis", "note");
    }

    @Test
    void theApplicantAndTheStaffWriteToEachOtherWithDocumentsAndNobodyElseReadsThem() throws Exception {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        IdentityFixtures fixtures = new IdentityFixtures(jdbc);
        String applicantEmail = "porteuse@" + unique + ".test";
        long applicant = fixtures.organizer(applicantEmail);
        long structure = structures
                .register(new Structures.Registration(
                        "Laverie " + unique, CallsFixtures.siret(), LegalFamily.COOPERATIVE, "34172", null))
                .id();
        memberships.register(applicant, structure);
        String instructorEmail = "instruction@" + unique + ".test";
        long instructor = fixtures.organizer(instructorEmail);
        structures.verify(structure, instructor);
        long programme = programmes.create(
                CallsFixtures.draft(
                        "fil-" + unique,
                        Instant.now().minus(Duration.ofDays(1)),
                        Instant.now().plus(Duration.ofDays(3))),
                CallsFixtures.form());
        staff.grant(programme, instructor, Role.INSTRUCTOR, instructor);
        long id = dossiers.start(programme, applicant, structure);
        dossiers.save(
                id,
                applicant,
                0,
                Map.of("statut", "Coopérative", "budget", List.of(Map.of("poste", "Machines", "cout", "5 000"))));
        Dossiers.Dossier draft = dossiers.byId(id).orElseThrow();
        assertThatThrownBy(() -> messages.post(draft, applicant, false, "Bonjour", null))
                .isInstanceOf(InvalidInput.class);
        dossiers.submit(id, applicant, 1);

        // the applicant writes with a document
        WebUser applicantUser = fixtures.signIn(port, applicantEmail);
        applicantUser.get("/dossiers/" + id);
        var sent = applicantUser.postFile(
                "/dossiers/" + id + "/messages",
                Map.of("body", "Voici le devis des machines."),
                "piece",
                "devis.pdf",
                "application/pdf",
                pdf());
        assertThat(sent.statusCode()).isIn(302, 303);
        // the redirection followed, as a browser does
        assertThat(applicantUser.get("/dossiers/" + id).body()).contains("Message envoyé.");
        List<Messages.Message> thread = messages.thread(id);
        assertThat(thread).singleElement().satisfies(m -> {
            assertThat(m.fromStaff()).isFalse();
            assertThat(m.documentId()).isNotNull();
        });
        long first = thread.getFirst().id();
        // an empty message is refused with its French message
        var blank = applicantUser.post("/dossiers/" + id + "/messages", Map.of("body", "  "));
        assertThat(blank.statusCode()).as(blank.body()).isIn(302, 303);
        assertThat(applicantUser.get("/dossiers/" + id).body()).contains("Écrivez votre message");
        assertThat(messages.thread(id)).hasSize(1);

        // the staff reads and downloads it, answers; the applicant is mailed a notice without the text
        WebUser staffUser = fixtures.signIn(port, instructorEmail);
        assertThat(staffUser.get("/instruction/dossiers/" + id).body())
                .contains("Voici le devis des machines.", "Le porteur du dossier");
        var piece = staffUser.sendBytes(
                HttpRequest.newBuilder(URI.create(url("/instruction/dossiers/" + id + "/messages/" + first + "/piece")))
                        .GET()
                        .build());
        assertThat(piece.statusCode()).isEqualTo(200);
        assertThat(new String(piece.body(), 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1))
                .isEqualTo("%PDF-");
        staffUser.post("/instruction/dossiers/" + id + "/messages", Map.of("body", "Merci, le devis est complet."));
        assertThat(applicantUser.get("/dossiers/" + id).body())
                .contains("Merci, le devis est complet.", "L’équipe de l’appel");
        assertThat(jdbc.sql("select body from notification.outbox where recipient = ? and kind = 'calls-message'")
                        .param(applicantEmail)
                        .query(String.class)
                        .list())
                .singleElement()
                .satisfies(body -> assertThat(body)
                        .contains("/dossiers/" + id + "#messages")
                        .doesNotContain("le devis est complet"));

        // nobody else reads nor writes
        String otherEmail = "curieux@" + unique + ".test";
        fixtures.organizer(otherEmail);
        WebUser other = fixtures.signIn(port, otherEmail);
        assertThat(other.get("/dossiers/" + id + "/messages/" + first + "/piece")
                        .statusCode())
                .isEqualTo(404);
        assertThat(other.get("/instruction/dossiers/" + id + "/messages/" + first + "/piece")
                        .statusCode())
                .isEqualTo(404);
        other.get("/dossiers");
        assertThat(other.post("/dossiers/" + id + "/messages", Map.of("body", "Coucou"))
                        .statusCode())
                .isEqualTo(404);
        assertThat(messages.thread(id)).hasSize(2);
        // a message's document is read through its own dossier only
        assertThat(applicantUser
                        .get("/dossiers/" + (id + 1_000_000) + "/messages/" + first + "/piece")
                        .statusCode())
                .isEqualTo(404);
        assertThat(staffUser.get("/instruction/dossiers/" + id + "/journal.csv").body())
                .contains("MESSAGE", "from the applicant with document", "from the staff");
    }
}
