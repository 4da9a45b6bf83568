package fr.essor.observatory;

import java.nio.file.Path;
import java.util.List;

/**
 * The establishments of a vintage being imported were extracted; the vintage is not published yet.
 * Published synchronously before the publishing transaction, so that a module keeping a copy of them
 * prepares it now, out of that transaction and on several connections at once, then switches to it on
 * {@link VintagePublished}. The vintage may still fail and never be published: its copy is then left
 * unused, for the next import to clear.
 *
 * @param vintageId the vintage's id
 * @param parts CSV files (UTF-8, no header, columns {@link #COLUMNS}), together every active establishment
 *     of the ESS perimeter located in France, readable until the listeners return; the diffusion rule is
 *     already applied (no street, a commune-level position and no person's name for a unit or
 *     establishment with partial diffusion)
 * @param count the number of establishments in all parts
 */
public record VintageExtracted(long vintageId, String month, List<Path> parts, long count) {

    /** The number of parts: one per core of these machines. */
    public static final int PARTS = 2;

    /**
     * The columns of {@link #parts}: dates as {@code YYYY-MM-DD}, flags as {@code t}/{@code f}, empty for
     * unknown; {@code commune} is the current commune (an arrondissement's city) and {@code communeCode}
     * the code as SIRENE gives it; {@code positionSource} is {@code sirene} (its coordinates),
     * {@code commune} (the commune's point) or empty (no position).
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

    public VintageExtracted {
        parts = List.copyOf(parts);
    }
}
