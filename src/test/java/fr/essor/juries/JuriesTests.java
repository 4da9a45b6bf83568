package fr.essor.juries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import fr.essor.shared.InvalidInput;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A jury on a hand-computed example: four jurors, two reviews per dossier, a detected conflict (a juror
 * member of an applicant structure), the even assignment, the scores with a comment at the extremes, the
 * ranking and its tie-breaks, then a declared conflict that takes a juror's scores out and brings another in.
 */
class JuriesTests extends HttpTestSupport {

    @Autowired
    Juries juries;

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

    private static Form form() {
        return new Form(List.of(new FormSection(
                "La candidature",
                List.of(
                        new FormField(
                                "categorie",
                                "Catégorie",
                                FieldType.CHOICE,
                                true,
                                null,
                                List.of("Utilité sociale", "Transition écologique"),
                                null,
                                null,
                                null,
                                List.of()),
                        FormField.of("titre", "Titre", FieldType.TEXT, true)))));
    }

    @Test
    void theJuryScoresWithoutConflictsAndRanksAsComputedByHand() {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        IdentityFixtures fixtures = new IdentityFixtures(jdbc);
        long manager = fixtures.organizer("gestion@" + unique + ".test");
        long programme = programmes.create(
                CallsFixtures.draft(
                        "jury-" + unique,
                        Instant.now().minus(Duration.ofDays(1)),
                        Instant.now().plus(Duration.ofDays(3))),
                form());
        staff.grant(programme, manager, Role.MANAGER, manager);
        long[] jurors = new long[4];
        for (int i = 0; i < 4; i++) {
            jurors[i] = fixtures.organizer("jure" + i + "@" + unique + ".test");
        }
        // three applicants in « Utilité sociale », one in the other category
        long[] structuresOf = new long[4];
        long[] ids = new long[4];
        for (int i = 0; i < 4; i++) {
            long applicant = fixtures.organizer("porteur" + i + "@" + unique + ".test");
            structuresOf[i] = structures
                    .register(new Structures.Registration(
                            "Candidate " + i + " " + unique,
                            CallsFixtures.siret(),
                            LegalFamily.ASSOCIATION,
                            "34172",
                            null))
                    .id();
            memberships.register(applicant, structuresOf[i]);
            structures.verify(structuresOf[i], manager);
            ids[i] = dossiers.start(programme, applicant, structuresOf[i]);
            dossiers.save(
                    ids[i],
                    applicant,
                    0,
                    Map.of("categorie", i < 3 ? "Utilité sociale" : "Transition écologique", "titre", "Projet " + i));
            dossiers.submit(ids[i], applicant, 1);
        }
        // the fourth juror acts for the second applicant's structure
        memberships.register(jurors[3], structuresOf[1]);

        assertThatThrownBy(() ->
                        juries.createCategory(programme, jurors[0], false, "Utilité sociale", "Utilité sociale", 2))
                .isInstanceOf(Juries.Refused.class);
        long category = juries.createCategory(programme, manager, false, "Utilité sociale", "Utilité sociale", 2);
        long impact = juries.addCriterion(category, manager, false, "Impact social", new BigDecimal("2"), 0, 10);
        long feasible = juries.addCriterion(category, manager, false, "Faisabilité", BigDecimal.ONE, 0, 10);
        for (int i = 0; i < 4; i++) {
            juries.addJuror(category, manager, false, jurors[i], i == 0);
        }
        juries.openScoring(category, manager, false);
        assertThatThrownBy(() -> juries.addCriterion(category, manager, false, "Tard", BigDecimal.ONE, 0, 5))
                .as("the grid is frozen once scoring opens")
                .isInstanceOf(InvalidInput.class);

        // the detected conflict, and the even assignment (by load, then account)
        assertThat(juries.conflicts(category)).singleElement().satisfies(c -> {
            assertThat(c.dossierId()).isEqualTo(ids[1]);
            assertThat(c.accountId()).isEqualTo(jurors[3]);
            assertThat(c.kind()).isEqualTo("DETECTED");
        });
        assertThat(juries.assigned(category, jurors[0])).containsExactly(ids[0], ids[1]);
        assertThat(juries.assigned(category, jurors[1])).containsExactly(ids[0], ids[2]);
        assertThat(juries.assigned(category, jurors[2])).containsExactly(ids[1]);
        assertThat(juries.assigned(category, jurors[3])).containsExactly(ids[2]);
        // the conflicted juror cannot open nor score that dossier; the other category's dossier is not this one's
        assertThatThrownBy(() -> juries.open(category, ids[1], jurors[3]))
                .isInstanceOfSatisfying(
                        Juries.Refused.class, e -> assertThat(e.messageKey()).isEqualTo("juries.error.conflict"));
        assertThatThrownBy(() -> juries.score(category, ids[1], jurors[3], Map.of(impact, 5, feasible, 5), Map.of()))
                .isInstanceOf(Juries.Refused.class);
        assertThatThrownBy(() -> juries.open(category, ids[3], jurors[0])).isInstanceOf(Juries.Refused.class);
        long outsider = fixtures.organizer("curieux@" + unique + ".test");
        assertThatThrownBy(() -> juries.open(category, ids[0], outsider))
                .isInstanceOfSatisfying(
                        Juries.Refused.class, e -> assertThat(e.messageKey()).isEqualTo("juries.error.notJuror"));

        // scores; an extreme needs its comment, a value outside the scale is refused
        assertThatThrownBy(() -> juries.score(category, ids[2], jurors[3], Map.of(impact, 10, feasible, 4), Map.of()))
                .isInstanceOfSatisfying(
                        InvalidInput.class, e -> assertThat(e.getMessage()).contains("juries.error.extremeComment"));
        assertThatThrownBy(() -> juries.score(category, ids[0], jurors[0], Map.of(impact, 11, feasible, 4), Map.of()))
                .isInstanceOf(InvalidInput.class);
        juries.score(category, ids[0], jurors[0], Map.of(impact, 8, feasible, 5), Map.of()); // 21/3 = 7
        juries.score(category, ids[0], jurors[1], Map.of(impact, 6, feasible, 9), Map.of()); // 21/3 = 7
        juries.score(category, ids[1], jurors[2], Map.of(impact, 9, feasible, 6), Map.of()); // 24/3 = 8
        juries.score(category, ids[1], jurors[0], Map.of(impact, 7, feasible, 7), Map.of()); // 7
        juries.score(
                category,
                ids[2],
                jurors[3],
                Map.of(impact, 10, feasible, 4),
                Map.of(impact, "Un effet mesuré sur trois quartiers.")); // 24/3 = 8
        juries.score(category, ids[2], jurors[1], Map.of(impact, 6, feasible, 6), Map.of()); // 6

        // by hand: dossier 2 mean 7.50; dossiers 1 and 3 both 7.00 with two reviews: the smaller spread first
        assertThat(juries.ranking(category))
                .extracting(
                        Juries.Ranked::dossierId, Juries.Ranked::mean, Juries.Ranked::spread, Juries.Ranked::reviews)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(ids[1], new BigDecimal("7.50"), new BigDecimal("1.00"), 2),
                        org.assertj.core.groups.Tuple.tuple(ids[0], new BigDecimal("7.00"), new BigDecimal("0.00"), 2),
                        org.assertj.core.groups.Tuple.tuple(ids[2], new BigDecimal("7.00"), new BigDecimal("2.00"), 2));

        // normalised for each juror's severity, by hand: the second juror gave 7 and 6 (mean 6.5, deviation 0.5),
        // so dossier 1 is +1 and dossier 3 is −1 for them; the first juror 7 and 7 (no spread: 0, 0); the
        // third 8 (alone: 0); the fourth 8 (alone: 0). Means: dossier 1 (0 + 1) / 2 = 0.50, dossier 2 0.00,
        // dossier 3 (0 − 1) / 2 = −0.50
        assertThat(juries.ranking(category, true))
                .extracting(Juries.Ranked::dossierId, Juries.Ranked::mean)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(ids[0], new BigDecimal("0.50")),
                        org.assertj.core.groups.Tuple.tuple(ids[1], new BigDecimal("0.00")),
                        org.assertj.core.groups.Tuple.tuple(ids[2], new BigDecimal("-0.50")));

        // the first juror declares a conflict on dossier 1: their scores go, the least loaded free juror comes in
        juries.declareConflict(category, ids[0], jurors[0], "Je siège au conseil d’administration.");
        assertThat(juries.assigned(category, jurors[0])).containsExactly(ids[1]);
        assertThat(juries.assigned(category, jurors[2])).containsExactly(ids[0], ids[1]);
        assertThatThrownBy(() -> juries.open(category, ids[0], jurors[0])).isInstanceOf(Juries.Refused.class);
        // dossier 1 now has one review (7.00): tied with dossier 3 on the mean, it goes after (fewer reviews)
        assertThat(juries.ranking(category))
                .extracting(Juries.Ranked::dossierId, Juries.Ranked::reviews)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(ids[1], 2),
                        org.assertj.core.groups.Tuple.tuple(ids[2], 2),
                        org.assertj.core.groups.Tuple.tuple(ids[0], 1));
        assertThat(juries.conflicts(category))
                .extracting(Juries.Conflict::kind)
                .containsExactly("DETECTED", "DECLARED");
    }
}
