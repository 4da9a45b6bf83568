package fr.essor.calls;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The submitted dossiers of a programme for its staff, streamed from the database a thousand at a time,
 * whatever their number: as CSV, as XLSX and their joined documents as a ZIP.
 *
 * <p>Stable columns, in the CSV and the XLSX's first sheet « Dossiers »: {@code reference, etat,
 * depose_le, decide_le, montant_accorde_euros}, then one per field of the current form outside
 * repeatable blocks, by key (a multiple choice's options joined by « | »), then for each repeatable block
 * its number of rows ({@code block.lignes}) and the total of each amount column
 * ({@code block.champ.total}). In the CSV the instants are ISO instants in UTC and a value that a
 * spreadsheet would read as a formula is prefixed with an apostrophe; in the XLSX they are dates and
 * times in Paris, amounts and numbers are numbers, yes/no are booleans, and no cell is a formula. The
 * XLSX has one more sheet per repeatable block, named by its key: {@code reference, ligne}, then one
 * column per field of the block.
 */
@Service
public class DossierExport {

    private static final Logger SECURITY = LoggerFactory.getLogger("essor.security");
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final int FLUSH_EVERY = 1000;

    private final javax.sql.DataSource dataSource;
    private final TransactionTemplate readOnly;
    private final Programmes programmes;
    private final Staff staff;
    private final Documents documents;
    private final JsonMapper json;
    private final Routing routing;

    DossierExport(
            Routing routing,
            javax.sql.DataSource dataSource,
            org.springframework.transaction.PlatformTransactionManager transactions,
            Programmes programmes,
            Staff staff,
            Documents documents,
            JsonMapper json) {
        this.routing = routing;
        this.dataSource = dataSource;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.programmes = programmes;
        this.staff = staff;
        this.documents = documents;
        this.json = json;
    }

    /** Whether this person may export this programme's dossiers (any role on its staff). */
    public boolean allowed(long programmeId, long staffId) {
        return !staff.rolesOf(staffId, programmeId).isEmpty();
    }

    /** A submitted dossier as the exports read it. */
    private record Row(
            String reference,
            String state,
            Instant submittedAt,
            Instant decidedAt,
            Long cents,
            Map<String, Object> answers) {}

    /**
     * Reads the programme's submitted dossiers the person sees (an instructor of some groups, those of
     * their groups) in submission order, a thousand at a time.
     */
    private void each(long programmeId, long staffId, Consumer<Row> consumer) {
        JdbcTemplate cursor = new JdbcTemplate(dataSource);
        cursor.setFetchSize(FLUSH_EVERY);
        Long[] groups = routing.restriction(staffId, programmeId)
                .map(g -> g.toArray(Long[]::new))
                .orElse(new Long[0]);
        readOnly.executeWithoutResult(status -> cursor.query(
                "select reference, state, submitted_at, decided_at, decision_cents, answers::text "
                        + "from calls.dossier where programme_id = ? and state <> 'DRAFT' "
                        + "and (cardinality(?::bigint[]) = 0 or group_id = any(?::bigint[])) order by submitted_at, id",
                rs -> {
                    long cents = rs.getLong(5);
                    Long amount = rs.wasNull() ? null : cents;
                    consumer.accept(new Row(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getTimestamp(3).toInstant(),
                            rs.getTimestamp(4) == null
                                    ? null
                                    : rs.getTimestamp(4).toInstant(),
                            amount,
                            json.readValue(rs.getString(6), new TypeReference<Map<String, Object>>() {})));
                },
                programmeId,
                groups,
                groups));
    }

    private List<FormField> fields(long programmeId) {
        return programmes.currentForm(programmeId).form().sections().stream()
                .flatMap(s -> s.fields().stream())
                .toList();
    }

    private static List<String> header(List<FormField> fields) {
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
        return header;
    }

    /**
     * The values of a dossier's row, in the header's order: instants, amounts as {@link BigDecimal}, the
     * rest as the answers hold them (texts, lists of choices, booleans as text).
     */
    private static List<Object> values(Row r, List<FormField> fields) {
        List<Object> row = new ArrayList<>();
        row.add(r.reference());
        row.add(r.state());
        row.add(r.submittedAt());
        row.add(r.decidedAt());
        row.add(r.cents() == null ? null : BigDecimal.valueOf(r.cents(), 2));
        for (FormField f : fields) {
            Object v = r.answers().get(f.key());
            if (f.type() == FieldType.REPEATABLE) {
                List<?> rows = v instanceof List<?> l ? l : List.of();
                row.add(rows.size());
                for (FormField c : f.fields()) {
                    if (c.type() == FieldType.AMOUNT) {
                        BigDecimal total = BigDecimal.ZERO.setScale(2);
                        for (Object line : rows) {
                            if (line instanceof Map<?, ?> m && m.get(c.key()) instanceof String s) {
                                total = total.add(new BigDecimal(s));
                            }
                        }
                        row.add(total);
                    }
                }
            } else if (v instanceof List<?> chosen) {
                row.add(String.join(" | ", chosen.stream().map(String::valueOf).toList()));
            } else {
                row.add(typed(f.type(), v));
            }
        }
        return row;
    }

    /** An answer as a spreadsheet cell wants it: numbers, days and booleans typed, the rest as text. */
    private static Object typed(FieldType type, Object v) {
        if (!(v instanceof String s) || s.isEmpty()) {
            return v;
        }
        try {
            return switch (type) {
                case AMOUNT, NUMBER -> new BigDecimal(s);
                case DATE -> LocalDate.parse(s);
                case YES_NO -> Boolean.valueOf(s);
                default -> s;
            };
        } catch (RuntimeException malformed) {
            return s;
        }
    }

    /** Writes the CSV; the caller checked {@link #allowed}. */
    public void write(long programmeId, long staffId, Writer out) {
        List<FormField> fields = fields(programmeId);
        SECURITY.info("dossiers of programme {} exported as CSV by account {}", programmeId, staffId);
        try {
            line(out, header(fields));
            each(programmeId, staffId, r -> {
                List<String> text = new ArrayList<>();
                for (Object v : values(r, fields)) {
                    text.add(v == null ? "" : v instanceof BigDecimal b ? b.toPlainString() : String.valueOf(v));
                }
                try {
                    line(out, text);
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            });
            out.flush();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Writes the XLSX; the caller checked {@link #allowed}. The dossiers are read once per sheet, each
     * sheet written and flushed a thousand rows at a time, so that the memory it takes does not grow with
     * their number.
     */
    public void xlsx(long programmeId, long staffId, OutputStream out) {
        List<FormField> fields = fields(programmeId);
        SECURITY.info("dossiers of programme {} exported as XLSX by account {}", programmeId, staffId);
        try {
            Workbook book = new Workbook(out, "Essor", "1.0");
            Worksheet main = book.newWorksheet("Dossiers");
            headerRow(main, header(fields));
            int[] at = {1};
            each(programmeId, staffId, r -> {
                List<Object> row = values(r, fields);
                for (int c = 0; c < row.size(); c++) {
                    cell(main, at[0], c, row.get(c));
                }
                flushEvery(main, at[0]++);
            });
            main.finish();
            Set<String> names = new LinkedHashSet<>(List.of("dossiers"));
            for (FormField block : fields) {
                if (block.type() != FieldType.REPEATABLE) {
                    continue;
                }
                Worksheet sheet = book.newWorksheet(sheetName(block.key(), names));
                List<String> header = new ArrayList<>(List.of("reference", "ligne"));
                block.fields().forEach(c -> header.add(c.key()));
                headerRow(sheet, header);
                int[] line = {1};
                each(programmeId, staffId, r -> {
                    if (!(r.answers().get(block.key()) instanceof List<?> rows)) {
                        return;
                    }
                    int n = 0;
                    for (Object item : rows) {
                        n++;
                        Map<?, ?> m = item instanceof Map<?, ?> map ? map : Map.of();
                        cell(sheet, line[0], 0, r.reference());
                        cell(sheet, line[0], 1, n);
                        for (int c = 0; c < block.fields().size(); c++) {
                            FormField f = block.fields().get(c);
                            Object v = m.get(f.key());
                            cell(
                                    sheet,
                                    line[0],
                                    c + 2,
                                    v instanceof List<?> l
                                            ? String.join(
                                                    " | ",
                                                    l.stream()
                                                            .map(String::valueOf)
                                                            .toList())
                                            : typed(f.type(), v));
                        }
                        flushEvery(sheet, line[0]++);
                    }
                });
                sheet.finish();
            }
            book.finish();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static void flushEvery(Worksheet sheet, int row) {
        if (row % FLUSH_EVERY == 0) {
            try {
                sheet.flush();
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
    }

    private static void headerRow(Worksheet sheet, List<String> header) {
        for (int c = 0; c < header.size(); c++) {
            sheet.value(0, c, header.get(c));
            sheet.style(0, c).bold().set();
        }
    }

    private static void cell(Worksheet sheet, int row, int column, Object v) {
        switch (v) {
            case null -> {}
            case Instant i -> {
                sheet.value(row, column, LocalDateTime.ofInstant(i, PARIS));
                sheet.style(row, column).format("yyyy-mm-dd hh:mm").set();
            }
            case LocalDate d -> {
                sheet.value(row, column, d);
                sheet.style(row, column).format("yyyy-mm-dd").set();
            }
            case Number n -> sheet.value(row, column, n);
            case Boolean b -> sheet.value(row, column, b);
            // texts are written in their cell: a shared table of every distinct text would grow with the export
            default -> sheet.inlineString(row, column, String.valueOf(v));
        }
    }

    /** A sheet's name: at most 31 characters, none of those a workbook forbids, unique in the workbook. */
    static String sheetName(String key, Set<String> taken) {
        String base = key.replaceAll("[\\[\\]:*?/\\\\']", "_");
        base = base.length() > 28 ? base.substring(0, 28) : base;
        String name = base;
        for (int i = 2; !taken.add(name.toLowerCase(java.util.Locale.ROOT)); i++) {
            name = base + "_" + i;
        }
        return name;
    }

    /**
     * Writes the documents joined to the programme's submitted dossiers as a ZIP, one folder per dossier
     * named by its reference, each document named by its field's key and its file name; the caller checked
     * {@link #allowed}. One document is in memory at a time.
     *
     * @return how many documents were written
     */
    public int attachments(long programmeId, long staffId, OutputStream out) {
        List<FormField> fields = fields(programmeId);
        SECURITY.info("documents of programme {} exported as ZIP by account {}", programmeId, staffId);
        int[] count = {0};
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            each(programmeId, staffId, r -> {
                Set<String> written = new LinkedHashSet<>();
                for (FormField f : fields) {
                    Object v = r.answers().get(f.key());
                    if (f.type() == FieldType.FILE && v instanceof String id) {
                        entry(zip, r.reference(), f.key(), id, written, count);
                    } else if (f.type() == FieldType.REPEATABLE && v instanceof List<?> rows) {
                        int n = 0;
                        for (Object item : rows) {
                            n++;
                            if (!(item instanceof Map<?, ?> m)) {
                                continue;
                            }
                            for (FormField c : f.fields()) {
                                if (c.type() == FieldType.FILE && m.get(c.key()) instanceof String id) {
                                    entry(zip, r.reference(), f.key() + "-" + n + "-" + c.key(), id, written, count);
                                }
                            }
                        }
                    }
                }
            });
            zip.finish();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return count[0];
    }

    private void entry(
            ZipOutputStream zip, String reference, String prefix, String id, Set<String> written, int[] count) {
        long documentId;
        try {
            documentId = Long.parseLong(id);
        } catch (NumberFormatException ex) {
            return;
        }
        documents.contentOf(documentId).ifPresent(c -> {
            String name = reference + "/" + prefix + "-" + safe(c.filename());
            if (!written.add(name)) {
                return;
            }
            try {
                zip.putNextEntry(new ZipEntry(name));
                zip.write(c.bytes());
                zip.closeEntry();
                count[0]++;
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        });
    }

    /** A file name without folders nor characters that some systems refuse. */
    static String safe(String filename) {
        String name = filename == null ? "document" : filename.replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "_");
        name = name.replaceAll("^\\.+", "_");
        return name.isBlank() ? "document" : (name.length() > 120 ? name.substring(name.length() - 120) : name);
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
        return fr.essor.shared.Csv.field(value);
    }
}
