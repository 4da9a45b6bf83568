package fr.essor.observatory;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** The observatory's tables in PostgreSQL: vintages and their published aggregates. */
@Repository
class ObservatoryStore {

    static final String TOTAL_COLUMNS = "level, code, ess_establishments, ess_employers, "
            + "ess_employees_low, ess_employees_high, ess_employees_mid, all_establishments, all_employers, "
            + "all_employees_low, all_employees_high, all_employees_mid";

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final TransactionTemplate transactions;
    private final JsonMapper json;

    ObservatoryStore(JdbcClient jdbc, DataSource dataSource, TransactionTemplate transactions, JsonMapper json) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.json = json;
    }

    long begin(String month, boolean demo) {
        return jdbc.sql("insert into observatory.vintage (month, state, demo) values (?, 'IMPORTING', ?) returning id")
                .params(month, demo)
                .query(Long.class)
                .single();
    }

    /** Loads the aggregates the import wrote (CSV, without header, the vintage's id first) with COPY. */
    long copyFigures(Path csv) {
        try (Connection connection = dataSource.getConnection();
                Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            return connection
                    .unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn(
                            "copy observatory.figure (vintage_id, " + TOTAL_COLUMNS
                                    + ", breakdown) from stdin (format csv)",
                            reader);
        } catch (SQLException | IOException ex) {
            throw new ImportFailure(
                    "Les chiffres n'ont pas pu être enregistrés dans PostgreSQL : " + ex.getMessage(), ex);
        }
    }

    /**
     * Publishes a complete vintage: it replaces the vintage of the same month, in one transaction, in which
     * {@code alsoDo} runs with the ids of the vintages replaced (the listeners of the publication).
     */
    void publish(long vintageId, String month, ImportReport report, java.util.function.Consumer<List<Long>> alsoDo) {
        transactions.executeWithoutResult(status -> {
            List<Long> replaced = jdbc.sql("update observatory.vintage set state = 'REPLACED', finished_at = now() "
                            + "where month = ? and id <> ? and state = 'COMPLETE' returning id")
                    .params(month, vintageId)
                    .query(Long.class)
                    .list();
            // other instances may read a replaced vintage's figures until they see the new one (seconds)
            jdbc.sql(
                            "delete from observatory.vintage where state = 'REPLACED' and finished_at < now() - interval '10 minutes'")
                    .update();
            jdbc.sql(
                            "update observatory.vintage set state = 'COMPLETE', finished_at = now(), report = ?::jsonb where id = ?")
                    .params(json.writeValueAsString(report), vintageId)
                    .update();
            alsoDo.accept(replaced);
        });
    }

    /** A failed import: its rows go, the previous figures stay published. */
    void fail(long vintageId, ImportReport report) {
        transactions.executeWithoutResult(status -> {
            jdbc.sql("delete from observatory.figure where vintage_id = ?")
                    .param(vintageId)
                    .update();
            jdbc.sql(
                            "update observatory.vintage set state = 'FAILED', finished_at = now(), report = ?::jsonb where id = ?")
                    .params(json.writeValueAsString(report), vintageId)
                    .update();
        });
    }

    /** The published vintages, latest first; real data before demonstration data of the same month. */
    List<Vintage> vintages() {
        return jdbc.sql("select id, month, demo, finished_at from observatory.vintage where state = 'COMPLETE' "
                        + "order by demo, month desc")
                .query(ObservatoryStore::vintage)
                .list();
    }

    /** Every import, latest first, with its report (the admin page). */
    List<ImportRun> runs(int limit) {
        return jdbc.sql("select id, month, state, demo, started_at, finished_at, report from observatory.vintage "
                        + "order by id desc limit ?")
                .param(limit)
                .query((rs, n) -> new ImportRun(
                        rs.getLong("id"),
                        rs.getString("month"),
                        rs.getString("state"),
                        rs.getBoolean("demo"),
                        rs.getTimestamp("started_at").toInstant(),
                        Optional.ofNullable(rs.getTimestamp("finished_at"))
                                .map(Timestamp::toInstant)
                                .orElse(null),
                        rs.getString("report") == null
                                ? null
                                : json.readValue(rs.getString("report"), ImportReport.class)))
                .list();
    }

    /**
     * Imports left IMPORTING by a process that died (called under the import lock, so none is running):
     * failed, and whatever figures they had loaded deleted.
     */
    int abandonStale() {
        jdbc.sql("delete from observatory.figure where vintage_id in "
                        + "(select id from observatory.vintage where state = 'IMPORTING')")
                .update();
        return jdbc.sql(
                        "update observatory.vintage set state = 'FAILED', finished_at = now() where state = 'IMPORTING'")
                .update();
    }

    /** A territory's total and its breakdowns (family, section, band), or nothing when it has no row. */
    List<Figure> figures(long vintageId, String level, String code) {
        return jdbc.sql("select " + TOTAL_COLUMNS + ", breakdown from observatory.figure "
                        + "where vintage_id = ? and level = ? and code = ?")
                .params(vintageId, level, code)
                .query((rs, n) -> {
                    List<Figure> out = new java.util.ArrayList<>();
                    out.add(total(rs, n));
                    tools.jackson.databind.JsonNode breakdown = json.readTree(rs.getString("breakdown"));
                    for (var dimension : breakdown.properties()) {
                        for (var entry : dimension.getValue().properties()) {
                            tools.jackson.databind.JsonNode m = entry.getValue();
                            out.add(new Figure(
                                    level,
                                    code,
                                    dimension.getKey(),
                                    entry.getKey(),
                                    new Figure.Counts(
                                            m.get(0).asLong(),
                                            m.get(1).asLong(),
                                            m.get(2).asLong(),
                                            m.get(3).asLong(),
                                            m.get(4).asDouble()),
                                    new Figure.Counts(
                                            m.get(5).asLong(),
                                            m.get(6).asLong(),
                                            m.get(7).asLong(),
                                            m.get(8).asLong(),
                                            m.get(9).asDouble())));
                        }
                    }
                    return out;
                })
                .optional()
                .orElse(List.of());
    }

    /** The totals of every territory of a level (maps and rankings). */
    List<Figure> totals(long vintageId, String level) {
        return jdbc.sql("select " + TOTAL_COLUMNS + " from observatory.figure where vintage_id = ? and level = ?")
                .params(vintageId, level)
                .query(ObservatoryStore::total)
                .list();
    }

    /** The totals of the given territories of a level. */
    List<Figure> totals(long vintageId, String level, java.util.Collection<String> codes) {
        return jdbc.sql("select " + TOTAL_COLUMNS + " from observatory.figure "
                        + "where vintage_id = ? and level = ? and code = any(?)")
                .params(vintageId, level, codes.toArray(String[]::new))
                .query(ObservatoryStore::total)
                .list();
    }

    private static Vintage vintage(ResultSet rs, int row) throws SQLException {
        return new Vintage(
                rs.getLong("id"),
                rs.getString("month"),
                rs.getBoolean("demo"),
                rs.getTimestamp("finished_at").toInstant());
    }

    private static Figure total(ResultSet rs, int row) throws SQLException {
        return new Figure(
                rs.getString("level"),
                rs.getString("code"),
                "total",
                "",
                new Figure.Counts(
                        rs.getLong("ess_establishments"),
                        rs.getLong("ess_employers"),
                        rs.getLong("ess_employees_low"),
                        rs.getLong("ess_employees_high"),
                        rs.getDouble("ess_employees_mid")),
                new Figure.Counts(
                        rs.getLong("all_establishments"),
                        rs.getLong("all_employers"),
                        rs.getLong("all_employees_low"),
                        rs.getLong("all_employees_high"),
                        rs.getDouble("all_employees_mid")));
    }
}
