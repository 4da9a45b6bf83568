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

    /** One option: its value and its escaped label. */
    private record Option(String value, String label) {}

    private static final int[] RADII = {5, 10, 20, 50, 100};

    private final MessageSource messages;
    private final Territories territories;
    private final Agenda agenda;

    private final Map<Locale, Map<String, List<Option>>> fixed = new java.util.concurrent.ConcurrentHashMap<>();

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
        out.put("region", html(anyFeminine, lists.get("region"), Set.of(nonNull(values.get("region")))));
        out.put("departement", html(any, lists.get("departement"), Set.of(nonNull(values.get("departement")))));
        out.put("type", html(any, lists.get("type"), codes(query.types())));
        out.put("theme", html(any, lists.get("theme"), codes(query.themes())));
        out.put("audience", html(any, lists.get("audience"), codes(query.audiences())));
        List<Option> editions = new ArrayList<>();
        for (Edition e : agenda.editions()) {
            editions.add(new Option(Integer.toString(e.year()), HtmlUtils.htmlEscape(e.title())));
        }
        out.put("edition", html(anyFeminine, editions, Set.of(nonNull(values.get("edition")))));
        String radius = values.get("rayon");
        out.put("rayon", html(null, lists.get("rayon"), Set.of(radius == null || radius.isEmpty() ? "0" : radius)));
        return out;
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
        StringBuilder out = new StringBuilder(options.size() * 48);
        if (any != null) {
            out.append("<option value=\"\">").append(HtmlUtils.htmlEscape(any)).append("</option>");
        }
        for (Option o : options) {
            out.append("<option value=\"")
                    .append(HtmlUtils.htmlEscape(o.value()))
                    .append('"');
            if (chosen.contains(o.value())) {
                out.append(" selected");
            }
            out.append('>').append(o.label()).append("</option>");
        }
        return out.toString();
    }
}
