package fr.essor.calls.web;

import java.util.ArrayList;
import java.util.List;

import fr.essor.calls.FieldType;
import fr.essor.calls.Form;
import fr.essor.calls.FormField;
import fr.essor.calls.FormSection;

/**
 * The changes the form builder makes to a form being written: parts and fields added, moved, removed.
 * Every change returns a new form; the builder keeps the form being written in its page (as JSON), so that
 * nothing is saved before its manager saves it as a new version.
 */
final class FormBuilder {

    private FormBuilder() {}

    /** What the builder's « add a field » form posts. */
    record NewField(
            int section,
            String block,
            String key,
            String label,
            String type,
            boolean required,
            String options,
            String condition,
            String help,
            String minRows,
            String maxRows) {

        FormField field() {
            FieldType kind = FieldType.ofKey(type == null ? "" : type).orElse(null);
            List<String> choices = options == null
                    ? List.of()
                    : options.lines()
                            .map(String::strip)
                            .filter(o -> !o.isEmpty())
                            .toList();
            boolean repeatable = kind == FieldType.REPEATABLE;
            return new FormField(
                    key == null ? "" : key.strip(),
                    label == null ? "" : label.strip(),
                    kind,
                    required,
                    blankToNull(help),
                    kind != null && kind.hasOptions() ? choices : List.of(),
                    blankToNull(condition),
                    repeatable ? number(minRows, 0) : null,
                    repeatable ? number(maxRows, 20) : null,
                    List.of());
        }
    }

    static Form addSection(Form form, String title) {
        List<FormSection> sections = new ArrayList<>(form.sections());
        sections.add(new FormSection(title == null ? "" : title.strip(), List.of()));
        return new Form(sections, form.rules());
    }

    /** Adds a field at the end of a part, or of a repeatable block of that part when {@code block} names one. */
    static Form addField(Form form, NewField posted) {
        FormField field = posted.field();
        List<FormSection> sections = new ArrayList<>(form.sections());
        if (posted.section() < 0 || posted.section() >= sections.size()) {
            return form;
        }
        FormSection section = sections.get(posted.section());
        List<FormField> fields = new ArrayList<>(section.fields());
        String block = blankToNull(posted.block());
        if (block == null) {
            fields.add(field);
        } else {
            for (int i = 0; i < fields.size(); i++) {
                FormField f = fields.get(i);
                if (f.type() == FieldType.REPEATABLE && f.key().equals(block)) {
                    List<FormField> inner = new ArrayList<>(f.fields());
                    inner.add(field);
                    fields.set(i, withFields(f, inner));
                }
            }
        }
        sections.set(posted.section(), new FormSection(section.title(), fields));
        return new Form(sections, form.rules());
    }

    /**
     * Applies a move or a removal named {@code verb:section[:field[:inner]]}: {@code up}, {@code down},
     * {@code remove}, or {@code removeSection:s}. An action that names nothing changes nothing.
     */
    static Form apply(Form form, String action) {
        String[] parts = action == null ? new String[0] : action.split(":");
        try {
            if (parts.length == 2 && parts[0].equals("removeSection")) {
                List<FormSection> sections = new ArrayList<>(form.sections());
                sections.remove(Integer.parseInt(parts[1]));
                return new Form(sections, form.rules());
            }
            if (parts.length < 3) {
                return form;
            }
            int s = Integer.parseInt(parts[1]);
            int f = Integer.parseInt(parts[2]);
            List<FormSection> sections = new ArrayList<>(form.sections());
            FormSection section = sections.get(s);
            List<FormField> fields = new ArrayList<>(section.fields());
            if (parts.length == 4) {
                FormField block = fields.get(f);
                fields.set(f, withFields(block, change(block.fields(), Integer.parseInt(parts[3]), parts[0])));
            } else {
                fields = change(fields, f, parts[0]);
            }
            sections.set(s, new FormSection(section.title(), fields));
            return new Form(sections, form.rules());
        } catch (RuntimeException outOfRange) {
            return form;
        }
    }

    private static List<FormField> change(List<FormField> fields, int index, String verb) {
        List<FormField> out = new ArrayList<>(fields);
        switch (verb) {
            case "up" -> {
                if (index > 0) {
                    out.add(index - 1, out.remove(index));
                }
            }
            case "down" -> {
                if (index < out.size() - 1) {
                    out.add(index + 1, out.remove(index));
                }
            }
            case "remove" -> out.remove(index);
            default -> {
                // an unknown verb changes nothing
            }
        }
        return out;
    }

    private static FormField withFields(FormField f, List<FormField> fields) {
        return new FormField(
                f.key(),
                f.label(),
                f.type(),
                f.required(),
                f.help(),
                f.options(),
                f.condition(),
                f.minRows(),
                f.maxRows(),
                fields);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static Integer number(String s, int otherwise) {
        try {
            return s == null || s.isBlank() ? otherwise : Integer.valueOf(s.strip());
        } catch (NumberFormatException ex) {
            return -1; // reported by the form's check
        }
    }
}
