package fr.essor.agenda.web;

import java.time.OffsetDateTime;
import java.util.List;

import fr.essor.agenda.AccessibilityFeature;
import fr.essor.agenda.Coded;
import fr.essor.agenda.Event;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An event as the API and the JSON open data show it. Dates carry their offset (Europe/Paris). Lists of
 * the API leave out the description (Markdown and HTML), which the event itself gives.
 */
record EventResource(
        long id,
        String url,
        int edition,
        String title,
        String summary,
        @JsonInclude(JsonInclude.Include.NON_NULL) String description,
        @JsonInclude(JsonInclude.Include.NON_NULL) String descriptionHtml,
        String type,
        List<String> themes,
        List<String> audiences,
        List<DateRange> dates,
        Place venue,
        String attendance,
        String onlineUrl,
        boolean free,
        String price,
        Registration registration,
        List<String> accessibility,
        String organizer,
        List<String> coOrganizers,
        String status,
        String statusReason,
        Image image,
        boolean demo,
        int sequence,
        OffsetDateTime updatedAt) {

    /**
     * One date. {@code capacity} and {@code remaining} (seats neither confirmed nor held by a pending
     * registration) are given for an event that takes its registrations on Essor.
     */
    record DateRange(
            long id,
            OffsetDateTime start,
            OffsetDateTime end,
            @JsonInclude(JsonInclude.Include.NON_NULL) Integer capacity,
            @JsonInclude(JsonInclude.Include.NON_NULL) Integer remaining) {}

    record Place(
            String name,
            String address,
            String postcode,
            String communeCode,
            String commune,
            String departement,
            String region,
            Double latitude,
            Double longitude) {}

    record Registration(String mode, String url) {}

    record Image(String url, String alt) {}

    static EventResource of(Event e, String baseUrl) {
        return of(e, baseUrl, true);
    }

    static EventResource of(Event e, String baseUrl, boolean withDescription) {
        return of(e, baseUrl, withDescription, java.util.Map.of());
    }

    static EventResource of(
            Event e,
            String baseUrl,
            boolean withDescription,
            java.util.Map<Long, fr.essor.agenda.SeatAvailability.Seats> seats) {
        var v = e.venue();
        return new EventResource(
                e.id(),
                baseUrl + "/evenements/" + e.id() + "/" + e.slug(),
                e.editionYear(),
                e.title(),
                e.summary(),
                withDescription ? e.description() : null,
                withDescription ? e.descriptionHtml() : null,
                e.type().code(),
                e.themes().stream().map(Coded::code).toList(),
                e.audiences().stream().map(Coded::code).toList(),
                e.occurrences().stream()
                        .map(o -> new DateRange(
                                o.id(),
                                o.startsAt().toOffsetDateTime(),
                                o.endsAt().toOffsetDateTime(),
                                seats.containsKey(o.id()) ? seats.get(o.id()).capacity() : null,
                                seats.containsKey(o.id()) ? seats.get(o.id()).remaining() : null))
                        .toList(),
                new Place(
                        v.name(),
                        v.address(),
                        v.postcode(),
                        v.communeCode(),
                        v.communeName(),
                        v.departementCode(),
                        v.regionCode(),
                        v.latitude(),
                        v.longitude()),
                e.attendance().code(),
                e.onlineUrl(),
                e.free(),
                e.price(),
                new Registration(e.registration().code(), e.registrationUrl()),
                e.accessibility().stream()
                        .sorted()
                        .map(AccessibilityFeature::code)
                        .toList(),
                e.organizer(),
                e.coOrganizers(),
                e.status().code(),
                e.statusReason(),
                e.imageUrl() == null ? null : new Image(absolute(baseUrl, e.imageUrl()), e.imageAlt()),
                e.demo(),
                e.sequence(),
                e.updatedAt().atZone(fr.essor.EssorApplication.ZONE).toOffsetDateTime());
    }

    static String absolute(String baseUrl, String url) {
        return url.startsWith("/") ? baseUrl + url : url;
    }
}
