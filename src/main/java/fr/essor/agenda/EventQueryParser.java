package fr.essor.agenda;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import fr.essor.territory.Territories;

import org.springframework.stereotype.Component;

/**
 * Reads the agenda's filters from request parameters ({@code q, from, to, region, departement, commune,
 * near, radiusKm, type, theme, audience, free, accessible, online, edition, page, size}) and rejects
 * every value it does not understand, naming the parameter. Multi-valued filters take repeated
 * parameters or comma-separated values.
 */
@Component
public class EventQueryParser {

    /** Result: a query, or the errors that prevent it. */
    public record Parsed(EventQuery query, List<FilterError> errors) {

        public boolean valid() {
            return errors.isEmpty();
        }
    }

    private static final Pattern NEAR =
            Pattern.compile("\\s*(-?\\d{1,2}(?:\\.\\d+)?)\\s*,\\s*(-?\\d{1,3}(?:\\.\\d+)?)\\s*");
    private static final int MAX_QUERY_LENGTH = 200;
    private static final int MAX_RADIUS_KM = 500;

    private final Territories territories;

    EventQueryParser(Territories territories) {
        this.territories = territories;
    }

    public Parsed parse(Map<String, String[]> params) {
        return parse(params, EventQuery.MAX_SIZE);
    }

    /** @param maxSize the largest page size accepted */
    public Parsed parse(Map<String, String[]> params, int maxSize) {
        List<FilterError> errors = new ArrayList<>();
        String q = single(params, "q");
        if (q != null && q.length() > MAX_QUERY_LENGTH) {
            errors.add(new FilterError("q", "filter.error.q.tooLong", MAX_QUERY_LENGTH));
            q = null;
        }
        LocalDate from = date(params, "from", errors);
        LocalDate to = date(params, "to", errors);
        if (from != null && to != null && to.isBefore(from)) {
            errors.add(new FilterError("to", "filter.error.dates.inverted"));
        }
        String region = single(params, "region");
        if (region != null && territories.region(region).isEmpty()) {
            errors.add(new FilterError("region", "filter.error.region.unknown", region));
        }
        String departement = single(params, "departement");
        if (departement != null
                && territories.departement(departement.toUpperCase()).isEmpty()) {
            errors.add(new FilterError("departement", "filter.error.departement.unknown", departement));
        } else if (departement != null) {
            departement = departement.toUpperCase();
        }
        String commune = single(params, "commune");
        if (commune != null) {
            var found = territories.commune(commune.toUpperCase());
            if (found.isEmpty()) {
                errors.add(new FilterError("commune", "filter.error.commune.unknown", commune));
            } else {
                commune = found.get().code();
            }
        }
        EventQuery.GeoPoint near = near(params, errors);
        Integer radius = integer(params, "radiusKm", 1, MAX_RADIUS_KM, errors);
        if (radius != null && near == null && single(params, "near") == null) {
            errors.add(new FilterError("radiusKm", "filter.error.radius.withoutNear"));
        }
        if (near != null && radius == null) {
            radius = EventQuery.DEFAULT_RADIUS_KM;
        }
        Set<EventType> types = codes(params, "type", EventType.class, errors);
        Set<Theme> themes = codes(params, "theme", Theme.class, errors);
        Set<Audience> audiences = codes(params, "audience", Audience.class, errors);
        Boolean free = bool(params, "free", errors);
        Boolean accessible = bool(params, "accessible", errors);
        Boolean online = bool(params, "online", errors);
        Integer edition = integer(params, "edition", 2000, 2100, errors);
        Integer page = integer(params, "page", 1, 100_000, errors);
        Integer size = integer(params, "size", 1, maxSize, errors);
        EventQuery query = new EventQuery(
                q,
                from,
                to,
                region,
                departement,
                commune,
                near,
                radius,
                types,
                themes,
                audiences,
                free,
                accessible,
                online,
                edition,
                page == null ? 1 : page,
                size == null ? Math.min(EventQuery.DEFAULT_SIZE, maxSize) : size,
                null);
        return new Parsed(query, List.copyOf(errors));
    }

    private static String single(Map<String, String[]> params, String name) {
        String[] values = params.get(name);
        if (values == null) {
            return null;
        }
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return null;
    }

    private static LocalDate date(Map<String, String[]> params, String name, List<FilterError> errors) {
        String value = single(params, name);
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException ex) {
            errors.add(new FilterError(name, "filter.error.date", value));
            return null;
        }
    }

    private static Integer integer(
            Map<String, String[]> params, String name, int min, int max, List<FilterError> errors) {
        String value = single(params, name);
        if (value == null) {
            return null;
        }
        try {
            int n = Integer.parseInt(value);
            if (n < min || n > max) {
                errors.add(new FilterError(name, "filter.error.range", value, min, max));
                return null;
            }
            return n;
        } catch (NumberFormatException ex) {
            errors.add(new FilterError(name, "filter.error.integer", value));
            return null;
        }
    }

    private static Boolean bool(Map<String, String[]> params, String name, List<FilterError> errors) {
        String value = single(params, name);
        if (value == null) {
            return null;
        }
        return switch (value.toLowerCase()) {
            case "true", "1", "on", "oui", "yes" -> Boolean.TRUE;
            case "false", "0", "off", "non", "no" -> Boolean.FALSE;
            default -> {
                errors.add(new FilterError(name, "filter.error.boolean", value));
                yield null;
            }
        };
    }

    private static EventQuery.GeoPoint near(Map<String, String[]> params, List<FilterError> errors) {
        String value = single(params, "near");
        if (value == null) {
            return null;
        }
        var m = NEAR.matcher(value);
        if (m.matches()) {
            double lat = Double.parseDouble(m.group(1));
            double lon = Double.parseDouble(m.group(2));
            if (lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180) {
                return new EventQuery.GeoPoint(lat, lon);
            }
        }
        errors.add(new FilterError("near", "filter.error.near", value));
        return null;
    }

    private static <E extends Enum<E> & Coded> Set<E> codes(
            Map<String, String[]> params, String name, Class<E> type, List<FilterError> errors) {
        String[] values = params.get(name);
        if (values == null) {
            return Set.of();
        }
        Set<E> result = EnumSet.noneOf(type);
        for (String value : values) {
            if (value == null) {
                continue;
            }
            for (String code : value.split(",")) {
                String c = code.strip();
                if (c.isEmpty()) {
                    continue;
                }
                Coded.byCode(type, c)
                        .ifPresentOrElse(
                                result::add,
                                () -> errors.add(new FilterError(
                                        name,
                                        "filter.error.code",
                                        c,
                                        String.join(
                                                ", ",
                                                Arrays.stream(type.getEnumConstants())
                                                        .map(Coded::code)
                                                        .toList()))));
            }
        }
        return result;
    }
}
