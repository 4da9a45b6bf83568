package fr.essor.agenda;

import java.util.List;

/** One page of a search: the events, and where the page stands among all results. */
public record EventPage(List<Event> events, int page, int size, long totalItems) {

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
