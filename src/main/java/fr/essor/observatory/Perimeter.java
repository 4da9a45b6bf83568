package fr.essor.observatory;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The ESS perimeter: which establishments the figures count (see the methodology page).
 *
 * @param categories per family, its INSEE legal categories, as codes and ranges ({@code 5191-5196})
 * @param flagged whether a unit of another category carrying the ESS flag counts (as an ESS company)
 * @param excludedActivities activities (NAF rév. 2 division {@code 84} or sub-class {@code 94.11Z})
 *        whose establishments never count as ESS
 * @param publicAdministration activities left out of every figure, the denominator included
 */
@ConfigurationProperties("essor.observatory.perimeter")
public record Perimeter(
        Map<String, String> categories,
        boolean flagged,
        List<String> excludedActivities,
        List<String> publicAdministration) {

    private static final Pattern CATEGORY = Pattern.compile("[0-9]{4}");
    private static final Pattern ACTIVITY = Pattern.compile("[0-9]{2}(\\.[0-9]{2}[A-Z]?)?");

    public Perimeter {
        categories = categories == null ? Map.of() : Map.copyOf(categories);
        excludedActivities = excludedActivities == null ? List.of() : List.copyOf(excludedActivities);
        publicAdministration = publicAdministration == null ? List.of() : List.copyOf(publicAdministration);
        for (String key : categories.keySet()) {
            if (Family.ofKey(key).isEmpty() || Family.ofKey(key).get() == Family.ESS_COMPANY) {
                throw new IllegalArgumentException(
                        "Famille de l'ESS inconnue dans essor.observatory.perimeter.categories : " + key);
            }
        }
        for (String activity : concat(excludedActivities, publicAdministration)) {
            if (!ACTIVITY.matcher(activity).matches()) {
                throw new IllegalArgumentException("Activité mal écrite dans le périmètre de l'ESS : " + activity
                        + " (une division « 84 » ou une sous-classe « 94.11Z »)");
            }
        }
        categoryFamilies(categories);
    }

    /** Every legal category of a family, expanded. */
    public Map<Family, Set<String>> familyCategories() {
        Map<Family, Set<String>> out = new EnumMap<>(Family.class);
        categoryFamilies(categories)
                .forEach((category, family) ->
                        out.computeIfAbsent(family, f -> new TreeSet<>()).add(category));
        return out;
    }

    /** Legal category → family. A category listed under two families is refused. */
    public Map<String, Family> categoryFamilies() {
        return categoryFamilies(categories);
    }

    /** The configured text of a family's categories, as the methodology page shows it. */
    public String categoriesText(Family family) {
        return categories.getOrDefault(family.key(), "");
    }

    private static Map<String, Family> categoryFamilies(Map<String, String> categories) {
        Map<String, Family> out = new LinkedHashMap<>();
        categories.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
            Family family = Family.ofKey(entry.getKey()).orElseThrow();
            for (String part : entry.getValue().split(",")) {
                String p = part.strip();
                if (p.isEmpty()) {
                    continue;
                }
                String[] bounds = p.split("-", 2);
                String from = bounds[0].strip();
                String to = bounds.length == 2 ? bounds[1].strip() : from;
                if (!CATEGORY.matcher(from).matches()
                        || !CATEGORY.matcher(to).matches()
                        || Integer.parseInt(from) > Integer.parseInt(to)) {
                    throw new IllegalArgumentException("Catégorie juridique mal écrite pour « " + entry.getKey()
                            + " » : " + p + " (4 chiffres, ou un intervalle 5191-5196)");
                }
                for (int c = Integer.parseInt(from); c <= Integer.parseInt(to); c++) {
                    String code = String.format("%04d", c);
                    Family before = out.put(code, family);
                    if (before != null && before != family) {
                        throw new IllegalArgumentException("La catégorie juridique " + code + " est à la fois dans « "
                                + before.key() + " » et « " + family.key() + " »");
                    }
                }
            }
        });
        return out;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
