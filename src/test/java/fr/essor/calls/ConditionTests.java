package fr.essor.calls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ConditionTests {

    private static final Set<String> NAMES = Set.of("statut", "montant", "autres", "salaries");

    @Test
    void comparesAnswersWithLiteralsAndCombinesThem() {
        Map<String, Object> answers = Map.of("statut", "Association", "montant", 6000, "autres", true);
        assertThat(Condition.holds("statut == 'Association'", answers)).isTrue();
        assertThat(Condition.holds("statut != 'Association'", answers)).isFalse();
        assertThat(Condition.holds("montant > 5000 and autres == true", answers))
                .isTrue();
        assertThat(Condition.holds("montant > 5000 and not autres", answers)).isFalse();
        assertThat(Condition.holds("montant >= 10000 or statut == 'Association'", answers))
                .isTrue();
        assertThat(Condition.holds(null, answers)).isTrue();
    }

    @Test
    void aMissingAnswerIsNullAndAComparisonThatCannotBeMadeDoesNotHold() {
        Map<String, Object> answers = new HashMap<>();
        assertThat(Condition.holds("statut == 'Association'", answers)).isFalse();
        assertThat(Condition.holds("statut == null", answers)).isTrue();
        assertThat(Condition.holds("montant > 5000", answers)).isFalse();
        answers.put("montant", "beaucoup");
        assertThat(Condition.holds("montant > 5000", answers)).isFalse();
    }

    @Test
    void onlyComparisonsOfTheFormsFieldsAreAllowed() {
        assertThat(Condition.problem("montant > 5000 and statut == 'Association'", NAMES, "autres"))
                .isEmpty();
        for (String refused : new String[] {
            "T(java.lang.Runtime).getRuntime().exec('id')",
            "statut.toUpperCase() == 'A'",
            "new java.io.File('/etc/passwd')",
            "statut = 'x'",
            "@programmes",
            "#root",
            "statut[0] == 'A'",
            "montant > 5000 ? true : false",
            "{1, 2}.size() > 0",
            "montant >",
            " ",
            "a".repeat(501)
        }) {
            assertThat(Condition.problem(refused, NAMES, "autres")).as(refused).contains("calls.form.error.condition");
        }
        assertThat(Condition.problem("inconnu == 1", NAMES, "autres")).contains("calls.form.error.conditionName");
        assertThat(Condition.problem("autres == true", NAMES, "autres")).contains("calls.form.error.conditionName");
    }
}
