package fr.essor.calls;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import fr.essor.shared.FieldError;

/**
 * A programme's form: its sections and fields. A dossier keeps the version it was started on.
 *
 * @param sections at least one, each with at least one field
 * @param rules the eligibility rules, over the answers and the registry's facts ({@link Eligibility})
 */
public record Form(List<FormSection> sections, List<Eligibility.Rule> rules) {

    private static final Pattern KEY = Pattern.compile("[a-z][a-zA-Z0-9]{0,39}");
    static final int MAX_FIELDS = 200;
    static final int MAX_OPTIONS = 50;
    static final int MAX_ROWS = 100;

    public Form {
        sections = sections == null ? List.of() : List.copyOf(sections);
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    /** A form without eligibility rules. */
    public Form(List<FormSection> sections) {
        this(sections, List.of());
    }

    /** Every field, those of repeatable blocks after their block. */
    public List<FormField> allFields() {
        List<FormField> out = new ArrayList<>();
        for (FormSection section : sections) {
            for (FormField field : section.fields()) {
                out.add(field);
                out.addAll(field.fields());
            }
        }
        return out;
    }

    /**
     * What is wrong with this form, every problem at once (empty when it can be used): keys well formed
     * and unique, labels given, options for choices, rows and fields for repeatable blocks (not nested),
     * conditions well written and naming only the form's fields outside repeatable blocks.
     */
    public List<FieldError> problems() {
        List<FieldError> errors = new ArrayList<>();
        if (sections.isEmpty()) {
            errors.add(new FieldError("sections", "calls.form.error.noSection"));
        }
        Set<String> keys = new HashSet<>();
        Set<String> topLevel = new HashSet<>();
        int count = 0;
        for (FormSection section : sections) {
            for (FormField field : section.fields()) {
                topLevel.add(field.key());
                count += 1 + field.fields().size();
            }
        }
        if (count > MAX_FIELDS) {
            errors.add(new FieldError("sections", "calls.form.error.tooManyFields"));
        }
        for (int s = 0; s < sections.size(); s++) {
            FormSection section = sections.get(s);
            String path = "sections[" + s + "]";
            if (blank(section.title())) {
                errors.add(new FieldError(path + ".title", "calls.form.error.title"));
            }
            if (section.fields().isEmpty()) {
                errors.add(new FieldError(path + ".fields", "calls.form.error.noField"));
            }
            for (int f = 0; f < section.fields().size(); f++) {
                check(section.fields().get(f), path + ".fields[" + f + "]", keys, topLevel, false, errors);
            }
        }
        Set<String> named = new HashSet<>(topLevel);
        named.addAll(Eligibility.FACTS);
        for (int r = 0; r < rules.size(); r++) {
            Eligibility.Rule rule = rules.get(r);
            String path = "rules[" + r + "]";
            if (rule.explanation() == null
                    || rule.explanation().isBlank()
                    || rule.explanation().length() > 300) {
                errors.add(new FieldError(path + ".explanation", "calls.form.error.ruleExplanation"));
            }
            if (rule.expression() == null) {
                errors.add(new FieldError(path + ".expression", "calls.form.error.condition"));
            } else {
                Condition.problem(rule.expression(), named, null)
                        .ifPresent(key -> errors.add(new FieldError(path + ".expression", key)));
            }
        }
        if (rules.size() > 50) {
            errors.add(new FieldError("rules", "calls.form.error.tooManyRules"));
        }
        return errors;
    }

    private static void check(
            FormField field,
            String path,
            Set<String> keys,
            Set<String> topLevel,
            boolean inBlock,
            List<FieldError> errors) {
        if (field.key() == null || !KEY.matcher(field.key()).matches()) {
            errors.add(new FieldError(path + ".key", "calls.form.error.key"));
        } else if (!keys.add(field.key())) {
            errors.add(new FieldError(path + ".key", "calls.form.error.duplicateKey"));
        }
        if (blank(field.label()) || field.label().length() > 300) {
            errors.add(new FieldError(path + ".label", "calls.form.error.label"));
        }
        if (field.type() == null) {
            errors.add(new FieldError(path + ".type", "calls.form.error.type"));
            return;
        }
        if (field.type().hasOptions()) {
            Set<String> distinct = new HashSet<>(field.options());
            if (field.options().size() < 2
                    || field.options().size() > MAX_OPTIONS
                    || distinct.size() != field.options().size()
                    || field.options().stream().anyMatch(Form::blank)) {
                errors.add(new FieldError(path + ".options", "calls.form.error.options"));
            }
        } else if (!field.options().isEmpty()) {
            errors.add(new FieldError(path + ".options", "calls.form.error.optionsNotAllowed"));
        }
        if (field.type() == FieldType.REPEATABLE) {
            if (inBlock) {
                errors.add(new FieldError(path + ".type", "calls.form.error.nestedBlock"));
            }
            int min = field.minRows() == null ? 0 : field.minRows();
            int max = field.maxRows() == null ? MAX_ROWS : field.maxRows();
            if (min < 0 || max < 1 || max > MAX_ROWS || min > max) {
                errors.add(new FieldError(path + ".rows", "calls.form.error.rows"));
            }
            if (field.fields().isEmpty()) {
                errors.add(new FieldError(path + ".fields", "calls.form.error.noField"));
            }
            for (int f = 0; f < field.fields().size(); f++) {
                check(field.fields().get(f), path + ".fields[" + f + "]", keys, topLevel, true, errors);
            }
        } else if (!field.fields().isEmpty() || field.minRows() != null || field.maxRows() != null) {
            errors.add(new FieldError(path + ".fields", "calls.form.error.rowsNotAllowed"));
        }
        if (field.condition() != null) {
            Condition.problem(field.condition(), topLevel, field.key())
                    .ifPresent(key -> errors.add(new FieldError(path + ".condition", key)));
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
