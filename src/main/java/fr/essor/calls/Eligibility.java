package fr.essor.calls;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A programme's eligibility rules: conditions ({@link Condition}'s language) over the dossier's answers
 * and the applicant's registry facts, each with the sentence that explains it. The applicant sees them
 * pass or fail before submitting; an ineligible dossier cannot be submitted; they are checked again at
 * decision time and the results stored with the move.
 */
public final class Eligibility {

    /**
     * The registry facts a rule may name: the structure's on Essor (verified, legal family, commune,
     * département, région) and, from the directory's latest SIRENE vintage, whether it is an active
     * establishment of the ESS perimeter, its NAF code, size band, head office, and its unit's age in
     * whole years. A fact unknown (no structure, not in the directory) is null, false for the flags.
     */
    public static final List<String> FACTS = List.of(
            "structureVerifiee",
            "structureFamille",
            "structureCommune",
            "structureDepartement",
            "structureRegion",
            "structureEss",
            "structureNaf",
            "structureTranche",
            "structureSiege",
            "structureAnnees");

    /** A rule: its condition, and the sentence an applicant reads. */
    public record Rule(String expression, String explanation) {}

    /** A rule's result for one dossier. */
    public record Result(String expression, String explanation, boolean passed) {}

    private Eligibility() {}

    /** Each rule's result, in the programme's order. */
    public static List<Result> evaluate(List<Rule> rules, Map<String, Object> answers, Map<String, Object> facts) {
        Map<String, Object> names = new java.util.HashMap<>(answers);
        names.putAll(facts);
        List<Result> out = new ArrayList<>();
        for (Rule rule : rules) {
            out.add(new Result(rule.expression(), rule.explanation(), Condition.holds(rule.expression(), names)));
        }
        return out;
    }

    public static boolean eligible(List<Result> results) {
        return results.stream().allMatch(Result::passed);
    }
}
