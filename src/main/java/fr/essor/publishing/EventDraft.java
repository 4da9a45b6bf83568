package fr.essor.publishing;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import fr.essor.agenda.AccessibilityFeature;
import fr.essor.agenda.Coded;
import fr.essor.agenda.Event;
import fr.essor.agenda.Occurrence;

/**
 * An event as its organizer types it in the form (or a spreadsheet row gives it): text only, checked
 * by {@link DraftRules} before it may be saved. Stored as is (JSON) with each version, so that a form
 * shows back exactly what was typed and two versions compare field by field. Dates are parallel
 * lists: the day, start time and end time of each date. {@code organizer} is only read for an event
 * imported without a registered structure (otherwise the structure's name is shown).
 */
public record EventDraft(
        String editionId,
        String title,
        String summary,
        String description,
        String type,
        List<String> themes,
        List<String> audiences,
        List<String> dateDay,
        List<String> dateStart,
        List<String> dateEnd,
        String venueName,
        String venueAddress,
        String commune,
        String attendance,
        String onlineUrl,
        String free,
        String price,
        String registration,
        String registrationUrl,
        List<String> accessibility,
        String coOrganizers,
        String imageId,
        String imageAlt,
        String organizer) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    public EventDraft {
        editionId = text(editionId);
        title = text(title);
        summary = text(summary);
        description = text(description);
        type = text(type);
        themes = list(themes);
        audiences = list(audiences);
        dateDay = list(dateDay);
        dateStart = list(dateStart);
        dateEnd = list(dateEnd);
        venueName = text(venueName);
        venueAddress = text(venueAddress);
        commune = text(commune);
        attendance = text(attendance);
        onlineUrl = text(onlineUrl);
        free = text(free);
        price = text(price);
        registration = text(registration);
        registrationUrl = text(registrationUrl);
        accessibility = list(accessibility);
        coOrganizers = text(coOrganizers);
        imageId = text(imageId);
        imageAlt = text(imageAlt);
        organizer = text(organizer);
    }

    /** A blank form for an edition. */
    static EventDraft blank(long editionId) {
        return new EventDraft(
                String.valueOf(editionId),
                "",
                "",
                "",
                "",
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                "",
                "",
                "",
                "IN_PERSON",
                "",
                "true",
                "",
                "NONE",
                "",
                List.of(),
                "",
                "",
                "",
                "");
    }

    /** The form of a published event, to write its next version. */
    static EventDraft of(Event e, String imageId) {
        List<String> days = new ArrayList<>();
        List<String> starts = new ArrayList<>();
        List<String> ends = new ArrayList<>();
        for (Occurrence o : e.occurrences()) {
            days.add(o.startsAt().toLocalDate().toString());
            starts.add(o.startsAt().format(TIME));
            ends.add(endTime(o.startsAt(), o.endsAt()));
        }
        return new EventDraft(
                String.valueOf(e.editionId()),
                e.title(),
                e.summary(),
                e.description(),
                e.type().name(),
                e.themes().stream().map(Enum::name).toList(),
                e.audiences().stream().map(Enum::name).toList(),
                days,
                starts,
                ends,
                e.venue().name(),
                e.venue().address(),
                e.venue().communeCode() == null ? "" : e.venue().communeCode(),
                e.attendance().name(),
                e.onlineUrl(),
                String.valueOf(e.free()),
                e.price(),
                e.registration().name(),
                e.registrationUrl(),
                e.accessibility().stream()
                        .map(AccessibilityFeature::name)
                        .sorted()
                        .toList(),
                String.join(", ", e.coOrganizers()),
                imageId,
                e.imageAlt(),
                e.organizer());
    }

    private static String endTime(ZonedDateTime start, ZonedDateTime end) {
        return end.toLocalDate().equals(start.toLocalDate()) ? end.format(TIME) : "23:59";
    }

    EventDraft withTitle(String newTitle) {
        return new EventDraft(
                editionId,
                newTitle,
                summary,
                description,
                type,
                themes,
                audiences,
                dateDay,
                dateStart,
                dateEnd,
                venueName,
                venueAddress,
                commune,
                attendance,
                onlineUrl,
                free,
                price,
                registration,
                registrationUrl,
                accessibility,
                coOrganizers,
                imageId,
                imageAlt,
                organizer);
    }

    EventDraft withImage(String newImageId) {
        return new EventDraft(
                editionId,
                title,
                summary,
                description,
                type,
                themes,
                audiences,
                dateDay,
                dateStart,
                dateEnd,
                venueName,
                venueAddress,
                commune,
                attendance,
                onlineUrl,
                free,
                price,
                registration,
                registrationUrl,
                accessibility,
                coOrganizers,
                newImageId,
                imageAlt,
                organizer);
    }

    public boolean isFree() {
        return "true".equals(free) || "on".equals(free);
    }

    /** How many date lines the form shows: those typed, and one blank more (at least three). */
    public int dateLines() {
        return Math.max(3, Math.max(dateDay.size(), Math.max(dateStart.size(), dateEnd.size())) + 1);
    }

    public String at(List<String> values, int index) {
        return index < values.size() ? values.get(index) : "";
    }

    public boolean has(List<String> values, Coded value) {
        return values.contains(((Enum<?>) value).name());
    }

    private static String text(String s) {
        return s == null ? "" : s.strip();
    }

    private static List<String> list(List<String> values) {
        return values == null
                ? List.of()
                : values.stream()
                        .map(v -> Objects.requireNonNullElse(v, "").strip())
                        .toList();
    }
}
