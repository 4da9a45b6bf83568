package fr.essor.directory;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import javax.sql.DataSource;

import fr.essor.observatory.VintageExtracted;
import fr.essor.observatory.VintagePublished;

import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The directory's copy of each published vintage of the SIRENE stock files: once the observatory has
 * extracted a vintage's establishments, they are loaded into a table of their own, not yet read; when it
 * publishes the vintage, the table becomes the vintage's partition in the publishing transaction, so that
 * the directory switches to the vintage together with the figures, or not at all. A replaced vintage
 * stays ten minutes for the instances that still show it, then its partition goes.
 */
@Component
public class DirectoryVintages {

    private static final Logger log = LoggerFactory.getLogger(DirectoryVintages.class);
    private static final String TABLE = "directory.establishment";
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

    /**
     * Prepares the vintage's partition before its publication, out of the publishing transaction: a table
     * of its own, filled from the parts on as many connections at once, its indexes built two at a time.
     * Nothing reads it before {@link #on(VintagePublished)} attaches it.
     */
    @EventListener
    void on(VintageExtracted event) {
        long started = System.nanoTime();
        dropUnpublished(-1);
        String table = TABLE + "_" + event.vintageId();
        jdbc.sql("create table " + table + " (like " + TABLE + " including defaults including generated)")
                .update();
        jdbc.sql("alter table " + table + " alter column vintage_id set default " + event.vintageId())
                .update();
        List<Callable<Long>> copies = new ArrayList<>();
        for (Path part : event.parts()) {
            copies.add(() -> copy(table, part));
        }
        long loaded = inParallel(copies).stream().mapToLong(Long::longValue).sum();
        if (loaded != event.count()) {
            throw new IllegalStateException("Les établissements de l'annuaire n'ont pas tous été enregistrés : "
                    + loaded + " sur " + event.count() + ".");
        }
        long copied = System.nanoTime();
        // the parent's indexes built on the table: attaching it then takes them as they are; its check
        // of the vintage spares the attachment a scan
        List<String> statements = new ArrayList<>();
        statements.add("alter table " + table + " add primary key (vintage_id, siret)");
        jdbc.sql("select indexdef from pg_indexes where schemaname = 'directory' and tablename = 'establishment' "
                        + "and indexname <> 'establishment_pkey' order by indexdef like '%USING gin%' desc")
                .query(String.class)
                .list()
                .forEach(definition -> statements.add(definition.replaceFirst(
                        "^CREATE INDEX \\S+ ON ONLY directory\\.establishment ", "CREATE INDEX ON " + table + " ")));
        statements.add("alter table " + table + " add constraint establishment_" + event.vintageId()
                + "_vintage check (vintage_id is not null and vintage_id = " + event.vintageId() + ")");
        statements.add("analyze " + table);
        List<Callable<Long>> builds = new ArrayList<>();
        java.util.concurrent.ConcurrentLinkedQueue<String> queue =
                new java.util.concurrent.ConcurrentLinkedQueue<>(statements.subList(0, statements.size() - 2));
        for (int i = 0; i < event.parts().size(); i++) {
            builds.add(() -> execute(queue));
        }
        inParallel(builds);
        // then the check of the vintage and the statistics, which would wait for the builds' locks anyway
        inParallel(List.of(() -> execute(new java.util.concurrent.ConcurrentLinkedQueue<>(
                statements.subList(statements.size() - 2, statements.size())))));
        log.info(
                "Directory vintage {} prepared: {} establishments copied in {} ms, indexed in {} ms",
                event.month(),
                loaded,
                (copied - started) / 1_000_000,
                (System.nanoTime() - copied) / 1_000_000);
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
            jdbc.sql("drop table if exists " + TABLE + "_" + id).update();
            jdbc.sql("delete from directory.vintage where id = ?").param(id).update();
        }
        dropUnpublished(event.vintageId());
        jdbc.sql("alter table " + TABLE + " attach partition " + TABLE + "_" + event.vintageId() + " for values in ("
                        + event.vintageId() + ")")
                .update();
        jdbc.sql(
                        "insert into directory.vintage (id, month, demo, state, establishments) values (?, ?, ?, 'PUBLISHED', ?)")
                .params(event.vintageId(), event.month(), event.demo(), event.count())
                .update();
        published.invalidateAll();
        log.info(
                "Directory vintage {} published: {} establishments in {} ms",
                event.month(),
                event.count(),
                (System.nanoTime() - started) / 1_000_000);
    }

    /** The tables prepared for vintages that were never published (an import that failed after them). */
    private void dropUnpublished(long except) {
        jdbc.sql("select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace "
                        + "where n.nspname = 'directory' and c.relkind = 'r' and not c.relispartition "
                        + "and c.relname ~ '^establishment_[0-9]+$' and c.relname <> ?")
                .param("establishment_" + except)
                .query(String.class)
                .list()
                .forEach(name -> jdbc.sql("drop table directory." + name).update());
    }

    private long copy(String table, Path part) throws SQLException, IOException {
        try (Connection connection = dataSource.getConnection();
                Reader reader = Files.newBufferedReader(part, StandardCharsets.UTF_8)) {
            return connection
                    .unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn("copy " + table + " (" + COLUMNS + ") from stdin (format csv)", reader);
        }
    }

    /** Runs statements from the queue on a connection of its own until none is left. */
    private long execute(java.util.Queue<String> queue) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement s = connection.createStatement()) {
            // a GIN index is built in memory rather than in pieces
            s.execute("set maintenance_work_mem = '256MB'");
            try {
                for (String sql = queue.poll(); sql != null; sql = queue.poll()) {
                    s.execute(sql);
                }
            } finally {
                s.execute("reset maintenance_work_mem");
            }
        }
        return 0;
    }

    /** Runs tasks on threads of their own and waits for all; the first failure fails the whole. */
    private static <T> List<T> inParallel(List<Callable<T>> tasks) {
        ExecutorService pool = Executors.newFixedThreadPool(
                tasks.size(),
                Thread.ofPlatform().name("directory-load-", 0).daemon().factory());
        try {
            List<T> out = new ArrayList<>();
            for (Future<T> future : pool.invokeAll(tasks)) {
                out.add(future.get());
            }
            return out;
        } catch (ExecutionException ex) {
            throw new IllegalStateException(
                    "Les établissements de l'annuaire n'ont pas pu être enregistrés : "
                            + ex.getCause().getMessage(),
                    ex.getCause());
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Le chargement de l'annuaire a été interrompu.", ex);
        } finally {
            pool.shutdownNow();
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
