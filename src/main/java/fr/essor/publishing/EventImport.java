package fr.essor.publishing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

import fr.essor.agenda.AccessibilityFeature;
import fr.essor.agenda.Attendance;
import fr.essor.agenda.Audience;
import fr.essor.agenda.Coded;
import fr.essor.agenda.EventType;
import fr.essor.agenda.RegistrationMode;
import fr.essor.agenda.Theme;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;

/**
 * The spreadsheet of events a relay imports: its columns (read by header name, in any order), the
 * allowed values, the template to download, and the reading of a CSV (comma or semicolon, UTF-8) or
 * XLSX file into drafts, one per row, each with its line number. Reading never fails on a row: what
 * cannot be understood is reported with its line and column, and checked again by {@link DraftRules}.
 */
final class EventImport {

    static final int MAX_ROWS = 2000;

    /** A column of the template: its header, whether it is required, and an example. */
    record Column(String header, boolean required, String example, String help) {}

    static final List<Column> COLUMNS = List.of(
            new Column("titre", true, "Atelier : créer sa coopérative", "3 à 150 caractères"),
            new Column(
                    "resume", true, "Une matinée pour découvrir les coopératives d’activité.", "10 à 300 caractères"),
            new Column("description", false, "Avec café offert.", "Markdown, 10 000 caractères au plus"),
            new Column("type", true, "atelier", "une valeur de la liste « type »"),
            new Column(
                    "themes",
                    true,
                    "cooperation_entrepreneuriat",
                    "1 à 4 valeurs de la liste « themes », séparées par |"),
            new Column("publics", true, "grand_public", "valeurs de la liste « publics », séparées par |"),
            new Column("date", true, "2026-11-14", "AAAA-MM-JJ"),
            new Column("debut", true, "10:00", "HH:MM"),
            new Column("fin", true, "12:30", "HH:MM"),
            new Column("autres_dates", false, "2026-11-21 10:00-12:30", "AAAA-MM-JJ HH:MM-HH:MM, séparées par ;"),
            new Column("participation", true, "in_person", "une valeur de la liste « participation »"),
            new Column("lieu", false, "Maison des coopératives", "obligatoire sur place"),
            new Column("adresse", false, "2 rue de la Coopération", ""),
            new Column("commune", true, "Montpellier", "nom, code postal ou code INSEE"),
            new Column("lien_en_ligne", false, "", "obligatoire en ligne (https://…)"),
            new Column("gratuit", true, "oui", "oui ou non"),
            new Column("tarif", false, "", "obligatoire si non gratuit"),
            new Column("inscription", true, "none", "une valeur de la liste « inscription »"),
            new Column("lien_inscription", false, "", "obligatoire si inscription external"),
            new Column("accessibilite", false, "wheelchair", "valeurs de la liste « accessibilite », séparées par |"),
            new Column("co_organisateurs", false, "", "séparés par ,"),
            new Column("organisateur", true, "Coopérative des Arceaux", "nom affiché"),
            new Column("siret", false, "", "SIRET d’une structure enregistrée sur Essor, pour la lui rattacher"));

    /** The allowed values of each coded column. */
    static final Map<String, List<? extends Coded>> VALUES = new LinkedHashMap<>();

    static {
        VALUES.put("type", List.of(EventType.values()));
        VALUES.put("themes", List.of(Theme.values()));
        VALUES.put("publics", List.of(Audience.values()));
        VALUES.put("participation", List.of(Attendance.values()));
        VALUES.put("inscription", List.of(RegistrationMode.values()));
        VALUES.put("accessibilite", List.of(AccessibilityFeature.values()));
    }

    /** Which column of the spreadsheet a field of the form comes from, for the report. */
    static final Map<String, String> COLUMN_OF_FIELD = Map.ofEntries(
            Map.entry("title", "titre"),
            Map.entry("summary", "resume"),
            Map.entry("description", "description"),
            Map.entry("type", "type"),
            Map.entry("themes", "themes"),
            Map.entry("audiences", "publics"),
            Map.entry("dates", "date"),
            Map.entry("attendance", "participation"),
            Map.entry("venueName", "lieu"),
            Map.entry("venueAddress", "adresse"),
            Map.entry("commune", "commune"),
            Map.entry("onlineUrl", "lien_en_ligne"),
            Map.entry("price", "tarif"),
            Map.entry("registration", "inscription"),
            Map.entry("registrationUrl", "lien_inscription"),
            Map.entry("accessibility", "accessibilite"),
            Map.entry("coOrganizers", "co_organisateurs"),
            Map.entry("editionId", "date"),
            Map.entry("organizer", "organisateur"),
            Map.entry("siret", "siret"));

    /** A problem of the file, of a row or of a cell. {@code line} 1 is the header line. */
    record Problem(int line, String column, String messageKey, String value) {}

    /** One row read, as the form it gives, and what could not be understood in it. */
    record ReadRow(int line, EventDraft draft, String siret, List<Problem> problems) {}

    /** The whole file read: its rows, or the problems that prevent reading it at all. */
    record Sheet(List<ReadRow> rows, List<Problem> fileProblems) {}

    private EventImport() {}

    /** Reads a CSV or XLSX file (recognised by content) for an edition. */
    static Sheet read(byte[] content, long editionId) {
        if (content == null || content.length == 0) {
            return new Sheet(List.of(), List.of(new Problem(0, "", "import.error.empty", "")));
        }
        List<Map<String, String>> records;
        try {
            records = ReadableWorkbook.isOOXMLZipHeader(Arrays.copyOf(content, Math.min(content.length, 8)))
                    ? xlsx(content)
                    : csv(content);
        } catch (CharacterCodingException ex) {
            return new Sheet(List.of(), List.of(new Problem(0, "", "import.error.encoding", "")));
        } catch (IOException | RuntimeException ex) {
            return new Sheet(List.of(), List.of(new Problem(0, "", "import.error.unreadable", "")));
        }
        if (records.isEmpty()) {
            return new Sheet(List.of(), List.of(new Problem(1, "", "import.error.noHeader", "")));
        }
        List<Problem> fileProblems = new ArrayList<>();
        var headers = records.getFirst().keySet();
        for (Column c : COLUMNS) {
            if (c.required() && !headers.contains(c.header())) {
                fileProblems.add(new Problem(1, c.header(), "import.error.missingColumn", ""));
            }
        }
        for (String h : headers) {
            if (!h.startsWith("_") && COLUMNS.stream().noneMatch(c -> c.header().equals(h))) {
                fileProblems.add(new Problem(1, h, "import.error.unknownColumn", h));
            }
        }
        int rowCount = records.size() - 1;
        if (rowCount == 0) {
            fileProblems.add(new Problem(2, "", "import.error.noRows", ""));
        }
        if (rowCount > MAX_ROWS) {
            fileProblems.add(new Problem(0, "", "import.error.tooManyRows", String.valueOf(rowCount)));
        }
        if (!fileProblems.isEmpty()) {
            return new Sheet(List.of(), fileProblems);
        }
        List<ReadRow> rows = new ArrayList<>();
        for (int i = 1; i < records.size(); i++) {
            Map<String, String> r = records.get(i);
            if (r.values().stream().allMatch(String::isBlank)) {
                continue;
            }
            rows.add(row(Integer.parseInt(r.get("_line")), r, editionId));
        }
        return new Sheet(rows, List.of());
    }

    private static ReadRow row(int line, Map<String, String> r, long editionId) {
        List<Problem> problems = new ArrayList<>();
        Function<String, String> cell = h -> r.getOrDefault(h, "").strip();
        List<String> days = new ArrayList<>(List.of(cell.apply("date")));
        List<String> starts = new ArrayList<>(List.of(time(cell.apply("debut"))));
        List<String> ends = new ArrayList<>(List.of(time(cell.apply("fin"))));
        for (String other : cell.apply("autres_dates").split(";")) {
            String o = other.strip();
            if (o.isEmpty()) {
                continue;
            }
            var m = java.util.regex.Pattern.compile(
                            "(\\d{4}-\\d{2}-\\d{2})\\s+(\\d{1,2}:\\d{2})\\s*-\\s*(\\d{1,2}:\\d{2})")
                    .matcher(o);
            if (m.matches()) {
                days.add(m.group(1));
                starts.add(time(m.group(2)));
                ends.add(time(m.group(3)));
            } else {
                problems.add(new Problem(line, "autres_dates", "import.error.otherDates", o));
            }
        }
        String free = cell.apply("gratuit").toLowerCase(Locale.ROOT);
        if (!List.of("oui", "non", "").contains(free)) {
            problems.add(new Problem(line, "gratuit", "import.error.yesNo", free));
        }
        EventDraft draft = new EventDraft(
                String.valueOf(editionId),
                cell.apply("titre"),
                cell.apply("resume"),
                cell.apply("description"),
                one(line, "type", cell.apply("type"), problems),
                many(line, "themes", cell.apply("themes"), problems),
                many(line, "publics", cell.apply("publics"), problems),
                days,
                starts,
                ends,
                cell.apply("lieu"),
                cell.apply("adresse"),
                cell.apply("commune"),
                one(line, "participation", cell.apply("participation"), problems),
                cell.apply("lien_en_ligne"),
                String.valueOf(!"non".equals(free)),
                cell.apply("tarif"),
                one(
                        line,
                        "inscription",
                        cell.apply("inscription").isEmpty() ? "none" : cell.apply("inscription"),
                        problems),
                cell.apply("lien_inscription"),
                many(line, "accessibilite", cell.apply("accessibilite"), problems),
                cell.apply("co_organisateurs"),
                "",
                "",
                cell.apply("organisateur"));
        if (draft.organizer().isEmpty() || draft.organizer().length() > 200) {
            problems.add(new Problem(line, "organisateur", "import.error.organizer", draft.organizer()));
        }
        return new ReadRow(line, draft, cell.apply("siret"), problems);
    }

    /** The enum name of a code, or the code itself when unknown (then reported). */
    private static String one(int line, String column, String code, List<Problem> problems) {
        if (code.isEmpty()) {
            return "";
        }
        Optional<? extends Coded> value = VALUES.get(column).stream()
                .filter(v ->
                        v.code().equalsIgnoreCase(code) || ((Enum<?>) v).name().equalsIgnoreCase(code))
                .findFirst();
        if (value.isEmpty()) {
            problems.add(new Problem(line, column, "import.error.value", code));
            return "";
        }
        return ((Enum<?>) value.get()).name();
    }

    private static List<String> many(int line, String column, String codes, List<Problem> problems) {
        return Stream.of(codes.split("[|,;]"))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .map(c -> one(line, column, c, problems))
                .filter(s -> !s.isEmpty())
                .toList();
    }

    /** "9:30", "09:30" or "09:30:00" as HH:MM; anything else as typed (then refused by the rules). */
    private static String time(String text) {
        var m = java.util.regex.Pattern.compile("(\\d{1,2})[:hH](\\d{2})(?::\\d{2})?")
                .matcher(text);
        return m.matches() ? String.format("%02d:%s", Integer.parseInt(m.group(1)), m.group(2)) : text;
    }

    private static List<Map<String, String>> csv(byte[] content) throws IOException {
        String text = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(java.nio.ByteBuffer.wrap(content))
                .toString();
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String firstLine = text.lines().findFirst().orElse("");
        char delimiter = firstLine.chars().filter(c -> c == ';').count()
                        > firstLine.chars().filter(c -> c == ',').count()
                ? ';'
                : ',';
        Records records = new Records();
        try (Reader reader = new java.io.StringReader(text);
                CSVParser parser = CSVFormat.DEFAULT
                        .builder()
                        .setDelimiter(delimiter)
                        .get()
                        .parse(reader)) {
            for (CSVRecord rec : parser) {
                if (!records.add(rec.getRecordNumber(), i -> i < rec.size() ? rec.get(i) : "", rec.size())) {
                    break;
                }
            }
        }
        return records.list;
    }

    private static List<Map<String, String>> xlsx(byte[] content) throws IOException {
        Records records = new Records();
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(content));
                Stream<Row> rows = wb.getFirstSheet().openStream()) {
            for (Row row : (Iterable<Row>) rows::iterator) {
                if (!records.add(
                        row.getRowNum(),
                        i -> i < row.getCellCount() ? text(row.getCell(i), records.header(i)) : "",
                        row.getCellCount())) {
                    break;
                }
            }
        }
        return records.list;
    }

    /**
     * The records of a file as maps by header: the first line gives the headers (lower case), each
     * other line its values and its {@code _line}; one record past {@value #MAX_ROWS} rows is kept, to
     * tell the file is too long, then reading stops.
     */
    private static final class Records {

        final List<Map<String, String>> list = new ArrayList<>();
        private List<String> headers;

        /** The header of a column, or "" while the header line itself is read. */
        String header(int index) {
            return headers == null || index >= headers.size() ? "" : headers.get(index);
        }

        /** Adds a line; false once enough were read. */
        boolean add(long line, java.util.function.IntFunction<String> cell, int cells) {
            if (headers == null) {
                headers = new ArrayList<>();
                Map<String, String> h = new LinkedHashMap<>();
                for (int i = 0; i < cells; i++) {
                    String name = cell.apply(i).strip().toLowerCase(Locale.ROOT);
                    headers.add(name);
                    if (!name.isEmpty()) {
                        // a column without header (a trailing separator, a formatted empty cell) is ignored
                        h.put(name, name);
                    }
                }
                list.add(h);
                return true;
            }
            if (list.size() > MAX_ROWS + 1) {
                list.add(Map.of());
                return false;
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = 0; i < headers.size(); i++) {
                if (!headers.get(i).isEmpty()) {
                    values.put(headers.get(i), cell.apply(i));
                }
            }
            values.put("_line", String.valueOf(line));
            list.add(values);
            return true;
        }
    }

    /** A cell as text; dates and times typed as such in a spreadsheet come back in our formats. */
    private static String text(Cell cell, String header) {
        if (cell == null) {
            return "";
        }
        if (cell.getType() == CellType.NUMBER
                && ("date".equals(header) || "debut".equals(header) || "fin".equals(header))) {
            BigDecimal n = cell.asNumber();
            if ("date".equals(header)) {
                return cell.asDate().toLocalDate().toString();
            }
            long minutes = Math.round(n.remainder(BigDecimal.ONE).doubleValue() * 24 * 60);
            return LocalTime.MIDNIGHT.plusMinutes(minutes).format(DateTimeFormatter.ofPattern("HH:mm"));
        }
        return cell.getText() == null ? "" : cell.getText();
    }

    /** The template with its header, an example row, and a second sheet of allowed values. */
    static byte[] xlsxTemplate() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Workbook wb = new Workbook(out, "Essor", "1.0");
            Worksheet events = wb.newWorksheet("evenements");
            for (int i = 0; i < COLUMNS.size(); i++) {
                events.value(0, i, COLUMNS.get(i).header());
                events.style(0, i).bold().set();
                events.value(1, i, COLUMNS.get(i).example());
                events.width(i, 22);
            }
            Worksheet values = wb.newWorksheet("valeurs");
            int col = 0;
            for (var e : VALUES.entrySet()) {
                values.value(0, col, e.getKey());
                values.style(0, col).bold().set();
                int row = 1;
                for (Coded c : e.getValue()) {
                    values.value(row++, col, c.code());
                }
                values.width(col, 28);
                col++;
            }
            Worksheet help = wb.newWorksheet("aide");
            for (int i = 0; i < COLUMNS.size(); i++) {
                help.value(i, 0, COLUMNS.get(i).header());
                help.value(i, 1, COLUMNS.get(i).required() ? "obligatoire" : "facultative");
                help.value(i, 2, COLUMNS.get(i).help());
            }
            wb.finish();
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
        return out.toByteArray();
    }

    /** The same template as CSV (semicolons, as spreadsheet applications in French expect), with a BOM. */
    static byte[] csvTemplate() {
        StringBuilder sb = new StringBuilder("\uFEFF");
        try (var printer = CSVFormat.DEFAULT
                .builder()
                .setDelimiter(';')
                .setRecordSeparator("\r\n")
                .get()
                .print(sb)) {
            printer.printRecord(COLUMNS.stream().map(Column::header).toList());
            printer.printRecord(COLUMNS.stream().map(Column::example).toList());
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
