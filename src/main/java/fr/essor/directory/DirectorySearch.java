package fr.essor.directory;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import fr.essor.observatory.Labels;
import fr.essor.territory.Commune;
import fr.essor.territory.Departement;
import fr.essor.territory.Region;
import fr.essor.territory.Territories;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Searches the establishments of a vintage of the directory in PostgreSQL: French full-text search on
 * the names and the activities' labels (accents folded, stems, the last letters of a word optional),
 * filters, the counts of each filter's values, orders by relevance, name or distance.
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

    private static final int FACET_LIMIT = 20;

    private final JdbcClient jdbc;
    private final DirectoryVintages vintages;
    private final Territories territories;

    private final javax.sql.DataSource dataSource;
    private final org.springframework.transaction.PlatformTransactionManager transactions;

    DirectorySearch(
            JdbcClient jdbc,
            DirectoryVintages vintages,
            Territories territories,
            javax.sql.DataSource dataSource,
            org.springframework.transaction.PlatformTransactionManager transactions) {
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
        long vintageId = vintage.get().id();
        Sql count = new Sql("select count(*) from directory.establishment e");
        filters(count, query, vintageId, null);
        long total =
                jdbc.sql(count.text()).params(count.params).query(Long.class).single();
        int pages = (int) Math.max(1, (total + query.size() - 1) / query.size());
        if (query.page() > pages) {
            throw new Refused("page", "page " + query.page() + " au-delà de la dernière (" + pages + ")");
        }
        List<Establishment> items = items(query, vintageId);
        return new DirectoryPage(items, query.page(), query.size(), total, vintage.get(), facets(query, vintageId));
    }

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
     * Every result of a query in order, at most {@code limit}, read from a cursor (the downloads): the
     * results are never all in memory.
     *
     * @return the number of results given
     */
    public long forEach(DirectoryQuery query, int limit, java.util.function.Consumer<Establishment> each) {
        Optional<DirectoryVintages.Vintage> vintage = vintageOf(query);
        if (vintage.isEmpty()) {
            return 0;
        }
        Sql sql = itemsSql(query.withPage(1, limit), vintage.get().id());
        org.springframework.jdbc.core.JdbcTemplate cursor = new org.springframework.jdbc.core.JdbcTemplate(dataSource);
        cursor.setFetchSize(1000);
        long[] count = {0};
        new org.springframework.transaction.support.TransactionTemplate(transactions).executeWithoutResult(status -> {
            status.setRollbackOnly();
            cursor.query(
                    sql.text(),
                    rs -> {
                        each.accept(establishment(rs, 0));
                        count[0]++;
                    },
                    sql.params.toArray());
        });
        return count[0];
    }

    private List<Establishment> items(DirectoryQuery query, long vintageId) {
        Sql sql = itemsSql(query, vintageId);
        return jdbc.sql(sql.text())
                .params(sql.params)
                .query(DirectorySearch::establishment)
                .list();
    }

    private Sql itemsSql(DirectoryQuery query, long vintageId) {
        Sql sql = new Sql("select " + COLUMNS + ", ");
        if (query.near() != null) {
            sql.append(
                    "earth_distance(ll_to_earth(?, ?), ll_to_earth(e.latitude, e.longitude)) / 1000.0 as distance",
                    query.near().latitude(),
                    query.near().longitude());
        } else {
            sql.append("null::double precision as distance");
        }
        sql.append(" from directory.establishment e");
        filters(sql, query, vintageId, null);
        switch (query.sort()) {
            case RELEVANCE ->
                sql.append(
                        " order by ts_rank(e.search, to_tsquery('french', ?)) desc, directory.fold(e.name), e.siret",
                        anyWord(query.words()));
            case DISTANCE -> sql.append(" order by distance, directory.fold(e.name), e.siret");
            case NAME -> sql.append(" order by directory.fold(e.name), e.siret");
        }
        sql.append(" limit ? offset ?", query.size(), query.offset());
        return sql;
    }

    /** The counts of each facet's values, each with the filters of the other facets. */
    private Map<String, List<DirectoryPage.FacetValue>> facets(DirectoryQuery query, long vintageId) {
        Map<String, List<DirectoryPage.FacetValue>> out = new LinkedHashMap<>();
        out.put("family", facet(query, vintageId, "family", "e.family", query.families(), Labels::family, 10));
        out.put("section", facet(query, vintageId, "section", "e.section", query.sections(), Labels::section, 25));
        out.put("tranche", facet(query, vintageId, "tranche", "e.size_band", query.bands(), Labels::band, 25));
        out.put(
                "categorieJuridique",
                facet(
                        query,
                        vintageId,
                        "categorieJuridique",
                        "e.categorie_juridique",
                        query.categories(),
                        c -> Optional.ofNullable(Nomenclatures.category(c)).orElse(c),
                        FACET_LIMIT));
        out.put(
                "region",
                facet(
                        query,
                        vintageId,
                        "region",
                        "e.region",
                        single(query.region()),
                        code -> territories.region(code).map(Region::name).orElse(code),
                        FACET_LIMIT));
        out.put(
                "departement",
                facet(
                        query,
                        vintageId,
                        "departement",
                        "e.departement",
                        single(query.departement()),
                        code -> territories
                                .departement(code)
                                .map(Departement::name)
                                .orElse(code),
                        110));
        if (query.departement() != null || query.epci() != null || query.commune() != null) {
            out.put(
                    "commune",
                    facet(
                            query,
                            vintageId,
                            "commune",
                            "e.commune",
                            single(query.commune()),
                            code -> territories.commune(code).map(Commune::name).orElse(code),
                            FACET_LIMIT));
        }
        return out;
    }

    private List<DirectoryPage.FacetValue> facet(
            DirectoryQuery query,
            long vintageId,
            String name,
            String column,
            Set<String> selected,
            Function<String, String> label,
            int limit) {
        Sql sql = new Sql("select " + column + " as key, count(*) as n from directory.establishment e");
        filters(sql, query, vintageId, name);
        sql.append(" and " + column + " is not null group by 1 order by 2 desc, 1 limit ?", limit);
        List<DirectoryPage.FacetValue> values = new ArrayList<>(jdbc.sql(sql.text())
                .params(sql.params)
                .query((rs, n) -> {
                    String key = rs.getString("key");
                    return new DirectoryPage.FacetValue(key, label.apply(key), rs.getLong("n"), selected.contains(key));
                })
                .list());
        // a chosen value stays visible, even with no result
        for (String chosen : selected) {
            if (values.stream().noneMatch(v -> v.key().equals(chosen))) {
                values.add(new DirectoryPage.FacetValue(chosen, label.apply(chosen), 0, true));
            }
        }
        return List.copyOf(values);
    }

    /** The query's conditions; {@code except} names the facet whose own filter is left out. */
    private static void filters(Sql sql, DirectoryQuery query, long vintageId, String except) {
        sql.append(" where e.vintage_id = ?", vintageId);
        for (String word : query.words()) {
            String q = term(word);
            sql.append(
                    " and (numnode(to_tsquery('french', ?)) = 0 or e.search @@ to_tsquery('french', ?) "
                            + "or e.naf in (select a.code from directory.activity a where a.search @@ to_tsquery('french', ?)))",
                    q,
                    q,
                    q);
        }
        in(sql, "family", except, "e.family", query.families());
        in(sql, "categorieJuridique", except, "e.categorie_juridique", query.categories());
        in(sql, "naf", except, "e.naf", query.activities());
        in(sql, "section", except, "e.section", query.sections());
        in(sql, "tranche", except, "e.size_band", query.bands());
        if (query.region() != null && !"region".equals(except)) {
            sql.append(" and e.region = ?", query.region());
        }
        if (query.departement() != null && !"departement".equals(except)) {
            sql.append(" and e.departement = ?", query.departement());
        }
        if (query.epci() != null) {
            sql.append(" and e.epci = ?", query.epci());
        }
        if (query.commune() != null && !"commune".equals(except)) {
            sql.append(" and (e.commune = ? or e.commune_code = ?)", query.commune(), query.commune());
        }
        if (query.near() != null) {
            DirectoryQuery.Near near = query.near();
            double dLat = near.radiusKm() / 111.0;
            double dLon = near.radiusKm() / (111.0 * Math.max(0.05, Math.cos(Math.toRadians(near.latitude()))));
            sql.append(
                    " and e.latitude between ? and ? and e.longitude between ? and ?",
                    near.latitude() - dLat,
                    near.latitude() + dLat,
                    near.longitude() - dLon,
                    near.longitude() + dLon);
            sql.append(
                    " and earth_distance(ll_to_earth(?, ?), ll_to_earth(e.latitude, e.longitude)) <= ?",
                    near.latitude(),
                    near.longitude(),
                    near.radiusKm() * 1000.0);
        }
    }

    private static void in(Sql sql, String name, String except, String column, Set<String> values) {
        if (!values.isEmpty() && !name.equals(except)) {
            sql.append(" and " + column + " = any(?)", (Object) values.toArray(String[]::new));
        }
    }

    /** A word as a text-search term: its stem, and any longer word from three letters on (as one types). */
    private static String term(String word) {
        return word.length() >= 3 ? word + ":*" : word;
    }

    private static String anyWord(List<String> words) {
        return String.join(" | ", words.stream().map(DirectorySearch::term).toList());
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

    /** A statement and its parameters, built together. */
    private static final class Sql {

        private final StringBuilder text;
        private final List<Object> params = new ArrayList<>();

        Sql(String start) {
            this.text = new StringBuilder(start);
        }

        Sql append(String part, Object... values) {
            text.append(part);
            params.addAll(java.util.Arrays.asList(values));
            return this;
        }

        String text() {
            return text.toString();
        }
    }
}
