package fr.essor.calls.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import fr.essor.calls.FieldType;
import fr.essor.calls.Form;
import fr.essor.calls.FormField;
import fr.essor.calls.FormSection;
import fr.essor.shared.FieldError;

/**
 * A dossier's form as the page shows and posts it: inputs named {@code a.key}, {@code a.block[2].key}
 * (their ids the paths the errors name), read back into answers; each field with its value and errors.
 */
final class DossierForm {

    private static final String PREFIX = "a.";
    /** The file input of a file field, beside its choice among the vault's documents. */
    static final String UPLOAD = "upload.";

    private static final Pattern ROW = Pattern.compile("a\\.([a-zA-Z0-9]+)\\[(\\d{1,3})\\]\\.([a-zA-Z0-9]+)");
    /** Empty rows offered after the filled ones, for a page without JavaScript. */
    private static final int SPARE_ROWS = 2;

    /** A field on the page. */
    record FieldView(
            String id,
            String name,
            String label,
            String help,
            String type,
            boolean required,
            boolean conditional,
            String condition,
            String value,
            List<String> chosen,
            List<String> options,
            List<String> errors,
            List<RowView> rows,
            List<FormField> columns) {}

    /** A row of a repeatable block. */
    record RowView(int index, List<FieldView> fields) {}

    /** A section on the page. */
    record SectionView(String title, List<FieldView> fields) {}

    private DossierForm() {}

    /** The answers a posted form holds; inputs that are not answers are left out. */
    static Map<String, Object> answers(Form form, Map<String, String[]> params) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, TreeMap<Integer, Map<String, String>>> blocks = new LinkedHashMap<>();
        for (var e : params.entrySet()) {
            Matcher row = ROW.matcher(e.getKey());
            if (row.matches()) {
                blocks.computeIfAbsent(row.group(1), k -> new TreeMap<>())
                        .computeIfAbsent(Integer.parseInt(row.group(2)), k -> new LinkedHashMap<>())
                        .put(row.group(3), first(e.getValue()));
            }
        }
        for (FormSection section : form.sections()) {
            for (FormField field : section.fields()) {
                String[] values = params.get(PREFIX + field.key());
                if (field.type() == FieldType.REPEATABLE) {
                    var rows = blocks.get(field.key());
                    if (rows != null) {
                        out.put(field.key(), new ArrayList<>(rows.values()));
                    }
                } else if (field.type() == FieldType.MULTI_CHOICE) {
                    if (values != null) {
                        out.put(field.key(), List.of(values));
                    }
                } else if (values != null) {
                    out.put(field.key(), first(values));
                }
            }
        }
        return out;
    }

    private static String first(String[] values) {
        return values == null || values.length == 0 ? null : values[0];
    }

    /** The form's sections with the values to show (the answers kept, or those just posted) and the errors. */
    static List<SectionView> view(Form form, Map<String, ?> values, List<FieldError> errors) {
        List<SectionView> out = new ArrayList<>();
        for (FormSection section : form.sections()) {
            List<FieldView> fields = new ArrayList<>();
            for (FormField field : section.fields()) {
                fields.add(field(field, field.key(), values.get(field.key()), errors));
            }
            out.add(new SectionView(section.title(), fields));
        }
        return out;
    }

    private static FieldView field(FormField field, String path, Object value, List<FieldError> errors) {
        List<String> messages = errors.stream()
                .filter(e -> e.field().equals(path))
                .map(FieldError::messageKey)
                .toList();
        List<RowView> rows = List.of();
        if (field.type() == FieldType.REPEATABLE) {
            List<?> given = value instanceof List<?> l ? l : List.of();
            int max = field.maxRows() == null ? 100 : field.maxRows();
            int count =
                    Math.min(max, Math.max(given.size() + SPARE_ROWS, field.minRows() == null ? 1 : field.minRows()));
            rows = new ArrayList<>();
            for (int r = 0; r < count; r++) {
                Map<?, ?> row = r < given.size() && given.get(r) instanceof Map<?, ?> m ? m : Map.of();
                List<FieldView> cells = new ArrayList<>();
                for (FormField column : field.fields()) {
                    cells.add(field(column, path + "[" + r + "]." + column.key(), row.get(column.key()), errors));
                }
                rows.add(new RowView(r, cells));
            }
        }
        List<String> chosen = value instanceof List<?> l && field.type() == FieldType.MULTI_CHOICE
                ? l.stream().map(String::valueOf).toList()
                : List.of();
        String text = value == null || value instanceof List<?> || value instanceof Map<?, ?> ? "" : value.toString();
        return new FieldView(
                path,
                PREFIX + path,
                field.label(),
                field.help(),
                field.type().key(),
                field.required(),
                field.condition() != null,
                field.condition(),
                text,
                chosen,
                field.options(),
                messages,
                rows,
                field.fields());
    }
}
