package fr.essor.calls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.Map;
import java.util.UUID;

import fr.essor.HttpTestSupport;
import fr.essor.calls.DossierFlow.Action;
import fr.essor.calls.DossierFlow.Role;
import fr.essor.directory.LegalFamily;
import fr.essor.directory.Structures;
import fr.essor.identity.IdentityFixtures;
import fr.essor.identity.Memberships;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A call words its decision letters with a template of its own; the others use the common one. */
class LetterTemplatesTests extends HttpTestSupport {

    @Autowired
    Dossiers dossiers;

    @Autowired
    Programmes programmes;

    @Autowired
    Instruction instruction;

    @Autowired
    Acknowledgments acknowledgments;

    @Autowired
    Documents documents;

    @Autowired
    Staff staff;

    @Autowired
    Structures structures;

    @Autowired
    Memberships memberships;

    @Autowired
    JdbcClient jdbc;

    @Test
    void thePrixLettersAreTheJurysAndTheOthersTheCommonOnes() throws Exception {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        IdentityFixtures fixtures = new IdentityFixtures(jdbc);
        long applicant = fixtures.organizer("candidate@" + unique + ".test");
        long instructor = fixtures.organizer("jury@" + unique + ".test");
        long structure = structures
                .register(new Structures.Registration(
                        "Ressourcerie " + unique, CallsFixtures.siret(), LegalFamily.ASSOCIATION, "34172", null))
                .id();
        memberships.register(applicant, structure);
        structures.verify(structure, instructor);
        Programme prix = programmes.bySlug("prix-regionaux-ess").orElseThrow();
        staff.grant(prix.id(), instructor, Role.INSTRUCTOR, instructor);
        byte[] pdf;
        try (var doc = new org.apache.pdfbox.pdmodel.PDDocument();
                var out = new ByteArrayOutputStream()) {
            doc.addPage(new org.apache.pdfbox.pdmodel.PDPage());
            doc.save(out);
            pdf = out.toByteArray();
        }
        long document = documents.upload(applicant, structure, "Présentation", null, "presentation.pdf", pdf, "x");
        long id = dossiers.start(prix.id(), applicant, structure);
        dossiers.save(
                id,
                applicant,
                0,
                Map.of(
                        "categorie", "Utilité sociale",
                        "titre", "Des vélos pour tous",
                        "resume", "Un atelier de réparation ouvert à tous.",
                        "presentation", String.valueOf(document)));
        dossiers.submit(id, applicant, 1);
        instruction.act(id, instructor, Action.TAKE, null, null, 2);
        instruction.act(id, instructor, Action.ACCEPT, "Lauréat de la catégorie.", null, 3);
        Dossiers.Dossier decided = dossiers.byId(id).orElseThrow();
        String decision =
                text(acknowledgments.pdf(decided, Letters.Kind.DECISION).orElseThrow());
        assertThat(decision)
                .contains("Le jury des Prix régionaux de l’ESS a délibéré")
                .doesNotContain("recours gracieux");
        // the acknowledgment, and another call's letters, keep the common wording
        assertThat(text(acknowledgments.pdf(decided))).contains("avant la clôture de l’appel");
        assertThat(Acknowledgments.template(programmes.bySlug("pass-occitanie").orElseThrow()))
                .isEqualTo("calls/letter-pdf");
    }

    private static String text(byte[] pdf) throws Exception {
        try (var doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
        }
    }
}
