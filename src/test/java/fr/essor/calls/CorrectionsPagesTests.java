package fr.essor.calls;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import fr.essor.HttpTestSupport;
import fr.essor.WebUser;
import fr.essor.calls.DossierFlow.Action;
import fr.essor.calls.DossierFlow.Role;
import fr.essor.calls.DossierFlow.State;
import fr.essor.directory.LegalFamily;
import fr.essor.directory.Structures;
import fr.essor.identity.IdentityFixtures;
import fr.essor.identity.Memberships;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The applicant's side of a request for corrections, and of a decision, over HTTP. */
class CorrectionsPagesTests extends HttpTestSupport {

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
    void theApplicantReadsTheRequestAnswersItFromTheDossiersPageThenDownloadsTheDecisionLetter() {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        IdentityFixtures fixtures = new IdentityFixtures(jdbc);
        String email = unique + "@corrections.test";
        long applicant = fixtures.organizer(email);
        long structure = structures
                .register(new Structures.Registration(
                        "Atelier vélo " + unique, CallsFixtures.siret(), LegalFamily.ASSOCIATION, "34172", null))
                .id();
        memberships.register(applicant, structure);
        long instructor = fixtures.organizer(unique + "@instruction.test");
        structures.verify(structure, instructor);
        long programme = programmes.create(
                CallsFixtures.draft(
                        "corrections-" + unique,
                        Instant.now().minus(Duration.ofDays(1)),
                        Instant.now().plus(Duration.ofDays(3))),
                CallsFixtures.form());
        staff.grant(programme, instructor, Role.INSTRUCTOR, instructor);
        long id = dossiers.start(programme, applicant, structure);
        dossiers.save(
                id,
                applicant,
                0,
                Map.of("statut", "Coopérative", "budget", List.of(Map.of("poste", "Outils", "cout", "300"))));
        dossiers.submit(id, applicant, 1);
        instruction.act(id, instructor, Action.TAKE, null, null, 2);
        instruction.act(
                id,
                instructor,
                Action.REQUEST_CORRECTIONS,
                "Détaillez les outils.",
                null,
                3,
                new Instruction.Corrections(
                        java.util.Set.of("budget"),
                        java.time.LocalDate.now(java.time.ZoneId.of("Europe/Paris"))
                                .plusDays(7)));

        WebUser user = fixtures.signIn(port, email);
        String page = user.get("/dossiers/" + id).body();
        assertThat(page)
                .contains(
                        "Corrections demandées",
                        "Détaillez les outils.",
                        "Renvoyer le dossier corrigé",
                        "Seules ces réponses peuvent être modifiées",
                        "À renvoyer au plus tard le");
        // the answers not flagged are shown locked, and stay as submitted whatever is posted
        assertThat(page)
                .containsPattern("<select disabled=\"disabled\" id=\"statut\"|<select id=\"statut\"[^>]*disabled");
        var sent = user.post(
                "/dossiers/" + id + "/corrections",
                Map.of(
                        "revision", "4",
                        "a.statut", "Association",
                        "a.budget[0].poste", "Clés, pompes et démonte-pneus",
                        "a.budget[0].cout", "300"));
        assertThat(sent.statusCode()).isIn(302, 303);
        Dossiers.Dossier answered = dossiers.ofApplicant(id, applicant).orElseThrow();
        assertThat(answered.state()).isEqualTo(State.UNDER_INSTRUCTION);
        assertThat(answered.answers().toString()).contains("Clés, pompes et démonte-pneus");
        assertThat(answered.answers()).containsEntry("statut", "Coopérative");
        // a second try with the same page is told the dossier changed
        user.get("/dossiers/" + id);
        var stale = user.post("/dossiers/" + id + "/corrections", Map.of("revision", "4", "a.statut", "Coopérative"));
        assertThat(stale.statusCode()).isIn(302, 303);
        assertThat(user.get("/dossiers/" + id).body()).contains("rechargez la page");

        instruction.act(id, instructor, Action.ACCEPT, "Bien détaillé.", 30_000L, answered.revision());
        assertThat(user.get("/dossiers/" + id).body()).contains("Lettre de décision", "DEC-");
        var pdf = user.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(url("/dossiers/" + id + "/decision.pdf")))
                        .GET()
                        .build());
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
        // the staff downloads the dossier's audit trail, its chain whole; the applicant cannot
        WebUser staffUser = fixtures.signIn(port, unique + "@instruction.test");
        var journal = staffUser.get("/instruction/dossiers/" + id + "/journal.csv");
        assertThat(journal.statusCode()).isEqualTo(200);
        assertThat(journal.headers().firstValue("X-Essor-Chain")).hasValue("whole");
        assertThat(journal.body())
                .startsWith("id,at,actor_id,kind,detail,prev_hash,hash")
                .contains("REQUEST_CORRECTIONS", ": Détaillez les outils.", "LETTER", "ACCEPT");
        assertThat(user.get("/instruction/dossiers/" + id + "/journal.csv").statusCode())
                .isEqualTo(404);
        // and the programme's dossiers as CSV, with stable columns
        var csv = staffUser.get("/instruction/appels/" + programme + "/dossiers.csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.getFirst())
                .isEqualTo("reference,etat,depose_le,decide_le,montant_accorde_euros,statut,rna,budget.lignes,"
                        + "budget.cout.total,devis");
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).contains(",ACCEPTED,", ",300.00,Coopérative,,1,300.00,");
        assertThat(user.get("/instruction/appels/" + programme + "/dossiers.csv")
                        .statusCode())
                .isEqualTo(404);
        // another person gets nothing
        String otherEmail = unique + "@curieux.test";
        fixtures.organizer(otherEmail);
        WebUser other = fixtures.signIn(port, otherEmail);
        assertThat(other.get("/dossiers/" + id + "/decision.pdf").statusCode()).isEqualTo(404);
    }
}
