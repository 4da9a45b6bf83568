package fr.essor.calls;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import fr.essor.shared.FieldError;
import fr.essor.shared.InvalidInput;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Private annotations: typed fields a programme defines for its staff (a score, a visit's date, an
 * opinion of the committee…), filled in on each dossier by those who see it, never shown to its applicant.
 * Their values are checked as answers of their type are; a required annotation left empty blocks the
 * decision (acceptance, refusal or their proposal). Each change is written in the dossier's audit trail.
 * The callers check that the person sees the dossier ({@link Instruction#dossier}).
 */
@Service
public class Annotations {

    /** The kinds an annotation may take: no file nor repeatable block. */
    static final Set<FieldType> TYPES = Set.of(
            FieldType.TEXT,
            FieldType.LONG_TEXT,
            FieldType.NUMBER,
            FieldType.AMOUNT,
            FieldType.DATE,
            FieldType.YES_NO,
            FieldType.CHOICE,
            FieldType.MULTI_CHOICE);

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;
    private final Audit audit;
    private final AnswerCheck check;

    Annotations(JdbcClient jdbc, JsonMapper json, Clock clock, Audit audit) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.audit = audit;
        this.check = new AnswerCheck(code -> false, id -> false);
    }

    /**
     * Sets the annotations a programme's staff fill in.
     *
     * @throws InvalidInput for a field of another kind than {@link #TYPES}, or a malformed definition
     */
    @Transactional
    public void define(long programmeId, List<FormField> fields) {
        List<FieldError> errors = new ArrayList<>();
        if (!fields.isEmpty()) {
            errors.addAll(form(fields).problems());
        }
        for (int i = 0; i < fields.size(); i++) {
            if (!TYPES.contains(fields.get(i).type()) || fields.get(i).condition() != null) {
                errors.add(new FieldError("annotations[" + i + "]", "calls.annotations.error.type"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        jdbc.sql("update calls.programme set annotations = ?::jsonb where id = ?")
                .params(json.writeValueAsString(fields), programmeId)
                .update();
    }

    /** The annotations a programme defines, in their order. */
    public List<FormField> fields(long programmeId) {
        return jdbc.sql("select annotations::text from calls.programme where id = ?")
                .param(programmeId)
                .query(String.class)
                .optional()
                .map(text -> json.readValue(text, new TypeReference<List<FormField>>() {}))
                .orElse(List.of());
    }

    /** The annotations as one section of a form, to check and show them as answers. */
    public static Form form(List<FormField> fields) {
        return new Form(List.of(new FormSection("Annotations", fields)));
    }

    /** A dossier's annotations, by key, as stored. */
    public Map<String, Object> values(long dossierId) {
        Map<String, Object> out = new LinkedHashMap<>();
        jdbc.sql("select key, value::text from calls.annotation where dossier_id = ?")
                .param(dossierId)
                .query((rs, n) -> out.put(rs.getString(1), json.readValue(rs.getString(2), Object.class)))
                .list();
        return out;
    }

    /**
     * Saves the annotations posted for a dossier: the well-formed ones replace the stored values (an empty
     * one clears it), the others are reported and left as they were.
     *
     * @return the problems, empty when everything was saved
     */
    @Transactional
    public List<FieldError> save(Dossiers.Dossier d, long staffId, Map<String, ?> raw) {
        List<FormField> fields = fields(d.programmeId());
        AnswerCheck.Checked checked = check.check(form(fields), raw, false);
        Set<String> refused = new java.util.HashSet<>();
        checked.errors().forEach(e -> refused.add(e.field().replaceAll("[\\[.].*", "")));
        Map<String, Object> before = values(d.id());
        List<String> changed = new ArrayList<>();
        Instant now = clock.instant();
        for (FormField f : fields) {
            if (refused.contains(f.key())) {
                continue;
            }
            Object value = checked.answers().get(f.key());
            boolean empty = value == null
                    || (value instanceof String s && s.isEmpty())
                    || (value instanceof List<?> l && l.isEmpty());
            if (java.util.Objects.equals(empty ? null : value, before.get(f.key()))) {
                continue;
            }
            if (empty) {
                jdbc.sql("delete from calls.annotation where dossier_id = ? and key = ?")
                        .params(d.id(), f.key())
                        .update();
            } else {
                jdbc.sql(
                                "insert into calls.annotation (dossier_id, key, value, updated_by, updated_at) "
                                        + "values (?, ?, ?::jsonb, ?, ?) on conflict (dossier_id, key) do update set "
                                        + "value = excluded.value, updated_by = excluded.updated_by, updated_at = excluded.updated_at")
                        .params(d.id(), f.key(), json.writeValueAsString(value), staffId, Timestamp.from(now))
                        .update();
            }
            changed.add(f.key());
        }
        if (!changed.isEmpty()) {
            audit.append(d.id(), staffId, Audit.Kind.ANNOTATION, String.join(", ", changed), now);
        }
        return checked.errors();
    }

    /** The labels of the required annotations a dossier lacks. */
    public List<String> missing(Dossiers.Dossier d) {
        Map<String, Object> values = values(d.id());
        return fields(d.programmeId()).stream()
                .filter(FormField::required)
                .filter(f -> !values.containsKey(f.key()))
                .map(FormField::label)
                .toList();
    }
}
