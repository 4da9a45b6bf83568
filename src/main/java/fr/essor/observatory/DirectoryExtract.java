package fr.essor.observatory;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

import fr.essor.territory.Commune;
import fr.essor.territory.Positions;

import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Writes the establishments of the directory from an import's DuckDB tables: every active establishment
 * of the ESS perimeter located in France, with its unit's facts, its address and its position (SIRENE's
 * projected coordinates converted to WGS 84, else its commune's point), INSEE's diffusion rule applied.
 *
 * <p>DuckDB makes the entries and writes the files; only the coordinates come through Java, as numbers,
 * to be converted by proj4j ({@link Positions}). Reading every fact of 1.4 million entries through JDBC
 * took a quarter of the national import's time.
 */
final class DirectoryExtract {

    private static final String NATURAL_PERSON = "1000";
    private static final String DATE = "'\\d{4}-\\d{2}-\\d{2}'";

    private DirectoryExtract() {}

    /**
     * Writes the entries into {@code parts} files (one in each in turn), so that they can be loaded on as
     * many connections at once; returns their number.
     */
    static long write(Connection connection, SireneImport.Geography geography, List<Path> parts)
            throws SQLException, IOException {
        try (Statement s = connection.createStatement()) {
            s.execute("create or replace macro nonblank(v) as nullif(trim(v), '')");
            s.execute("create table commune_info (code varchar, name varchar, lat double, lon double)");
        }
        try (DuckDBAppender info = ((DuckDBConnection) connection).createAppender("commune_info")) {
            for (Commune c : geography.communes()) {
                info.beginRow().append(c.code()).append(c.name());
                if (c.hasPoint()) {
                    info.append(c.latitude()).append(c.longitude());
                } else {
                    info.appendNull().appendNull();
                }
                info.endRow();
            }
        }
        StringBuilder fields = new StringBuilder();
        for (String fact : SireneImport.UNIT_FACTS.keySet()) {
            fields.append("nonblank(u.u_")
                    .append(fact)
                    .append(") as u_")
                    .append(fact)
                    .append(", ");
        }
        fields.append("nonblank(u.u_category) as u_category, nonblank(u.u_flag) as u_flag, ");
        // the establishment's facts, as SireneImport packed them: siren, NAF, then ESTABLISHMENT_FACTS
        fields.append("lpad(cast(try_cast(a.x[1] as integer) as varchar), 9, '0') as siren, nonblank(a.x[2]) as naf, ");
        int position = 3;
        for (String fact : SireneImport.ESTABLISHMENT_FACTS.keySet()) {
            fields.append("nonblank(a.x[")
                    .append(position++)
                    .append("]) as ")
                    .append(fact)
                    .append(", ");
        }
        String facts = "select a.k, " + fields + "f.key as family_key, a.section, a.band, g.commune as resolved, "
                + "g.epci, coalesce(g.dep, d.code) as dep, coalesce(g.region, d.region) as region, "
                + "a.commune as raw_commune "
                + "from (select rowid as k, *, string_split(entry, chr(31)) as x from est "
                + "where entry_key is not null) a "
                + "left join family f on f.number = a.family "
                + "left join unit_facts u on u.siren = try_cast(a.x[1] as integer) "
                + "left join geo g on g.code = a.commune "
                + "left join dep d on g.code is null and d.code = case when starts_with(a.commune, '97') "
                + "then substr(a.commune, 1, 3) else substr(a.commune, 1, 2) end "
                + "where a.active and a.valid and not a.public_admin and a.commune <> ''";
        String person = "coalesce(e.u_category = '" + NATURAL_PERSON + "', false)";
        String diffusible = "(coalesce(e.u_diffusion, 'O') = 'O' and coalesce(e.diffusion, 'O') = 'O')";
        // the name shown: a legal person's denomination (else its usual name, its acronym); a natural
        // person's first and last names only when diffusible
        String name = "case when " + person + " and not " + diffusible
                + " then 'Entrepreneur individuel (nom non diffusible)' when " + person
                + " then coalesce(nullif(trim(concat_ws(' ', coalesce(e.u_first_name, e.u_first_name1), "
                + "coalesce(e.u_used_name, e.u_last_name))), ''), 'Entrepreneur individuel ' || e.siren) "
                + "else coalesce(e.u_denomination, e.u_usual_denomination, e.u_acronym, 'Unité légale ' || e.siren) end";
        String hidden = person + " and not " + diffusible;
        String entries = "create table dir as select e.k, "
                + "coalesce(e.siret, e.siren || coalesce(e.nic, '')) as siret, e.siren, " + name + " as name, "
                + "case when " + hidden + " then null else e.usual_name end as usual_name, "
                + "case when " + hidden + " then null else e.sign end as sign, "
                + "e.u_acronym as acronym, e.u_category as categorie_juridique, e.family_key as family, "
                + "e.naf, e.section, e.band as size_band, "
                + "case when e.head_office is not null then lower(e.head_office) = 'true' end as head_office, "
                + date("e.created") + " as created_on, " + date("e.u_created") + " as unit_created_on, "
                + "e.u_rna as rna, "
                + "case when e.u_flag is not null then upper(e.u_flag) = 'O' end as ess_flag, "
                + "case when e.u_mission is not null then upper(e.u_mission) = 'O' end as mission, "
                + diffusible + " as diffusible, "
                + "case when " + diffusible + " then nullif(concat_ws(' ', e.number, e.repetition, e.street_type, "
                + "e.street_name), '') end as street, "
                + "case when " + diffusible + " then e.complement end as complement, "
                + "e.postcode, "
                // the official name of the commune (« Sète »), SIRENE's label for an arrondissement (« PARIS 12 »)
                + "case when c.name is not null and (e.city is null or c.code = e.raw_commune) then c.name "
                + "else e.city end as city, "
                + "e.raw_commune as commune_code, e.resolved as commune, e.epci, e.dep as departement, e.region, "
                + "case when " + diffusible + " then try_cast(e.x as double) end as x, "
                + "case when " + diffusible + " then try_cast(e.y as double) end as y, "
                + "case e.dep when '971' then 5490 when '972' then 5490 when '973' then 2972 when '974' then 2975 "
                + "when '976' then 4471 else 2154 end as epsg, "
                + "case when e.dep = '973' then 250 else 50 end as limit_km, "
                + "c.lat as commune_lat, c.lon as commune_lon "
                + "from (" + facts + ") e left join commune_info c on c.code = e.resolved";
        try (Statement s = connection.createStatement()) {
            s.execute(entries);
            s.execute("create table sirene_position (k bigint, lat double, lon double)");
        }
        positions(connection);
        String columns = "siret, siren, name, usual_name, sign, acronym, categorie_juridique, family, naf, section, "
                + "size_band, head_office, created_on, unit_created_on, rna, ess_flag, mission, diffusible, street, "
                + "complement, postcode, city, commune_code, commune, epci, departement, region, "
                + "coalesce(p.lat, round(d.commune_lat, 6)) as latitude, "
                + "coalesce(p.lon, round(d.commune_lon, 6)) as longitude, "
                + "case when p.k is not null then 'sirene' when d.commune_lat is not null then 'commune' end "
                + "as position_source";
        try (Statement s = connection.createStatement()) {
            for (int i = 0; i < parts.size(); i++) {
                s.execute(
                        "copy (select " + columns + " from dir d left join sirene_position p on p.k = d.k where d.k % "
                                + parts.size() + " = " + i + ") to '"
                                + SireneImport.literal(parts.get(i).toString())
                                + "' (format csv, header false)");
            }
        }
        return scalar(connection, "select count(*) from dir");
    }

    /**
     * SIRENE's coordinates of the diffusible entries converted to WGS 84, kept unless they contradict the
     * commune (a geocoding error): farther from its point than any place of a commune can be.
     */
    private static void positions(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("select k, x, y, epsg, commune_lat, commune_lon, limit_km from dir "
                        + "where x is not null and y is not null");
                DuckDBAppender out = ((DuckDBConnection) connection).createAppender("sirene_position")) {
            while (rs.next()) {
                Optional<Positions.LatLon> p = Positions.toWgs84(rs.getDouble(2), rs.getDouble(3), rs.getInt(4));
                if (p.isEmpty()) {
                    continue;
                }
                double communeLat = rs.getDouble(5);
                boolean communePoint = !rs.wasNull();
                double communeLon = rs.getDouble(6);
                if (communePoint && tooFar(p.get(), communeLat, communeLon, rs.getInt(7))) {
                    continue;
                }
                out.beginRow()
                        .append(rs.getLong(1))
                        .append(round(p.get().latitude()))
                        .append(round(p.get().longitude()))
                        .endRow();
            }
        }
    }

    private static String date(String column) {
        return "case when regexp_full_match(" + column + ", " + DATE + ") then try_cast(" + column + " as date) end";
    }

    private static long scalar(Connection connection, String sql) throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
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
    private static boolean tooFar(Positions.LatLon p, double latitude, double longitude, double limitKm) {
        double dLat = Math.toRadians(p.latitude() - latitude);
        double dLon =
                Math.toRadians(p.longitude() - longitude) * Math.cos(Math.toRadians((p.latitude() + latitude) / 2));
        return 6371 * Math.sqrt(dLat * dLat + dLon * dLon) > limitKm;
    }

    /** Six decimals: about ten centimetres. */
    private static double round(double degrees) {
        return Math.round(degrees * 1e6) / 1e6;
    }

    private static String blank(String value) {
        if (value == null) {
            return null;
        }
        String v = value.strip();
        return v.isEmpty() ? null : v;
    }
}
