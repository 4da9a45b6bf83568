package fr.essor.agenda;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** What is needed to create an event (the database gives its id, sequence and timestamps). */
public record NewEvent(
        long editionId,
        String title,
        String summary,
        String description,
        EventType type,
        List<Theme> themes,
        List<Audience> audiences,
        List<Dates> occurrences,
        Venue venue,
        Attendance attendance,
        String onlineUrl,
        boolean free,
        String price,
        RegistrationMode registration,
        String registrationUrl,
        Set<AccessibilityFeature> accessibility,
        String organizer,
        List<String> coOrganizers,
        EventStatus status,
        String statusReason,
        String imageUrl,
        String imageAlt,
        boolean demo) {

    /** One date of the event. */
    public record Dates(Instant startsAt, Instant endsAt) {}
}
