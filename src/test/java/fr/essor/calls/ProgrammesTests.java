package fr.essor.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import fr.essor.shared.FieldError;
import fr.essor.shared.InvalidInput;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest
class ProgrammesTests {

    @Autowired
    Programmes programmes;

    private static final Instant NOW = Instant.now();

    static Programmes.Draft draft(String slug, Instant opens, Instant closes) {
        return CallsFixtures.draft(slug, opens, closes);
    }

    static Form form() {
        return CallsFixtures.form();
    }

    private static String slug() {
        return "essai-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void createsAProgrammeWithTheFirstVersionOfItsForm() {
        String slug = slug();
        long id = programmes.create(draft(slug, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(9))), form());
        Programme p = programmes.bySlug(slug).orElseThrow();
        assertThat(p.id()).isEqualTo(id);
        assertThat(p.kind()).isEqualTo(ProgrammeKind.AID);
        assertThat(p.capCents()).isEqualTo(5_000_000L);
        assertThat(p.documents()).containsExactly("Statuts");
        assertThat(p.state(NOW)).isEqualTo(Programme.State.OPEN);
        Programmes.VersionedForm form = programmes.currentForm(id);
        assertThat(form.version()).isEqualTo(1);
        assertThat(form.form()).isEqualTo(form());
    }

    @Test
    void reportsEveryProblemOfADraftAndItsFormAtOnceAndWritesNothing() {
        String slug = slug();
        Form bad = new Form(List.of(new FormSection(
                " ",
                List.of(
                        FormField.of("statut", "Statut", FieldType.TEXT, true),
                        FormField.of("statut", "Encore", FieldType.TEXT, true),
                        new FormField(
                                "choix",
                                "Choix",
                                FieldType.CHOICE,
                                true,
                                null,
                                List.of("Seul"),
                                null,
                                null,
                                null,
                                List.of()),
                        new FormField(
                                "lignes",
                                "Lignes",
                                FieldType.REPEATABLE,
                                false,
                                null,
                                List.of(),
                                null,
                                5,
                                2,
                                List.of(FormField.of("x", "X", FieldType.NUMBER, true))),
                        new FormField(
                                "cache",
                                "Caché",
                                FieldType.TEXT,
                                false,
                                null,
                                List.of(),
                                "T(java.lang.System).exit(1)",
                                null,
                                null,
                                List.of()),
                        FormField.of("Mauvaise-Clé", "Clé", FieldType.TEXT, false)))));
        var draft = new Programmes.Draft(
                slug,
                " ",
                ProgrammeKind.PRIZE,
                "CRESS",
                "Résumé",
                "",
                "",
                -5L,
                NOW,
                NOW.minusSeconds(60),
                List.of(),
                0,
                false,
                false);
        assertThatThrownBy(() -> programmes.create(draft, bad))
                .isInstanceOfSatisfying(
                        InvalidInput.class,
                        ex -> assertThat(ex.errors())
                                .extracting(FieldError::field)
                                .containsExactlyInAnyOrder(
                                        "name",
                                        "cap",
                                        "closesAt",
                                        "retentionMonths",
                                        "sections[0].title",
                                        "sections[0].fields[1].key",
                                        "sections[0].fields[2].options",
                                        "sections[0].fields[3].rows",
                                        "sections[0].fields[4].condition",
                                        "sections[0].fields[5].key"));
        assertThat(programmes.bySlug(slug)).isEmpty();
    }

    @Test
    void aSlugIsOneProgrammes() {
        String slug = slug();
        programmes.create(draft(slug, NOW, NOW.plus(Duration.ofDays(3))), form());
        assertThatThrownBy(() -> programmes.create(draft(slug, NOW, NOW.plus(Duration.ofDays(3))), form()))
                .isInstanceOfSatisfying(
                        InvalidInput.class,
                        ex -> assertThat(ex.errors())
                                .containsExactly(new FieldError("slug", "calls.programme.error.slugTaken")));
        assertThat(programmes.bySlug("Pas une adresse")).isEmpty();
        assertThat(programmes.bySlug("x".repeat(81))).isEmpty();
    }

    @Test
    void theStateFollowsTheInstantsToTheSecond() {
        Instant opens = Instant.parse("2027-01-04T08:00:00Z");
        Instant closes = Instant.parse("2027-02-01T11:00:00Z");
        Programme p = new Programme(
                1, "x", "X", ProgrammeKind.AID, "R", "s", "d", "w", null, opens, closes, List.of(), 12, false, false);
        assertThat(p.state(opens.minusSeconds(1))).isEqualTo(Programme.State.UPCOMING);
        assertThat(p.state(opens)).isEqualTo(Programme.State.OPEN);
        assertThat(p.state(closes.minusSeconds(1))).isEqualTo(Programme.State.OPEN);
        assertThat(p.state(closes)).isEqualTo(Programme.State.CLOSED);
    }

    @Test
    void theListGivesTheOpenClosingSoonestThenTheUpcomingThenTheClosedLatestFirst() {
        String late = slug();
        String soon = slug();
        String upcoming = slug();
        String closedLong = slug();
        String closedRecent = slug();
        programmes.create(draft(late, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(900))), form());
        programmes.create(draft(soon, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(800))), form());
        programmes.create(draft(upcoming, NOW.plus(Duration.ofDays(700)), NOW.plus(Duration.ofDays(901))), form());
        programmes.create(draft(closedLong, NOW.minus(Duration.ofDays(900)), NOW.minus(Duration.ofDays(800))), form());
        programmes.create(draft(closedRecent, NOW.minus(Duration.ofDays(900)), NOW.minus(Duration.ofDays(1))), form());
        List<String> mine = programmes.all().stream()
                .map(Programme::slug)
                .filter(s ->
                        List.of(late, soon, upcoming, closedLong, closedRecent).contains(s))
                .toList();
        assertThat(mine).containsExactly(soon, late, upcoming, closedRecent, closedLong);
    }

    @Test
    void eligibilityRulesNameTheFormsAnswersOrTheRegistrysFactsAndExplainThemselves() {
        Form form = new Form(
                form().sections(),
                List.of(
                        new Eligibility.Rule("structureAnnees >= 1 and statut != null", "Un an au moins."),
                        new Eligibility.Rule("chiffreAffaires > 0", "Un chiffre d’affaires."),
                        new Eligibility.Rule("structureEss == true", " ")));
        assertThat(form.problems())
                .containsExactly(
                        new FieldError("rules[1].expression", "calls.form.error.conditionName"),
                        new FieldError("rules[2].explanation", "calls.form.error.ruleExplanation"));
    }
}
