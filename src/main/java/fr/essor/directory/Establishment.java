package fr.essor.directory;

import java.time.LocalDate;

import fr.essor.observatory.Labels;

/**
 * An active establishment of the ESS perimeter, as the SIRENE stock file of a vintage describes it,
 * INSEE's diffusion rule applied: for a unit or establishment with partial diffusion, no street
 * ({@code null}), a position no finer than its commune's and no person's name.
 *
 * @param commune the current commune (an arrondissement's city), {@code communeCode} the code as given
 * @param positionSource {@code sirene} (the file's coordinates), {@code commune} (its commune's point)
 *     or {@code null} (no position)
 * @param distanceKm the distance to the searched point, when there is one
 */
public record Establishment(
        String siret,
        String siren,
        String name,
        String usualName,
        String sign,
        String acronym,
        String categorieJuridique,
        String family,
        String naf,
        String section,
        String sizeBand,
        Boolean headOffice,
        LocalDate createdOn,
        LocalDate unitCreatedOn,
        String rna,
        Boolean essFlag,
        Boolean mission,
        boolean diffusible,
        String street,
        String complement,
        String postcode,
        String city,
        String communeCode,
        String commune,
        String epci,
        String departement,
        String region,
        Double latitude,
        Double longitude,
        String positionSource,
        Double distanceKm) {

    /** The same establishment at a distance from a searched point. */
    public Establishment withDistance(double km) {
        return new Establishment(
                siret,
                siren,
                name,
                usualName,
                sign,
                acronym,
                categorieJuridique,
                family,
                naf,
                section,
                sizeBand,
                headOffice,
                createdOn,
                unitCreatedOn,
                rna,
                essFlag,
                mission,
                diffusible,
                street,
                complement,
                postcode,
                city,
                communeCode,
                commune,
                epci,
                departement,
                region,
                latitude,
                longitude,
                positionSource,
                km);
    }

    public String activityLabel() {
        return Nomenclatures.activity(naf);
    }

    public String categoryLabel() {
        return Nomenclatures.category(categorieJuridique);
    }

    /** The family in the singular ("Association"); {@link Labels#family} gives the plural. */
    public String familyLabel() {
        return switch (family) {
            case "association" -> "Association";
            case "cooperative" -> "Coopérative";
            case "mutuelle" -> "Mutuelle";
            case "fondation" -> "Fondation";
            case "ess_company" -> "Entreprise de l'ESS";
            default -> family;
        };
    }

    public String sectionLabel() {
        return Labels.section(section);
    }

    public String sizeBandLabel() {
        return Labels.band(sizeBand);
    }

    public boolean hasPosition() {
        return latitude != null && longitude != null;
    }
}
