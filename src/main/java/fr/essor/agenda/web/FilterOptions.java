package fr.essor.agenda.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import fr.essor.agenda.Agenda;
import fr.essor.agenda.Audience;
import fr.essor.agenda.Coded;
import fr.essor.agenda.Edition;
import fr.essor.agenda.EventQuery;
import fr.essor.agenda.EventType;
import fr.essor.agenda.Theme;
import fr.essor.territory.Territories;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * The options of the agenda filter form's lists (régions, départements, types, themes, audiences, editions,
 * radius), written here as HTML with the chosen one marked: about 170 options on every list, map and
 * calendar page, which the template engine would otherwise evaluate one attribute at a time. Labels are
 * escaped here; the template inserts the result as it is.
 */
@Component
class FilterOptions {

    /** One option: its value, and its value and label escaped. */
    private record Option(String value, String escapedValue, String label) {

        Option(String value, String label) {
            this(value, HtmlUtils.htmlEscape(value), label);
        }
    }

    /** A list's options as HTML, with none or one of them chosen. */
    private record Written(Locale locale, String list, String chosen) {}

    private static final int[] RADII = {5, 10, 20, 50, 100};

    private final MessageSource messages;
    private final Territories territories;
    private final Agenda agenda;

    private final Map<Locale, Map<String, List<Option>>> fixed = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The fixed lists written with none or one of their options chosen (most pages): about 170 options
     * escaped and written for each page otherwise, a fifth of the bytes a list page allocated. Only the
     * lists' own values are kept, whatever a request sends.
     */
    private final fr.essor.shared.ReadMostlyCache<Written, String> written =
            new fr.essor.shared.ReadMostlyCache<>(4_000);

    FilterOptions(MessageSource messages, Territories territories, Agenda agenda) {
        this.messages = messages;
        this.territories = territories;
        this.agenda = agenda;
    }

    /**
     * Each list's options ({@code region}, {@code departement}, {@code type}, {@code theme},
     * {@code audience}, {@code edition}, {@code rayon}), the form's values chosen.
     */
    Map<String, String> of(Map<String, String> values, EventQuery query, Locale locale) {
        Map<String, List<Option>> lists = fixed.computeIfAbsent(locale, this::lists);
        Map<String, String> out = new HashMap<>();
        String any = message("filter.any", locale);
        String anyFeminine = message("filter.anyFeminine", locale);
        out.put("region", fixedList(locale, "region", anyFeminine, lists, Set.of(nonNull(values.get("region")))));
        out.put(
                "departement",
                fixedList(locale, "departement", any, lists, Set.of(nonNull(values.get("departement")))));
        out.put("type", fixedList(locale, "type", any, lists, codes(query.types())));
        out.put("theme", fixedList(locale, "theme", any, lists, codes(query.themes())));
        out.put("audience", fixedList(locale, "audience", any, lists, codes(query.audiences())));
        List<Option> editions = new ArrayList<>();
        for (Edition e : agenda.editions()) {
            editions.add(new Option(Integer.toString(e.year()), HtmlUtils.htmlEscape(e.title())));
        }
        out.put("edition", html(anyFeminine, editions, Set.of(nonNull(values.get("edition")))));
        String radius = values.get("rayon");
        out.put(
                "rayon",
                fixedList(locale, "rayon", null, lists, Set.of(radius == null || radius.isEmpty() ? "0" : radius)));
        return out;
    }

    /** One of the fixed lists as HTML: kept when none or one of its own values is chosen. */
    private String fixedList(
            Locale locale, String list, String any, Map<String, List<Option>> lists, Set<String> chosen) {
        List<Option> options = lists.get(list);
        String one = chosen.size() == 1 ? chosen.iterator().next() : "";
        boolean keep = chosen.isEmpty()
                || (chosen.size() == 1
                        && (one.isEmpty()
                                || options.stream().anyMatch(o -> o.value().equals(one))));
        return keep
                ? written.get(new Written(locale, list, one), k -> html(any, options, chosen))
                : html(any, options, chosen);
    }

    private Map<String, List<Option>> lists(Locale locale) {
        Map<String, List<Option>> lists = new HashMap<>();
        lists.put(
                "region",
                territories.regions().stream()
                        .map(r -> new Option(r.code(), HtmlUtils.htmlEscape(r.name())))
                        .toList());
        lists.put(
                "departement",
                territories.departements().stream()
                        .map(d -> new Option(d.code(), HtmlUtils.htmlEscape(d.code() + " — " + d.name())))
                        .toList());
        lists.put("type", coded(EventType.values(), locale));
        lists.put("theme", coded(Theme.values(), locale));
        lists.put("audience", coded(Audience.values(), locale));
        List<Option> radii = new ArrayList<>();
        radii.add(new Option("0", HtmlUtils.htmlEscape(message("filter.radius.commune", locale))));
        for (int r : RADII) {
            radii.add(new Option(Integer.toString(r), r + " km"));
        }
        lists.put("rayon", List.copyOf(radii));
        return Map.copyOf(lists);
    }

    private <E extends Coded> List<Option> coded(E[] values, Locale locale) {
        return java.util.Arrays.stream(values)
                .map(v -> new Option(v.code(), HtmlUtils.htmlEscape(message(v.labelKey(), locale))))
                .toList();
    }

    private static <E extends Coded> Set<String> codes(Set<E> chosen) {
        return chosen.stream().map((Function<E, String>) Coded::code).collect(java.util.stream.Collectors.toSet());
    }

    private String message(String key, Locale locale) {
        return messages.getMessage(key, null, locale);
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }

    /** The options as HTML, the first one for « any » (value "") unless {@code any} is null. */
    private static String html(String any, List<Option> options, Set<String> chosen) {
        StringBuilder out = new StringBuilder(64 + options.size() * 64);
        if (any != null) {
            out.append("<option value=\"\">").append(HtmlUtils.htmlEscape(any)).append("</option>");
        }
        for (Option o : options) {
            out.append("<option value=\"").append(o.escapedValue()).append('"');
            if (chosen.contains(o.value())) {
                out.append(" selected");
            }
            out.append('>').append(o.label()).append("</option>");
        }
        return out.toString();
    }
}
