package fr.essor.calls;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import fr.essor.shared.FieldError;

import org.junit.jupiter.api.Test;

class AnswerCheckTests {

    private final AnswerCheck check = new AnswerCheck(Set.of("34172", "31555", "2A004")::contains, id -> id == 42);

    private static FormField field(String key, FieldType type) {
        return FormField.of(key, key, type, true);
    }

    private static Form formOf(FormField... fields) {
        return new Form(List.of(new FormSection("Partie", List.of(fields))));
    }

    private List<String> errorsOf(FieldType type, String value) {
        return check.check(formOf(field("x", type)), Map.of("x", value), true).errors().stream()
                .map(FieldError::messageKey)
                .toList();
    }

    private Object kept(FieldType type, String value) {
        AnswerCheck.Checked checked = check.check(formOf(field("x", type)), Map.of("x", value), true);
        assertThat(checked.errors()).as(type + " " + value).isEmpty();
        return checked.answers().get("x");
    }

    @Test
    void eachTypeKeepsItsWellFormedAnswersNormalised() {
        assertThat(kept(FieldType.TEXT, "  Jardins partagés ")).isEqualTo("Jardins partagés");
        assertThat(kept(FieldType.LONG_TEXT, "Ligne 1\r\nLigne 2")).isEqualTo("Ligne 1\nLigne 2");
        assertThat(kept(FieldType.NUMBER, "12,5")).isEqualTo("12.5");
        assertThat(kept(FieldType.NUMBER, "-3")).isEqualTo("-3");
        assertThat(kept(FieldType.AMOUNT, "1 200,5 €")).isEqualTo("1200.50");
        assertThat(kept(FieldType.AMOUNT, "1\u202f200")).isEqualTo("1200.00");
        assertThat(kept(FieldType.DATE, "31/12/2026")).isEqualTo("2026-12-31");
        assertThat(kept(FieldType.DATE, "2027-02-28")).isEqualTo("2027-02-28");
        assertThat(kept(FieldType.YES_NO, "oui")).isEqualTo("true");
        assertThat(kept(FieldType.EMAIL, "contact@tiers-lieu.fr")).isEqualTo("contact@tiers-lieu.fr");
        assertThat(kept(FieldType.PHONE, "04 67 22 80 00")).isEqualTo("0467228000");
        assertThat(kept(FieldType.PHONE, "0033 6 12 34 56 78")).isEqualTo("+33612345678");
        assertThat(kept(FieldType.SIRET, "732 829 320 00074")).isEqualTo("73282932000074");
        assertThat(kept(FieldType.COMMUNE, "34172")).isEqualTo("34172");
        assertThat(kept(FieldType.COMMUNE, "2a004")).isEqualTo("2A004");
        assertThat(kept(FieldType.IBAN, "fr76 3000 6000 0112 3456 7890 189")).isEqualTo("FR7630006000011234567890189");
        assertThat(kept(FieldType.FILE, "42")).isEqualTo("42");
    }

    @Test
    void eachTypeRefusesItsMalformedAnswersWithItsOwnMessage() {
        assertThat(errorsOf(FieldType.TEXT, "a".repeat(501))).containsExactly("calls.answer.text");
        assertThat(errorsOf(FieldType.TEXT, "deux\nlignes")).containsExactly("calls.answer.text");
        assertThat(errorsOf(FieldType.LONG_TEXT, "a".repeat(10_001))).containsExactly("calls.answer.longText");
        assertThat(errorsOf(FieldType.NUMBER, "douze")).containsExactly("calls.answer.number");
        assertThat(errorsOf(FieldType.NUMBER, "1e9")).containsExactly("calls.answer.number");
        assertThat(errorsOf(FieldType.NUMBER, "NaN")).containsExactly("calls.answer.number");
        assertThat(errorsOf(FieldType.AMOUNT, "-10")).containsExactly("calls.answer.amount");
        assertThat(errorsOf(FieldType.AMOUNT, "10,005")).containsExactly("calls.answer.amount");
        assertThat(errorsOf(FieldType.AMOUNT, "999999999999")).containsExactly("calls.answer.amount");
        assertThat(errorsOf(FieldType.DATE, "31/02/2026")).containsExactly("calls.answer.date");
        assertThat(errorsOf(FieldType.DATE, "1789-07-14")).containsExactly("calls.answer.date");
        assertThat(errorsOf(FieldType.YES_NO, "peut-être")).containsExactly("calls.answer.yesNo");
        assertThat(errorsOf(FieldType.EMAIL, "pas une adresse")).containsExactly("calls.answer.email");
        assertThat(errorsOf(FieldType.PHONE, "12")).containsExactly("calls.answer.phone");
        assertThat(errorsOf(FieldType.SIRET, "73282932000075")).containsExactly("calls.answer.siret");
        assertThat(errorsOf(FieldType.COMMUNE, "99999")).containsExactly("calls.answer.commune");
        assertThat(errorsOf(FieldType.IBAN, "FR76 3000 6000 0112 3456 7890 188"))
                .containsExactly("calls.answer.iban");
        assertThat(errorsOf(FieldType.IBAN, "XX00")).containsExactly("calls.answer.iban");
        assertThat(errorsOf(FieldType.FILE, "../etc/passwd")).containsExactly("calls.answer.file");
        // another person's document, or none
        assertThat(errorsOf(FieldType.FILE, "43")).containsExactly("calls.answer.file");
        assertThat(errorsOf(FieldType.TEXT, " ")).containsExactly("calls.answer.required");
    }

    @Test
    void choicesAreAmongTheirOptions() {
        FormField choice =
                new FormField("c", "C", FieldType.CHOICE, true, null, List.of("A", "B"), null, null, null, List.of());
        FormField multi = new FormField(
                "m", "M", FieldType.MULTI_CHOICE, false, null, List.of("X", "Y", "Z"), null, null, null, List.of());
        Form form = formOf(choice, multi);
        AnswerCheck.Checked ok = check.check(form, Map.of("c", "B", "m", List.of("Z", "X")), true);
        assertThat(ok.errors()).isEmpty();
        assertThat(ok.answers()).containsEntry("c", "B").containsEntry("m", List.of("X", "Z"));
        AnswerCheck.Checked bad = check.check(form, Map.of("c", "C", "m", List.of("X", "W")), true);
        assertThat(bad.errors())
                .containsExactly(
                        new FieldError("c", "calls.answer.choice"), new FieldError("m", "calls.answer.choice"));
    }

    @Test
    void aConditionalFieldIsAskedOnlyWhenItsConditionHoldsAndDroppedOtherwise() {
        FormField statut = new FormField(
                "statut",
                "Statut",
                FieldType.CHOICE,
                true,
                null,
                List.of("Association", "Coopérative"),
                null,
                null,
                null,
                List.of());
        FormField rna = new FormField(
                "rna", "RNA", FieldType.TEXT, true, null, List.of(), "statut == 'Association'", null, null, List.of());
        Form form = formOf(statut, rna);
        assertThat(check.check(form, Map.of("statut", "Association"), true).errors())
                .containsExactly(new FieldError("rna", "calls.answer.required"));
        AnswerCheck.Checked cooperative = check.check(form, Map.of("statut", "Coopérative", "rna", "W123"), true);
        assertThat(cooperative.errors()).isEmpty();
        assertThat(cooperative.answers()).doesNotContainKey("rna");
    }

    @Test
    void aRepeatableBlockChecksItsRowsAndTheirBoundsAndTotalsItsAmounts() {
        FormField budget = new FormField(
                "budget",
                "Budget",
                FieldType.REPEATABLE,
                true,
                null,
                List.of(),
                null,
                2,
                3,
                List.of(field("poste", FieldType.TEXT), field("cout", FieldType.AMOUNT)));
        Form form = formOf(budget);
        AnswerCheck.Checked ok = check.check(
                form,
                Map.of(
                        "budget",
                        List.of(
                                Map.of("poste", "Matériel", "cout", "1 200,50"),
                                Map.of("poste", "", "cout", ""),
                                Map.of("poste", "Formation", "cout", "800"))),
                true);
        assertThat(ok.errors()).isEmpty();
        assertThat(ok.totals()).containsEntry("budget.cout", new BigDecimal("2000.50"));
        assertThat((List<?>) ok.answers().get("budget")).hasSize(2);

        Map<String, Object> one = new HashMap<>();
        one.put("budget", List.of(Map.of("poste", "Matériel", "cout", "dix euros")));
        assertThat(check.check(form, one, true).errors())
                .containsExactlyInAnyOrder(
                        new FieldError("budget[0].cout", "calls.answer.amount"),
                        new FieldError("budget", "calls.answer.tooFewRows"));
        // a draft keeps what is well formed, and asks nothing yet
        assertThat(check.check(form, Map.of(), false).errors()).isEmpty();
        List<Map<String, String>> four = List.of(
                Map.of("poste", "a", "cout", "1"),
                Map.of("poste", "b", "cout", "1"),
                Map.of("poste", "c", "cout", "1"),
                Map.of("poste", "d", "cout", "1"));
        assertThat(check.check(form, Map.of("budget", four), false).errors())
                .containsExactly(new FieldError("budget", "calls.answer.tooManyRows"));
    }

    @Test
    void aDraftKeepsWhatIsWellFormedAndSaysWhatIsNot() {
        Form form = formOf(field("montant", FieldType.AMOUNT), field("courriel", FieldType.EMAIL));
        AnswerCheck.Checked draft = check.check(form, Map.of("montant", "abc"), false);
        assertThat(draft.errors()).containsExactly(new FieldError("montant", "calls.answer.amount"));
        assertThat(draft.answers()).isEmpty();
        assertThat(check.check(form, Map.of("montant", "12"), false).valid()).isTrue();
    }
}
