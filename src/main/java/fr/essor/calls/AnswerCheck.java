package fr.essor.calls;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import fr.essor.directory.Siret;
import fr.essor.shared.EmailAddresses;
import fr.essor.shared.FieldError;

import org.iban4j.IbanFormatException;
import org.iban4j.IbanUtil;
import org.iban4j.InvalidCheckDigitException;
import org.iban4j.UnsupportedCountryException;

/**
 * Checks a dossier's answers against its form, every problem at once: a draft is kept with what is well
 * formed; a submission also needs every required field that its condition shows, and the rows of its
 * repeatable blocks between their bounds. An answer to a field its condition hides is dropped.
 *
 * <p>Answers come as the form posts them: a text per field, a list of texts for a multiple choice, a
 * list of rows (texts by field) for a repeatable block. What is kept is normalised (amounts with two
 * decimals, dates as ISO days, IBANs and SIRETs without spaces).
 */
public final class AnswerCheck {

    static final int TEXT_MAX = 500;
    static final int LONG_TEXT_MAX = 10_000;
    private static final BigDecimal AMOUNT_MAX = new BigDecimal("100000000000");
    private static final BigDecimal NUMBER_MAX = new BigDecimal("1000000000000");
    private static final Pattern SPACES = Pattern.compile("[\\s\u00a0\u202f]");
    private static final Pattern PHONE_FR = Pattern.compile("(\\+33|0033|0)[1-9][0-9]{8}");
    private static final Pattern PHONE_INTERNATIONAL = Pattern.compile("\\+[1-9][0-9]{6,14}");
    private static final Pattern FILE = Pattern.compile("[1-9][0-9]{0,17}");
    private static final DateTimeFormatter FRENCH_DATE = DateTimeFormatter.ofPattern("dd/MM/uuuu", Locale.FRANCE);

    /**
     * What was checked.
     *
     * @param answers the answers kept, normalised
     * @param totals the sum of each amount column of each repeatable block, by {@code block.field}
     * @param errors every problem, by path ({@code budget[2].cout}) and message key
     */
    public record Checked(Map<String, Object> answers, Map<String, BigDecimal> totals, List<FieldError> errors) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    private final Predicate<String> communeExists;
    private final java.util.function.LongPredicate documentUsable;

    /**
     * @param communeExists whether an INSEE code is a current commune's
     * @param documentUsable whether a document of the vault may be joined by this applicant
     */
    public AnswerCheck(Predicate<String> communeExists, java.util.function.LongPredicate documentUsable) {
        this.communeExists = communeExists;
        this.documentUsable = documentUsable;
    }

    /** The same checks, joined documents taken from another vault. */
    public AnswerCheck withDocuments(java.util.function.LongPredicate usable) {
        return new AnswerCheck(communeExists, usable);
    }

    /**
     * The answers as conditions and eligibility rules compare them: numbers and amounts as numbers, yes or
     * no as booleans, the others as their text; malformed or missing ones left out (null).
     */
    public Map<String, Object> typed(Form form, Map<String, ?> raw) {
        Map<String, Object> typed = new HashMap<>();
        for (FormField field : topLevel(form)) {
            if (field.type() != FieldType.REPEATABLE && field.type() != FieldType.MULTI_CHOICE) {
                typedValue(field, raw.get(field.key())).ifPresent(v -> typed.put(field.key(), v));
            }
        }
        return typed;
    }

    public Checked check(Form form, Map<String, ?> raw, boolean submission) {
        Map<String, Object> typed = typed(form, raw);
        Map<String, Object> kept = new LinkedHashMap<>();
        Map<String, BigDecimal> totals = new LinkedHashMap<>();
        List<FieldError> errors = new ArrayList<>();
        for (FormField field : topLevel(form)) {
            if (!Condition.holds(field.condition(), typed)) {
                continue; // hidden: neither asked nor kept
            }
            Object value = raw.get(field.key());
            if (field.type() == FieldType.REPEATABLE) {
                block(field, value, submission, kept, totals, errors);
            } else {
                one(field, value, field.key(), submission, kept, errors);
            }
        }
        return new Checked(kept, totals, errors);
    }

    private static List<FormField> topLevel(Form form) {
        return form.sections().stream().flatMap(s -> s.fields().stream()).toList();
    }

    private void block(
            FormField block,
            Object value,
            boolean submission,
            Map<String, Object> kept,
            Map<String, BigDecimal> totals,
            List<FieldError> errors) {
        List<?> rows = value instanceof List<?> list ? list : List.of();
        int min = block.minRows() == null ? 0 : block.minRows();
        int max = block.maxRows() == null ? Form.MAX_ROWS : block.maxRows();
        if (rows.size() > max) {
            errors.add(new FieldError(block.key(), "calls.answer.tooManyRows"));
            rows = rows.subList(0, max);
        }
        List<Map<String, Object>> keptRows = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            Map<?, ?> row = rows.get(r) instanceof Map<?, ?> m ? m : Map.of();
            if (row.values().stream().allMatch(v -> v == null || v.toString().isBlank())) {
                continue; // an empty row the form offered
            }
            Map<String, Object> keptRow = new LinkedHashMap<>();
            for (FormField field : block.fields()) {
                one(
                        field,
                        row.get(field.key()),
                        block.key() + "[" + keptRows.size() + "]." + field.key(),
                        submission,
                        keptRow,
                        errors);
                if (field.type() == FieldType.AMOUNT && keptRow.get(field.key()) instanceof String amount) {
                    totals.merge(block.key() + "." + field.key(), new BigDecimal(amount), BigDecimal::add);
                }
            }
            keptRows.add(keptRow);
        }
        if (submission && keptRows.isEmpty() && block.required()) {
            errors.add(new FieldError(block.key(), min > 1 ? "calls.answer.tooFewRows" : "calls.answer.required"));
        } else if (submission && !keptRows.isEmpty() && keptRows.size() < min) {
            errors.add(new FieldError(block.key(), "calls.answer.tooFewRows"));
        }
        for (FormField field : block.fields()) {
            if (field.type() == FieldType.AMOUNT) {
                totals.putIfAbsent(block.key() + "." + field.key(), BigDecimal.ZERO.setScale(2));
            }
        }
        if (!keptRows.isEmpty()) {
            kept.put(block.key(), keptRows);
        }
    }

    private void one(
            FormField field,
            Object value,
            String path,
            boolean submission,
            Map<String, Object> kept,
            List<FieldError> errors) {
        if (field.type() == FieldType.MULTI_CHOICE) {
            List<String> chosen = value instanceof List<?> list
                    ? list.stream()
                            .filter(v -> v != null && !v.toString().isBlank())
                            .map(Object::toString)
                            .toList()
                    : value == null || value.toString().isBlank() ? List.of() : List.of(value.toString());
            if (chosen.isEmpty()) {
                if (submission && field.required()) {
                    errors.add(new FieldError(path, "calls.answer.required"));
                }
                return;
            }
            if (!field.options().containsAll(chosen) || new HashSet<>(chosen).size() != chosen.size()) {
                errors.add(new FieldError(path, "calls.answer.choice"));
                return;
            }
            kept.put(
                    field.key(),
                    field.options().stream().filter(chosen::contains).toList());
            return;
        }
        String text = value == null || value instanceof List<?> || value instanceof Map<?, ?> ? null : value.toString();
        if (text == null || text.isBlank()) {
            if (submission && field.required()) {
                errors.add(new FieldError(path, "calls.answer.required"));
            }
            return;
        }
        Optional<String> normalised = normalise(field, text.strip());
        if (normalised.isEmpty()) {
            errors.add(new FieldError(path, "calls.answer." + field.type().key()));
            return;
        }
        kept.put(field.key(), normalised.get());
    }

    /** The answer as stored, or empty when it is not a well-formed answer of the field's type. */
    Optional<String> normalise(FormField field, String text) {
        return switch (field.type()) {
            case TEXT -> text.length() <= TEXT_MAX && text.indexOf('\n') < 0 ? Optional.of(text) : Optional.empty();
            case LONG_TEXT ->
                text.length() <= LONG_TEXT_MAX ? Optional.of(text.replace("\r\n", "\n")) : Optional.empty();
            case NUMBER ->
                decimal(text)
                        .filter(n -> n.abs().compareTo(NUMBER_MAX) < 0 && n.scale() <= 6)
                        .map(BigDecimal::toPlainString);
            case AMOUNT ->
                decimal(text.replace("€", ""))
                        .filter(n -> n.signum() >= 0
                                && n.compareTo(AMOUNT_MAX) < 0
                                && n.stripTrailingZeros().scale() <= 2)
                        .map(n -> n.setScale(2).toPlainString());
            case DATE -> date(text).map(LocalDate::toString);
            case YES_NO ->
                switch (text.toLowerCase(Locale.ROOT)) {
                    case "true", "oui" -> Optional.of("true");
                    case "false", "non" -> Optional.of("false");
                    default -> Optional.empty();
                };
            case CHOICE -> field.options().contains(text) ? Optional.of(text) : Optional.empty();
            case EMAIL -> text.length() <= 254 && EmailAddresses.valid(text) ? Optional.of(text) : Optional.empty();
            case PHONE -> phone(text);
            case SIRET -> Siret.parse(text).map(Siret::value);
            case COMMUNE ->
                text.length() <= 5 && communeExists.test(text.toUpperCase(Locale.ROOT))
                        ? Optional.of(text.toUpperCase(Locale.ROOT))
                        : Optional.empty();
            case IBAN -> iban(text);
            case FILE ->
                FILE.matcher(text).matches() && documentUsable.test(Long.parseLong(text))
                        ? Optional.of(text)
                        : Optional.empty();
            case MULTI_CHOICE, REPEATABLE -> Optional.empty();
        };
    }

    /** The value a condition compares: a number, an amount, yes or no, else the text. */
    private Optional<Object> typedValue(FormField field, Object raw) {
        if (raw == null
                || raw instanceof List<?>
                || raw instanceof Map<?, ?>
                || raw.toString().isBlank()) {
            return Optional.empty();
        }
        Optional<String> normalised = normalise(field, raw.toString().strip());
        return normalised.map(v -> switch (field.type()) {
            case NUMBER, AMOUNT -> new BigDecimal(v);
            case YES_NO -> Boolean.valueOf(v);
            default -> v;
        });
    }

    /** « 1 200,50 », « 1200.5 »: spaces between thousands, a comma or a point before the decimals. */
    private static Optional<BigDecimal> decimal(String text) {
        String t = SPACES.matcher(text).replaceAll("");
        if (t.length() > 30 || !t.matches("[+-]?[0-9]+([.,][0-9]+)?")) {
            return Optional.empty();
        }
        return Optional.of(new BigDecimal(t.replace(',', '.')));
    }

    private static Optional<LocalDate> date(String text) {
        try {
            LocalDate d = text.contains("/")
                    ? LocalDate.parse(text, FRENCH_DATE.withResolverStyle(java.time.format.ResolverStyle.STRICT))
                    : LocalDate.parse(text);
            return d.getYear() >= 1900 && d.getYear() <= 2100 ? Optional.of(d) : Optional.empty();
        } catch (DateTimeParseException ex) {
            return Optional.empty();
        }
    }

    private static Optional<String> phone(String text) {
        String t = text.replaceAll("[\\s\u00a0\u202f.\\-()]", "");
        if (PHONE_FR.matcher(t).matches()) {
            return Optional.of(t.startsWith("0033") ? "+33" + t.substring(4) : t);
        }
        return PHONE_INTERNATIONAL.matcher(t).matches() ? Optional.of(t) : Optional.empty();
    }

    private static Optional<String> iban(String text) {
        String t = SPACES.matcher(text).replaceAll("").toUpperCase(Locale.ROOT);
        if (t.length() > 34) {
            return Optional.empty();
        }
        try {
            IbanUtil.validate(t);
            return Optional.of(t);
        } catch (IbanFormatException | InvalidCheckDigitException | UnsupportedCountryException ex) {
            return Optional.empty();
        }
    }
}
