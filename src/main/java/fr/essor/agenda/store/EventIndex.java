package fr.essor.agenda.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import fr.essor.EssorApplication;
import fr.essor.agenda.EventQuery;

import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LatLonPoint;
import org.apache.lucene.document.LongRange;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetField;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.MultiCollectorManager;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.util.BytesRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The agenda's search index, in this process's memory (Apache Lucene): built from PostgreSQL at start, kept
 * in step with it, PostgreSQL staying the source of truth. An event written by this instance is indexed
 * once its transaction commits; the others' writes (several instances on one database) and anything
 * missed are read back from the events' {@code updated_at} every {@code essor.agenda.index-poll} (half a
 * second), with a margin for transactions that commit late.
 *
 * <p>It matches as PostgreSQL does: each event's words are the lexemes of its {@code search} column
 * (PostgreSQL's French stemming and accent folding, read as they are), and a query's words are stemmed by
 * PostgreSQL's {@code to_tsquery} (once per distinct text, then kept), each a prefix. Dates, places,
 * distances, types, themes, audiences and the other filters are the SQL search's; the order is the same
 * (first date, then id), and the count is exact. See {@code docs/search.md}.
 */
@Component
public class EventIndex {

    private static final Logger log = LoggerFactory.getLogger(EventIndex.class);
    private static final Pattern LEXEME = Pattern.compile("'((?:[^']|'')*)'(:\\*)?");
    /** PostgreSQL's earthdistance works on a sphere of this radius; Lucene's haversine on the mean one. */
    private static final double PG_EARTH = 6378168.0;

    private static final double LUCENE_EARTH = 6371008.7714;
    private static final Sort ORDER =
            new Sort(new SortField("first", SortField.Type.LONG), new SortField("idv", SortField.Type.LONG));
    /** The margin by which the changes are read again: a transaction may commit after a later one. */
    private static final long MARGIN_MILLIS = 30_000;

    private static final String ROWS = """
            select e.id, e.updated_at, e.first_start, ed.year, e.region_code, e.departement_code, e.commune_code,
                   e.latitude, e.longitude, e.type, e.themes, e.audiences, e.free, e.accessible, e.attendance,
                   tsvector_to_array(e.search) as lexemes,
                   array(select extract(epoch from o.starts_at)::float8 * 1000 from agenda.occurrence o
                         where o.event_id = e.id order by o.starts_at, o.id) as starts,
                   array(select extract(epoch from o.ends_at)::float8 * 1000 from agenda.occurrence o
                         where o.event_id = e.id order by o.starts_at, o.id) as ends
            from agenda.event e join agenda.edition ed on ed.id = e.edition_id""";

    /**
     * A page of ids in the search's order, the exact number of matches, and when asked the filter counts:
     * for each of {@link #DIMENSIONS}, the number of matches of each value with the other filters applied
     * and not that dimension's own (choosing a value shows that many events).
     */
    public record Hits(List<Long> ids, long total, Map<String, Map<String, Integer>> facets) {}

    /** The dimensions counted: type, theme, audience (their enum names) and département (its code). */
    public static final List<String> DIMENSIONS = List.of("type", "theme", "audience", "dep");

    private static final FacetsConfig FACETS = new FacetsConfig();

    static {
        FACETS.setMultiValued("theme", true);
        FACETS.setMultiValued("audience", true);
        // each dimension in a field of its own: a count reads only its dimension's values, and the type's and the
        // département's (one per event) are read as single values
        DIMENSIONS.forEach(d -> FACETS.setIndexFieldName(d, "$facet_" + d));
    }

    /**
     * The facets' ordinals of the searcher in use, by dimension (none for a dimension no event has), made again
     * when the index changes.
     */
    private record FacetState(IndexReader reader, Map<String, SortedSetDocValuesReaderState> states) {}

    private volatile FacetState facetState;
    private final Object facetLock = new Object();

    private final JdbcClient jdbc;
    private final boolean enabled;
    /** How many times each event is indexed: 1, or more to measure the memory at a larger scale (bench/). */
    private final int copies;

    private static final long COPY_OFFSET = 1_000_000_000L;
    /**
     * The index's files, in a directory of its own that lives as long as this process: read through the
     * memory map (the system keeps these few megabytes in memory), which costs a search far less than
     * Lucene's heap directory, whose every read of a term or a posting list allocated its buffers anew.
     */
    private final java.nio.file.Path folder;

    private final org.apache.lucene.store.Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final fr.essor.shared.ReadMostlyCache<String, List<String>> lexemes =
            new fr.essor.shared.ReadMostlyCache<>(50_000);
    /** Each lexeme's prefix query, its automaton compiled once (immutable, shared by the searches). */
    private final fr.essor.shared.ReadMostlyCache<String, PrefixQuery> prefixes =
            new fr.essor.shared.ReadMostlyCache<>(20_000);
    /** What is indexed of each event: its {@code updated_at}, to index a change once. */
    private final Map<Long, Long> indexed = new ConcurrentHashMap<>();

    private volatile boolean ready;
    private final List<java.util.function.Consumer<List<Long>>> listeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile Instant watermark = Instant.EPOCH;

    EventIndex(
            JdbcClient jdbc,
            @Value("${essor.agenda.search-engine:index}") String engine,
            @Value("${essor.agenda.index-copies:1}") int copies) {
        this.jdbc = jdbc;
        this.copies = Math.max(1, copies);
        this.enabled = "index".equals(engine);
        try {
            this.folder = java.nio.file.Files.createTempDirectory(
                    FOLDER_PREFIX + ProcessHandle.current().pid() + "-");
            removeStale(folder.getParent());
            this.directory = new org.apache.lucene.store.MMapDirectory(folder);
            IndexWriterConfig config = new IndexWriterConfig(new StandardAnalyzer());
            config.setRAMBufferSizeMB(64);
            // the events stored in the searches' order: the first page's events come first, and once a page
            // is full the other matches are only counted, not compared
            config.setIndexSort(ORDER);
            this.writer = new IndexWriter(directory, config);
            this.searchers = new SearcherManager(writer, null);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** The index folders' names: this prefix, the process id, a dash and a random part. */
    static final String FOLDER_PREFIX = "essor-agenda-index-";

    /**
     * Removes the index folders left by processes that ended without closing their index (killed, or a
     * test run's contexts never closed): each folder names its process.
     */
    static void removeStale(java.nio.file.Path parent) {
        long current = ProcessHandle.current().pid();
        try (var folders = java.nio.file.Files.newDirectoryStream(parent, FOLDER_PREFIX + "*")) {
            for (java.nio.file.Path folder : folders) {
                String rest = folder.getFileName().toString().substring(FOLDER_PREFIX.length());
                int dash = rest.indexOf('-');
                long pid;
                try {
                    pid = dash > 0 ? Long.parseLong(rest.substring(0, dash)) : -1;
                } catch (NumberFormatException notOurs) {
                    continue;
                }
                if (pid > 0
                        && pid != current
                        && !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    org.springframework.util.FileSystemUtils.deleteRecursively(folder);
                }
            }
        } catch (IOException | RuntimeException ex) {
            log.debug("stale search index folders not removed", ex);
        }
    }

    /** Closes the index and removes its files. */
    @jakarta.annotation.PreDestroy
    synchronized void close() throws IOException {
        ready = false;
        try {
            searchers.close();
            writer.close();
            directory.close();
        } finally {
            org.springframework.util.FileSystemUtils.deleteRecursively(folder);
        }
    }

    /** Whether searches go to the index: built, and not turned off ({@code essor.agenda.search-engine=database}). */
    public boolean ready() {
        return enabled && ready;
    }

    /**
     * Builds the index from the database, once (at start, before the other runners).
     */
    public synchronized void build() {
        if (!enabled || ready) {
            return;
        }
        long started = System.nanoTime();
        Instant now = Instant.now();
        int[] count = {0};
        jdbc.sql(ROWS).query((ResultSet rs) -> {
            index(rs, 0);
            count[0]++;
            // for the memory benchmark only: the same events again under other ids
            for (int copy = 1; copy < copies; copy++) {
                index(rs, copy * COPY_OFFSET);
                count[0]++;
            }
        });
        try {
            // one segment: a search visits each segment, with a fixed cost per segment and clause
            writer.forceMerge(1); // never committed: the index is rebuilt at each start, nothing to keep
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        refresh();
        watermark = now.minusMillis(MARGIN_MILLIS);
        ready = true;
        log.info(
                "Agenda search index built: {} events in {} ms, {} KB",
                count[0],
                (System.nanoTime() - started) / 1_000_000,
                bytes() / 1024);
    }

    /** Told the ids of the events the index has just indexed again (a change seen). */
    public void onChange(java.util.function.Consumer<List<Long>> listener) {
        listeners.add(listener);
    }

    /** The memory the index takes, in bytes. */
    public long bytes() {
        try {
            long total = writer.ramBytesUsed();
            for (String file : directory.listAll()) {
                total += directory.fileLength(file);
            }
            return total;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * An event was written by this instance: indexed once its transaction commits (at once without one).
     */
    public void changed(long eventId) {
        if (!ready()) {
            return;
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    reindex(List.of(eventId));
                }
            });
        } else {
            reindex(List.of(eventId));
        }
    }

    /**
     * Reads back what changed since the last look (with a margin), whoever wrote it, and indexes what this
     * index does not have yet.
     */
    @Scheduled(fixedDelayString = "${essor.agenda.index-poll:PT0.5S}", initialDelayString = "PT1S")
    public void catchUp() {
        if (!ready()) {
            return;
        }
        Instant now = Instant.now();
        Map<Long, Long> changed = new HashMap<>();
        jdbc.sql("select id, updated_at from agenda.event where updated_at > ?")
                .param(Timestamp.from(watermark))
                .query((ResultSet rs) -> {
                    changed.put(rs.getLong(1), rs.getTimestamp(2).getTime());
                });
        List<Long> stale = changed.entrySet().stream()
                .filter(e -> !e.getValue().equals(indexed.get(e.getKey())))
                .map(Map.Entry::getKey)
                .toList();
        if (!stale.isEmpty()) {
            reindex(stale);
        }
        watermark = now.minusMillis(MARGIN_MILLIS);
    }

    private synchronized void reindex(List<Long> ids) {
        jdbc.sql(ROWS + " where e.id = any(?)").param(ids.toArray(Long[]::new)).query((ResultSet rs) -> {
            index(rs, 0);
        });
        refresh();
        listeners.forEach(l -> l.accept(ids));
    }

    private void index(ResultSet rs, long offset) throws SQLException {
        long id = rs.getLong("id") + offset;
        Document doc = new Document();
        doc.add(new StringField("id", Long.toString(id), Field.Store.NO));
        doc.add(new NumericDocValuesField("idv", id));
        Timestamp first = rs.getTimestamp("first_start");
        doc.add(new NumericDocValuesField("first", first == null ? Long.MAX_VALUE : first.getTime()));
        doc.add(new StringField("edition", Integer.toString(rs.getInt("year")), Field.Store.NO));
        keyword(doc, "region", rs.getString("region_code"));
        keyword(doc, "dep", rs.getString("departement_code"));
        facet(doc, "dep", rs.getString("departement_code"));
        keyword(doc, "commune", rs.getString("commune_code"));
        double lat = rs.getDouble("latitude");
        boolean hasLat = !rs.wasNull();
        double lon = rs.getDouble("longitude");
        if (hasLat && !rs.wasNull()) {
            doc.add(new LatLonPoint("loc", lat, lon));
        }
        keyword(doc, "type", rs.getString("type"));
        facet(doc, "type", rs.getString("type"));
        for (String theme : strings(rs.getArray("themes"))) {
            keyword(doc, "theme", theme);
            facet(doc, "theme", theme);
        }
        for (String audience : strings(rs.getArray("audiences"))) {
            keyword(doc, "audience", audience);
            facet(doc, "audience", audience);
        }
        keyword(doc, "free", Boolean.toString(rs.getBoolean("free")));
        keyword(doc, "accessible", Boolean.toString(rs.getBoolean("accessible")));
        keyword(doc, "attendance", rs.getString("attendance"));
        for (String lexeme : strings(rs.getArray("lexemes"))) {
            keyword(doc, "lex", lexeme);
        }
        Double[] starts = doubles(rs.getArray("starts"));
        Double[] ends = doubles(rs.getArray("ends"));
        for (int i = 0; i < starts.length; i++) {
            doc.add(new LongRange("occ", new long[] {Math.round(starts[i])}, new long[] {
                Math.max(Math.round(starts[i]), Math.round(ends[i]))
            }));
        }
        try {
            writer.updateDocument(new Term("id", Long.toString(id)), FACETS.build(doc));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        indexed.put(id, rs.getTimestamp("updated_at").getTime());
    }

    private void refresh() {
        try {
            searchers.maybeRefreshBlocking();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * The page of a query and its exact count.
     *
     * @param tsquery the query's words as the SQL search writes them ({@link EventRepository#prefixQuery}),
     *     or null
     */
    public Hits search(EventQuery query, String tsquery) {
        return search(query, tsquery, false);
    }

    /**
     * The page of a query, its exact count and, when {@code withFacets}, its filter counts ({@link Hits}).
     */
    public Hits search(EventQuery query, String tsquery, boolean withFacets) {
        Query q = query(query, tsquery, null);
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                int wanted = query.offset() + query.size();
                var top = new TopFieldCollectorManager(ORDER, Math.max(1, wanted), null, Integer.MAX_VALUE);
                TopDocs docs;
                Map<String, Map<String, Integer>> facets = Map.of();
                if (withFacets) {
                    Object[] both = searcher.search(q, new MultiCollectorManager(top, new FacetsCollectorManager()));
                    docs = (TopDocs) both[0];
                    facets = facets(searcher, query, tsquery, (FacetsCollector) both[1]);
                } else {
                    docs = searcher.search(q, top);
                }
                List<Long> ids = new ArrayList<>();
                for (int i = query.offset(); i < docs.scoreDocs.length; i++) {
                    // the id is the sort's second key: read from the hit, not from stored fields
                    ids.add((Long) ((FieldDoc) docs.scoreDocs[i]).fields[1]);
                }
                return new Hits(ids, docs.totalHits.value(), facets);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Each dimension's counts: from the matches for a dimension the query does not filter on, else from a
     * second search without that filter (the drill-sideways counts of a faceted search).
     */
    private Map<String, Map<String, Integer>> facets(
            IndexSearcher searcher, EventQuery query, String tsquery, FacetsCollector matches) throws IOException {
        Map<String, SortedSetDocValuesReaderState> states = facetStates(searcher);
        Map<String, Map<String, Integer>> out = new java.util.LinkedHashMap<>();
        for (String dim : DIMENSIONS) {
            SortedSetDocValuesReaderState state = states.get(dim);
            if (state == null) {
                out.put(dim, Map.of()); // no event has a value of this dimension
                continue;
            }
            FacetsCollector from = filters(query, dim)
                    ? searcher.search(query(query, tsquery, dim), new FacetsCollectorManager())
                    : matches;
            out.put(dim, values(new SortedSetDocValuesFacetCounts(state, from), dim));
        }
        return out;
    }

    private static Map<String, Integer> values(SortedSetDocValuesFacetCounts counts, String dim) throws IOException {
        FacetResult result = counts.getAllChildren(dim);
        Map<String, Integer> out = new HashMap<>();
        if (result != null) {
            for (LabelAndValue lv : result.labelValues) {
                out.put(lv.label, lv.value.intValue());
            }
        }
        return out;
    }

    private static boolean filters(EventQuery query, String dim) {
        return switch (dim) {
            case "type" -> !query.types().isEmpty();
            case "theme" -> !query.themes().isEmpty();
            case "audience" -> !query.audiences().isEmpty();
            case "dep" -> query.departement() != null;
            default -> false;
        };
    }

    /** The facets' ordinals for this searcher's reader, by dimension: made once per change of the index. */
    private Map<String, SortedSetDocValuesReaderState> facetStates(IndexSearcher searcher) throws IOException {
        IndexReader reader = searcher.getIndexReader();
        FacetState current = facetState;
        if (current != null && current.reader() == reader) {
            return current.states();
        }
        synchronized (facetLock) {
            current = facetState;
            if (current != null && current.reader() == reader) {
                return current.states();
            }
            Map<String, SortedSetDocValuesReaderState> states = new HashMap<>();
            for (String dim : DIMENSIONS) {
                try {
                    var state = new DefaultSortedSetDocValuesReaderState(
                            reader, FACETS.getDimConfig(dim).indexFieldName, FACETS);
                    if (state.getOrdRange(dim) != null) {
                        states.put(dim, state);
                    }
                } catch (IllegalArgumentException none) {
                    // no event indexed yet with this dimension's field
                }
            }
            facetState = new FacetState(reader, Map.copyOf(states));
            return facetState.states();
        }
    }

    /** The query's Lucene query; without the filter of the dimension {@code without}, when not null. */
    private Query query(EventQuery query, String tsquery, String without) {
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        all.add(new MatchAllDocsQuery(), Occur.FILTER);
        if (query.from() != null || query.to() != null || query.endsAfter() != null) {
            long min = Long.MIN_VALUE;
            long max = Long.MAX_VALUE;
            if (query.from() != null) {
                min = query.from()
                        .atStartOfDay(EssorApplication.ZONE)
                        .toInstant()
                        .toEpochMilli();
            }
            if (query.endsAfter() != null) {
                min = Math.max(min, query.endsAfter().toEpochMilli() + 1);
            }
            if (query.to() != null) {
                max = query.to()
                                .plusDays(1)
                                .atStartOfDay(EssorApplication.ZONE)
                                .toInstant()
                                .toEpochMilli()
                        - 1;
            }
            if (min > max) {
                return new MatchNoDocsQuery();
            }
            all.add(LongRange.newIntersectsQuery("occ", new long[] {min}, new long[] {max}), Occur.FILTER);
        }
        if (query.edition() != null) {
            filter(all, "edition", query.edition().toString());
        }
        if (query.region() != null) {
            filter(all, "region", query.region());
        }
        if (query.departement() != null && !"dep".equals(without)) {
            filter(all, "dep", query.departement());
        }
        if (query.commune() != null) {
            filter(all, "commune", query.commune());
        }
        if (query.near() != null) {
            double meters = query.radiusKm() * 1000.0 * LUCENE_EARTH / PG_EARTH;
            all.add(
                    LatLonPoint.newDistanceQuery(
                            "loc", query.near().latitude(), query.near().longitude(), meters),
                    Occur.FILTER);
        }
        if (!query.types().isEmpty() && !"type".equals(without)) {
            all.add(anyOf("type", query.types().stream().map(Enum::name).toList()), Occur.FILTER);
        }
        if (!query.themes().isEmpty() && !"theme".equals(without)) {
            all.add(anyOf("theme", query.themes().stream().map(Enum::name).toList()), Occur.FILTER);
        }
        if (!query.audiences().isEmpty() && !"audience".equals(without)) {
            all.add(anyOf("audience", query.audiences().stream().map(Enum::name).toList()), Occur.FILTER);
        }
        if (query.free() != null) {
            filter(all, "free", query.free().toString());
        }
        if (query.accessible() != null) {
            filter(all, "accessible", query.accessible().toString());
        }
        if (query.online() != null) {
            all.add(new TermQuery(new Term("attendance", query.online() ? "IN_PERSON" : "ONLINE")), Occur.MUST_NOT);
        }
        if (tsquery != null) {
            List<String> words = lexemes.get(tsquery, this::lexemesOf);
            if (words.isEmpty()) {
                return new MatchNoDocsQuery();
            }
            for (String word : words) {
                all.add(prefixes.get(word, w -> new PrefixQuery(new Term("lex", w))), Occur.FILTER);
            }
        }
        return all.build();
    }

    /** PostgreSQL's stemming of the query's words: {@code 'econom':* & 'solidair':*} gives its lexemes. */
    private List<String> lexemesOf(String tsquery) {
        String parsed = jdbc.sql("select to_tsquery('french', ?)::text")
                .param(tsquery)
                .query(String.class)
                .optional()
                .orElse("");
        List<String> out = new ArrayList<>();
        Matcher m = LEXEME.matcher(parsed);
        while (m.find()) {
            out.add(m.group(1).replace("''", "'"));
        }
        return List.copyOf(out);
    }

    private static void filter(BooleanQuery.Builder all, String field, String value) {
        all.add(new TermQuery(new Term(field, value)), Occur.FILTER);
    }

    private static Query anyOf(String field, List<String> values) {
        return new TermInSetQuery(field, values.stream().map(BytesRef::new).toList());
    }

    private static void facet(Document doc, String dimension, String value) {
        if (value != null && !value.isEmpty()) {
            doc.add(new SortedSetDocValuesFacetField(dimension, value));
        }
    }

    private static void keyword(Document doc, String field, String value) {
        if (value != null) {
            doc.add(new StringField(field, value, Field.Store.NO));
        }
    }

    private static List<String> strings(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        return List.of((String[]) array.getArray());
    }

    private static Double[] doubles(Array array) throws SQLException {
        if (array == null) {
            return new Double[0];
        }
        Object values = array.getArray();
        if (values instanceof Double[] d) {
            return d;
        }
        Object[] objects = (Object[]) values;
        Double[] out = new Double[objects.length];
        for (int i = 0; i < objects.length; i++) {
            out[i] = ((Number) objects[i]).doubleValue();
        }
        return out;
    }

    /** For tests: the event ids the index holds. */
    Optional<Long> indexedAt(long eventId) {
        return Optional.ofNullable(indexed.get(eventId));
    }
}
