package fr.essor.calls;

import java.util.List;

/** A titled group of a form's fields, shown as one step. */
public record FormSection(String title, List<FormField> fields) {

    public FormSection {
        fields = fields == null ? List.of() : List.copyOf(fields);
    }
}
