package fr.essor.calls;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A field of a programme's form.
 *
 * @param key the answer's name, unique in the form ({@code budgetTotal}); conditions name fields by it
 * @param label what the applicant reads
 * @param type its kind
 * @param required whether the dossier cannot be submitted without it (when it is shown)
 * @param help a sentence under the label, or null
 * @param options the choices of a {@code choice} or {@code multiChoice} field; empty otherwise
 * @param condition when the field is shown (and required), an expression over other answers
 *     ({@code statut == 'association' and montant > 5000}), or null for always
 * @param minRows the fewest rows of a repeatable block (null otherwise)
 * @param maxRows the most rows of a repeatable block (null otherwise)
 * @param fields the fields of each row of a repeatable block; empty otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FormField(
        String key,
        String label,
        FieldType type,
        boolean required,
        String help,
        List<String> options,
        String condition,
        Integer minRows,
        Integer maxRows,
        List<FormField> fields) {

    public FormField {
        options = options == null ? List.of() : List.copyOf(options);
        fields = fields == null ? List.of() : List.copyOf(fields);
    }

    /** A field without options, condition nor rows. */
    public static FormField of(String key, String label, FieldType type, boolean required) {
        return new FormField(key, label, type, required, null, List.of(), null, null, null, List.of());
    }
}
