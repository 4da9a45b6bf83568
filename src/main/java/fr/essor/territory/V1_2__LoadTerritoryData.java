package fr.essor.territory;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.zip.GZIPInputStream;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.postgresql.PGConnection;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Loads the shipped geography (see {@code territory/NOTICE.md}) with PostgreSQL's COPY. A new release
 * of the reference files comes with a new migration that reloads them.
 */
@Component
class V1_2__LoadTerritoryData extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        try (Statement st = connection.createStatement()) {
            st.execute("""
                    create temporary table commune_staging (
                        code text, name text, departement text, region text, epci text,
                        population integer, latitude double precision, longitude double precision,
                        postcodes text) on commit drop""");
        }
        copy(connection, "territory.region (code, name)", "territory/regions.csv", false);
        copy(connection, "territory.departement (code, region, name)", "territory/departements.csv", false);
        copy(connection, "territory.epci (code, name, nature)", "territory/epci.csv", false);
        copy(connection, "commune_staging", "territory/communes.csv.gz", true);
        try (Statement st = connection.createStatement()) {
            st.execute("""
                    insert into territory.commune
                        (code, name, departement, region, epci, population, latitude, longitude, postcodes)
                    select code, name, departement, region, epci, population, latitude, longitude,
                           coalesce(string_to_array(nullif(postcodes, ''), ' '), '{}')
                    from commune_staging""");
            st.execute("""
                    create temporary table arrondissement_staging (code text, commune text, name text, postcodes text)
                    on commit drop""");
        }
        copy(connection, "arrondissement_staging", "territory/arrondissements.csv", false);
        try (Statement st = connection.createStatement()) {
            st.execute("insert into territory.arrondissement (code, commune, name) "
                    + "select code, commune, name from arrondissement_staging");
        }
    }

    private static void copy(Connection connection, String target, String resource, boolean gzip)
            throws SQLException, IOException {
        PGConnection pg = connection.unwrap(PGConnection.class);
        try (InputStream raw = new ClassPathResource(resource).getInputStream();
                InputStream in = gzip ? new GZIPInputStream(raw) : raw;
                Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            pg.getCopyAPI()
                    .copyIn(
                            "copy " + target + " from stdin with (format text, delimiter ';', header true, null '')",
                            reader);
        }
    }
}
