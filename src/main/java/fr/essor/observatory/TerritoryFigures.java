package fr.essor.observatory;

import java.util.List;
import java.util.Map;

/**
 * The ESS figures of one territory for one vintage, as the pages show them and the API returns them.
 * Shares are fractions between 0 and 1; employee figures are estimates from the size bands.
 *
 * @param allEstablishments the denominator: every active establishment outside public administration
 * @param essEmployeesEstimate sum of the bands' midpoints, rounded
 * @param rank its place by ESS share of employment among the regions, or among its region's
 *        départements; {@code null} for other levels
 * @param change against the previous published vintage, or {@code null} when there is none
 * @param within the larger territories it belongs to, from France down
 */
public record TerritoryFigures(
        String level,
        String code,
        String name,
        String vintage,
        boolean demonstration,
        long essEstablishments,
        long essEmployerEstablishments,
        long allEstablishments,
        long allEmployerEstablishments,
        long essEmployeesLow,
        long essEmployeesHigh,
        long essEmployeesEstimate,
        long allEmployeesEstimate,
        double essShareOfEstablishments,
        double essShareOfEmployment,
        Map<String, FamilyFigures> byFamily,
        List<SectionFigures> bySection,
        List<BandFigures> bySizeBand,
        Rank rank,
        Change change,
        List<Place> within) {

    public record FamilyFigures(
            String label,
            long establishments,
            long employerEstablishments,
            long employeesLow,
            long employeesHigh,
            long employeesEstimate) {}

    /** The ESS and all establishments of a NAF section in the territory. */
    public record SectionFigures(
            String section,
            String label,
            long essEstablishments,
            long essEmployeesEstimate,
            long allEstablishments,
            long allEmployeesEstimate,
            double essShareOfEmployment) {}

    public record BandFigures(String band, String label, long essEstablishments, long allEstablishments) {}

    /** @param among {@code regions}, or {@code departements} (of the same region) */
    public record Rank(String among, int position, int of) {}

    /** Differences with an earlier vintage (this one minus the earlier one). */
    public record Change(
            String fromVintage, long essEstablishments, long essEmployeesEstimate, double essShareOfEmployment) {}

    public record Place(String level, String code, String name) {}
}
