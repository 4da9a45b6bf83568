package fr.essor.directory;

import java.util.List;
import java.util.Set;

/**
 * A search of the directory: words, filters (every value of a filter is accepted, different filters all
 * apply), a place and a radius, a vintage, an order and a page.
 *
 * @param words the folded words of the text search, at most {@link #MAX_WORDS}
 * @param commune a commune's code: with arrondissements (Paris, Lyon, Marseille), all of them
 * @param vintage the month of the vintage, or {@code null} for the one shown by default
 */
public record DirectoryQuery(
        String text,
        List<String> words,
        Set<String> families,
        Set<String> categories,
        Set<String> activities,
        Set<String> sections,
        Set<String> bands,
        String region,
        String departement,
        String epci,
        String commune,
        Near near,
        String vintage,
        Sort sort,
        int page,
        int size,
        Box box) {

    public static final int MAX_WORDS = 8;
    public static final int MAX_SIZE = 100;
    public static final int DEFAULT_SIZE = 20;

    /** A point and a radius. */
    public record Near(double latitude, double longitude, int radiusKm, String label) {}

    /** A map's visible area, in degrees (WGS 84). */
    public record Box(double west, double south, double east, double north) {}

    /** The orders of the results. */
    public enum Sort {
        RELEVANCE("pertinence"),
        NAME("nom"),
        DISTANCE("distance");

        private final String key;

        Sort(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    /** The whole directory, first page. */
    public static DirectoryQuery all() {
        return new DirectoryQuery(
                null,
                List.of(),
                Set.of(),
                Set.of(),
                Set.of(),
                Set.of(),
                Set.of(),
                null,
                null,
                null,
                null,
                null,
                null,
                Sort.NAME,
                1,
                DEFAULT_SIZE,
                null);
    }

    public DirectoryQuery withPage(int page, int size) {
        return with(page, size, box);
    }

    /** The same search restricted to a map's area. */
    public DirectoryQuery withBox(Box area) {
        return with(page, size, area);
    }

    /** The same filters, another page or area: the one copy of every field. */
    private DirectoryQuery with(int page, int size, Box area) {
        return new DirectoryQuery(
                text,
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
                area);
    }

    /**
     * The filters of this search without one facet's: what a facet's own counts depend on (text, order,
     * page and vintage left out).
     */
    DirectoryQuery without(DirectoryIndex.Facet facet) {
        return new DirectoryQuery(
                null,
                words,
                facet == DirectoryIndex.Facet.FAMILY ? Set.of() : families,
                facet == DirectoryIndex.Facet.CATEGORY ? Set.of() : categories,
                activities,
                facet == DirectoryIndex.Facet.SECTION ? Set.of() : sections,
                facet == DirectoryIndex.Facet.BAND ? Set.of() : bands,
                facet == DirectoryIndex.Facet.REGION ? null : region,
                facet == DirectoryIndex.Facet.DEPARTEMENT ? null : departement,
                epci,
                facet == DirectoryIndex.Facet.COMMUNE ? null : commune,
                near,
                null,
                Sort.NAME,
                1,
                DEFAULT_SIZE,
                box);
    }

    public int offset() {
        return (page - 1) * size;
    }
}
