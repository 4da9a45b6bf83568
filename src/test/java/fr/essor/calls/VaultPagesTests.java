package fr.essor.calls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import fr.essor.HttpTestSupport;
import fr.essor.WebUser;
import fr.essor.directory.LegalFamily;
import fr.essor.directory.Structures;
import fr.essor.identity.IdentityFixtures;
import fr.essor.identity.Memberships;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The vault's page: documents with a validity date, an expired one no longer joined, a loose one deleted. */
class VaultPagesTests extends HttpTestSupport {

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

    private static byte[] pdf() throws Exception {
        try (var doc = new org.apache.pdfbox.pdmodel.PDDocument();
                var out = new ByteArrayOutputStream()) {
            doc.addPage(new org.apache.pdfbox.pdmodel.PDPage());
            doc.save(out);
            return out.toByteArray();
        }
    }

    @Test
    void aMemberKeepsTheStructuresDocumentsWithTheirValidity() throws Exception {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        IdentityFixtures fixtures = new IdentityFixtures(jdbc);
        String email = "tresorier@" + unique + ".test";
        long member = fixtures.organizer(email);
        long structure = structures
                .register(new Structures.Registration(
                        "Recyclerie " + unique, CallsFixtures.siret(), LegalFamily.COOPERATIVE, "34172", null))
                .id();
        memberships.register(member, structure);
        structures.verify(structure, member);

        WebUser user = fixtures.signIn(port, email);
        assertThat(user.get("/dossiers/coffre").body())
                .contains("Coffre de «\u00a0Recyclerie " + unique, "Mon coffre personnel");
        String yesterday = LocalDate.now().minusDays(1).toString();
        var added = user.postFile(
                "/dossiers/coffre",
                Map.of("coffre", String.valueOf(structure), "label", "Attestation URSSAF", "validite", yesterday),
                "document",
                "urssaf.pdf",
                "application/pdf",
                pdf());
        assertThat(added.statusCode()).isIn(302, 303);
        assertThat(user.get("/dossiers/coffre").body()).contains("Attestation URSSAF — urssaf.pdf", "expiré le");
        // a file that is not what it claims is refused with its French message
        user.postFile(
                "/dossiers/coffre",
                Map.of("coffre", "", "label", "Faux", "validite", ""),
                "document",
                "faux.pdf",
                "application/pdf",
                "ceci n'est pas un PDF".getBytes());
        assertThat(user.get("/dossiers/coffre").body()).doesNotContain("Faux — faux.pdf");

        Documents.Document expired = documents.vault(member, structure).getFirst();
        assertThat(documents.usable(expired.id(), member, structure)).isFalse();
        long valid = documents.upload(
                member, structure, "Statuts", LocalDate.now().plusYears(1), "statuts.pdf", pdf(), "document");
        assertThat(documents.usable(valid, member, structure)).isTrue();

        // an expired document cannot be joined to a dossier
        long programme = programmes.create(
                CallsFixtures.draft(
                        "coffre-" + unique,
                        Instant.now().minus(Duration.ofDays(1)),
                        Instant.now().plus(Duration.ofDays(3))),
                CallsFixtures.form());
        long dossier = dossiers.start(programme, member, structure);
        var checked = dossiers.save(
                dossier,
                member,
                0,
                Map.of(
                        "statut", "Coopérative",
                        "budget", List.of(Map.of("poste", "Bacs", "cout", "90")),
                        "devis", String.valueOf(expired.id())));
        assertThat(checked.errors()).anySatisfy(e -> assertThat(e.messageKey()).isEqualTo("calls.answer.file"));
        dossiers.save(
                dossier,
                member,
                1,
                Map.of(
                        "statut", "Coopérative",
                        "budget", List.of(Map.of("poste", "Bacs", "cout", "90")),
                        "devis", String.valueOf(valid)));

        // a joined document stays; a loose one goes; nobody else deletes
        String otherEmail = "curieux@" + unique + ".test";
        fixtures.organizer(otherEmail);
        WebUser other = fixtures.signIn(port, otherEmail);
        other.get("/dossiers/coffre");
        assertThat(other.post("/dossiers/coffre/" + expired.id() + "/supprimer", Map.of())
                        .statusCode())
                .isEqualTo(404);
        user.get("/dossiers/coffre");
        user.post("/dossiers/coffre/" + valid + "/supprimer", Map.of());
        assertThat(user.get("/dossiers/coffre").body()).contains("il reste, pour la trace de ce dossier");
        assertThat(documents.readable(valid, member)).isPresent();
        user.post("/dossiers/coffre/" + expired.id() + "/supprimer", Map.of());
        assertThat(user.get("/dossiers/coffre").body()).contains("Document supprimé.");
        assertThat(documents.readable(expired.id(), member)).isEmpty();
    }
}
