package fr.essor.directory;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.sql.DataSource;

import fr.essor.observatory.VintagePublished;

import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The directory's copy of each published vintage of the SIRENE stock files: when the observatory
 * publishes a vintage, its establishments are loaded into a partition of their own, in the publishing
 * transaction, so that the directory switches to the vintage together with the figures, or not at all.
 * A replaced vintage stays ten minutes for the instances that still show it, then its partition goes.
 */
@Component
public class DirectoryVintages {

    private static final Logger log = LoggerFactory.getLogger(DirectoryVintages.class);
    private static final String COLUMNS = "siret, siren, name, usual_name, sign, acronym, categorie_juridique, family, "
            + "naf, section, size_band, head_office, created_on, unit_created_on, rna, ess_flag, mission, diffusible, "
            + "street, complement, postcode, city, commune_code, commune, epci, departement, region, latitude, "
            + "longitude, position_source";

    /** One vintage of the directory. */
    public record Vintage(long id, String month, boolean demo, long establishments) {}

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final Cache<Boolean, List<Vintage>> published =
            Caffeine.newBuilder().expireAfterWrite(Duration.ofSeconds(5)).build();

    DirectoryVintages(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    /** Runs in the observatory's publishing transaction: a failure here fails the import. */
    @EventListener
    void on(VintagePublished event) {
        long started = System.nanoTime();
        jdbc.sql("update directory.vintage set state = 'REPLACED', replaced_at = now() "
                        + "where state = 'PUBLISHED' and (id = any(?) or month = ?)")
                .params(event.replaced().toArray(Long[]::new), event.month())
                .update();
        List<Long> expired = jdbc.sql("select id from directory.vintage "
                        + "where state = 'REPLACED' and replaced_at < now() - interval '10 minutes'")
                .query(Long.class)
                .list();
        for (long id : expired) {
            jdbc.sql("drop table if exists directory.establishment_" + id).update();
            jdbc.sql("delete from directory.vintage where id = ?").param(id).update();
        }
        // a table of its own first, filled, then made the vintage's partition: its indexes are built once
        // from its rows (the partition's indexes kept up row by row took most of the load's time), and
        // its check of the vintage spares the attachment a scan
        String partition = "directory.establishment_" + event.vintageId();
        jdbc.sql("create table " + partition + " (like directory.establishment including defaults including generated)")
                .update();
        jdbc.sql("alter table " + partition + " alter column vintage_id set default " + event.vintageId())
                .update();
        long loaded = copy(event);
        jdbc.sql("alter table " + partition + " add constraint establishment_" + event.vintageId()
                        + "_vintage check (vintage_id is not null and vintage_id = " + event.vintageId() + ")")
                .update();
        // the GIN index of the words is built in memory rather than in pieces (the transaction only)
        jdbc.sql("set local maintenance_work_mem = '256MB'").update();
        jdbc.sql("alter table directory.establishment attach partition " + partition + " for values in ("
                        + event.vintageId() + ")")
                .update();
        jdbc.sql(
                        "insert into directory.vintage (id, month, demo, state, establishments) values (?, ?, ?, 'PUBLISHED', ?)")
                .params(event.vintageId(), event.month(), event.demo(), loaded)
                .update();
        jdbc.sql("analyze directory.establishment_" + event.vintageId()).update();
        published.invalidateAll();
        log.info(
                "Directory vintage {} loaded: {} establishments in {} ms",
                event.month(),
                loaded,
                (System.nanoTime() - started) / 1_000_000);
    }

    private long copy(VintagePublished event) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try (Reader reader = Files.newBufferedReader(event.establishments(), StandardCharsets.UTF_8)) {
            return connection
                    .unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn(
                            "copy directory.establishment_" + event.vintageId() + " (" + COLUMNS
                                    + ") from stdin (format csv)",
                            reader);
        } catch (SQLException | IOException ex) {
            throw new IllegalStateException(
                    "Les établissements de l'annuaire n'ont pas pu être enregistrés : " + ex.getMessage(), ex);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** The published vintages, the one shown by default first (real data before demonstration data). */
    public List<Vintage> vintages() {
        return published.get(
                Boolean.TRUE,
                k -> jdbc.sql("select id, month, demo, establishments from directory.vintage "
                                + "where state = 'PUBLISHED' order by demo, month desc")
                        .query((rs, n) -> new Vintage(
                                rs.getLong("id"),
                                rs.getString("month"),
                                rs.getBoolean("demo"),
                                rs.getLong("establishments")))
                        .list());
    }

    /** The vintage shown by default. */
    public Optional<Vintage> latest() {
        return vintages().stream().findFirst();
    }

    /** A published vintage by its month. */
    public Optional<Vintage> ofMonth(String month) {
        return vintages().stream().filter(v -> v.month().equals(month)).findFirst();
    }

    static String months(List<Vintage> vintages) {
        return vintages.stream().map(Vintage::month).collect(Collectors.joining(", "));
    }
}
