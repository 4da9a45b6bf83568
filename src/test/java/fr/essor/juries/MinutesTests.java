package fr.essor.juries;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import fr.essor.HttpTestSupport;
import fr.essor.calls.CallsFixtures;
import fr.essor.calls.DossierFlow.Role;
import fr.essor.calls.Dossiers;
import fr.essor.calls.FieldType;
import fr.essor.calls.Form;
import fr.essor.calls.FormField;
import fr.essor.calls.FormSection;
import fr.essor.calls.Programmes;
import fr.essor.calls.Staff;
import fr.essor.directory.LegalFamily;
import fr.essor.directory.Structures;
import fr.essor.identity.IdentityFixtures;
import fr.essor.identity.Memberships;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The minutes: written from the recorded data, the same bytes twice; a withdrawal is in them. */
class MinutesTests extends HttpTestSupport {

    @Autowired
    Juries juries;

    @Autowired
    Laureates laureates;

    @Autowired
    Minutes minutes;

    @Autowired
    Programmes programmes;

    @Autowired
    Dossiers dossiers;

    @Autowired
    Staff staff;

    @Autowired
    Structures structures;

    @Autowired
    Memberships memberships;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theSameDataGivesTheSameMinutes() throws Exception {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        IdentityFixtures fixtures = new IdentityFixtures(jdbc);
        long manager = fixtures.organizer("gestion@" + unique + ".test");
        long programme = programmes.create(
                CallsFixtures.draft(
                        "pv-" + unique,
                        Instant.now().minus(Duration.ofDays(1)),
                        Instant.now().plus(Duration.ofDays(3))),
                new Form(List.of(new FormSection(
                        "Candidature", List.of(FormField.of("titre", "Titre", FieldType.TEXT, true))))));
        staff.grant(programme, manager, Role.MANAGER, manager);
        long[] jurors = {fixtures.organizer("a@" + unique + ".test"), fixtures.organizer("b@" + unique + ".test")};
        long[] ids = new long[2];
        for (int i = 0; i < 2; i++) {
            long applicant = fixtures.organizer("p" + i + "@" + unique + ".test");
            long structure = structures
                    .register(new Structures.Registration(
                            "Candidate " + i + " " + unique,
                            CallsFixtures.siret(),
                            LegalFamily.ASSOCIATION,
                            "34172",
                            null))
                    .id();
            memberships.register(applicant, structure);
            structures.verify(structure, manager);
            ids[i] = dossiers.start(programme, applicant, structure);
            dossiers.save(ids[i], applicant, 0, Map.of("titre", "Projet " + i));
            dossiers.submit(ids[i], applicant, 1);
        }
        long c = juries.createCategory(programme, manager, false, "Toutes", null, 1);
        long k = juries.addCriterion(c, manager, false, "Impact", new BigDecimal("2"), 0, 10);
        juries.addJuror(c, manager, false, jurors[0], true);
        juries.addJuror(c, manager, false, jurors[1], false);
        juries.openScoring(c, manager, false);
        for (long id : ids) {
            long juror = juries.assigned(c, jurors[0]).contains(id) ? jurors[0] : jurors[1];
            juries.score(c, id, juror, Map.of(k, id == ids[0] ? 9 : 6), Map.of());
        }
        long withdrawing = juries.assigned(c, jurors[1]).getFirst();
        juries.declareConflict(c, withdrawing, jurors[1], "Ancienne salariée de la structure.");
        laureates.decide(c, jurors[0], ids[0], Laureates.Kind.PRIZE, "Le plus abouti.");

        byte[] first = minutes.pdf(c);
        byte[] second = minutes.pdf(c);
        assertThat(second).isEqualTo(first);
        String text;
        try (var doc = Loader.loadPDF(first)) {
            text = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
        }
        assertThat(text)
                .contains(
                        "Procès-verbal du jury",
                        "Impact",
                        "Ancienne salariée de la structure.",
                        "déclaré",
                        "Le plus abouti.",
                        "Prix");
        // other data, other bytes
        laureates.decide(c, jurors[0], ids[0], Laureates.Kind.MENTION, "Une mention.");
        assertThat(minutes.pdf(c)).isNotEqualTo(first);
    }
}
