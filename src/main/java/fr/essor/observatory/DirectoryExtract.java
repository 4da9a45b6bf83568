package fr.essor.observatory;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import fr.essor.territory.Commune;
import fr.essor.territory.Positions;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes the establishments of the directory from an import's DuckDB tables: every active establishment
 * of the ESS perimeter located in France, with its unit's facts, its address and its position (SIRENE's
 * projected coordinates converted to WGS 84, else its commune's point), INSEE's diffusion rule applied.
 */
final class DirectoryExtract {

    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final String NATURAL_PERSON = "1000";

    private DirectoryExtract() {}

    static long write(Connection connection, SireneImport.Geography geography, Path file)
            throws SQLException, IOException {
        Map<String, Commune> communes =
                geography.communes().stream().collect(Collectors.toMap(Commune::code, c -> c, (a, b) -> a));
        StringBuilder fields = new StringBuilder();
        for (String fact : SireneImport.UNIT_FACTS.keySet()) {
            fields.append("u.u_").append(fact).append(" as u_").append(fact).append(", ");
        }
        fields.append("u.u_category as u_category, u.u_flag as u_flag, ");
        // the establishment's facts, as SireneImport packed them: siren, NAF, then ESTABLISHMENT_FACTS
        fields.append("try_cast(a.x[1] as integer) as u_siren, nullif(a.x[2], '') as naf, ");
        int position = 3;
        for (String fact : SireneImport.ESTABLISHMENT_FACTS.keySet()) {
            fields.append("nullif(a.x[")
                    .append(position++)
                    .append("], '') as ")
                    .append(fact)
                    .append(", ");
        }
        String sql = "select " + fields + "f.key as family_key, a.section, a.band, g.commune as resolved, g.epci, "
                + "coalesce(g.dep, d.code) as dep, coalesce(g.region, d.region) as region, a.commune as raw_commune "
                + "from (select *, string_split(entry, chr(31)) as x from est where entry_key is not null) a "
                + "left join family f on f.number = a.family "
                + "left join unit_facts u on u.siren = try_cast(a.x[1] as integer) "
                + "left join geo g on g.code = a.commune "
                + "left join dep d on g.code is null and d.code = case when starts_with(a.commune, '97') "
                + "then substr(a.commune, 1, 3) else substr(a.commune, 1, 2) end "
                + "where a.entry_key is not null and a.active and a.valid and not a.public_admin and a.commune <> ''";
        long count = 0;
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery(sql);
                Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                CSVPrinter csv = new CSVPrinter(out, CSVFormat.POSTGRESQL_CSV)) {
            Object[] row = new Object[VintagePublished.COLUMNS.size()];
            while (rs.next()) {
                fill(rs, communes, row);
                csv.printRecord(row);
                count++;
            }
        }
        return count;
    }

    private static void fill(ResultSet rs, Map<String, Commune> communes, Object[] row) throws SQLException {
        String category = blank(rs.getString("u_category"));
        boolean diffusible = diffusible(rs.getString("u_diffusion")) && diffusible(rs.getString("diffusion"));
        boolean person = NATURAL_PERSON.equals(category);
        String siren = String.format("%09d", rs.getLong("u_siren"));
        String siret = blank(rs.getString("siret"));
        if (siret == null) {
            siret = siren + Optional.ofNullable(blank(rs.getString("nic"))).orElse("");
        }
        String resolved = rs.getString("resolved");
        String departement = rs.getString("dep");
        String raw = rs.getString("raw_commune");
        int i = 0;
        row[i++] = siret;
        row[i++] = siren;
        row[i++] = name(rs, person, diffusible, siren);
        row[i++] = person && !diffusible ? null : blank(rs.getString("usual_name"));
        row[i++] = person && !diffusible ? null : blank(rs.getString("sign"));
        row[i++] = blank(rs.getString("u_acronym"));
        row[i++] = category;
        row[i++] = rs.getString("family_key");
        row[i++] = blank(rs.getString("naf"));
        row[i++] = rs.getString("section");
        row[i++] = rs.getString("band");
        row[i++] = flag(rs.getString("head_office"), "true");
        row[i++] = date(rs.getString("created"));
        row[i++] = date(rs.getString("u_created"));
        row[i++] = blank(rs.getString("u_rna"));
        row[i++] = flag(rs.getString("u_flag"), "O");
        row[i++] = flag(rs.getString("u_mission"), "O");
        row[i++] = diffusible ? "t" : "f";
        row[i++] = diffusible ? street(rs) : null;
        row[i++] = diffusible ? blank(rs.getString("complement")) : null;
        row[i++] = blank(rs.getString("postcode"));
        Commune known = resolved == null ? null : communes.get(resolved);
        // the official name of the commune (« Sète »), SIRENE's label for an arrondissement (« PARIS 12 »)
        String label = blank(rs.getString("city"));
        row[i++] = known != null && (label == null || known.code().equals(raw)) ? known.name() : label;
        row[i++] = raw;
        row[i++] = resolved;
        row[i++] = rs.getString("epci");
        row[i++] = departement;
        row[i++] = rs.getString("region");
        Optional<Positions.LatLon> position =
                diffusible ? projected(rs.getString("x"), rs.getString("y"), departement) : Optional.empty();
        String source = "sirene";
        Commune commune = communes.get(resolved);
        if (position.isPresent()
                && commune != null
                && commune.hasPoint()
                && tooFar(position.get(), commune, departement)) {
            position = Optional.empty(); // coordinates that contradict the commune: a geocoding error
        }
        if (position.isEmpty()) {
            position = commune != null && commune.hasPoint()
                    ? Optional.of(new Positions.LatLon(commune.latitude(), commune.longitude()))
                    : Optional.empty();
            source = position.isPresent() ? "commune" : null;
        }
        row[i++] = position.map(p -> round(p.latitude())).orElse(null);
        row[i++] = position.map(p -> round(p.longitude())).orElse(null);
        row[i] = source;
    }

    /**
     * The name shown: a legal person's denomination (else its usual name, its acronym); a natural
     * person's first and last names only when diffusible.
     */
    private static String name(ResultSet rs, boolean person, boolean diffusible, String siren) throws SQLException {
        if (person) {
            if (!diffusible) {
                return "Entrepreneur individuel (nom non diffusible)";
            }
            String first = Optional.ofNullable(blank(rs.getString("u_first_name")))
                    .orElse(blank(rs.getString("u_first_name1")));
            String last =
                    Optional.ofNullable(blank(rs.getString("u_used_name"))).orElse(blank(rs.getString("u_last_name")));
            String full = ((first == null ? "" : first + " ") + (last == null ? "" : last)).strip();
            return full.isEmpty() ? "Entrepreneur individuel " + siren : full;
        }
        for (String column : new String[] {"u_denomination", "u_usual_denomination", "u_acronym"}) {
            String value = blank(rs.getString(column));
            if (value != null) {
                return value;
            }
        }
        return "Unité légale " + siren;
    }

    /** Number, repetition index, street type and name, as SIRENE writes them ({@code 12 B RUE DES LILAS}). */
    private static String street(ResultSet rs) throws SQLException {
        StringBuilder out = new StringBuilder();
        for (String column : new String[] {"number", "repetition", "street_type", "street_name"}) {
            String part = blank(rs.getString(column));
            if (part != null) {
                out.append(out.isEmpty() ? "" : " ").append(part);
            }
        }
        return out.isEmpty() ? null : out.toString();
    }

    /** SIRENE's coordinates: Lambert-93 in metropolitan France, UTM in the overseas départements. */
    static Optional<Positions.LatLon> projected(String x, String y, String departement) {
        if (blank(x) == null || blank(y) == null) {
            return Optional.empty();
        }
        double east;
        double north;
        try {
            east = Double.parseDouble(x.strip());
            north = Double.parseDouble(y.strip());
        } catch (NumberFormatException ex) {
            return Optional.empty(); // "[ND]" and other masks
        }
        int epsg = switch (departement == null ? "" : departement) {
            case "971", "972" -> 5490;
            case "973" -> 2972;
            case "974" -> 2975;
            case "976" -> 4471;
            default -> 2154;
        };
        return Positions.toWgs84(east, north, epsg);
    }

    /** Farther from the commune's point than any place of a commune can be (Guyane's communes are vast). */
    private static boolean tooFar(Positions.LatLon p, Commune commune, String departement) {
        double limitKm = "973".equals(departement) ? 250 : 50;
        double dLat = Math.toRadians(p.latitude() - commune.latitude());
        double dLon = Math.toRadians(p.longitude() - commune.longitude())
                * Math.cos(Math.toRadians((p.latitude() + commune.latitude()) / 2));
        return 6371 * Math.sqrt(dLat * dLat + dLon * dLon) > limitKm;
    }

    /** Six decimals: about ten centimetres. */
    private static double round(double degrees) {
        return Math.round(degrees * 1e6) / 1e6;
    }

    private static boolean diffusible(String status) {
        String s = blank(status);
        return s == null || s.equals("O");
    }

    private static String flag(String value, String yes) {
        String v = blank(value);
        return v == null ? null : v.equalsIgnoreCase(yes) ? "t" : "f";
    }

    private static String date(String value) {
        String v = blank(value);
        return v != null && DATE.matcher(v).matches() ? v : null;
    }

    private static String blank(String value) {
        if (value == null) {
            return null;
        }
        String v = value.strip();
        return v.isEmpty() ? null : v;
    }
}
