package fr.essor.agenda;

import java.time.LocalDate;
import java.util.Set;

/**
 * Filters of the public agenda, shared by the list page, the API, the feeds and the exports. Every
 * field may be {@code null} (or empty) for "any".
 *
 * @param q full-text search, accent- and case-insensitive, French stemming
 * @param from first day (inclusive) an event date must overlap
 * @param to last day (inclusive) an event date must overlap
 * @param near a point to search around, with {@code radiusKm}
 * @param edition year of the edition
 * @param page 1-based page number
 * @param endsAfter an instant an event date must end after (« upcoming »: not yet ended), or null
 */
public record EventQuery(
        String q,
        LocalDate from,
        LocalDate to,
        String region,
        String departement,
        String commune,
        GeoPoint near,
        Integer radiusKm,
        Set<EventType> types,
        Set<Theme> themes,
        Set<Audience> audiences,
        Boolean free,
        Boolean accessible,
        Boolean online,
        Integer edition,
        int page,
        int size,
        java.time.Instant endsAfter) {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;
    public static final int DEFAULT_RADIUS_KM = 20;

    public EventQuery {
        types = types == null ? Set.of() : Set.copyOf(types);
        themes = themes == null ? Set.of() : Set.copyOf(themes);
        audiences = audiences == null ? Set.of() : Set.copyOf(audiences);
        if (page < 1) {
            page = 1;
        }
    }

    public static EventQuery all() {
        return new EventQuery(
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                1,
                DEFAULT_SIZE,
                null);
    }

    public EventQuery withPage(int newPage, int newSize) {
        return new EventQuery(
                q,
                from,
                to,
                region,
                departement,
                commune,
                near,
                radiusKm,
                types,
                themes,
                audiences,
                free,
                accessible,
                online,
                edition,
                newPage,
                newSize,
                endsAfter);
    }

    /** The same query with these types instead (a filter count's search). */
    public EventQuery withTypes(Set<EventType> newTypes) {
        return new EventQuery(
                q,
                from,
                to,
                region,
                departement,
                commune,
                near,
                radiusKm,
                newTypes,
                themes,
                audiences,
                free,
                accessible,
                online,
                edition,
                page,
                size,
                endsAfter);
    }

    /** The same query with these themes instead. */
    public EventQuery withThemes(Set<Theme> newThemes) {
        return new EventQuery(
                q,
                from,
                to,
                region,
                departement,
                commune,
                near,
                radiusKm,
                types,
                newThemes,
                audiences,
                free,
                accessible,
                online,
                edition,
                page,
                size,
                endsAfter);
    }

    /** The same query with these audiences instead. */
    public EventQuery withAudiences(Set<Audience> newAudiences) {
        return new EventQuery(
                q,
                from,
                to,
                region,
                departement,
                commune,
                near,
                radiusKm,
                types,
                themes,
                newAudiences,
                free,
                accessible,
                online,
                edition,
                page,
                size,
                endsAfter);
    }

    /** The same query in this département instead. */
    public EventQuery withDepartement(String newDepartement) {
        return new EventQuery(
                q,
                from,
                to,
                region,
                newDepartement,
                commune,
                near,
                radiusKm,
                types,
                themes,
                audiences,
                free,
                accessible,
                online,
                edition,
                page,
                size,
                endsAfter);
    }

    public EventQuery withDates(LocalDate newFrom, LocalDate newTo) {
        return new EventQuery(
                q,
                newFrom,
                newTo,
                region,
                departement,
                commune,
                near,
                radiusKm,
                types,
                themes,
                audiences,
                free,
                accessible,
                online,
                edition,
                page,
                size,
                endsAfter);
    }

    /**
     * The same query, of events not yet ended at this instant (cut to the minute, so that the answers of
     * one minute are alike and can be kept).
     */
    public EventQuery withEndsAfter(java.time.Instant instant) {
        return new EventQuery(
                q,
                from,
                to,
                region,
                departement,
                commune,
                near,
                radiusKm,
                types,
                themes,
                audiences,
                free,
                accessible,
                online,
                edition,
                page,
                size,
                instant == null ? null : instant.truncatedTo(java.time.temporal.ChronoUnit.MINUTES));
    }

    public int offset() {
        return (page - 1) * size;
    }

    /** A WGS84 point. */
    public record GeoPoint(double latitude, double longitude) {}
}
