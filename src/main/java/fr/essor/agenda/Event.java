package fr.essor.agenda;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A public event of the agenda with every detail.
 *
 * @param description Markdown as written by the organizer
 * @param descriptionHtml the description as sanitised HTML ({@link Markdown#toSafeHtml})
 * @param occurrences its dates, at least one, in chronological order
 * @param sequence revision number for calendars, raised by every change that a calendar must see
 * @param slug a URL-friendly form of the title, for readable links
 */
public record Event(
        long id,
        long editionId,
        int editionYear,
        String title,
        String summary,
        String description,
        String descriptionHtml,
        EventType type,
        List<Theme> themes,
        List<Audience> audiences,
        List<Occurrence> occurrences,
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
        boolean demo,
        int sequence,
        Instant createdAt,
        Instant updatedAt,
        String slug) {

    public boolean online() {
        return attendance != Attendance.IN_PERSON;
    }

    public boolean inPerson() {
        return attendance != Attendance.ONLINE;
    }

    public boolean cancelled() {
        return status == EventStatus.CANCELLED;
    }

    public Occurrence firstOccurrence() {
        return occurrences.getFirst();
    }

    /**
     * The date a list shows: the first one not yet ended, else the last one (an event over, or one listed
     * for a past period).
     */
    public Occurrence nextOccurrence() {
        java.time.Instant now = java.time.Instant.now();
        for (Occurrence o : occurrences) {
            if (o.end().isAfter(now)) {
                return o;
            }
        }
        return occurrences.getLast();
    }

    public Occurrence lastOccurrence() {
        return occurrences.getLast();
    }
}
