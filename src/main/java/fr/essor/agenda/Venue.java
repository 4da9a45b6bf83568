package fr.essor.agenda;

/**
 * Where an event takes place. Latitude and longitude are the venue's, or its commune's point when the
 * organizer gave none; all fields may be {@code null} for an online event.
 */
public record Venue(
        String name,
        String address,
        String postcode,
        String communeCode,
        String communeName,
        String departementCode,
        String regionCode,
        Double latitude,
        Double longitude) {

    public boolean hasPoint() {
        return latitude != null && longitude != null;
    }
}
