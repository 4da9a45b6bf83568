package fr.essor.calls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import fr.essor.HttpTestSupport;
import fr.essor.WebUser;
import fr.essor.calls.DossierFlow.Role;
import fr.essor.directory.LegalFamily;
import fr.essor.directory.Structures;
import fr.essor.identity.IdentityFixtures;
import fr.essor.identity.Memberships;

import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A programme's dossiers as XLSX (a sheet per repeatable block, typed cells) and their documents as a ZIP. */
class DossierFilesExportTests extends HttpTestSupport {

    @Autowired
    Dossiers dossiers;

    @Autowired
    Programmes programmes;

    @Autowired
    Staff staff;

    @Autowired
    Structures structures;

    @Autowired
    Memberships memberships;

    @Autowired
    Documents documents;

    @Autowired
    DossierExport export;

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
    void theStaffExportsTypedSheetsAndTheJoinedDocumentsWhileOthersGetNothing() throws Exception {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        IdentityFixtures fixtures = new IdentityFixtures(jdbc);
        long applicant = fixtures.organizer(unique + "@export.test");
        long structure = structures
                .register(new Structures.Registration(
                        "Épicerie " + unique, CallsFixtures.siret(), LegalFamily.ASSOCIATION, "34172", null))
                .id();
        memberships.register(applicant, structure);
        long instructor = fixtures.organizer(unique + "@instruction.test");
        structures.verify(structure, instructor);
        long programme = programmes.create(
                CallsFixtures.draft(
                        "export-" + unique,
                        Instant.now().minus(Duration.ofDays(1)),
                        Instant.now().plus(Duration.ofDays(3))),
                CallsFixtures.form());
        staff.grant(programme, instructor, Role.INSTRUCTOR, instructor);
        byte[] devis = pdf();
        long document = documents.upload(applicant, structure, "Devis", null, "../devis:frigo.pdf", devis, "devis");

        long first = dossiers.start(programme, applicant, structure);
        Map<String, Object> answers = new LinkedHashMap<>();
        answers.put("statut", "Association");
        answers.put("rna", "=HYPERLINK(\"http://x\")");
        answers.put(
                "budget",
                List.of(
                        Map.of("poste", "Chambre froide", "cout", "8 000"),
                        Map.of("poste", "Balance", "cout", "250,50")));
        answers.put("devis", String.valueOf(document));
        dossiers.save(first, applicant, 0, answers);
        String firstReference = dossiers.submit(first, applicant, 1).reference();
        // a second applicant of the same structure, without document
        long other = fixtures.organizer(unique + "@export2.test");
        memberships.register(other, structure);
        long second = dossiers.start(programme, other, structure);
        dossiers.save(
                second,
                other,
                0,
                Map.of("statut", "Coopérative", "budget", List.of(Map.of("poste", "Vitrine", "cout", "1200"))));
        String secondReference = dossiers.submit(second, other, 1).reference();

        ByteArrayOutputStream xlsx = new ByteArrayOutputStream();
        export.xlsx(programme, instructor, xlsx);
        try (ReadableWorkbook book = new ReadableWorkbook(new ByteArrayInputStream(xlsx.toByteArray()))) {
            assertThat(book.getSheets().map(s -> s.getName())).containsExactly("Dossiers", "budget");
            List<Row> rows = book.findSheet("Dossiers").orElseThrow().read();
            assertThat(rows.getFirst().stream().map(c -> c.getText()).toList())
                    .containsExactly(
                            "reference",
                            "etat",
                            "depose_le",
                            "decide_le",
                            "montant_accorde_euros",
                            "statut",
                            "rna",
                            "budget.lignes",
                            "budget.cout.total",
                            "devis");
            assertThat(rows).hasSize(3);
            Row row = rows.get(1);
            assertThat(row.getCellText(0)).isEqualTo(firstReference);
            assertThat(row.getCellText(1)).isEqualTo("SUBMITTED");
            assertThat(row.getCellAsDate(2).orElseThrow())
                    .isCloseTo(LocalDateTime.now(ZoneId.of("Europe/Paris")), within());
            // a text is never a formula in the workbook
            assertThat(row.getCell(6).getType()).isEqualTo(CellType.STRING);
            assertThat(row.getCell(6).getFormula()).isNull();
            assertThat(row.getCellText(6)).isEqualTo("=HYPERLINK(\"http://x\")");
            assertThat(row.getCell(7).getType()).isEqualTo(CellType.NUMBER);
            assertThat(row.getCellAsNumber(7)).hasValue(new BigDecimal("2"));
            assertThat(row.getCellAsNumber(8).orElseThrow()).isEqualByComparingTo("8250.50");
            assertThat(rows.get(2).getCellText(0)).isEqualTo(secondReference);

            List<Row> budget = book.findSheet("budget").orElseThrow().read();
            assertThat(budget.getFirst().stream().map(c -> c.getText()).toList())
                    .containsExactly("reference", "ligne", "poste", "cout");
            assertThat(budget).hasSize(4);
            assertThat(budget.get(2).getCellText(0)).isEqualTo(firstReference);
            assertThat(budget.get(2).getCellAsNumber(1)).hasValue(new BigDecimal("2"));
            assertThat(budget.get(2).getCellText(2)).isEqualTo("Balance");
            assertThat(budget.get(2).getCellAsNumber(3).orElseThrow()).isEqualByComparingTo("250.50");
            assertThat(budget.get(3).getCellText(0)).isEqualTo(secondReference);
        }

        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        assertThat(export.attachments(programme, instructor, zip)).isEqualTo(1);
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.toByteArray()))) {
            ZipEntry entry = in.getNextEntry();
            // no folder climbing, no character a file system refuses
            assertThat(entry.getName()).isEqualTo(firstReference + "/devis-devis_frigo.pdf");
            assertThat(in.readAllBytes()).isEqualTo(devis);
            assertThat(in.getNextEntry()).isNull();
        }

        // over HTTP: the staff downloads both, the applicant and a stranger get 404
        WebUser staffUser = fixtures.signIn(port, unique + "@instruction.test");
        var sheet = staffUser.sendBytes(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(url("/instruction/appels/" + programme + "/dossiers.xlsx")))
                .GET()
                .build());
        assertThat(sheet.statusCode()).isEqualTo(200);
        assertThat(sheet.headers().firstValue("Content-Type").orElseThrow()).contains("spreadsheetml");
        assertThat(ReadableWorkbook.isOOXMLZipHeader(sheet.body())).isTrue();
        var files = staffUser.sendBytes(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(url("/instruction/appels/" + programme + "/pieces.zip")))
                .GET()
                .build());
        assertThat(files.statusCode()).isEqualTo(200);
        WebUser applicantUser = fixtures.signIn(port, unique + "@export.test");
        assertThat(applicantUser
                        .get("/instruction/appels/" + programme + "/dossiers.xlsx")
                        .statusCode())
                .isEqualTo(404);
        assertThat(applicantUser
                        .get("/instruction/appels/" + programme + "/pieces.zip")
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void aDocumentsNameCannotClimbOutOfItsFolderNorNameTwoSheetsAlike() {
        assertThat(DossierExport.safe("../../etc/passwd")).isEqualTo("__.._etc_passwd");
        assertThat(DossierExport.safe("..")).isEqualTo("_");
        assertThat(DossierExport.safe("a\u0000b?.pdf")).isEqualTo("a_b_.pdf");
        var taken = new java.util.HashSet<>(List.of("dossiers"));
        assertThat(DossierExport.sheetName("Dossiers", taken)).isEqualTo("Dossiers_2");
        assertThat(DossierExport.sheetName("cofinanceurs[1]", taken)).isEqualTo("cofinanceurs_1_");
        assertThat(DossierExport.sheetName("x".repeat(40), taken)).hasSize(28);
    }

    private static org.assertj.core.data.TemporalUnitOffset within() {
        return new org.assertj.core.data.TemporalUnitWithinOffset(5, java.time.temporal.ChronoUnit.MINUTES);
    }
}
