package fr.essor.agenda.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import fr.essor.agenda.Audience;
import fr.essor.agenda.Coded;
import fr.essor.agenda.EventPage;
import fr.essor.agenda.EventQuery;
import fr.essor.agenda.EventType;
import fr.essor.agenda.Theme;
import fr.essor.territory.Territories;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The agenda list's filter counts as links, built here once rather than value by value in the template: for
 * each dimension, its values with events (the most frequent first), each the search with that value chosen
 * instead of the current one, or no longer chosen.
 */
@Component
class AgendaFacets {

    /** A dimension of the page: its title and its values as links. */
    record Block(String key, String title, List<Link> links) {}

    /** A value: the search with it chosen (or no longer chosen), its label, its count. */
    record Link(String href, String label, String count, boolean selected) {}

    /** The départements shown: the most frequent, and the one chosen. */
    static final int DEPARTEMENTS_SHOWN = 10;

    private final MessageSource messages;
    private final Territories territories;
    /** « 34 — Hérault » by code, read at the first use (not at start). */
    private volatile Map<String, String> departementNames;

    AgendaFacets(MessageSource messages, Territories territories) {
        this.messages = messages;
        this.territories = territories;
    }

    private Map<String, String> departementNames() {
        Map<String, String> names = departementNames;
        if (names == null) {
            Map<String, String> read = new HashMap<>();
            territories.departements().forEach(d -> read.put(d.code(), d.code() + " — " + d.name()));
            names = Map.copyOf(read);
            departementNames = names;
        }
        return names;
    }

    /**
     * The blocks of a page.
     *
     * @param current the page's address, the base of every link
     */
    List<Block> blocks(EventPage page, EventQuery query, UriComponentsBuilder current, Locale locale) {
        List<Block> out = new ArrayList<>();
        Map<String, Map<String, Integer>> facets = page.facets();
        if (facets.isEmpty()) {
            return out;
        }
        add(
                out,
                current,
                "type",
                "filter.type",
                facets.get("type"),
                coded(EventType.class, locale),
                v -> query.types().stream().anyMatch(t -> t.name().equals(v)),
                Integer.MAX_VALUE);
        add(
                out,
                current,
                "theme",
                "filter.theme",
                facets.get("theme"),
                coded(Theme.class, locale),
                v -> query.themes().stream().anyMatch(t -> t.name().equals(v)),
                Integer.MAX_VALUE);
        add(
                out,
                current,
                "audience",
                "filter.audience",
                facets.get("audience"),
                coded(Audience.class, locale),
                v -> query.audiences().stream().anyMatch(t -> t.name().equals(v)),
                Integer.MAX_VALUE);
        Map<String, String> names = departementNames();
        Function<String, String[]> departement =
                code -> names.containsKey(code) ? new String[] {code, names.get(code)} : null;
        add(
                out,
                current,
                "departement",
                "filter.departement",
                facets.get("dep"),
                departement,
                v -> v.equals(query.departement()),
                DEPARTEMENTS_SHOWN);
        out.replaceAll(b -> new Block(b.key(), messages.getMessage(b.title(), null, locale), b.links()));
        return out;
    }

    /** An enum value's public code and label, by its name. */
    private <E extends Enum<E> & Coded> Function<String, String[]> coded(Class<E> type, Locale locale) {
        return name -> {
            try {
                E e = Enum.valueOf(type, name);
                return new String[] {e.code(), messages.getMessage(e.labelKey(), null, locale)};
            } catch (IllegalArgumentException unknown) {
                return null;
            }
        };
    }

    private static void add(
            List<Block> out,
            UriComponentsBuilder current,
            String param,
            String titleKey,
            Map<String, Integer> counts,
            Function<String, String[]> codeAndLabel,
            java.util.function.Predicate<String> selected,
            int limit) {
        if (counts == null || counts.isEmpty()) {
            return;
        }
        String base = current.cloneBuilder()
                .replaceQueryParam("page")
                .replaceQueryParam(param)
                .build()
                .toUriString();
        String join = base.contains("?") ? "&" : "?";
        List<Map.Entry<String, Integer>> values = new ArrayList<>(counts.entrySet());
        values.sort(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        List<Link> links = new ArrayList<>();
        for (Map.Entry<String, Integer> v : values) {
            boolean chosen = selected.test(v.getKey());
            if (links.size() >= limit && !chosen) {
                continue;
            }
            String[] cl = codeAndLabel.apply(v.getKey());
            if (cl == null) {
                continue;
            }
            String href = chosen ? base : base + join + param + "=" + cl[0];
            links.add(new Link(href, cl[1], grouped(v.getValue()), chosen));
        }
        if (!links.isEmpty()) {
            out.add(new Block(param, titleKey, links));
        }
    }

    /**
     * The blocks as HTML (a {@code nav} per dimension, its title and its links), escaped here: about fifty
     * links on every list page, which the template engine would otherwise evaluate one attribute at a time.
     */
    String html(List<Block> blocks, Locale locale) {
        if (blocks.isEmpty()) {
            return "";
        }
        String remove = HtmlUtils.htmlEscape(messages.getMessage("list.facets.remove", null, locale));
        StringBuilder out = new StringBuilder(4096);
        for (Block b : blocks) {
            String id = "facet-" + b.key();
            out.append("<nav class=\"facet\" aria-labelledby=\"")
                    .append(id)
                    .append("\">")
                    .append("<h3 id=\"")
                    .append(id)
                    .append("\">")
                    .append(HtmlUtils.htmlEscape(b.title()))
                    .append("</h3><ul>");
            for (Link l : b.links()) {
                out.append("<li><a href=\"")
                        .append(HtmlUtils.htmlEscape(l.href()))
                        .append('"');
                if (l.selected()) {
                    out.append(" aria-current=\"true\" class=\"selected\"");
                }
                out.append("><span>");
                if (l.selected()) {
                    out.append("✓ ");
                }
                out.append(HtmlUtils.htmlEscape(l.label()))
                        .append("</span> <span class=\"count\">")
                        .append(l.count())
                        .append("</span>");
                if (l.selected()) {
                    out.append("<span class=\"visually-hidden\">")
                            .append(remove)
                            .append("</span>");
                }
                out.append("</a></li>");
            }
            out.append("</ul></nav>");
        }
        return out.toString();
    }

    /** The number with its thousands apart (a narrow no-break space), as French writes it. */
    static String grouped(long n) {
        String digits = Long.toString(n);
        if (digits.length() <= 3) {
            return digits;
        }
        StringBuilder out = new StringBuilder(digits.length() + 4);
        int head = digits.length() % 3;
        for (int i = 0; i < digits.length(); i++) {
            if (i > 0 && (i - head) % 3 == 0) {
                out.append('\u202f');
            }
            out.append(digits.charAt(i));
        }
        return out.toString();
    }
}
