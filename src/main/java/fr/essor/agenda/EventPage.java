package fr.essor.agenda;

import java.util.List;
import java.util.Map;

/**
 * One page of a search: the events, where the page stands among all results and, when asked, the filter
 * counts: for each dimension ({@code type}, {@code theme}, {@code audience}, {@code dep}), each value's number
 * of events with the other filters and not that dimension's own (empty when not asked).
 */
public record EventPage(
        List<Event> events, int page, int size, long totalItems, Map<String, Map<String, Integer>> facets) {

    public EventPage(List<Event> events, int page, int size, long totalItems) {
        this(events, page, size, totalItems, Map.of());
    }

    public int totalPages() {
        return (int) Math.max(1, (totalItems + size - 1) / size);
    }

    public boolean hasNext() {
        return page < totalPages();
    }

    public boolean hasPrevious() {
        return page > 1;
    }
}
