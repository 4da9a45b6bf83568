package fr.essor.directory;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;

import fr.essor.observatory.Labels;
import fr.essor.territory.Commune;
import fr.essor.territory.Departement;
import fr.essor.territory.Region;
import fr.essor.territory.Territories;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Searches the establishments of a vintage of the directory: PostgreSQL finds the establishments of
 * each word (French full-text search on the names, the place and the activities' labels, accents
 * folded, stems, the last letters of a word optional), kept in memory while they are searched; an
 * index of the vintage in memory ({@link DirectoryIndex}) applies the filters, counts each filter's
 * values, orders by relevance, name or distance, and draws the map's clusters; PostgreSQL gives the
 * page's establishments.
 */
@Service
public class DirectorySearch {

    /** A search that cannot be answered: an unpublished vintage, a page beyond the last. */
    public static class Refused extends RuntimeException {

        private final String parameter;

        Refused(String parameter, String message) {
            super(message);
            this.parameter = parameter;
        }

        public String parameter() {
            return parameter;
        }
    }

    static final String COLUMNS = "e.siret, e.siren, e.name, e.usual_name, e.sign, e.acronym, e.categorie_juridique, "
            + "e.family, e.naf, e.section, e.size_band, e.head_office, e.created_on, e.unit_created_on, e.rna, "
            + "e.ess_flag, e.mission, e.diffusible, e.street, e.complement, e.postcode, e.city, e.commune_code, "
            + "e.commune, e.epci, e.departement, e.region, e.latitude, e.longitude, e.position_source";

    private static final Logger log = LoggerFactory.getLogger(DirectorySearch.class);
    private static final int FACET_LIMIT = 20;

    private final JdbcClient jdbc;
    private final DirectoryVintages vintages;
    private final Territories territories;

    private final DataSource dataSource;
    private final Profiles profiles;
    private final PlatformTransactionManager transactions;
    private final Cache<Long, DirectoryIndex> indexes =
            Caffeine.newBuilder().maximumSize(2).build();
    /** The rows of each word searched, kept while they are searched (at most about 64 MB). */
    private final AsyncCache<WordKey, Optional<DirectoryIndex.WordRows>> words = Caffeine.newBuilder()
            .maximumWeight(64_000_000)
            .weigher((WordKey k, Optional<DirectoryIndex.WordRows> v) ->
                    v.map(w -> w.any().size() / 4).orElse(16))
            .expireAfterAccess(java.time.Duration.ofMinutes(30))
            .executor(LOOKUPS)
            .buildAsync();

    /**
     * The lookups of words and of maps' cells run apart (a virtual thread each), so that a search waits
     * only for its own: a cache computing in the caller's thread would also hold other keys' searches.
     */
    private static final java.util.concurrent.Executor LOOKUPS =
            java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();

    /** Whether the index is built when the application is ready (a server), or on first use (a command). */
    private final boolean warmUp;

    DirectorySearch(
            JdbcClient jdbc,
            DirectoryVintages vintages,
            Territories territories,
            DataSource dataSource,
            PlatformTransactionManager transactions,
            Profiles profiles,
            @org.springframework.beans.factory.annotation.Value("${essor.scheduling.enabled:true}") boolean warmUp) {
        this.warmUp = warmUp;
        this.profiles = profiles;
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.vintages = vintages;
        this.territories = territories;
    }

    /** The vintage a query reads: the one it names, else the one shown by default; empty when none is published. */
    public Optional<DirectoryVintages.Vintage> vintageOf(DirectoryQuery query) {
        if (query.vintage() == null) {
            return vintages.latest();
        }
        Optional<DirectoryVintages.Vintage> named = vintages.ofMonth(query.vintage());
        if (named.isEmpty()) {
            throw new Refused(
                    "vintage",
                    "millésime non publié : « " + query.vintage() + " » (publiés : "
                            + DirectoryVintages.months(vintages.vintages()) + ")");
        }
        return named;
    }

    /**
     * A page of results with its facets.
     *
     * @throws Refused for an unpublished vintage or a page beyond the last
     */
    public DirectoryPage search(DirectoryQuery query) {
        Optional<DirectoryVintages.Vintage> vintage = vintageOf(query);
        if (vintage.isEmpty()) {
            return new DirectoryPage(List.of(), 1, query.size(), 0, null, Map.of());
        }
        DirectoryIndex index = index(vintage.get().id());
        int wanted = query.offset() + query.size();
        AnswerKey key =
                new AnswerKey(index.generation, query.withPage(1, DirectoryQuery.DEFAULT_SIZE), profiles.version());
        Answer answer = answers.getIfPresent(key);
        if (answer == null || (answer.rows().length < wanted && answer.total() > answer.rows().length)) {
            DirectoryIndex.Compiled compiled = compile(index, query);
            int kept = Math.max(wanted, KEPT_ROWS);
            Hits hits = new Hits(index, compiled, query, kept);
            DirectoryIndex.Counts counts = compiled.count(hits, kept);
            answer = new Answer(counts.total(), hits.rows(0, kept), facets(query, counts));
            answers.put(key, answer);
        }
        int pages = (int) Math.max(1, ((long) answer.total() + query.size() - 1) / query.size());
        if (query.page() > pages) {
            throw new Refused("page", "page " + query.page() + " au-delà de la dernière (" + pages + ")");
        }
        int[] rows = Arrays.copyOfRange(
                answer.rows(), Math.min(query.offset(), answer.rows().length), Math.min(wanted, answer.rows().length));
        return new DirectoryPage(
                fetch(index, rows, query.near()),
                query.page(),
                query.size(),
                answer.total(),
                vintage.get(),
                answer.facets());
    }

    /** The rows of the first pages of a search in order, kept with its counts. */
    private static final int KEPT_ROWS = 100;

    private record AnswerKey(long generation, DirectoryQuery query, long profilesVersion) {}

    /** A search's number of results, its first rows in order, its facets. */
    private record Answer(int total, int[] rows, Map<String, List<DirectoryPage.FacetValue>> facets) {}

    /**
     * The answers of searches, while they are asked: the next pages of a search, and the searches that
     * many make (a word alone, a family), are not counted again. An answer cannot become stale: the
     * vintage does not change and the profiles' version is in its key. The establishments of a page are
     * read at each search.
     */
    private final Cache<AnswerKey, Answer> answers = Caffeine.newBuilder()
            .maximumSize(2_000)
            .expireAfterAccess(java.time.Duration.ofMinutes(10))
            .build();

    /** An establishment of the vintage shown by default, by its SIRET. */
    public Optional<Establishment> establishment(String siret) {
        return vintages.latest().flatMap(v -> establishment(siret, v));
    }

    /** An establishment of a vintage, by its SIRET. */
    public Optional<Establishment> establishment(String siret, DirectoryVintages.Vintage v) {
        return (jdbc.sql("select " + COLUMNS + ", null::double precision as distance "
                        + "from directory.establishment e where e.vintage_id = ? and e.siret = ?")
                .params(v.id(), siret)
                .query(DirectorySearch::establishment)
                .optional());
    }

    /** The other establishments of the same legal unit (at most {@code limit}). */
    public List<Establishment> siblings(Establishment of, int limit) {
        return vintages.latest()
                .map(v -> jdbc.sql("select " + COLUMNS + ", null::double precision as distance "
                                + "from directory.establishment e where e.vintage_id = ? and e.siren = ? and e.siret <> ? "
                                + "order by e.head_office desc nulls last, e.siret limit ?")
                        .params(v.id(), of.siren(), of.siret(), limit)
                        .query(DirectorySearch::establishment)
                        .list())
                .orElse(List.of());
    }

    /**
     * Every result of a query in order, at most {@code limit}, read by batches (the downloads): the
     * results are never all in memory.
     *
     * @return the number of results given
     */
    public long forEach(DirectoryQuery query, int limit, Consumer<Establishment> each) {
        Optional<DirectoryVintages.Vintage> vintage = vintageOf(query);
        if (vintage.isEmpty()) {
            return 0;
        }
        DirectoryIndex index = index(vintage.get().id());
        DirectoryIndex.Compiled compiled = compile(index, query);
        Hits hits = new Hits(index, compiled, query, limit);
        compiled.count(hits, limit);
        int[] rows = hits.rows(0, limit);
        for (int from = 0; from < rows.length; from += BATCH) {
            fetch(index, Arrays.copyOfRange(rows, from, Math.min(rows.length, from + BATCH)), query.near())
                    .forEach(each);
        }
        return rows.length;
    }

    /** The smallest area holding the positioned results of a query (empty when there is none). */
    public Optional<DirectoryQuery.Box> bounds(DirectoryQuery query) {
        return vintageOf(query).map(v -> {
            DirectoryIndex index = index(v.id());
            return compile(index, query).bounds();
        });
    }

    /** One cluster of a map: how many establishments, where; the establishment when it is alone. */
    public record Cluster(double latitude, double longitude, int count, String siret, String name) {}

    /** The clusters of a map's area at a zoom level, for a query. */
    public record Clusters(List<Cluster> clusters, long total, int zoom, DirectoryVintages.Vintage vintage) {}

    /** Cells of 64 pixels: two levels below the 256-pixel tile of the zoom level. */
    private static final int CELL_LEVELS = 2;

    /** The highest zoom level of the maps' clusters. */
    public static final int MAX_ZOOM = DirectoryIndex.LEVEL - CELL_LEVELS;

    /**
     * The clusters of the results inside the query's area ({@link DirectoryQuery#box()}) at a zoom level of
     * the map (Web Mercator tiles of 256 pixels): one per cell of 64 pixels that has results, at the mean
     * position of its establishments.
     *
     * @throws Refused for an unpublished vintage or an area too large for its zoom level
     */
    public Clusters clusters(DirectoryQuery query, int zoom) {
        Optional<DirectoryVintages.Vintage> vintage = vintageOf(query);
        if (vintage.isEmpty()) {
            return new Clusters(List.of(), 0, zoom, null);
        }
        DirectoryQuery.Box box = query.box();
        int level = Math.min(DirectoryIndex.LEVEL, zoom + CELL_LEVELS);
        int x0 = DirectoryIndex.cellX(box.west(), level);
        int x1 = DirectoryIndex.cellX(box.east(), level);
        int y0 = DirectoryIndex.cellY(box.north(), level);
        int y1 = DirectoryIndex.cellY(box.south(), level);
        if ((long) (x1 - x0 + 1) * (y1 - y0 + 1) > MAX_CELLS) {
            throw new Refused(
                    "bbox", "zone trop grande pour le zoom " + zoom + " : rapprochez le zoom ou réduisez la zone");
        }
        DirectoryIndex index = index(vintage.get().id());
        DirectoryIndex.Compiled compiled = compile(index, query.withBox(null));
        List<DirectoryIndex.Cell> cells;
        if (compiled.everything()) {
            cells = index.cells(level, x0, x1, y0, y1, null);
        } else if (level <= LEVEL_CELLS_UP_TO) {
            // a wide view with filters: the filter's cells of the whole level, counted once
            DirectoryIndex.LevelCells all = levelCells
                    .get(
                            new LevelKey(
                                    index.generation,
                                    query.withBox(null).withPage(1, DirectoryQuery.DEFAULT_SIZE),
                                    level,
                                    profiles.version()),
                            k -> index.levelCells(level, compiled))
                    .join();
            cells = DirectoryIndex.cells(all, x0, x1, y0, y1);
        } else {
            cells = index.cells(level, x0, x1, y0, y1, compiled);
        }
        long total = 0;
        List<Cluster> out = new ArrayList<>(cells.size());
        for (DirectoryIndex.Cell c : cells) {
            total += c.count();
            out.add(new Cluster(
                    c.latitude(),
                    c.longitude(),
                    c.count(),
                    c.row() >= 0 ? index.siret(c.row()) : null,
                    c.row() >= 0 ? index.name(c.row()) : null));
        }
        return new Clusters(out, total, zoom, vintage.get());
    }

    private static final int MAX_CELLS = 10_000;
    private static final int BATCH = 1000;

    /** Builds the index of the vintage shown, when the application is ready: the first visitor does not wait. */
    @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
    @org.springframework.scheduling.annotation.Async
    public void warmUp() {
        if (!warmUp) {
            return; // a command run (an import) serves no search: its cores and memory go to the import
        }
        vintages.latest().ifPresent(v -> index(v.id()));
    }

    /** The index of a vintage, built on first use from PostgreSQL. */
    DirectoryIndex index(long vintageId) {
        return indexes.get(vintageId, this::build);
    }

    private DirectoryIndex build(long vintageId) {
        long started = System.nanoTime();
        DirectoryIndex[] built = new DirectoryIndex[1];
        int[] confirmedCount = new int[1];
        JdbcTemplate cursor = new JdbcTemplate(dataSource);
        cursor.setFetchSize(10_000);
        TransactionTemplate readOnly = new TransactionTemplate(transactions);
        readOnly.setReadOnly(true);
        readOnly.executeWithoutResult(status -> {
            confirmedSeen.put(vintageId, confirmedSignature(vintageId));
            Map<String, Establishment> confirmed = confirmedStructures(vintageId);
            confirmedCount[0] = confirmed.size();
            List<Establishment> extra = List.copyOf(confirmed.values());
            Integer count = cursor.queryForObject(
                    "select count(*) from directory.establishment where vintage_id = ?", Integer.class, vintageId);
            DirectoryIndex.Builder builder = new DirectoryIndex.Builder(vintageId, count + extra.size());
            cursor.query(
                    "select * from (select e.siret, e.name, e.family, e.section, e.size_band, e.categorie_juridique, "
                            + "e.naf, e.region, e.departement, e.epci, e.commune, e.commune_code, e.latitude, e.longitude "
                            + "from directory.establishment e where e.vintage_id = ? "
                            // the structures confirmed in the ESS that SIRENE does not flag, in the same order
                            + "union all select x.siret, x.name, x.family, null, null, null, null, x.region, "
                            + "x.departement, x.epci, x.commune, x.commune, x.latitude, x.longitude "
                            + "from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], "
                            + "?::float8[], ?::float8[]) "
                            + "as x(siret, name, family, region, departement, epci, commune, latitude, longitude)) u "
                            + "order by directory.fold(u.name), u.siret",
                    rs -> {
                        builder.add(rs);
                    },
                    vintageId,
                    extra.stream().map(Establishment::siret).toArray(String[]::new),
                    extra.stream().map(Establishment::name).toArray(String[]::new),
                    extra.stream().map(Establishment::family).toArray(String[]::new),
                    extra.stream().map(Establishment::region).toArray(String[]::new),
                    extra.stream().map(Establishment::departement).toArray(String[]::new),
                    extra.stream().map(Establishment::epci).toArray(String[]::new),
                    extra.stream().map(Establishment::commune).toArray(String[]::new),
                    extra.stream().map(Establishment::latitude).toArray(Double[]::new),
                    extra.stream().map(Establishment::longitude).toArray(Double[]::new));
            built[0] = builder.build();
            built[0].confirmed(confirmed);
        });
        log.info(
                "Directory index of vintage {}: {} establishments ({} confirmed on Essor), about {} MB, built in {} ms",
                vintageId,
                built[0].size,
                confirmedCount[0],
                built[0].bytes() / 1_000_000,
                (System.nanoTime() - started) / 1_000_000);
        return built[0];
    }

    private static final String CONFIRMED = "from directory.structure s where s.ess_confirmed_at is not null "
            + "and s.verified_at is not null and not exists (select 1 from directory.establishment e "
            + "where e.vintage_id = ? and e.siret = s.siret)";

    /**
     * The structures that a moderator confirmed in the ESS and that the vintage does not have (SIRENE
     * does not flag them): their entries, from what they registered and their commune's point.
     */
    private Map<String, Establishment> confirmedStructures(long vintageId) {
        Map<String, Establishment> out = new LinkedHashMap<>();
        jdbc.sql("select s.siret, s.siren, s.name, s.legal_family, s.commune_code " + CONFIRMED + " order by s.id")
                .param(vintageId)
                .query((rs, n) -> confirmedEntry(
                        rs.getString("siret"),
                        rs.getString("siren"),
                        rs.getString("name"),
                        rs.getString("legal_family"),
                        rs.getString("commune_code")))
                .list()
                .forEach(e -> out.put(e.siret(), e));
        return out;
    }

    private Establishment confirmedEntry(String siret, String siren, String name, String legalFamily, String code) {
        Commune c = territories.commune(code).orElse(null);
        // the directory's families are the legal families' names in lower case; "other" is none of them
        String family = LegalFamily.OTHER.name().equals(legalFamily) ? null : legalFamily.toLowerCase(Locale.ROOT);
        boolean point = c != null && c.hasPoint();
        return new Establishment(
                siret,
                siren,
                name,
                null,
                null,
                null,
                null,
                family,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                true,
                null,
                null,
                c == null || c.postcodes() == null || c.postcodes().isEmpty()
                        ? null
                        : c.postcodes().getFirst(),
                c == null ? null : c.name(),
                code,
                c == null ? code : c.code(),
                c == null ? null : c.epci(),
                c == null ? null : c.departement(),
                c == null ? null : c.region(),
                point ? c.latitude() : null,
                point ? c.longitude() : null,
                point ? "commune" : null,
                null);
    }

    private String confirmedSignature(long vintageId) {
        return jdbc.sql("select count(*) || ':' || coalesce(sum(s.id), 0) " + CONFIRMED)
                .param(vintageId)
                .query(String.class)
                .single();
    }

    /** The confirmed structures of each vintage held, as last seen, to build its index again when they change. */
    private final Map<Long, String> confirmedSeen = new java.util.concurrent.ConcurrentHashMap<>();

    /** Builds of the index, one after the other, apart from the searches (which use the previous one meanwhile). */
    private final java.util.concurrent.ExecutorService rebuilds =
            java.util.concurrent.Executors.newSingleThreadExecutor(
                    Thread.ofVirtual().factory());

    /**
     * Builds a vintage's index again when a structure has been confirmed in the ESS (on any instance)
     * that the vintage does not have: it appears in searches and maps within seconds.
     */
    @org.springframework.scheduling.annotation.Scheduled(fixedDelayString = "PT5S", initialDelayString = "PT5S")
    void followConfirmedStructures() {
        for (Long vintageId : List.copyOf(indexes.asMap().keySet())) {
            String seen = confirmedSignature(vintageId);
            String before = confirmedSeen.put(vintageId, seen);
            if (before != null && !before.equals(seen)) {
                rebuilds.execute(() -> indexes.put(vintageId, build(vintageId)));
            }
        }
    }

    private DirectoryIndex.Compiled compile(DirectoryIndex index, DirectoryQuery query) {
        List<DirectoryIndex.WordRows> rows = new ArrayList<>();
        for (String word : query.words()) {
            Optional<DirectoryIndex.WordRows> found = words.get(
                            new WordKey(index.generation, word), k -> wordRows(index, word))
                    .join();
            if (found.isEmpty()) {
                continue;
            }
            // the profiles change at any time: read at each search (a few rows), never kept
            DirectoryIndex.WordRows w = found.get();
            List<String> profiled = profileMatches.get(
                    new ProfileKey(word, profiles.version()), k -> profiles.siretsMatching(term(word)));
            if (!profiled.isEmpty()) {
                BitSet any = (BitSet) w.any().clone();
                profiled.stream().mapToInt(index::row).filter(r -> r >= 0).forEach(any::set);
                w = new DirectoryIndex.WordRows(any, w.names(), any.cardinality());
            }
            rows.add(w);
        }
        long profilesVersion = profiles.version();
        return index
        .new Compiled(
                query,
                rows,
                (facet, compute) -> withoutFacet.get(
                        new WithoutKey(
                                index.generation,
                                query.without(DirectoryIndex.Facet.values()[facet]),
                                facet,
                                profilesVersion),
                        k -> compute.get()));
    }

    private record WithoutKey(long generation, DirectoryQuery filters, int facet, long profilesVersion) {}

    /**
     * A facet's counts for a query without that facet's filter, while they are asked (never stale, as the
     * answers): the searches of each département with the same words share them instead of reading every
     * row of the words again.
     */
    private final Cache<WithoutKey, int[]> withoutFacet = Caffeine.newBuilder()
            .maximumWeight(16_000_000)
            .weigher((WithoutKey k, int[] v) -> 64 + v.length * 4)
            .expireAfterAccess(java.time.Duration.ofMinutes(10))
            .build();

    private record WordKey(long generation, String word) {}

    private record ProfileKey(String word, long version) {}

    private record LevelKey(long generation, DirectoryQuery filters, int level, long profilesVersion) {}

    /** Up to this level (zoom 11), a map with filters reads the cells of the whole level. */
    private static final int LEVEL_CELLS_UP_TO = 13;

    /**
     * The cells of whole levels for the filters of maps, while they are looked at (about 64 MB at most):
     * a vintage does not change, and the profiles' version is in the key.
     */
    private final AsyncCache<LevelKey, DirectoryIndex.LevelCells> levelCells = Caffeine.newBuilder()
            .maximumWeight(64_000_000)
            .weigher((LevelKey k, DirectoryIndex.LevelCells v) -> (int) Math.min(Integer.MAX_VALUE, v.bytes()))
            .expireAfterAccess(java.time.Duration.ofMinutes(10))
            .executor(LOOKUPS)
            .buildAsync();

    /**
     * The profiles' matches of each word, a few seconds: a change is seen at once on this instance and
     * within 2 s on another (the version changes, see {@link Profiles#followOtherInstances()}).
     */
    private final Cache<ProfileKey, List<String>> profileMatches = Caffeine.newBuilder()
            .expireAfterWrite(java.time.Duration.ofSeconds(5))
            .maximumSize(10_000)
            .build();

    /** The rows of a word (empty for a word that the French dictionary ignores, like « de »). */
    private Optional<DirectoryIndex.WordRows> wordRows(DirectoryIndex index, String word) {
        String term = term(word);
        int nodes = jdbc.sql("select numnode(to_tsquery('french', ?))")
                .param(term)
                .query(Integer.class)
                .single();
        if (nodes == 0) {
            return Optional.empty();
        }
        BitSet any = new BitSet(index.size);
        BitSet names = new BitSet(index.size);
        JdbcTemplate cursor = new JdbcTemplate(dataSource);
        cursor.setFetchSize(10_000);
        TransactionTemplate readOnly = new TransactionTemplate(transactions);
        readOnly.setReadOnly(true);
        readOnly.executeWithoutResult(status -> cursor.query(
                // two queries that each use an index (an "or" of both would read every row)
                "select e.siret, e.search @@ to_tsquery('french', ?) as in_name from directory.establishment e "
                        + "where e.vintage_id = ? and e.search @@ to_tsquery('french', ?) "
                        + "union all select e.siret, false from directory.establishment e where e.vintage_id = ? "
                        + "and e.naf in (select a.code from directory.activity a where a.search @@ to_tsquery('french', ?)) "
                        // the names of the structures confirmed in the ESS that the vintage does not have
                        + "union all select s.siret, true " + CONFIRMED + " and directory.search_vector(s.name, "
                        + "null, null, null, null) @@ to_tsquery('french', ?)",
                rs -> {
                    int row = index.row(rs.getString(1));
                    if (row >= 0) {
                        any.set(row);
                        if (rs.getBoolean(2)) {
                            names.set(row);
                        }
                    }
                },
                nameTerm(word),
                index.vintageId,
                term,
                index.vintageId,
                term,
                index.vintageId,
                term));
        return Optional.of(new DirectoryIndex.WordRows(any, names, any.cardinality()));
    }

    /** The establishments of rows, in the rows' order, read by their SIRET. */
    private List<Establishment> fetch(DirectoryIndex index, int[] rows, DirectoryQuery.Near near) {
        if (rows.length == 0) {
            return List.of();
        }
        String[] sirets = new String[rows.length];
        for (int i = 0; i < rows.length; i++) {
            sirets[i] = index.siret(rows[i]);
        }
        Map<String, Establishment> found = new java.util.HashMap<>();
        jdbc.sql("select " + COLUMNS + ", null::double precision as distance "
                        + "from directory.establishment e where e.vintage_id = ? and e.siret = any(?)")
                .params(index.vintageId, sirets)
                .query(DirectorySearch::establishment)
                .list()
                .forEach(e -> found.put(e.siret(), e));
        List<Establishment> out = new ArrayList<>(rows.length);
        for (String siret : sirets) {
            Establishment e = found.get(siret);
            if (e == null) {
                e = index.confirmed(siret);
            }
            if (e == null) {
                continue;
            }
            if (near != null && e.latitude() != null && e.longitude() != null) {
                e = e.withDistance(
                        DirectoryIndex.distanceKm(near.latitude(), near.longitude(), e.latitude(), e.longitude()));
            }
            out.add(e);
        }
        return out;
    }

    /** The counts of each facet's values, each with the filters of the other facets. */
    private Map<String, List<DirectoryPage.FacetValue>> facets(DirectoryQuery query, DirectoryIndex.Counts counts) {
        Map<String, List<DirectoryPage.FacetValue>> out = new LinkedHashMap<>();
        out.put("family", facet(counts, DirectoryIndex.Facet.FAMILY, query.families(), Labels::family, 10));
        out.put("section", facet(counts, DirectoryIndex.Facet.SECTION, query.sections(), Labels::section, 25));
        out.put("tranche", facet(counts, DirectoryIndex.Facet.BAND, query.bands(), Labels::band, 25));
        out.put(
                "categorieJuridique",
                facet(
                        counts,
                        DirectoryIndex.Facet.CATEGORY,
                        query.categories(),
                        c -> Optional.ofNullable(Nomenclatures.category(c)).orElse(c),
                        FACET_LIMIT));
        out.put(
                "region",
                facet(
                        counts,
                        DirectoryIndex.Facet.REGION,
                        single(query.region()),
                        code -> territories.region(code).map(Region::name).orElse(code),
                        FACET_LIMIT));
        out.put(
                "departement",
                facet(
                        counts,
                        DirectoryIndex.Facet.DEPARTEMENT,
                        single(query.departement()),
                        code -> territories
                                .departement(code)
                                .map(Departement::name)
                                .orElse(code),
                        110));
        if (query.departement() != null || query.epci() != null || query.commune() != null) {
            // the communes' names in one query
            Set<String> codes = new java.util.HashSet<>(
                    counts.top(DirectoryIndex.Facet.COMMUNE, FACET_LIMIT).keySet());
            codes.addAll(single(query.commune()));
            Map<String, String> names = territories.communeNames(codes);
            out.put(
                    "commune",
                    facet(
                            counts,
                            DirectoryIndex.Facet.COMMUNE,
                            single(query.commune()),
                            code -> names.getOrDefault(code, code),
                            FACET_LIMIT));
        }
        return out;
    }

    private static List<DirectoryPage.FacetValue> facet(
            DirectoryIndex.Counts counts,
            DirectoryIndex.Facet facet,
            Set<String> selected,
            Function<String, String> label,
            int limit) {
        List<DirectoryPage.FacetValue> values = new ArrayList<>(counts.top(facet, limit).entrySet().stream()
                .map(v -> new DirectoryPage.FacetValue(
                        v.getKey(), label.apply(v.getKey()), v.getValue(), selected.contains(v.getKey())))
                .toList());
        // a chosen value stays visible, even with no result
        for (String chosen : selected) {
            if (values.stream().noneMatch(v -> v.key().equals(chosen))) {
                values.add(new DirectoryPage.FacetValue(chosen, label.apply(chosen), 0, true));
            }
        }
        return List.copyOf(values);
    }

    /**
     * The rows of a query in its order, the first {@code limit} of them kept by a bounded heap: by name
     * (the row's rank), relevance (words found in the names first) or distance.
     */
    private static final class Hits implements java.util.function.IntConsumer {

        private final DirectoryIndex index;
        private final DirectoryIndex.Compiled compiled;
        private final DirectoryQuery query;
        private final int limit;
        private final long[] heap;
        private int count;

        Hits(DirectoryIndex index, DirectoryIndex.Compiled compiled, DirectoryQuery query, int limit) {
            this.index = index;
            this.compiled = compiled;
            this.query = query;
            this.limit = limit;
            this.heap = new long[Math.max(0, limit)];
        }

        @Override
        public void accept(int row) {
            int rank = index.rank(row);
            long key = switch (query.sort()) {
                case NAME -> rank;
                case RELEVANCE -> ((long) (DirectoryQuery.MAX_WORDS - compiled.inNames(row)) << 32) | rank;
                case DISTANCE ->
                    ((long) Float.floatToIntBits((float) index.distanceKm(
                                            query.near().latitude(),
                                            query.near().longitude(),
                                            row))
                                    << 32)
                            | rank;
            };
            if (count < limit) {
                heap[count] = key;
                up(count++);
            } else if (limit > 0 && key < heap[0]) {
                heap[0] = key;
                down(0);
            }
        }

        /** The rows from {@code offset}, at most {@code length}, in order. */
        int[] rows(int offset, int length) {
            long[] sorted = Arrays.copyOf(heap, count);
            Arrays.sort(sorted);
            int from = Math.min(offset, sorted.length);
            int to = Math.min(sorted.length, offset + length);
            int[] out = new int[to - from];
            for (int i = from; i < to; i++) {
                out[i - from] = index.rowOfRank((int) (sorted[i] & 0xFFFFFFFFL));
            }
            return out;
        }

        private void up(int i) {
            while (i > 0) {
                int parent = (i - 1) / 2;
                if (heap[parent] >= heap[i]) {
                    return;
                }
                swap(i, parent);
                i = parent;
            }
        }

        private void down(int i) {
            while (true) {
                int left = 2 * i + 1;
                int right = left + 1;
                int largest = i;
                if (left < count && heap[left] > heap[largest]) {
                    largest = left;
                }
                if (right < count && heap[right] > heap[largest]) {
                    largest = right;
                }
                if (largest == i) {
                    return;
                }
                swap(i, largest);
                i = largest;
            }
        }

        private void swap(int a, int b) {
            long t = heap[a];
            heap[a] = heap[b];
            heap[b] = t;
        }
    }

    /** A word as a text-search term: its stem, and any longer word from three letters on (as one types). */
    private static String term(String word) {
        return word.length() >= 3 ? word + ":*" : word;
    }

    /** The same term, found only in the names (weights A and B of the search vector). */
    private static String nameTerm(String word) {
        return term(word) + (word.length() >= 3 ? "AB" : ":AB");
    }

    private static Set<String> single(String value) {
        return value == null ? Set.of() : Set.of(value);
    }

    static Establishment establishment(ResultSet rs, int row) throws SQLException {
        return new Establishment(
                rs.getString("siret"),
                rs.getString("siren"),
                rs.getString("name"),
                rs.getString("usual_name"),
                rs.getString("sign"),
                rs.getString("acronym"),
                rs.getString("categorie_juridique"),
                rs.getString("family"),
                rs.getString("naf"),
                rs.getString("section"),
                rs.getString("size_band"),
                (Boolean) rs.getObject("head_office"),
                rs.getObject("created_on", java.time.LocalDate.class),
                rs.getObject("unit_created_on", java.time.LocalDate.class),
                rs.getString("rna"),
                (Boolean) rs.getObject("ess_flag"),
                (Boolean) rs.getObject("mission"),
                rs.getBoolean("diffusible"),
                rs.getString("street"),
                rs.getString("complement"),
                rs.getString("postcode"),
                rs.getString("city"),
                rs.getString("commune_code"),
                rs.getString("commune"),
                rs.getString("epci"),
                rs.getString("departement"),
                rs.getString("region"),
                (Double) rs.getObject("latitude"),
                (Double) rs.getObject("longitude"),
                rs.getString("position_source"),
                (Double) rs.getObject("distance"));
    }
}
