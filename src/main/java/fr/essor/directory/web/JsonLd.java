package fr.essor.directory.web;

import java.util.LinkedHashMap;
import java.util.Map;

import fr.essor.directory.Establishment;
import fr.essor.directory.Profiles;

import tools.jackson.databind.json.JsonMapper;

/** The schema.org description of an establishment, escaped to sit in a {@code <script>} element. */
final class JsonLd {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private JsonLd() {}

    static String organization(Establishment e, Profiles.Profile profile, String base) {
        Map<String, Object> org = new LinkedHashMap<>();
        org.put("@context", "https://schema.org");
        org.put("@type", "Organization");
        org.put("name", e.name());
        if (e.acronym() != null) {
            org.put("alternateName", e.acronym());
        }
        org.put("identifier", Map.of("@type", "PropertyValue", "propertyID", "SIRET", "value", e.siret()));
        if (profile != null && profile.description() != null) {
            org.put("description", profile.description());
        } else if (e.activityLabel() != null) {
            org.put("description", e.activityLabel());
        }
        if (profile != null) {
            if (profile.website() != null) {
                org.put("url", profile.website());
            }
            if (profile.logoId() != null) {
                org.put("logo", base + "/annuaire/images/" + profile.logoId() + ".jpg");
            }
            if (profile.email() != null) {
                org.put("email", profile.email());
            }
            if (!profile.social().isEmpty()) {
                org.put("sameAs", profile.social());
            }
            if (!profile.keywords().isEmpty()) {
                org.put("keywords", String.join(", ", profile.keywords()));
            }
        }
        if (e.createdOn() != null) {
            org.put("foundingDate", e.createdOn().toString());
        }
        Map<String, Object> address = new LinkedHashMap<>();
        address.put("@type", "PostalAddress");
        if (e.street() != null) {
            address.put("streetAddress", e.street());
        }
        if (e.postcode() != null) {
            address.put("postalCode", e.postcode());
        }
        if (e.city() != null) {
            address.put("addressLocality", e.city());
        }
        address.put("addressCountry", "FR");
        org.put("address", address);
        if (e.hasPosition()) {
            org.put("geo", Map.of("@type", "GeoCoordinates", "latitude", e.latitude(), "longitude", e.longitude()));
        }
        // the characters that could end the script element or open a comment are escaped
        return JSON.writeValueAsString(org)
                .replace("<", "\\u003c")
                .replace(">", "\\u003e")
                .replace("&", "\\u0026");
    }
}
