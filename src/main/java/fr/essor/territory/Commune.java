package fr.essor.territory;

import java.util.List;

/**
 * A current commune of the official geography.
 *
 * @param code INSEE code (5 characters, {@code 2A}/{@code 2B} in Corsica)
 * @param epci SIREN of its EPCI, or {@code null} for the few communes outside any
 * @param population legal population, or {@code null} when unknown
 * @param latitude WGS84 latitude of its point (La Poste's), or {@code null} when unknown
 */
public record Commune(
        String code,
        String name,
        String departement,
        String region,
        String epci,
        Integer population,
        Double latitude,
        Double longitude,
        List<String> postcodes) {

    public boolean hasPoint() {
        return latitude != null && longitude != null;
    }
}
