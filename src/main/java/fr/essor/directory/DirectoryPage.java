package fr.essor.directory;

import java.util.List;
import java.util.Map;

/**
 * A page of the directory's results, with the counts of every filter's values among the results (each
 * facet counted with the other filters only, so that choosing a value shows what the others would give).
 */
public record DirectoryPage(
        List<Establishment> items,
        int page,
        int size,
        long totalItems,
        DirectoryVintages.Vintage vintage,
        Map<String, List<FacetValue>> facets) {

    /** One value of a facet, its label, its count and whether the query chose it. */
    public record FacetValue(String key, String label, long count, boolean selected) {}

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
