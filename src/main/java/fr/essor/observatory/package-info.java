/**
 * The observatory: the ESS figures of every territory computed from INSEE's SIRENE stock files.
 *
 * <p>An import reads the two stock files of a month (a <em>vintage</em>) with DuckDB, applies the ESS
 * perimeter ({@link fr.essor.observatory.Perimeter}), aggregates per territory and stores the
 * aggregates in PostgreSQL, where the pages and the API read them. A vintage is shown only once its
 * import is complete.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Observatoire",
        allowedDependencies = {"territory", "shared"})
package fr.essor.observatory;
