package fr.essor.publishing;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import fr.essor.EssorApplication;
import fr.essor.agenda.AccessibilityFeature;
import fr.essor.agenda.Agenda;
import fr.essor.agenda.Attendance;
import fr.essor.agenda.Audience;
import fr.essor.agenda.Edition;
import fr.essor.agenda.EventStatus;
import fr.essor.agenda.EventType;
import fr.essor.agenda.NewEvent;
import fr.essor.agenda.RegistrationMode;
import fr.essor.agenda.Theme;
import fr.essor.agenda.Venue;
import fr.essor.shared.FieldError;
import fr.essor.shared.InvalidInput;
import fr.essor.territory.Commune;
import fr.essor.territory.Territories;

import org.springframework.stereotype.Component;

/**
 * What makes a draft publishable, field by field and across fields: dates that parse, end after they
 * start and fall inside the edition; a commune and a venue for an event on site, a link for an event
 * online; a price unless free; a registration link when registration is external; alt text for an
 * image. Every rejected field is reported at once.
 */
@Component
class DraftRules {

    static final int MAX_DATES = 20;
    private final Agenda agenda;
    private final Territories territories;
    private final Images images;
    private final Clock clock;

    DraftRules(Agenda agenda, Territories territories, Images images, Clock clock) {
        this.agenda = agenda;
        this.territories = territories;
        this.images = images;
        this.clock = clock;
    }

    /** A draft that passed every rule, with what it resolves to. */
    record Checked(NewEvent event, Edition edition, Optional<Commune> commune) {}

    /**
     * Checks a draft and builds the public event it would make.
     *
     * @param organizer the name shown as organizer (the structure's)
     * @throws InvalidInput naming every rejected field
     */
    Checked check(EventDraft d, String organizer) {
        List<FieldError> errors = new ArrayList<>();
        Edition edition = editionOf(d.editionId()).orElse(null);
        if (edition == null) {
            errors.add(new FieldError("editionId", "draft.error.edition"));
        }
        if (d.title().length() < 3 || d.title().length() > 150) {
            errors.add(new FieldError("title", "draft.error.title"));
        }
        if (d.summary().length() < 10 || d.summary().length() > 300) {
            errors.add(new FieldError("summary", "draft.error.summary"));
        }
        if (d.description().length() > 10_000) {
            errors.add(new FieldError("description", "draft.error.description"));
        }
        EventType type = parse(EventType.class, d.type());
        if (type == null) {
            errors.add(new FieldError("type", "draft.error.type"));
        }
        List<Theme> themes = parseAll(Theme.class, d.themes());
        if (themes == null || themes.isEmpty() || themes.size() > 4) {
            errors.add(new FieldError("themes", "draft.error.themes"));
        }
        List<Audience> audiences = parseAll(Audience.class, d.audiences());
        if (audiences == null || audiences.isEmpty()) {
            errors.add(new FieldError("audiences", "draft.error.audiences"));
        }
        List<NewEvent.Dates> dates = dates(d, edition, errors);
        Attendance attendance = parse(Attendance.class, d.attendance());
        if (attendance == null) {
            errors.add(new FieldError("attendance", "draft.error.attendance"));
        }
        Optional<Commune> commune = Optional.empty();
        if (attendance != Attendance.ONLINE) {
            if (d.venueName().isEmpty() || d.venueName().length() > 200) {
                errors.add(new FieldError("venueName", "draft.error.venueName"));
            }
            if (d.venueAddress().length() > 300) {
                errors.add(new FieldError("venueAddress", "draft.error.venueAddress"));
            }
            commune = d.commune().isEmpty() || d.commune().length() > 100
                    ? Optional.empty()
                    : territories.place(d.commune());
            if (commune.isEmpty()) {
                errors.add(new FieldError("commune", "draft.error.commune"));
            }
        }
        if (attendance != Attendance.IN_PERSON && !webAddress(d.onlineUrl())) {
            errors.add(new FieldError("onlineUrl", "draft.error.onlineUrl"));
        }
        if (!d.isFree() && (d.price().isEmpty() || d.price().length() > 100)) {
            errors.add(new FieldError("price", "draft.error.price"));
        }
        RegistrationMode registration = parse(RegistrationMode.class, d.registration());
        if (registration == null) {
            errors.add(new FieldError("registration", "draft.error.registration"));
        } else if (registration == RegistrationMode.EXTERNAL && !webAddress(d.registrationUrl())) {
            errors.add(new FieldError("registrationUrl", "draft.error.registrationUrl"));
        }
        List<AccessibilityFeature> access = parseAll(AccessibilityFeature.class, d.accessibility());
        if (access == null) {
            errors.add(new FieldError("accessibility", "draft.error.accessibility"));
        }
        List<String> coOrganizers = d.coOrganizers().isEmpty()
                ? List.of()
                : List.of(d.coOrganizers().split("\\s*[,;\\n]\\s*")).stream()
                        .filter(s -> !s.isBlank())
                        .toList();
        if (coOrganizers.size() > 10 || coOrganizers.stream().anyMatch(s -> s.length() > 200)) {
            errors.add(new FieldError("coOrganizers", "draft.error.coOrganizers"));
        }
        String imageUrl = null;
        if (!d.imageId().isEmpty()) {
            if (!images.exists(d.imageId())) {
                errors.add(new FieldError("image", "draft.error.image"));
            } else {
                imageUrl = "/images/" + d.imageId();
            }
            if (d.imageAlt().isEmpty() || d.imageAlt().length() > 250) {
                errors.add(new FieldError("imageAlt", "draft.error.imageAlt"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        Venue venue = commune.map(c -> new Venue(
                        d.venueName(),
                        blankToNull(d.venueAddress()),
                        c.postcodes().isEmpty() ? null : c.postcodes().getFirst(),
                        c.code(),
                        c.name(),
                        c.departement(),
                        c.region(),
                        c.latitude(),
                        c.longitude()))
                .orElse(new Venue(null, null, null, null, null, null, null, null, null));
        NewEvent event = new NewEvent(
                edition.id(),
                d.title(),
                d.summary(),
                d.description(),
                type,
                themes,
                audiences,
                dates,
                venue,
                attendance,
                attendance == Attendance.IN_PERSON ? null : d.onlineUrl(),
                d.isFree(),
                d.isFree() ? null : d.price(),
                registration,
                registration == RegistrationMode.EXTERNAL ? d.registrationUrl() : null,
                access.isEmpty() ? Set.of() : EnumSet.copyOf(access),
                organizer,
                coOrganizers,
                EventStatus.SCHEDULED,
                null,
                imageUrl,
                imageUrl == null ? null : d.imageAlt(),
                false);
        return new Checked(event, edition, commune);
    }

    /** The editions an organizer may publish in: those not over yet. */
    List<Edition> openEditions() {
        LocalDate today = LocalDate.now(clock.withZone(EssorApplication.ZONE));
        return agenda.editions().stream()
                .filter(e -> !e.endsOn().isBefore(today))
                .toList();
    }

    private Optional<Edition> editionOf(String id) {
        return openEditions().stream()
                .filter(e -> String.valueOf(e.id()).equals(id))
                .findFirst();
    }

    private static List<NewEvent.Dates> dates(EventDraft d, Edition edition, List<FieldError> errors) {
        List<NewEvent.Dates> dates = new ArrayList<>();
        int lines = Math.max(
                d.dateDay().size(), Math.max(d.dateStart().size(), d.dateEnd().size()));
        String problem = null;
        for (int i = 0; i < lines; i++) {
            String day = d.at(d.dateDay(), i);
            String start = d.at(d.dateStart(), i);
            String end = d.at(d.dateEnd(), i);
            if (day.isEmpty() && start.isEmpty() && end.isEmpty()) {
                continue;
            }
            try {
                LocalDate date = LocalDate.parse(day);
                LocalTime from = LocalTime.parse(start);
                LocalTime to = LocalTime.parse(end);
                if (!to.isAfter(from)) {
                    problem = problem == null ? "draft.error.date.order" : problem;
                    continue;
                }
                if (edition != null && !edition.contains(date)) {
                    problem = problem == null ? "draft.error.date.edition" : problem;
                    continue;
                }
                dates.add(new NewEvent.Dates(
                        date.atTime(from).atZone(EssorApplication.ZONE).toInstant(),
                        date.atTime(to).atZone(EssorApplication.ZONE).toInstant()));
            } catch (DateTimeParseException ex) {
                problem = problem == null ? "draft.error.date.format" : problem;
            }
        }
        if (problem != null) {
            errors.add(new FieldError("dates", problem));
        } else if (dates.isEmpty()) {
            errors.add(new FieldError("dates", "draft.error.date.none"));
        } else if (dates.size() > MAX_DATES) {
            errors.add(new FieldError("dates", "draft.error.date.many"));
        }
        dates.sort(java.util.Comparator.comparing(NewEvent.Dates::startsAt));
        return dates;
    }

    static boolean webAddress(String url) {
        if (url == null || url.isEmpty() || url.length() > 500) {
            return false;
        }
        try {
            URI uri = URI.create(url);
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException ex) {
            return false;
        }
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String name) {
        try {
            return name == null || name.isEmpty() ? null : Enum.valueOf(type, name);
        } catch (IllegalArgumentException ex) {
            return null;
        }
    }

    /** All values parsed, or {@code null} when one is not a value of the list. */
    private static <E extends Enum<E>> List<E> parseAll(Class<E> type, List<String> names) {
        List<E> values = new ArrayList<>();
        for (String n : names) {
            if (n.isEmpty()) {
                continue;
            }
            E v = parse(type, n);
            if (v == null) {
                return null;
            }
            if (!values.contains(v)) {
                values.add(v);
            }
        }
        return values;
    }

    private static String blankToNull(String s) {
        return s.isEmpty() ? null : s;
    }

    static boolean isUuid(String s) {
        try {
            UUID.fromString(s);
            return s.length() == 36;
        } catch (IllegalArgumentException ex) {
            return false;
        }
    }
}
