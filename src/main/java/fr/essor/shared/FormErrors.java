package fr.essor.shared;

import java.util.List;

/**
 * The errors of a posted form, for its template: {@code errors.has('email')} and
 * {@code errors.of('email')} (message keys) beside each field, {@code errors.any()} for the summary.
 * Serializable: after a redirect they travel in the session, which is kept in the database.
 */
public record FormErrors(List<FieldError> all) implements java.io.Serializable {

    public static final FormErrors NONE = new FormErrors(List.of());

    public FormErrors {
        all = List.copyOf(all);
    }

    public boolean any() {
        return !all.isEmpty();
    }

    public boolean has(String field) {
        return all.stream().anyMatch(e -> e.field().equals(field));
    }

    public List<String> of(String field) {
        return all.stream()
                .filter(e -> e.field().equals(field))
                .map(FieldError::messageKey)
                .toList();
    }
}
