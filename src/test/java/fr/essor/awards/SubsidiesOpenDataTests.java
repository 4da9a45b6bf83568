package fr.essor.awards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import fr.essor.HttpTestSupport;
import fr.essor.WebUser;
import fr.essor.calls.CallsFixtures;
import fr.essor.calls.DeMinimis;
import fr.essor.calls.DossierFlow.Action;
import fr.essor.calls.DossierFlow.Role;
import fr.essor.calls.Dossiers;
import fr.essor.calls.Instruction;
import fr.essor.calls.Programme;
import fr.essor.calls.Programmes;
import fr.essor.calls.Staff;
import fr.essor.directory.LegalFamily;
import fr.essor.directory.Structures;
import fr.essor.identity.IdentityFixtures;
import fr.essor.identity.Memberships;
import fr.essor.shared.InvalidInput;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The aids awarded as open data in the SCDL « subventions » format, each line checked against the schema's
 * rules; and the de minimis total of a beneficiary, with its warning above the ceiling.
 */
class SubsidiesOpenDataTests extends HttpTestSupport {

    @Autowired
    Awards awards;

    @Autowired
    Dossiers dossiers;

    @Autowired
    Programmes programmes;

    @Autowired
    Instruction instruction;

    @Autowired
    DeMinimis deMinimis;

    @Autowired
    Staff staff;

    @Autowired
    Structures structures;

    @Autowired
    Memberships memberships;

    @Autowired
    JdbcClient jdbc;

    /** The rules of schema.data.gouv.fr/scdl/subventions (2.1): required values, patterns, allowed values. */
    static void conforms(Map<String, String> row) {
        for (String required : List.of(
                "nomAttribuant",
                "idAttribuant",
                "dateConvention",
                "nomBeneficiaire",
                "objet",
                "montant",
                "nature",
                "conditionsVersement",
                "datesPeriodeVersement",
                "notificationUE",
                "pourcentageSubvention")) {
            assertThat(row.get(required)).as(required).isNotBlank();
        }
        assertThat(row.get("idAttribuant")).matches("^\\d{14}$");
        assertThat(LocalDate.parse(row.get("dateConvention"))).isNotNull();
        assertThat(row.get("idBeneficiaire")).matches("^(\\d{14})?$");
        assertThat(row.get("rnaBeneficiaire")).matches("^(W\\d{9})?$");
        assertThat(row.get("objet").length()).isLessThanOrEqualTo(256);
        assertThat(row.get("montant")).matches("^\\d+(\\.\\d+)?$");
        assertThat(row.get("nature"))
                .isIn(
                        "aide en numéraire",
                        "aide en nature",
                        "aide en numéraire;aide en nature",
                        "aide en nature;aide en numéraire");
        assertThat(row.get("conditionsVersement").length()).isLessThanOrEqualTo(256);
        assertThat(row.get("datesPeriodeVersement"))
                .matches("^[0-9]{4}-[0-9]{2}-[0-9]{2}(/[0-9]{4}-[0-9]{2}-[0-9]{2})?$");
        assertThat(row.get("idRAE").length()).isLessThanOrEqualTo(5);
        assertThat(row.get("notificationUE")).isIn("oui", "non");
        BigDecimal share = new BigDecimal(row.get("pourcentageSubvention"));
        assertThat(share).isBetween(new BigDecimal("0.01"), BigDecimal.ONE);
    }

    /** A CSV line split on commas outside quotes, quotes undone. */
    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                cell.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                out.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        out.add(cell.toString());
        return out;
    }

    @Test
    void theAcceptedAidsArePublishedInTheNationalFormatAndTheDeMinimisTotalWarnsAboveTheCeiling() {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        IdentityFixtures fixtures = new IdentityFixtures(jdbc);
        long applicant = fixtures.organizer("porteur@" + unique + ".test");
        long instructor = fixtures.organizer("instruction@" + unique + ".test");
        String siret = CallsFixtures.siret();
        long structure = structures
                .register(new Structures.Registration(
                        "Épicerie, « solidaire » " + unique, siret, LegalFamily.ASSOCIATION, "34172", null))
                .id();
        memberships.register(applicant, structure);
        structures.verify(structure, instructor);
        long programme = programmes.create(
                CallsFixtures.draft(
                        "ouvertes-" + unique,
                        Instant.now().minus(Duration.ofDays(1)),
                        Instant.now().plus(Duration.ofDays(3))),
                CallsFixtures.form());
        staff.grant(programme, instructor, Role.INSTRUCTOR, instructor);
        assertThatThrownBy(() -> programmes.ownerSiret(programme, "12345678901234"))
                .isInstanceOf(InvalidInput.class);
        String grantor = CallsFixtures.siret();
        programmes.ownerSiret(programme, grantor);

        long[] ids = new long[3];
        for (int i = 0; i < 3; i++) {
            long member = i == 0 ? applicant : fixtures.organizer("membre" + i + "@" + unique + ".test");
            if (i > 0) {
                memberships.register(member, structure);
            }
            ids[i] = dossiers.start(programme, member, structure);
            dossiers.save(
                    ids[i],
                    member,
                    0,
                    Map.of(
                            "statut", "Association",
                            "rna", "W343000123",
                            "budget", List.of(Map.of("poste", "Étals", "cout", "1 000"))));
            dossiers.submit(ids[i], member, 1);
            instruction.act(ids[i], instructor, Action.TAKE, null, null, 2);
        }
        instruction.act(ids[0], instructor, Action.ACCEPT, "Utile.", 1_200_050L, 3);
        instruction.act(ids[1], instructor, Action.ACCEPT, "Utile aussi.", 800_000L, 3);
        instruction.act(ids[2], instructor, Action.REFUSE, "Hors champ.", null, 3);
        // the awards follow the decisions' commit; the first one's agreement is signed
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> awards.ofDossier(ids[0]).isPresent()
                        && awards.ofDossier(ids[1]).isPresent());
        Awards.Award first = awards.ofDossier(ids[0]).orElseThrow();
        awards.signAgreement(first.id(), applicant);
        List<Awards.Tranche> schedule = awards.schedule(first.id());

        var response = get("/donnees/subventions.csv");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        List<String> lines = response.body().lines().toList();
        assertThat(split(lines.getFirst())).isEqualTo(SubsidiesOpenData.COLUMNS);
        List<Map<String, String>> ours = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            List<String> cells = split(line);
            assertThat(cells).hasSize(SubsidiesOpenData.COLUMNS.size());
            Map<String, String> row = new java.util.LinkedHashMap<>();
            for (int c = 0; c < cells.size(); c++) {
                row.put(SubsidiesOpenData.COLUMNS.get(c), cells.get(c));
            }
            conforms(row);
            if (row.get("idAttribuant").equals(grantor)) {
                ours.add(row);
            }
        }
        // the two accepted, not the refused one
        assertThat(ours).hasSize(2);
        assertThat(ours.getFirst())
                .containsEntry("nomBeneficiaire", "Épicerie, « solidaire » " + unique)
                .containsEntry("idBeneficiaire", siret)
                .containsEntry("rnaBeneficiaire", "W343000123")
                .containsEntry("montant", "12000.50")
                .containsEntry("conditionsVersement", "échelonné")
                .containsEntry(
                        "datesPeriodeVersement",
                        schedule.getFirst().dueOn() + "/" + schedule.getLast().dueOn())
                .containsEntry(
                        "dateConvention",
                        awards.byId(first.id())
                                .orElseThrow()
                                .agreementSignedAt()
                                .atZone(java.time.ZoneId.of("Europe/Paris"))
                                .toLocalDate()
                                .toString())
                .containsEntry("notificationUE", "non")
                .containsEntry("pourcentageSubvention", "1");
        assertThat(ours.getFirst().get("referenceDecision")).startsWith("DEC-");

        // de minimis: the two accepted count for the SIREN; above the ceiling, the staff's page warns
        Dossiers.Dossier third = dossiers.submitted(ids[2]).orElseThrow();
        Programme p = programmes.byId(programme).orElseThrow();
        DeMinimis.Total total = deMinimis.of(third, p).orElseThrow();
        assertThat(total.siren()).isEqualTo(siret.substring(0, 9));
        assertThat(total.acceptedCents()).isEqualTo(2_000_050L);
        assertThat(total.above()).isFalse();
        jdbc.sql("update calls.dossier set decision_cents = 29_900_000 where id = ?")
                .param(ids[1])
                .update();
        jdbc.sql("update calls.dossier set state = 'UNDER_INSTRUCTION', decided_at = null where id = ?")
                .param(ids[2])
                .update();
        WebUser staffUser = fixtures.signIn(port, "instruction@" + unique + ".test");
        assertThat(staffUser.get("/instruction/dossiers/" + ids[2]).body()).contains("Aides de minimis");
        assertThat(deMinimis
                        .of(dossiers.submitted(ids[2]).orElseThrow(), p)
                        .orElseThrow()
                        .acceptedCents())
                .isEqualTo(31_100_050L);
        assertThat(deMinimis
                        .of(dossiers.submitted(ids[2]).orElseThrow(), p)
                        .orElseThrow()
                        .above())
                .isTrue();
        assertThat(staffUser.get("/instruction/dossiers/" + ids[2]).body())
                .contains("ferait dépasser le plafond des aides de minimis");
        // a decision more than three years old no longer counts
        jdbc.sql("update calls.dossier set decided_at = now() - interval '3 years 1 day' where id = ?")
                .param(ids[1])
                .update();
        assertThat(deMinimis
                        .of(dossiers.submitted(ids[2]).orElseThrow(), p)
                        .orElseThrow()
                        .acceptedCents())
                .isEqualTo(1_200_050L);
    }
}
