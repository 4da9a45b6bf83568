package fr.essor.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import fr.essor.WebUser;
import fr.essor.directory.TestSirets;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Structures and event forms for the publishing tests, posted through the pages. */
final class PublishingFixtures {

    private PublishingFixtures() {}

    static String siret() {
        return TestSirets.next();
    }

    /** Registers a structure in the commune and returns its id. */
    static long structure(WebUser user, String name, String commune) {
        var r = user.submit(
                "/structures",
                "/structures",
                Map.of(
                        "name",
                        name,
                        "siret",
                        siret(),
                        "legalFamily",
                        "ASSOCIATION",
                        "commune",
                        commune,
                        "website",
                        ""));
        String location = WebUser.location(r);
        assertThat(location).as(r.body()).startsWith("/structures/");
        return Long.parseLong(location.substring("/structures/".length()));
    }

    /** The edition the publishing tests publish in (2031), apart from the agenda's hand-checked 2030. */
    static long testEdition(JdbcClient jdbc) {
        return jdbc.sql("select id from agenda.edition where year = 2031")
                .query(Long.class)
                .single();
    }

    /** A complete, valid event form for the test edition (2031) in Montpellier. */
    static Map<String, String> form(long structureId, long editionId, String title) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("structureId", String.valueOf(structureId));
        f.put("editionId", String.valueOf(editionId));
        f.put("title", title);
        f.put("summary", "Une matinée pour découvrir les coopératives du quartier.");
        f.put("description", "Avec **café** offert.");
        f.put("type", "RENCONTRE");
        f.put("themes", "COOPERATION_ENTREPRENEURIAT");
        f.put("audiences", "GRAND_PUBLIC");
        f.put("dateDay", "2031-11-14");
        f.put("dateStart", "10:00");
        f.put("dateEnd", "12:00");
        f.put("attendance", "IN_PERSON");
        f.put("venueName", "Maison de l’économie sociale");
        f.put("venueAddress", "2 rue de la Coopération");
        f.put("commune", "Montpellier");
        f.put("free", "true");
        f.put("registration", "NONE");
        return f;
    }

    static Map<String, String> with(Map<String, String> form, String... pairs) {
        Map<String, String> copy = new LinkedHashMap<>(form);
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] == null) {
                copy.remove(pairs[i]);
            } else {
                copy.put(pairs[i], pairs[i + 1]);
            }
        }
        return copy;
    }

    static long versionId(String location) {
        assertThat(location).startsWith("/organisateur/versions/");
        return Long.parseLong(
                location.substring("/organisateur/versions/".length()).replace("/modifier", ""));
    }

    static List<String> lines(String text) {
        return List.of(text.split("\r?\n"));
    }
}
