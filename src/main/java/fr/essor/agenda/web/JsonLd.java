package fr.essor.agenda.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import fr.essor.agenda.Event;
import fr.essor.agenda.Markdown;
import fr.essor.agenda.Occurrence;

import tools.jackson.databind.json.JsonMapper;

/**
 * The schema.org {@code Event} of an event page, as Google's event rich results expect it: name,
 * startDate and endDate with their offset, location (a Place with a PostalAddress, a VirtualLocation,
 * or both), eventStatus, eventAttendanceMode, organizer, offers, image and description. An event with
 * several dates gives one Event per date.
 */
final class JsonLd {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final java.time.format.DateTimeFormatter ISO =
            java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private JsonLd() {}

    /** The JSON-LD text, safe to put inside a script element. */
    static String of(Event e, String url, String baseUrl) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (Occurrence o : e.occurrences()) {
            items.add(event(e, o, url, baseUrl));
        }
        Object root = items.size() == 1 ? items.getFirst() : items;
        // no '<' at all (it can only be inside a string): nothing a title holds can close the script element
        return JSON.writeValueAsString(root).replace("<", "\\u003c");
    }

    static Map<String, Object> event(Event e, Occurrence o, String url, String baseUrl) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("@context", "https://schema.org");
        m.put("@type", "Event");
        m.put("name", e.title());
        m.put("description", e.summary() + " " + Markdown.toPlainText(e.description()));
        m.put("startDate", ISO.format(o.startsAt()));
        m.put("endDate", ISO.format(o.endsAt()));
        m.put("url", url);
        m.put(
                "eventStatus",
                "https://schema.org/"
                        + switch (e.status()) {
                            case CANCELLED -> "EventCancelled";
                            case POSTPONED -> "EventPostponed";
                            default -> "EventScheduled";
                        });
        m.put(
                "eventAttendanceMode",
                "https://schema.org/"
                        + switch (e.attendance()) {
                            case IN_PERSON -> "OfflineEventAttendanceMode";
                            case ONLINE -> "OnlineEventAttendanceMode";
                            case HYBRID -> "MixedEventAttendanceMode";
                        });
        List<Object> locations = new ArrayList<>();
        if (e.inPerson()) {
            var v = e.venue();
            Map<String, Object> address = new LinkedHashMap<>();
            address.put("@type", "PostalAddress");
            if (v.address() != null) {
                address.put("streetAddress", v.address());
            }
            if (v.postcode() != null) {
                address.put("postalCode", v.postcode());
            }
            address.put("addressLocality", v.communeName());
            address.put("addressCountry", "FR");
            Map<String, Object> place = new LinkedHashMap<>();
            place.put("@type", "Place");
            place.put("name", v.name() == null ? v.communeName() : v.name());
            place.put("address", address);
            if (v.hasPoint()) {
                place.put(
                        "geo", Map.of("@type", "GeoCoordinates", "latitude", v.latitude(), "longitude", v.longitude()));
            }
            locations.add(place);
        }
        if (e.online()) {
            Map<String, Object> virtual = new LinkedHashMap<>();
            virtual.put("@type", "VirtualLocation");
            virtual.put("url", e.onlineUrl() == null ? url : e.onlineUrl());
            locations.add(virtual);
        }
        m.put("location", locations.size() == 1 ? locations.getFirst() : locations);
        Map<String, Object> organizer = new LinkedHashMap<>();
        organizer.put("@type", "Organization");
        organizer.put("name", e.organizer());
        m.put("organizer", organizer);
        Map<String, Object> offers = new LinkedHashMap<>();
        offers.put("@type", "Offer");
        offers.put("url", e.registrationUrl() == null ? url : e.registrationUrl());
        offers.put("priceCurrency", "EUR");
        offers.put("price", e.free() ? "0" : priceValue(e.price()));
        offers.put(
                "availability",
                "https://schema.org/" + (e.status() == fr.essor.agenda.EventStatus.FULL ? "SoldOut" : "InStock"));
        offers.put("validFrom", ISO.format(e.createdAt().atZone(fr.essor.EssorApplication.ZONE)));
        m.put("offers", offers);
        m.put(
                "image",
                List.of(
                        e.imageUrl() == null
                                ? baseUrl + "/img/evenement.png"
                                : EventResource.absolute(baseUrl, e.imageUrl())));
        m.put("inLanguage", "fr");
        if (!e.coOrganizers().isEmpty()) {
            m.put(
                    "contributor",
                    e.coOrganizers().stream()
                            .map(n -> Map.of("@type", "Organization", "name", n))
                            .toList());
        }
        return m;
    }

    /** The first number in a price text ("5 €", "à partir de 2 €"), or the text itself. */
    private static String priceValue(String price) {
        if (price == null) {
            return "";
        }
        var m = java.util.regex.Pattern.compile("(\\d+(?:[.,]\\d+)?)").matcher(price);
        return m.find() ? m.group(1).replace(',', '.') : price;
    }
}
