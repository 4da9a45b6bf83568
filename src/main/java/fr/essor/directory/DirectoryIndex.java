package fr.essor.directory;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One vintage of the directory held in memory for searching: every establishment is a row, numbered in
 * the order of names (so that the first rows found are the first page), with its filters as small
 * ordinals and its position; a second order, along a Z-order (Morton) curve of Web Mercator cells,
 * makes every map cell of every zoom level a contiguous range, counted in constant time without filter
 * and by a short walk with filters. The texts stay in PostgreSQL, which gives the rows matching each
 * word (see {@link DirectorySearch}).
 */
final class DirectoryIndex {

    /** The facets, in the order of their ordinals in the arrays of counts. */
    enum Facet {
        FAMILY,
        SECTION,
        BAND,
        CATEGORY,
        REGION,
        DEPARTEMENT,
        COMMUNE
    }

    private static final Facet[] FACETS = Facet.values();

    /** Bits per axis of the Morton codes: cells of about 19 m at the equator (14 m in France). */
    static final int LEVEL = 21;

    /** Mean radius of {@code earth()} in PostgreSQL's earthdistance, so that both agree on distances. */
    private static final double EARTH_RADIUS_M = 6_378_168;

    /**
     * The values of one column, each row's value as an ordinal (0 for none). The ordinals of all columns
     * are stored row by row ({@link #STRIDE} per row): a pass over rows reads one cache line per row,
     * not one per column.
     */
    static final class Column {

        final List<String> values = new ArrayList<>(List.of(""));
        final Map<String, Character> ordinals = new HashMap<>();
        /** While the index is built: the ordinals in the order the rows came (names). */
        private char[] arrived;

        private char[] packed;
        private final int slot;

        Column(int size, int slot) {
            this.arrived = new char[size];
            this.slot = slot;
        }

        /** The ordinal of a row's value. */
        int of(int row) {
            return packed[row * STRIDE + slot];
        }

        void set(int row, String value) {
            if (value == null) {
                return;
            }
            Character ord = ordinals.get(value);
            if (ord == null) {
                if (values.size() == Character.MAX_VALUE) {
                    throw new IllegalStateException("trop de valeurs distinctes pour une colonne de l'index");
                }
                ord = (char) values.size();
                ordinals.put(value, ord);
                values.add(value);
            }
            arrived[row] = ord;
        }

        /** Stores the ordinals in the index's row order: {@code rankOf[row]} is the row's order of arrival. */
        void pack(char[] into, int[] rankOf) {
            for (int row = 0; row < rankOf.length; row++) {
                into[row * STRIDE + slot] = arrived[rankOf[row]];
            }
            packed = into;
            arrived = null;
        }

        /** The ordinals of the values, as a table of the accepted ordinals; {@code null} for no filter. */
        boolean[] accepting(java.util.Collection<String> chosen) {
            if (chosen.isEmpty()) {
                return null;
            }
            boolean[] accepted = new boolean[values.size()];
            for (String v : chosen) {
                Character ord = ordinals.get(v);
                if (ord != null) {
                    accepted[ord] = true;
                }
            }
            return accepted;
        }

        String value(int ordinal) {
            return values.get(ordinal);
        }

        /** The rows of each value, ascending (built with the index). */
        int[][] postings;

        void index() {
            sortValues();
            int rows = packed.length / STRIDE;
            int[] sizes = new int[values.size()];
            for (int row = 0; row < rows; row++) {
                sizes[of(row)]++;
            }
            postings = new int[values.size()][];
            for (int ord = 0; ord < sizes.length; ord++) {
                postings[ord] = new int[sizes[ord]];
            }
            int[] next = new int[values.size()];
            for (int row = 0; row < rows; row++) {
                int ord = of(row);
                postings[ord][next[ord]++] = row;
            }
        }

        /** How many rows have one of the accepted values. */
        long rowsOf(boolean[] accepted) {
            long n = 0;
            for (int ord = 0; ord < accepted.length; ord++) {
                if (accepted[ord]) {
                    n += postings[ord].length;
                }
            }
            return n;
        }

        int cardinality() {
            return values.size();
        }

        private int[] alphabetical;
        private int[] byAlphabet;

        /** Each ordinal's place in the alphabetical order of the values. */
        int[] alphabetical() {
            return alphabetical;
        }

        private void sortValues() {
            Integer[] order = new Integer[values.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> values.get(a).compareTo(values.get(b)));
            alphabetical = new int[order.length];
            byAlphabet = new int[order.length];
            for (int i = 0; i < order.length; i++) {
                alphabetical[order[i]] = i;
                byAlphabet[i] = order[i];
            }
        }

        /** The ordinals in the alphabetical order of the values. */
        int[] byAlphabet() {
            return byAlphabet;
        }
    }

    /** Ordinals stored per row: the facets' (in the order of {@link Facet}), then activity, EPCI, commune code. */
    static final int STRIDE = 10;

    private static final int NAF = 7;
    private static final int COMMUNE = Facet.COMMUNE.ordinal();
    private static final int EPCI = 8;
    private static final int COMMUNE_CODE = 9;

    final long vintageId;
    /**
     * This build of the index (a vintage's is built again when a structure is confirmed in the ESS):
     * what is kept of searches names it.
     */
    final long generation = GENERATIONS.incrementAndGet();

    private static final java.util.concurrent.atomic.AtomicLong GENERATIONS =
            new java.util.concurrent.atomic.AtomicLong();

    /** The structures confirmed in the ESS on Essor that the vintage does not have, by SIRET. */
    private Map<String, Establishment> confirmed = Map.of();

    final int size;
    /**
     * The names, in UTF-8 one after the other, in name order: a map's single establishments are named
     * without PostgreSQL.
     */
    private final byte[] names;

    private final int[] nameStarts;
    /**
     * The rows are grouped by département (a département's rows are read in one stretch of memory), in
     * name order within each; {@code rankOf[row]} is a row's place in the order of names, {@code
     * rowOfRank} the reverse.
     */
    private final int[] rankOf;

    private final int[] rowOfRank;
    private final char[] packed;
    private final long[] siretOfRow;
    private final long[] sortedSirets;
    private final int[] rowOfSorted;
    final float[] latitude;
    final float[] longitude;
    final Column family;
    final Column section;
    final Column band;
    final Column category;
    final Column naf;
    final Column region;
    final Column departement;
    final Column epci;
    final Column commune;
    final Column communeCode;
    /** The Morton codes of the positioned rows, ascending, and the row of each. */
    private final long[] morton;

    private final int[] spatialRows;
    /** The place of each row in the Morton order (-1: not positioned). */
    private final int[] spatialPlace;

    /** Sums of the latitudes and longitudes along the Morton order, from 0 to i excluded. */
    private final double[] latitudeSums;

    private final double[] longitudeSums;

    private DirectoryIndex(Builder b, int[] rankOf) {
        this.vintageId = b.vintageId;
        this.size = b.size;
        this.names = b.names.toByteArray();
        this.nameStarts = b.nameStarts;
        this.rankOf = rankOf;
        this.rowOfRank = new int[size];
        for (int row = 0; row < size; row++) {
            rowOfRank[rankOf[row]] = row;
        }
        this.siretOfRow = new long[size];
        this.latitude = new float[size];
        this.longitude = new float[size];
        for (int row = 0; row < size; row++) {
            siretOfRow[row] = b.sirets[rankOf[row]];
            latitude[row] = b.latitude[rankOf[row]];
            longitude[row] = b.longitude[rankOf[row]];
        }
        this.packed = new char[size * STRIDE];
        this.family = b.family;
        this.section = b.section;
        this.band = b.band;
        this.category = b.category;
        this.region = b.region;
        this.departement = b.departement;
        this.commune = b.commune;
        this.naf = b.naf;
        this.epci = b.epci;
        this.communeCode = b.communeCode;
        for (Column c :
                List.of(family, section, band, category, region, departement, commune, naf, epci, communeCode)) {
            c.pack(packed, rankOf);
            if (c != communeCode) {
                c.index();
            }
        }
        Integer[] bySiret = new Integer[size];
        for (int i = 0; i < size; i++) {
            bySiret[i] = i;
        }
        Arrays.sort(bySiret, (x, y) -> Long.compare(siretOfRow[x], siretOfRow[y]));
        this.sortedSirets = new long[size];
        this.rowOfSorted = new int[size];
        for (int i = 0; i < size; i++) {
            sortedSirets[i] = siretOfRow[bySiret[i]];
            rowOfSorted[i] = bySiret[i];
        }
        // Morton code in the high bits, row in the low bits: one sort gives both arrays
        int positioned = 0;
        for (int row = 0; row < size; row++) {
            if (!Float.isNaN(latitude[row])) {
                positioned++;
            }
        }
        long[] keyed = new long[positioned];
        int k = 0;
        for (int row = 0; row < size; row++) {
            if (!Float.isNaN(latitude[row])) {
                keyed[k++] = (interleave(cellX(longitude[row], LEVEL), cellY(latitude[row], LEVEL)) << 21) | row;
            }
        }
        Arrays.sort(keyed);
        this.morton = new long[positioned];
        this.spatialRows = new int[positioned];
        for (int i = 0; i < positioned; i++) {
            morton[i] = keyed[i] >>> 21;
            spatialRows[i] = (int) (keyed[i] & ((1 << 21) - 1));
        }
        this.spatialPlace = new int[size];
        Arrays.fill(spatialPlace, -1);
        for (int i = 0; i < positioned; i++) {
            spatialPlace[spatialRows[i]] = i;
        }
        this.latitudeSums = new double[positioned + 1];
        this.longitudeSums = new double[positioned + 1];
        for (int i = 0; i < positioned; i++) {
            latitudeSums[i + 1] = latitudeSums[i] + latitude[spatialRows[i]];
            longitudeSums[i + 1] = longitudeSums[i] + longitude[spatialRows[i]];
        }
    }

    /** Collects the rows of a vintage, given in the order of names. */
    static final class Builder {

        private final long vintageId;
        private final int size;
        private int next;
        private final java.io.ByteArrayOutputStream names = new java.io.ByteArrayOutputStream();
        private final int[] nameStarts;
        private final long[] sirets;
        private final float[] latitude;
        private final float[] longitude;
        private final Column family;
        private final Column section;
        private final Column band;
        private final Column category;
        private final Column region;
        private final Column departement;
        private final Column commune;
        private final Column naf;
        private final Column epci;
        private final Column communeCode;

        Builder(long vintageId, int size) {
            if (size >= (1 << 21)) {
                throw new IllegalStateException("plus de 2 millions d'établissements : l'index est à agrandir");
            }
            this.vintageId = vintageId;
            this.size = size;
            this.nameStarts = new int[size + 1];
            this.sirets = new long[size];
            this.latitude = new float[size];
            this.longitude = new float[size];
            this.family = new Column(size, Facet.FAMILY.ordinal());
            this.section = new Column(size, Facet.SECTION.ordinal());
            this.band = new Column(size, Facet.BAND.ordinal());
            this.category = new Column(size, Facet.CATEGORY.ordinal());
            this.region = new Column(size, Facet.REGION.ordinal());
            this.departement = new Column(size, Facet.DEPARTEMENT.ordinal());
            this.commune = new Column(size, Facet.COMMUNE.ordinal());
            this.naf = new Column(size, NAF);
            this.epci = new Column(size, EPCI);
            this.communeCode = new Column(size, COMMUNE_CODE);
        }

        /** Adds the row at the cursor's position (columns as selected by {@link DirectorySearch}). */
        void add(ResultSet rs) throws SQLException {
            if (next == size) {
                throw new IllegalStateException("plus d'établissements que prévu dans le millésime");
            }
            int rank = next++;
            sirets[rank] = Long.parseLong(rs.getString("siret"));
            nameStarts[rank] = names.size();
            names.writeBytes(rs.getString("name").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            nameStarts[rank + 1] = names.size();
            family.set(rank, rs.getString("family"));
            section.set(rank, rs.getString("section"));
            band.set(rank, rs.getString("size_band"));
            category.set(rank, rs.getString("categorie_juridique"));
            naf.set(rank, rs.getString("naf"));
            region.set(rank, rs.getString("region"));
            departement.set(rank, rs.getString("departement"));
            epci.set(rank, rs.getString("epci"));
            commune.set(rank, rs.getString("commune"));
            communeCode.set(rank, rs.getString("commune_code"));
            double lat = rs.getDouble("latitude");
            boolean hasLat = !rs.wasNull();
            double lon = rs.getDouble("longitude");
            boolean positioned = hasLat && !rs.wasNull() && Math.abs(lat) <= MAX_LATITUDE;
            latitude[rank] = positioned ? (float) lat : Float.NaN;
            longitude[rank] = positioned ? (float) lon : Float.NaN;
        }

        DirectoryIndex build() {
            if (next != size) {
                throw new IllegalStateException("moins d'établissements que prévu dans le millésime");
            }
            // rows grouped by département, in name order within each (a counting sort keeps the order)
            int[] starts = new int[departement.values.size() + 1];
            for (int rank = 0; rank < size; rank++) {
                starts[departement.arrived[rank] + 1]++;
            }
            for (int d = 1; d < starts.length; d++) {
                starts[d] += starts[d - 1];
            }
            int[] rankOf = new int[size];
            for (int rank = 0; rank < size; rank++) {
                rankOf[starts[departement.arrived[rank]]++] = rank;
            }
            return new DirectoryIndex(this, rankOf);
        }
    }

    static final double MAX_LATITUDE = 85.05112878;

    /** The row of a SIRET, or -1. */
    int row(String siret) {
        long value;
        try {
            value = Long.parseLong(siret);
        } catch (NumberFormatException ex) {
            return -1;
        }
        int i = Arrays.binarySearch(sortedSirets, value);
        return i < 0 ? -1 : rowOfSorted[i];
    }

    String name(int row) {
        int rank = rankOf[row];
        return new String(
                names,
                nameStarts[rank],
                nameStarts[rank + 1] - nameStarts[rank],
                java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Sets the entries of the confirmed structures, before the index is used. */
    void confirmed(Map<String, Establishment> entries) {
        this.confirmed = Map.copyOf(entries);
    }

    /** The entry of a structure confirmed in the ESS that the vintage does not have, or {@code null}. */
    Establishment confirmed(String siret) {
        return confirmed.get(siret);
    }

    /** A row's place in the order of names. */
    int rank(int row) {
        return rankOf[row];
    }

    /** The row at a place in the order of names. */
    int rowOfRank(int rank) {
        return rowOfRank[rank];
    }

    String siret(int row) {
        return String.format("%014d", siretOfRow[row]);
    }

    boolean positioned(int row) {
        return !Float.isNaN(latitude[row]);
    }

    /** Great-circle distance in kilometres from a point to a row (positioned). */
    double distanceKm(double lat, double lon, int row) {
        return distanceKm(lat, lon, latitude[row], longitude[row]);
    }

    /** Great-circle distance in kilometres between two points. */
    static double distanceKm(double lat, double lon, double lat2, double lon2) {
        double p1 = Math.toRadians(lat);
        double p2 = Math.toRadians(lat2);
        double dp = p2 - p1;
        double dl = Math.toRadians(lon2 - lon);
        double a =
                Math.sin(dp / 2) * Math.sin(dp / 2) + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
        return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a))) / 1000.0;
    }

    /** Counts of rows by the values of two facets, computed once each. */
    private final Map<Long, int[][]> crosses = new java.util.concurrent.ConcurrentHashMap<>();

    /** The rows of each pair of values of two facets: {@code [value of g][value of f]}. */
    int[][] cross(int g, int f) {
        return crosses.computeIfAbsent((long) g * 16 + f, k -> {
            Column[] columns = {family, section, band, category, region, departement, commune};
            int[][] out = new int[columns[g].cardinality()][columns[f].cardinality()];
            for (int base = 0; base < packed.length; base += STRIDE) {
                out[packed[base + g]][packed[base + f]]++;
            }
            return out;
        });
    }

    /** The index's memory, approximately, in bytes. */
    long bytes() {
        long perRow = 8 + 8 + 4 + 4 + 4 + 4 + 4 + STRIDE * 2 + 9 * 4 + 4;
        if (names != null) {
            perRow += names.length / Math.max(1, size);
        }
        long spatial = morton.length * (8L + 4 + 16) + size * 4L;
        return size * perRow + spatial;
    }

    // ---- map cells

    /** The column of a longitude's cell at a level (Web Mercator, 2^level cells across). */
    static int cellX(double lon, int level) {
        double x = (lon + 180.0) / 360.0;
        return clamp((int) Math.floor(x * (1L << level)), level);
    }

    /** The row of a latitude's cell at a level (Web Mercator, north at row 0). */
    static int cellY(double lat, int level) {
        double s = Math.sin(Math.toRadians(Math.max(-MAX_LATITUDE, Math.min(MAX_LATITUDE, lat))));
        double y = 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI);
        return clamp((int) Math.floor(y * (1L << level)), level);
    }

    private static int clamp(int cell, int level) {
        return Math.max(0, Math.min((1 << level) - 1, cell));
    }

    static long interleave(int x, int y) {
        return spread(x) | (spread(y) << 1);
    }

    private static long spread(int v) {
        long x = v & 0xFFFFFFFFL;
        x = (x | (x << 16)) & 0x0000FFFF0000FFFFL;
        x = (x | (x << 8)) & 0x00FF00FF00FF00FFL;
        x = (x | (x << 4)) & 0x0F0F0F0F0F0F0F0FL;
        x = (x | (x << 2)) & 0x3333333333333333L;
        x = (x | (x << 1)) & 0x5555555555555555L;
        return x;
    }

    /** The first position in the Morton order whose code is at least {@code code}. */
    private int lowerBound(long code) {
        int lo = 0;
        int hi = morton.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (morton[mid] < code) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The cells of a whole level that hold rows of a filter, by ascending Morton code. */
    record LevelCells(long[] keys, int[] counts, double[] latitudes, double[] longitudes, int[] rows) {

        long bytes() {
            return keys.length * 32L;
        }
    }

    /**
     * Counts the rows of a filter in every cell of a level, once (a map with filters, at low zoom): the
     * filter's rows are marked at their places in the Morton order, then read in that order, where each
     * cell of each level is one stretch.
     */
    LevelCells levelCells(int level, Compiled filter) {
        long[] marked = new long[(morton.length + 63) >>> 6];
        filter.candidates(row -> {
            int at = spatialPlace[row];
            if (at >= 0 && filter.accepts(row)) {
                marked[at >>> 6] |= 1L << at;
            }
        });
        int shift = 2 * (LEVEL - level);
        int cells = 0;
        long previous = -1;
        for (int w = 0; w < marked.length; w++) {
            for (long bits = marked[w]; bits != 0; bits &= bits - 1) {
                long key = morton[(w << 6) + Long.numberOfTrailingZeros(bits)] >>> shift;
                if (key != previous) {
                    cells++;
                    previous = key;
                }
            }
        }
        long[] keys = new long[cells];
        int[] counts = new int[cells];
        double[] lats = new double[cells];
        double[] lons = new double[cells];
        int[] rows = new int[cells];
        int c = -1;
        for (int w = 0; w < marked.length; w++) {
            for (long bits = marked[w]; bits != 0; bits &= bits - 1) {
                int at = (w << 6) + Long.numberOfTrailingZeros(bits);
                long key = morton[at] >>> shift;
                int row = spatialRows[at];
                if (c < 0 || keys[c] != key) {
                    c++;
                    keys[c] = key;
                    rows[c] = row;
                }
                counts[c]++;
                lats[c] += latitude[row];
                lons[c] += longitude[row];
            }
        }
        for (int i = 0; i < cells; i++) {
            lats[i] /= counts[i];
            lons[i] /= counts[i];
            if (counts[i] > 1) {
                rows[i] = -1;
            }
        }
        return new LevelCells(keys, counts, lats, lons, rows);
    }

    /** The cells of a range of columns and rows, from the cells of a whole level. */
    static List<Cell> cells(LevelCells level, int x0, int x1, int y0, int y1) {
        List<Cell> out = new ArrayList<>();
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                int i = Arrays.binarySearch(level.keys(), interleave(x, y));
                if (i >= 0) {
                    out.add(new Cell(level.counts()[i], level.latitudes()[i], level.longitudes()[i], level.rows()[i]));
                }
            }
        }
        return out;
    }

    /** One cell of a map: how many rows, their mean position, the row when there is only one. */
    record Cell(int count, double latitude, double longitude, int row) {}

    /**
     * The cells of a level inside a range of columns and rows, with the rows accepted by a filter
     * ({@code null}: every row).
     */
    List<Cell> cells(int level, int x0, int x1, int y0, int y1, Matcher filter) {
        List<Cell> out = new ArrayList<>();
        int shift = 2 * (LEVEL - level);
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                long prefix = interleave(x, y);
                int lo = lowerBound(prefix << shift);
                int hi = lowerBound((prefix + 1) << shift);
                if (lo == hi) {
                    continue;
                }
                if (filter == null) {
                    int count = hi - lo;
                    out.add(new Cell(
                            count,
                            (latitudeSums[hi] - latitudeSums[lo]) / count,
                            (longitudeSums[hi] - longitudeSums[lo]) / count,
                            count == 1 ? spatialRows[lo] : -1));
                } else {
                    int count = 0;
                    double lat = 0;
                    double lon = 0;
                    int only = -1;
                    for (int i = lo; i < hi; i++) {
                        int row = spatialRows[i];
                        if (filter.accepts(row)) {
                            count++;
                            lat += latitude[row];
                            lon += longitude[row];
                            only = row;
                        }
                    }
                    if (count > 0) {
                        out.add(new Cell(count, lat / count, lon / count, count == 1 ? only : -1));
                    }
                }
            }
        }
        return out;
    }

    // ---- matching

    /** Whether a row passes every filter of a query. */
    interface Matcher {
        boolean accepts(int row);
    }

    /** The words of a query as rows: any match, and matches in the names. */
    record WordRows(BitSet any, BitSet names, int cardinality) {}

    /**
     * The counts of a facet's values for the query without that facet's filter: computed, or kept from
     * another query that differs only by that filter.
     */
    interface WithoutFacet {
        int[] counts(int facet, java.util.function.Supplier<int[]> compute);
    }

    /** A query compiled against this index. */
    final class Compiled implements Matcher {

        private final List<WordRows> words;
        private final boolean[][] facets = new boolean[FACETS.length][];
        private final boolean[] communeCodes;
        private final boolean[] nafs;
        private final int epciOrdinal;
        private final DirectoryQuery.Near near;
        private final double[] nearBox;
        private final DirectoryQuery.Box box;

        private final WithoutFacet without;

        Compiled(DirectoryQuery query, List<WordRows> words) {
            this(query, words, (facet, counts) -> counts.get());
        }

        Compiled(DirectoryQuery query, List<WordRows> words, WithoutFacet without) {
            this.words = words;
            this.without = without;
            facets[Facet.FAMILY.ordinal()] = family.accepting(query.families());
            facets[Facet.SECTION.ordinal()] = section.accepting(query.sections());
            facets[Facet.BAND.ordinal()] = band.accepting(query.bands());
            facets[Facet.CATEGORY.ordinal()] = category.accepting(query.categories());
            facets[Facet.REGION.ordinal()] = region.accepting(single(query.region()));
            facets[Facet.DEPARTEMENT.ordinal()] = departement.accepting(single(query.departement()));
            facets[Facet.COMMUNE.ordinal()] = commune.accepting(single(query.commune()));
            this.communeCodes = communeCode.accepting(single(query.commune()));
            this.nafs = naf.accepting(query.activities());
            this.epciOrdinal = query.epci() == null
                    ? 0
                    : epci.ordinals.containsKey(query.epci()) ? epci.ordinals.get(query.epci()) : -1;
            this.near = query.near();
            if (near != null) {
                double dLat = near.radiusKm() / 111.0;
                double dLon = near.radiusKm() / (111.0 * Math.max(0.05, Math.cos(Math.toRadians(near.latitude()))));
                nearBox = new double[] {
                    near.latitude() - dLat, near.latitude() + dLat, near.longitude() - dLon, near.longitude() + dLon
                };
            } else {
                nearBox = null;
            }
            this.box = query.box();
        }

        private static List<String> single(String value) {
            return value == null ? List.of() : List.of(value);
        }

        /** Whether nothing filters the rows. */
        boolean everything() {
            if (!words.isEmpty() || nafs != null || epciOrdinal != 0 || near != null || box != null) {
                return false;
            }
            for (boolean[] f : facets) {
                if (f != null) {
                    return false;
                }
            }
            return true;
        }

        /** The filters that are not facets: words, activity, EPCI, place, map area. */
        private boolean required(int row) {
            for (WordRows w : words) {
                if (!w.any().get(row)) {
                    return false;
                }
            }
            if (nafs != null && !nafs[packed[row * STRIDE + NAF]]) {
                return false;
            }
            if (epciOrdinal != 0 && packed[row * STRIDE + EPCI] != epciOrdinal) {
                return false;
            }
            if (near != null || box != null) {
                float lat = latitude[row];
                float lon = longitude[row];
                if (Float.isNaN(lat)) {
                    return false;
                }
                if (box != null && (lat < box.south() || lat > box.north() || lon < box.west() || lon > box.east())) {
                    return false;
                }
                if (near != null) {
                    if (lat < nearBox[0] || lat > nearBox[1] || lon < nearBox[2] || lon > nearBox[3]) {
                        return false;
                    }
                    if (distanceKm(near.latitude(), near.longitude(), row) > near.radiusKm()) {
                        return false;
                    }
                }
            }
            return true;
        }

        private boolean facet(int f, int row) {
            boolean[] accepted = facets[f];
            if (accepted == null) {
                return true;
            }
            int base = row * STRIDE;
            return accepted[packed[base + f]] || (f == COMMUNE && communeCodes[packed[base + COMMUNE_CODE]]);
        }

        @Override
        public boolean accepts(int row) {
            if (!required(row)) {
                return false;
            }
            for (int f = 0; f < facets.length; f++) {
                if (!facet(f, row)) {
                    return false;
                }
            }
            return true;
        }

        /** The smallest area holding the query's positioned rows, or {@code null} when there is none. */
        DirectoryQuery.Box bounds() {
            double[] b = {180, 90, -180, -90};
            boolean[] any = {false};
            candidates(row -> {
                if (positioned(row) && accepts(row)) {
                    any[0] = true;
                    b[0] = Math.min(b[0], longitude[row]);
                    b[1] = Math.min(b[1], latitude[row]);
                    b[2] = Math.max(b[2], longitude[row]);
                    b[3] = Math.max(b[3], latitude[row]);
                }
            });
            return any[0] ? new DirectoryQuery.Box(b[0], b[1], b[2], b[3]) : null;
        }

        /** How many words of the query a row has in its names. */
        int inNames(int row) {
            int n = 0;
            for (WordRows w : words) {
                if (w.names().get(row)) {
                    n++;
                }
            }
            return n;
        }

        /** The columns of the facets, in the order of {@link Facet}. */
        private Column[] facetColumns() {
            return new Column[] {family, section, band, category, region, departement, commune};
        }

        /**
         * The smallest set of rows that holds every result, leaving out the filter of facet {@code except}
         * (-1: none): the rows of the rarest word, or of the values chosen in one filter, or every row.
         *
         * @return the driver, its facet (-1 when it is not a facet's filter)
         */
        private Driver driver(int except) {
            Driver best = new Driver(null, null, null, -1, size);
            for (WordRows w : words) {
                if (w.cardinality() < best.size()) {
                    best = new Driver(w.any(), null, null, -1, w.cardinality());
                }
            }
            Column[] columns = facetColumns();
            for (int f = 0; f < facets.length; f++) {
                // a commune's filter also takes the arrondissements' column: not one column's rows
                if (f == except || facets[f] == null || FACETS[f] == Facet.COMMUNE) {
                    continue;
                }
                long n = columns[f].rowsOf(facets[f]);
                if (n < best.size()) {
                    best = new Driver(null, columns[f], facets[f], f, n);
                }
            }
            if (nafs != null) {
                long n = naf.rowsOf(nafs);
                if (n < best.size()) {
                    best = new Driver(null, naf, nafs, -1, n);
                }
            }
            if (epciOrdinal > 0 && epci.postings[epciOrdinal].length < best.size()) {
                boolean[] one = new boolean[epci.cardinality()];
                one[epciOrdinal] = true;
                best = new Driver(null, epci, one, -1, epci.postings[epciOrdinal].length);
            }
            if (epciOrdinal < 0) {
                best = new Driver(null, null, null, -1, 0);
            }
            return best;
        }

        /** Rows to visit: a word's bits, the rows of some values of a column, or every row. */
        private record Driver(BitSet bits, Column column, boolean[] accepted, int facet, long size) {

            void visit(int all, java.util.function.IntConsumer each) {
                if (size == 0) {
                    return;
                }
                if (bits != null) {
                    for (int row = bits.nextSetBit(0); row >= 0; row = bits.nextSetBit(row + 1)) {
                        each.accept(row);
                    }
                } else if (column != null) {
                    for (int ord = 0; ord < accepted.length; ord++) {
                        if (accepted[ord]) {
                            for (int row : column.postings[ord]) {
                                each.accept(row);
                            }
                        }
                    }
                } else {
                    for (int row = 0; row < all; row++) {
                        each.accept(row);
                    }
                }
            }
        }

        /** Visits every row that may be a result (each once, in no particular order). */
        void candidates(java.util.function.IntConsumer each) {
            driver(-1).visit(size, each);
        }

        /**
         * The facet whose filter is the only other one of the query, besides {@code facet}'s (not the
         * commune's, which reads two columns); -1 when there is none or more, or another kind of filter.
         */
        private int onlyOtherFacet(int facet) {
            if (!words.isEmpty() || nafs != null || epciOrdinal != 0 || near != null || box != null) {
                return -1;
            }
            int other = -1;
            for (int f = 0; f < facets.length; f++) {
                if (f != facet && facets[f] != null) {
                    if (other >= 0 || FACETS[f] == Facet.COMMUNE) {
                        return -1;
                    }
                    other = f;
                }
            }
            return other;
        }

        /** Whether a facet's filter is the only one of the query. */
        private boolean onlyFilter(int facet) {
            if (!words.isEmpty() || nafs != null || epciOrdinal != 0 || near != null || box != null) {
                return false;
            }
            for (int f = 0; f < facets.length; f++) {
                if (f != facet && facets[f] != null) {
                    return false;
                }
            }
            return true;
        }

        /**
         * Counts the rows of the query and of each facet (a facet's values counted with the other filters
         * only), and gives each row of the query to {@code hit}. One pass over the rows of the smallest
         * filter; when that filter is a facet's, its own values are counted by a second pass without it
         * (or from the rows of each value, when no other filter applies).
         */
        Counts count(java.util.function.IntConsumer hit) {
            return count(hit, Integer.MAX_VALUE);
        }

        /**
         * The same, knowing that only the first {@code firstRows} rows in name order are wanted when no
         * filter applies (then the counts are the sizes of each value's rows, and nothing is scanned).
         */
        Counts count(java.util.function.IntConsumer hit, int firstRows) {
            int[][] counts = new int[FACETS.length][];
            Column[] columns = facetColumns();
            for (int f = 0; f < counts.length; f++) {
                counts[f] = new int[columns[f].cardinality()];
            }
            if (everything()) {
                for (int f = 0; f < counts.length; f++) {
                    for (int ord = 0; ord < counts[f].length; ord++) {
                        counts[f][ord] = columns[f].postings[ord].length;
                    }
                }
                for (int rank = 0; rank < Math.min(size, firstRows); rank++) {
                    hit.accept(rowOfRank[rank]);
                }
                return counts(size, counts, columns);
            }
            int[] total = {0};
            int facetCount = facets.length;
            Driver main = driver(-1);
            int skipped = main.facet();
            main.visit(size, row -> {
                if (!required(row)) {
                    return;
                }
                int failed = -1;
                for (int f = 0; f < facetCount; f++) {
                    if (!facet(f, row)) {
                        if (failed >= 0) {
                            return;
                        }
                        failed = f;
                    }
                }
                if (failed >= 0) {
                    counts[failed][packed[row * STRIDE + failed]]++;
                    return;
                }
                total[0]++;
                int base = row * STRIDE;
                for (int f = 0; f < facetCount; f++) {
                    counts[f][packed[base + f]]++;
                }
                hit.accept(row);
            });
            if (skipped >= 0) {
                int[] own = new int[columns[skipped].cardinality()];
                int other = onlyOtherFacet(skipped);
                if (onlyFilter(skipped)) {
                    for (int ord = 0; ord < own.length; ord++) {
                        own[ord] = columns[skipped].postings[ord].length;
                    }
                } else if (other >= 0) {
                    // one other facet's filter: its values' counts of this facet, counted once for the vintage
                    int[][] cross = cross(other, skipped);
                    boolean[] accepted = facets[other];
                    for (int g = 0; g < accepted.length; g++) {
                        if (accepted[g]) {
                            for (int ord = 0; ord < own.length; ord++) {
                                own[ord] += cross[g][ord];
                            }
                        }
                    }
                } else {
                    // the query without this facet's filter: the same for every value chosen in it (each
                    // département with the same words), kept a while by the caller
                    own = without.counts(skipped, () -> {
                        int[] counted = new int[columns[skipped].cardinality()];
                        driver(skipped).visit(size, row -> {
                            if (!required(row)) {
                                return;
                            }
                            for (int f = 0; f < facetCount; f++) {
                                if (f != skipped && !facet(f, row)) {
                                    return;
                                }
                            }
                            counted[packed[row * STRIDE + skipped]]++;
                        });
                        return counted;
                    });
                }
                counts[skipped] = own;
            }
            return counts(total[0], counts, columns);
        }

        private Counts counts(int total, int[][] counts, Column[] columns) {
            return new Counts(total, counts, columns);
        }
    }

    /** The number of rows of a query and the counts of each facet's values. */
    static final class Counts {

        private final int total;
        private final int[][] counts;
        private final Column[] columns;

        Counts(int total, int[][] counts, Column[] columns) {
            this.total = total;
            this.counts = counts;
            this.columns = columns;
        }

        int total() {
            return total;
        }

        /** The {@code limit} values of a facet with the most rows (ties by value), with their counts. */
        Map<String, Integer> top(Facet facet, int limit) {
            int[] c = counts[facet.ordinal()];
            Column column = columns[facet.ordinal()];
            // count (most first) and the value's alphabetical place in one number: a sort of primitives
            int[] alphabetical = column.alphabetical();
            long[] keys = new long[c.length];
            int n = 0;
            for (int ord = 1; ord < c.length; ord++) {
                if (c[ord] > 0) {
                    keys[n++] = ((long) (Integer.MAX_VALUE - c[ord]) << 32) | alphabetical[ord];
                }
            }
            Arrays.sort(keys, 0, n);
            Map<String, Integer> out = new java.util.LinkedHashMap<>();
            int[] ordOf = column.byAlphabet();
            for (int i = 0; i < Math.min(n, limit); i++) {
                int ord = ordOf[(int) keys[i]];
                out.put(column.value(ord), c[ord]);
            }
            return out;
        }
    }
}
