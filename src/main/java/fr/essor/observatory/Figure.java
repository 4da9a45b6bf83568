package fr.essor.observatory;

/**
 * One published aggregate: the establishments of a territory matching a dimension's key (a family, a
 * NAF section, a size band, or all of them for {@code total}), the ESS ones and all of them.
 */
public record Figure(String level, String code, String dimension, String key, Counts ess, Counts all) {

    /**
     * @param establishments active establishments
     * @param employers those with employees (a band from {@code 01})
     * @param employeesLow sum of the bands' lower bounds
     * @param employeesHigh sum of the bands' upper bounds
     * @param employeesEstimate sum of the bands' midpoints
     */
    public record Counts(
            long establishments, long employers, long employeesLow, long employeesHigh, double employeesEstimate) {}
}
