package fr.essor.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;

import fr.essor.directory.LegalFamily;
import fr.essor.directory.Structures;
import fr.essor.identity.IdentityFixtures;
import fr.essor.identity.Memberships;
import fr.essor.shared.FieldError;
import fr.essor.shared.InvalidInput;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest
class DocumentsTests {

    @Autowired
    Documents documents;

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

    private IdentityFixtures fixtures;
    private long member;
    private long structure;

    @BeforeEach
    void setUp() {
        fixtures = new IdentityFixtures(jdbc);
        member = fixtures.organizer(unique() + "@coffre.test");
        structure = structures
                .register(new Structures.Registration(
                        "Coopérative " + unique(), CallsFixtures.siret(), LegalFamily.COOPERATIVE, "31555", null))
                .id();
        memberships.register(member, structure);
        structures.verify(structure, fixtures.moderator(unique() + "@moderation.test", "76", java.util.Set.of()));
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    static byte[] pdf(int pages) throws IOException {
        try (PDDocument doc = new PDDocument();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (int i = 0; i < pages; i++) {
                doc.addPage(new PDPage());
            }
            doc.save(out);
            return out.toByteArray();
        }
    }

    private static byte[] png() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(20, 10, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }

    private static byte[] encryptedPdf() throws IOException {
        try (PDDocument doc = new PDDocument();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc.addPage(new PDPage());
            StandardProtectionPolicy policy =
                    new StandardProtectionPolicy("proprio", "lecteur", new AccessPermission());
            policy.setEncryptionKeyLength(128);
            doc.protect(policy);
            doc.save(out);
            return out.toByteArray();
        }
    }

    private String refusal(byte[] bytes, String name) {
        try {
            documents.upload(member, structure, "Statuts", null, name, bytes, "statuts");
        } catch (InvalidInput ex) {
            assertThat(ex.errors())
                    .singleElement()
                    .extracting(FieldError::field)
                    .isEqualTo("statuts");
            return ex.errors().getFirst().messageKey();
        }
        throw new AssertionError("accepted: " + name);
    }

    @Test
    void aPdfOrAnImageIsKeptWithWhatItIsByItsContent() throws IOException {
        byte[] three = pdf(3);
        long pdf = documents.upload(
                member, structure, "Statuts", LocalDate.of(2027, 6, 30), "C:\\Documents\\statuts.pdf", three, "f");
        long image = documents.upload(member, structure, "RIB", null, "rib.jpg", png(), "f");
        List<Documents.Document> vault = documents.vault(member, structure);
        assertThat(vault).extracting(Documents.Document::id).containsExactly(image, pdf);
        Documents.Document statuts = vault.get(1);
        assertThat(statuts.mediaType()).isEqualTo("application/pdf");
        assertThat(statuts.pages()).isEqualTo(3);
        assertThat(statuts.filename()).isEqualTo("statuts.pdf");
        assertThat(statuts.validUntil()).isEqualTo(LocalDate.of(2027, 6, 30));
        // a PNG named .jpg is a PNG
        assertThat(vault.get(0).mediaType()).isEqualTo("image/png");
        assertThat(documents.content(pdf, member).orElseThrow().bytes()).isEqualTo(three);
    }

    @Test
    void whatIsNotAReadablePdfOrImageOrIsTooLargeIsRefused() throws IOException {
        assertThat(refusal("bonjour".getBytes(StandardCharsets.UTF_8), "lettre.pdf"))
                .isEqualTo("calls.document.error.type");
        assertThat(refusal("%PDF-1.7 rien de plus".getBytes(StandardCharsets.UTF_8), "faux.pdf"))
                .isEqualTo("calls.document.error.type");
        assertThat(refusal(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0}, "faux.png"))
                .isEqualTo("calls.document.error.type");
        assertThat(refusal(new byte[0], "vide.pdf")).isEqualTo("calls.document.error.empty");
        byte[] large = new byte[Documents.MAX_BYTES + 1];
        System.arraycopy(pdf(1), 0, large, 0, pdf(1).length);
        assertThat(refusal(large, "lourd.pdf")).isEqualTo("calls.document.error.size");
        assertThat(refusal(encryptedPdf(), "protege.pdf")).isEqualTo("calls.document.error.encrypted");
        assertThat(refusal(pdf(Documents.MAX_PAGES + 1), "long.pdf")).isEqualTo("calls.document.error.pages");
        assertThat(documents.vault(member, structure)).isEmpty();
    }

    @Test
    void aStructuresVaultIsItsMembersAndAPersonsOwnIsTheirs() throws IOException {
        long shared = documents.upload(member, structure, "Comptes", null, "comptes.pdf", pdf(1), "f");
        long own = documents.upload(member, null, "CV", null, "cv.pdf", pdf(1), "f");
        long colleague = fixtures.organizer(unique() + "@collegue.test");
        memberships.register(colleague, structure);
        long stranger = fixtures.organizer(unique() + "@inconnu.test");

        assertThat(documents.vault(colleague, structure))
                .extracting(Documents.Document::id)
                .containsExactly(shared);
        assertThat(documents.readable(shared, colleague)).isPresent();
        assertThat(documents.readable(own, colleague)).isEmpty();
        assertThat(documents.vault(member, null))
                .extracting(Documents.Document::id)
                .containsExactly(own);
        assertThat(documents.vault(stranger, structure)).isEmpty();
        assertThat(documents.content(shared, stranger)).isEmpty();
        assertThat(documents.usable(shared, stranger, structure)).isFalse();
        assertThat(documents.usable(own, member, structure)).isFalse();
        assertThatThrownBy(() -> documents.upload(stranger, structure, "Intrus", null, "x.pdf", pdf(1), "f"))
                .isInstanceOfSatisfying(
                        InvalidInput.class,
                        e -> assertThat(e.errors())
                                .containsExactly(new FieldError("f", "calls.document.error.structure")));
    }

    @Test
    void aDossierJoinsOnlyADocumentOfItsStructuresVault() throws IOException {
        FormField statuts = FormField.of("statuts", "Statuts", FieldType.FILE, true);
        long programme = programmes.create(
                CallsFixtures.draft(
                        "coffre-" + unique(),
                        Instant.now().minus(Duration.ofDays(1)),
                        Instant.now().plus(Duration.ofDays(3))),
                new Form(List.of(new FormSection("Pièces", List.of(statuts)))));
        long dossier = dossiers.start(programme, member, structure);
        long mine = documents.upload(member, structure, "Statuts", null, "statuts.pdf", pdf(2), "f");
        long other = fixtures.organizer(unique() + "@ailleurs.test");
        long elsewhere = documents.upload(other, null, "Statuts", null, "statuts.pdf", pdf(2), "f");

        assertThat(dossiers.save(dossier, member, 0, Map.of("statuts", String.valueOf(elsewhere)))
                        .errors())
                .containsExactly(new FieldError("statuts", "calls.answer.file"));
        assertThat(dossiers.save(dossier, member, 1, Map.of("statuts", String.valueOf(mine)))
                        .errors())
                .isEmpty();
        assertThat(dossiers.submit(dossier, member, 2).answers()).containsEntry("statuts", String.valueOf(mine));
    }

    @Test
    void erasureDeletesThePersonsOwnDocumentsThatNoSubmittedDossierJoins(
            @Autowired List<fr.essor.shared.PersonalData> personalData) throws IOException {
        String email = unique() + "@porteur.test";
        long leader = fixtures.organizer(email);
        FormField cv = FormField.of("cv", "CV", FieldType.FILE, true);
        var d = CallsFixtures.draft(
                "incubateur-" + unique(),
                Instant.now().minus(Duration.ofDays(1)),
                Instant.now().plus(Duration.ofDays(3)));
        long programme = programmes.create(
                new Programmes.Draft(
                        d.slug(),
                        d.name(),
                        ProgrammeKind.INCUBATOR,
                        d.owner(),
                        d.summary(),
                        d.description(),
                        d.whoCanApply(),
                        null,
                        d.opensAt(),
                        d.closesAt(),
                        d.documents(),
                        d.retentionMonths(),
                        false,
                        false),
                new Form(List.of(new FormSection("Vous", List.of(cv)))));
        long joined = documents.upload(leader, null, "CV", null, "cv.pdf", pdf(1), "f");
        long loose = documents.upload(leader, null, "Brouillon", null, "notes.pdf", pdf(1), "f");
        long dossier = dossiers.start(programme, leader, null);
        dossiers.save(dossier, leader, 0, Map.of("cv", String.valueOf(joined)));
        dossiers.submit(dossier, leader, 1);
        fr.essor.shared.PersonalData calls = personalData.stream()
                .filter(p -> p.category().equals("dossiers"))
                .findFirst()
                .orElseThrow();
        assertThat(calls.export(email)).extracting(row -> row.get("type")).contains("dossier", "document");
        assertThat(calls.erase(email)).isEqualTo(1);
        assertThat(documents.readable(joined, leader)).isPresent();
        assertThat(documents.readable(loose, leader)).isEmpty();
    }
}
