package fr.essor.calls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The submitted dossiers of a programme as CSV, for its staff, streamed from the database a thousand at a
 * time. Stable columns: {@code reference, etat, depose_le, decide_le, montant_accorde_euros}, then one
 * per field of the current form outside repeatable blocks, by key (a multiple choice's options joined
 * by « | »), then for each repeatable block its number of rows ({@code block.lignes}) and the total of
 * each amount column ({@code block.champ.total}). A value that a spreadsheet would read as a formula is
 * prefixed with an apostrophe.
 */
@Service
public class DossierExport {

    private static final Logger SECURITY = LoggerFactory.getLogger("essor.security");

    private final javax.sql.DataSource dataSource;
    private final TransactionTemplate readOnly;
    private final Programmes programmes;
    private final Staff staff;
    private final JsonMapper json;

    DossierExport(
            javax.sql.DataSource dataSource,
            org.springframework.transaction.PlatformTransactionManager transactions,
            Programmes programmes,
            Staff staff,
            JsonMapper json) {
        this.dataSource = dataSource;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.programmes = programmes;
        this.staff = staff;
        this.json = json;
    }

    /** Whether this person may export this programme's dossiers (any role on its staff). */
    public boolean allowed(long programmeId, long staffId) {
        return !staff.rolesOf(staffId, programmeId).isEmpty();
    }

    /** Writes the CSV; the caller checked {@link #allowed}. */
    public void write(long programmeId, long staffId, Writer out) {
        Form form = programmes.currentForm(programmeId).form();
        List<FormField> fields =
                form.sections().stream().flatMap(s -> s.fields().stream()).toList();
        List<String> header =
                new ArrayList<>(List.of("reference", "etat", "depose_le", "decide_le", "montant_accorde_euros"));
        for (FormField f : fields) {
            if (f.type() == FieldType.REPEATABLE) {
                header.add(f.key() + ".lignes");
                f.fields().stream()
                        .filter(c -> c.type() == FieldType.AMOUNT)
                        .forEach(c -> header.add(f.key() + "." + c.key() + ".total"));
            } else {
                header.add(f.key());
            }
        }
        SECURITY.info("dossiers of programme {} exported by account {}", programmeId, staffId);
        try {
            line(out, header);
            // a cursor of its own: a thousand rows at a time, whatever the number of dossiers
            JdbcTemplate cursor = new JdbcTemplate(dataSource);
            cursor.setFetchSize(1000);
            readOnly.executeWithoutResult(status -> {
                cursor.query(
                        "select reference, state, submitted_at, decided_at, decision_cents, answers::text "
                                + "from calls.dossier where programme_id = ? and state <> 'DRAFT' order by submitted_at, id",
                        rs -> {
                            List<String> row = new ArrayList<>();
                            row.add(rs.getString(1));
                            row.add(rs.getString(2));
                            row.add(String.valueOf(rs.getTimestamp(3).toInstant()));
                            row.add(
                                    rs.getTimestamp(4) == null
                                            ? ""
                                            : String.valueOf(rs.getTimestamp(4).toInstant()));
                            long cents = rs.getLong(5);
                            row.add(
                                    rs.wasNull()
                                            ? ""
                                            : BigDecimal.valueOf(cents, 2).toPlainString());
                            Map<String, Object> answers =
                                    json.readValue(rs.getString(6), new TypeReference<Map<String, Object>>() {});
                            for (FormField f : fields) {
                                Object v = answers.get(f.key());
                                if (f.type() == FieldType.REPEATABLE) {
                                    List<?> rows = v instanceof List<?> l ? l : List.of();
                                    row.add(String.valueOf(rows.size()));
                                    for (FormField c : f.fields()) {
                                        if (c.type() == FieldType.AMOUNT) {
                                            BigDecimal total = BigDecimal.ZERO.setScale(2);
                                            for (Object r : rows) {
                                                if (r instanceof Map<?, ?> m && m.get(c.key()) instanceof String s) {
                                                    total = total.add(new BigDecimal(s));
                                                }
                                            }
                                            row.add(total.toPlainString());
                                        }
                                    }
                                } else if (v instanceof List<?> chosen) {
                                    row.add(String.join(
                                            " | ",
                                            chosen.stream().map(String::valueOf).toList()));
                                } else {
                                    row.add(v == null ? "" : String.valueOf(v));
                                }
                            }
                            try {
                                line(out, row);
                            } catch (IOException ex) {
                                throw new UncheckedIOException(ex);
                            }
                        },
                        programmeId);
            });
            out.flush();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static void line(Writer out, List<String> values) throws IOException {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(field(values.get(i)));
        }
        out.write("\r\n");
    }

    /** A CSV field: quoted when needed, and a leading formula character neutralised. */
    static String field(String value) {
        String v = value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0 && !v.matches("-?[0-9]+(\\.[0-9]+)?")) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r") || v.startsWith("'")) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
