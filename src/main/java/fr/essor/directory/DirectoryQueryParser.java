package fr.essor.directory;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import fr.essor.observatory.SizeBand;
import fr.essor.territory.Territories;

import org.springframework.stereotype.Component;

/**
 * Reads a directory search from request parameters and rejects, in French and naming the parameter,
 * every value it does not understand. Filters of several values take repeated parameters or values
 * separated by commas.
 */
@Component
public class DirectoryQueryParser {

    /** A parameter that was refused, and why. */
    public record Problem(String parameter, String message) {}

    /** A query, or the problems that prevent it. */
    public record Parsed(DirectoryQuery query, List<Problem> problems) {

        public boolean valid() {
            return problems.isEmpty();
        }
    }

    public static final Set<String> PARAMETERS = Set.of(
            "q",
            "family",
            "categorieJuridique",
            "naf",
            "section",
            "tranche",
            "region",
            "departement",
            "epci",
            "commune",
            "near",
            "radiusKm",
            "bbox",
            "vintage",
            "sort",
            "page",
            "size");

    private static final Pattern NEAR =
            Pattern.compile("\\s*(-?\\d{1,2}(?:\\.\\d+)?)\\s*,\\s*(-?\\d{1,3}(?:\\.\\d+)?)\\s*");
    private static final Pattern MONTH = Pattern.compile("[0-9]{4}-(0[1-9]|1[0-2])");
    private static final Pattern CATEGORY = Pattern.compile("[0-9]{4}");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final Set<String> FAMILIES =
            Set.of("association", "cooperative", "mutuelle", "fondation", "ess_company");
    private static final int MAX_TEXT = 200;
    private static final int MAX_VALUES = 30;
    private static final int MAX_RADIUS_KM = 200;
    private static final int DEFAULT_RADIUS_KM = 10;

    private final Territories territories;
    private final Map<String, String> arrondissements;

    DirectoryQueryParser(Territories territories) {
        this.territories = territories;
        this.arrondissements = territories.arrondissements();
    }

    /** @param strict whether a parameter of another name is refused (the API) or ignored (the pages) */
    public Parsed parse(Map<String, String[]> params, boolean strict) {
        List<Problem> problems = new ArrayList<>();
        if (strict) {
            params.keySet().stream()
                    .filter(name -> !PARAMETERS.contains(name))
                    .sorted()
                    .forEach(name -> problems.add(new Problem(
                            name,
                            "paramètre inconnu ; paramètres possibles : " + String.join(", ", sorted(PARAMETERS)))));
        }
        String text = single(params, "q");
        List<String> words = List.of();
        if (text != null && text.length() > MAX_TEXT) {
            problems.add(new Problem("q", "la recherche dépasse " + MAX_TEXT + " caractères"));
            text = null;
        } else if (text != null) {
            words = words(text);
        }
        Set<String> families = values(
                params,
                "family",
                problems,
                v -> FAMILIES.contains(v),
                "famille inconnue (association, cooperative, mutuelle, fondation ou ess_company)");
        Set<String> categories = values(
                params,
                "categorieJuridique",
                problems,
                v -> CATEGORY.matcher(v).matches() && Nomenclatures.knownCategory(v),
                "catégorie juridique inconnue (quatre chiffres, par exemple 9220)");
        Set<String> activities = values(
                params,
                "naf",
                problems,
                v -> Nomenclatures.knownActivity(v.toUpperCase(Locale.ROOT)),
                "code NAF rév. 2 inconnu (par exemple 88.99B)");
        activities = upper(activities);
        Set<String> sections = upper(values(
                params, "section", problems, v -> v.matches("[A-Ua-u]"), "section NAF inconnue (une lettre de A à U)"));
        Set<String> bands = values(
                params,
                "tranche",
                problems,
                v -> SizeBand.ofCode(v.toUpperCase(Locale.ROOT)).isPresent(),
                "tranche d'effectifs inconnue (NN, 00, 01, 02, 03, 11, 12, 21, 22, 31, 32, 41, 42, 51, 52, 53 ou NR)");
        bands = upper(bands);
        String region = single(params, "region");
        if (region != null && territories.region(region).isEmpty()) {
            problems.add(new Problem("region", "région inconnue : « " + region + " » (code INSEE, par exemple 76)"));
        }
        String departement = upper(single(params, "departement"));
        if (departement != null && territories.departement(departement).isEmpty()) {
            problems.add(new Problem(
                    "departement", "département inconnu : « " + departement + " » (code INSEE, par exemple 34)"));
        }
        String epci = single(params, "epci");
        if (epci != null && territories.epci(epci).isEmpty()) {
            problems.add(new Problem("epci", "EPCI inconnu : « " + epci + " » (son SIREN, par exemple 243400017)"));
        }
        String commune = upper(single(params, "commune"));
        if (commune != null && territories.commune(commune).isEmpty() && !arrondissements.containsKey(commune)) {
            problems.add(
                    new Problem("commune", "commune inconnue : « " + commune + " » (code INSEE, par exemple 34172)"));
        }
        DirectoryQuery.Near near = near(params, problems);
        String vintage = single(params, "vintage");
        if (vintage != null && !MONTH.matcher(vintage).matches()) {
            problems.add(new Problem("vintage", "millésime mal écrit : AAAA-MM attendu, par exemple 2026-11"));
            vintage = null;
        }
        DirectoryQuery.Sort sort = sort(params, problems, near, words);
        int page = integer(params, "page", 1, 1, 10_000, problems);
        int size = integer(params, "size", DirectoryQuery.DEFAULT_SIZE, 1, DirectoryQuery.MAX_SIZE, problems);
        DirectoryQuery query = new DirectoryQuery(
                text == null || text.isBlank() ? null : text.strip(),
                words,
                families,
                categories,
                activities,
                sections,
                bands,
                region,
                departement,
                epci,
                commune,
                near,
                vintage,
                sort,
                page,
                size,
                box(single(params, "bbox"), problems));
        return new Parsed(query, List.copyOf(problems));
    }

    /** The words searched: folded (lower case, no accents), at most {@link DirectoryQuery#MAX_WORDS}. */
    static List<String> words(String text) {
        String folded = Normalizer.normalize(text, Normalizer.Form.NFD)
                .replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT);
        List<String> out = new ArrayList<>();
        var m = WORD.matcher(folded);
        while (m.find() && out.size() < DirectoryQuery.MAX_WORDS) {
            String w = m.group();
            if (w.length() <= 40 && !out.contains(w)) {
                out.add(w);
            }
        }
        return List.copyOf(out);
    }

    /** A map's area: west,south,east,north in degrees. */
    static DirectoryQuery.Box box(String value, List<Problem> problems) {
        if (value == null) {
            return null;
        }
        String[] parts = value.split(",");
        double[] n = new double[4];
        if (parts.length != 4) {
            problems.add(new Problem(
                    "bbox", "zone mal écrite : ouest,sud,est,nord en degrés, par exemple 3.8,43.5,4.0,43.7"));
            return null;
        }
        for (int i = 0; i < 4; i++) {
            try {
                n[i] = Double.parseDouble(parts[i].strip());
            } catch (NumberFormatException ex) {
                n[i] = Double.NaN;
            }
            if (!Double.isFinite(n[i]) || parts[i].strip().length() > 20) {
                problems.add(new Problem(
                        "bbox", "zone mal écrite : ouest,sud,est,nord en degrés, par exemple 3.8,43.5,4.0,43.7"));
                return null;
            }
        }
        if (Math.abs(n[0]) > 180 || Math.abs(n[2]) > 180 || Math.abs(n[1]) > 90 || Math.abs(n[3]) > 90) {
            problems.add(new Problem("bbox", "zone hors limites : longitudes de -180 à 180, latitudes de -90 à 90"));
            return null;
        }
        if (n[0] >= n[2] || n[1] >= n[3]) {
            problems.add(new Problem("bbox", "zone vide : l'ouest doit précéder l'est et le sud le nord"));
            return null;
        }
        return new DirectoryQuery.Box(n[0], n[1], n[2], n[3]);
    }

    private DirectoryQuery.Near near(Map<String, String[]> params, List<Problem> problems) {
        String near = single(params, "near");
        String radius = single(params, "radiusKm");
        int km = DEFAULT_RADIUS_KM;
        if (radius != null) {
            try {
                km = Integer.parseInt(radius.strip());
                if (km < 1 || km > MAX_RADIUS_KM) {
                    problems.add(new Problem("radiusKm", "rayon hors limites : de 1 à " + MAX_RADIUS_KM + " km"));
                    return null;
                }
            } catch (NumberFormatException ex) {
                problems.add(new Problem("radiusKm", "rayon mal écrit : un nombre entier de kilomètres"));
                return null;
            }
            if (near == null) {
                problems.add(new Problem("radiusKm", "un rayon demande un point : near=latitude,longitude ou un lieu"));
                return null;
            }
        }
        if (near == null) {
            return null;
        }
        var m = NEAR.matcher(near);
        if (m.matches()) {
            double lat = Double.parseDouble(m.group(1));
            double lon = Double.parseDouble(m.group(2));
            if (Math.abs(lat) > 90 || Math.abs(lon) > 180) {
                problems.add(new Problem("near", "point hors limites : latitude de -90 à 90, longitude de -180 à 180"));
                return null;
            }
            return new DirectoryQuery.Near(lat, lon, km, String.format(Locale.ROOT, "%.5f,%.5f", lat, lon));
        }
        if (near.length() > 80) {
            problems.add(new Problem("near", "lieu trop long"));
            return null;
        }
        var place = territories.place(near).filter(c -> c.hasPoint());
        if (place.isEmpty()) {
            problems.add(new Problem(
                    "near",
                    "lieu inconnu : « " + near
                            + " » (une commune, un code postal, ou latitude,longitude comme 43.61,3.88)"));
            return null;
        }
        return new DirectoryQuery.Near(
                place.get().latitude(), place.get().longitude(), km, place.get().name());
    }

    private static DirectoryQuery.Sort sort(
            Map<String, String[]> params, List<Problem> problems, DirectoryQuery.Near near, List<String> words) {
        String sort = single(params, "sort");
        if (sort == null) {
            return !words.isEmpty()
                    ? DirectoryQuery.Sort.RELEVANCE
                    : near != null ? DirectoryQuery.Sort.DISTANCE : DirectoryQuery.Sort.NAME;
        }
        for (DirectoryQuery.Sort s : DirectoryQuery.Sort.values()) {
            if (s.key().equals(sort)) {
                if (s == DirectoryQuery.Sort.DISTANCE && near == null) {
                    problems.add(new Problem("sort", "le tri par distance demande un point (near)"));
                    return DirectoryQuery.Sort.NAME;
                }
                if (s == DirectoryQuery.Sort.RELEVANCE && words.isEmpty()) {
                    return DirectoryQuery.Sort.NAME;
                }
                return s;
            }
        }
        problems.add(new Problem("sort", "tri inconnu : pertinence, nom ou distance"));
        return DirectoryQuery.Sort.NAME;
    }

    private static int integer(
            Map<String, String[]> params, String name, int fallback, int min, int max, List<Problem> problems) {
        String value = single(params, name);
        if (value == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n < min || n > max) {
                problems.add(new Problem(name, "valeur hors limites : de " + min + " à " + max));
                return fallback;
            }
            return n;
        } catch (NumberFormatException ex) {
            problems.add(new Problem(name, "nombre entier attendu"));
            return fallback;
        }
    }

    private static Set<String> values(
            Map<String, String[]> params,
            String name,
            List<Problem> problems,
            java.util.function.Predicate<String> known,
            String message) {
        String[] raw = params.get(name);
        if (raw == null) {
            return Set.of();
        }
        Set<String> out = new LinkedHashSet<>();
        for (String value : raw) {
            for (String v : value.split(",")) {
                String s = v.strip();
                if (s.isEmpty()) {
                    continue;
                }
                if (s.length() > 20 || !known.test(s)) {
                    problems.add(new Problem(name, message + " : « " + abbreviate(s) + " »"));
                } else {
                    out.add(s);
                }
            }
        }
        if (out.size() > MAX_VALUES) {
            problems.add(new Problem(name, "au plus " + MAX_VALUES + " valeurs"));
            return Set.of();
        }
        return Set.copyOf(out);
    }

    private static String single(Map<String, String[]> params, String name) {
        String[] values = params.get(name);
        if (values == null || values.length == 0 || values[0] == null || values[0].isBlank()) {
            return null;
        }
        return values[0].strip();
    }

    private static String upper(String value) {
        return value == null ? null : value.toUpperCase(Locale.ROOT);
    }

    private static Set<String> upper(Set<String> values) {
        return values.stream()
                .map(v -> v.toUpperCase(Locale.ROOT))
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    private static String abbreviate(String value) {
        return value.length() > 20 ? value.substring(0, 20) + "…" : value;
    }

    private static List<String> sorted(Set<String> names) {
        return names.stream().sorted().toList();
    }
}
