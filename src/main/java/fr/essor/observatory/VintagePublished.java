package fr.essor.observatory;

import java.nio.file.Path;
import java.util.List;

/**
 * A vintage of the SIRENE stock files was published: its figures replace those of the same month.
 * Published synchronously inside the transaction that publishes the vintage, so that a module keeping
 * a copy of the vintage's establishments switches to it in the same transaction, or makes it fail.
 *
 * @param vintageId the vintage's id (stable: a re-import of the month is another id)
 * @param replaced the ids of the vintages of the same month it replaces
 * @param establishments a CSV file (UTF-8, no header, columns {@link #COLUMNS}) of every active
 *     establishment of the ESS perimeter located in France, readable until the listeners return; the
 *     diffusion rule is already applied (no street, a commune-level position and no person's name
 *     for a unit or establishment with partial diffusion)
 */
public record VintagePublished(
        long vintageId, String month, boolean demo, List<Long> replaced, Path establishments, long count) {

    /**
     * The columns of {@link #establishments}: dates as {@code YYYY-MM-DD}, flags as {@code t}/{@code f},
     * empty for unknown; {@code commune} is the current commune (an arrondissement's city) and
     * {@code communeCode} the code as SIRENE gives it; {@code positionSource} is {@code sirene} (its
     * coordinates), {@code commune} (the commune's point) or empty (no position).
     */
    public static final List<String> COLUMNS = List.of(
            "siret",
            "siren",
            "name",
            "usualName",
            "sign",
            "acronym",
            "categorieJuridique",
            "family",
            "naf",
            "section",
            "sizeBand",
            "headOffice",
            "createdOn",
            "unitCreatedOn",
            "rna",
            "essFlag",
            "mission",
            "diffusible",
            "street",
            "complement",
            "postcode",
            "city",
            "communeCode",
            "commune",
            "epci",
            "departement",
            "region",
            "latitude",
            "longitude",
            "positionSource");
}
