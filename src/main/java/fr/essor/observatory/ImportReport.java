package fr.essor.observatory;

import java.time.Duration;
import java.util.List;

/**
 * What an import read, kept, refused and published.
 *
 * @param month the vintage ({@code YYYY-MM})
 * @param unitsRead rows of the units file (malformed ones included)
 * @param establishmentsRead rows of the establishments file (malformed ones included)
 * @param activeEstablishments active establishments, those the figures count from
 * @param essUnits legal units inside the ESS perimeter
 * @param essEstablishments active ESS establishments in France
 * @param problems the rows set aside or counted apart, by reason, with examples
 * @param phases the time each step took
 * @param error why the import failed, or {@code null}
 */
public record ImportReport(
        String month,
        long unitsRead,
        long establishmentsRead,
        long activeEstablishments,
        long essUnits,
        long essEstablishments,
        List<Problem> problems,
        List<Phase> phases,
        Duration took,
        String error) {

    /** Rows set aside or counted apart for one reason. {@code rejected}: left out of every figure. */
    public record Problem(String file, String reason, long rows, boolean rejected, List<String> examples) {}

    public record Phase(String name, Duration took) {}

    public boolean failed() {
        return error != null;
    }

    public long rejectedRows() {
        return problems.stream()
                .filter(Problem::rejected)
                .mapToLong(Problem::rows)
                .sum();
    }
}
