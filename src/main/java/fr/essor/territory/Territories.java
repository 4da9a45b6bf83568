package fr.essor.territory;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Lookups in the official geography. Regions, départements and EPCI are few and never change while
 * the application runs: they are read once; communes are read from the database.
 */
@Service
public class Territories {

    private static final Pattern COMMUNE_CODE = Pattern.compile("[0-9][0-9AB][0-9]{3}");
    private static final Pattern POSTCODE = Pattern.compile("[0-9]{5}");
    private static final String COMMUNE_COLUMNS =
            "c.code, c.name, c.departement, c.region, c.epci, c.population, c.latitude, c.longitude, c.postcodes";

    private final JdbcClient jdbc;
    private volatile Map<String, Region> regions;
    private volatile Map<String, Departement> departements;

    Territories(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Region> regions() {
        return List.copyOf(regionsByCode().values());
    }

    public Optional<Region> region(String code) {
        return Optional.ofNullable(code).map(regionsByCode()::get);
    }

    public List<Departement> departements() {
        return List.copyOf(departementsByCode().values());
    }

    /** The départements of a region, by code. */
    public List<Departement> departements(String regionCode) {
        return departementsByCode().values().stream()
                .filter(d -> d.region().equals(regionCode))
                .toList();
    }

    public Optional<Departement> departement(String code) {
        return Optional.ofNullable(code).map(departementsByCode()::get);
    }

    public Optional<Epci> epci(String code) {
        return jdbc.sql("select code, name, nature from territory.epci where code = ?")
                .param(code)
                .query(Epci.class)
                .optional();
    }

    /**
     * The commune of an INSEE code; a municipal arrondissement code of Paris, Lyon or Marseille gives
     * its commune.
     */
    public Optional<Commune> commune(String code) {
        if (code == null || !COMMUNE_CODE.matcher(code).matches()) {
            return Optional.empty();
        }
        return jdbc.sql("select " + COMMUNE_COLUMNS + " from territory.commune c where c.code = "
                        + "coalesce((select commune from territory.arrondissement where code = ?), ?)")
                .param(code)
                .param(code)
                .query(Territories::commune)
                .optional();
    }

    /**
     * The names of communes by their codes, in one query (an arrondissement's code gives its commune's
     * name, as {@link #commune(String)}); unknown codes are left out.
     */
    public Map<String, String> communeNames(java.util.Collection<String> codes) {
        if (codes.isEmpty()) {
            return Map.of();
        }
        String[] array = codes.toArray(String[]::new);
        return jdbc
                .sql("select c.code, c.name from territory.commune c where c.code = any(?) "
                        + "union all select a.code, c.name from territory.arrondissement a "
                        + "join territory.commune c on c.code = a.commune where a.code = any(?)")
                .param(array)
                .param(array)
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2)))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a));
    }

    /** Communes whose name starts with the given text, ignoring accents, case and hyphens; largest first. */
    public List<Commune> communesByName(String prefix, int limit) {
        String folded = fold(prefix);
        if (folded.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select " + COMMUNE_COLUMNS + " from territory.commune c "
                        + "where replace(c.folded_name, '-', ' ') like ? "
                        + "order by c.population desc nulls last, c.name limit ?")
                .param(escapeLike(folded) + "%")
                .param(limit)
                .query(Territories::commune)
                .list();
    }

    /** Communes served by a postcode (several communes may share one). */
    public List<Commune> communesByPostcode(String postcode) {
        if (postcode == null || !POSTCODE.matcher(postcode).matches()) {
            return List.of();
        }
        return jdbc.sql("select " + COMMUNE_COLUMNS + " from territory.commune c where c.postcodes @> array[?]::text[] "
                        + "order by c.population desc nulls last, c.name")
                .param(postcode)
                .query(Territories::commune)
                .list();
    }

    /**
     * The commune a person means by a postcode (the most populated commune it serves), an INSEE code,
     * or a name (the exact name ignoring accents, case and hyphens, else the largest commune whose name
     * starts so).
     */
    public Optional<Commune> place(String text) {
        String p = text == null ? "" : text.strip();
        if (POSTCODE.matcher(p).matches()) {
            List<Commune> served = communesByPostcode(p);
            return served.isEmpty() ? commune(p) : Optional.of(served.getFirst());
        }
        if (COMMUNE_CODE.matcher(p.toUpperCase(java.util.Locale.ROOT)).matches()) {
            return commune(p.toUpperCase(java.util.Locale.ROOT));
        }
        List<Commune> named = communesByName(p, 10);
        String folded = fold(p);
        return named.stream()
                .filter(c -> fold(c.name()).equals(folded))
                .findFirst()
                .or(() -> named.stream().findFirst());
    }

    /** Communes of a département, by name. */
    public List<Commune> communesOf(String departementCode) {
        return jdbc.sql("select " + COMMUNE_COLUMNS
                        + " from territory.commune c where c.departement = ? order by c.name")
                .param(departementCode)
                .query(Territories::commune)
                .list();
    }

    /** Every current commune (about 35,000), by code: for the observatory's aggregation per territory. */
    public List<Commune> allCommunes() {
        return jdbc.sql("select " + COMMUNE_COLUMNS + " from territory.commune c order by c.code")
                .query(Territories::commune)
                .list();
    }

    /** The municipal arrondissements of Paris, Lyon and Marseille: arrondissement code → commune code. */
    public Map<String, String> arrondissements() {
        Map<String, String> out = new LinkedHashMap<>();
        jdbc.sql("select code, commune from territory.arrondissement order by code")
                .query((rs, n) -> out.put(rs.getString(1), rs.getString(2)))
                .list();
        return out;
    }

    /** Every EPCI, by code. */
    public List<Epci> epcis() {
        return jdbc.sql("select code, name, nature from territory.epci order by code")
                .query(Epci.class)
                .list();
    }

    private Map<String, Region> regionsByCode() {
        if (regions == null) {
            regions =
                    jdbc
                            .sql("select code, name from territory.region order by code")
                            .query(Region.class)
                            .list()
                            .stream()
                            .collect(Collectors.toMap(
                                    Region::code, Function.identity(), (a, b) -> a, LinkedHashMap::new));
        }
        return regions;
    }

    private Map<String, Departement> departementsByCode() {
        if (departements == null) {
            departements =
                    jdbc
                            .sql("select code, region, name from territory.departement")
                            .query(Departement.class)
                            .list()
                            .stream()
                            .sorted(Comparator.comparing(Departement::code))
                            .collect(Collectors.toMap(
                                    Departement::code, Function.identity(), (a, b) -> a, LinkedHashMap::new));
        }
        return departements;
    }

    static String fold(String text) {
        if (text == null) {
            return "";
        }
        String decomposed = java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "");
        return decomposed
                .toLowerCase(java.util.Locale.ROOT)
                .replace('-', ' ')
                .replace('’', '\'')
                .strip();
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static Commune commune(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        java.sql.Array postcodes = rs.getArray("postcodes");
        return new Commune(
                rs.getString("code"),
                rs.getString("name"),
                rs.getString("departement"),
                rs.getString("region"),
                rs.getString("epci"),
                (Integer) rs.getObject("population"),
                (Double) rs.getObject("latitude"),
                (Double) rs.getObject("longitude"),
                postcodes == null ? List.of() : List.of((String[]) postcodes.getArray()));
    }
}
