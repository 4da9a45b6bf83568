package fr.essor.shared;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Dates written the French way: the first day of a month is « 1er » (« vendredi 1er novembre 2030 »), every
 * other day its number. Templates use it as {@code #frDates.format(date, pattern, #locale)} (see
 * {@link FrenchDatesDialect}) where they used Thymeleaf's {@code #temporals.format}, with the same patterns; Java
 * code that writes dates in French (letters, PDFs) uses {@link #ofPattern}.
 */
public class FrenchDates {

    private final Locale locale;

    /** Dates for a template whose language is {@code locale} (the language of {@link #format(Object, String)}). */
    public FrenchDates(Locale locale) {
        this.locale = locale;
    }

    private static final Map<Long, String> DAYS = days();

    private static final Map<String, DateTimeFormatter> FORMATTERS = new ConcurrentHashMap<>();

    private static Map<Long, String> days() {
        Map<Long, String> days = new HashMap<>();
        for (long d = 1; d <= 31; d++) {
            days.put(d, d == 1 ? "1er" : Long.toString(d));
        }
        return days;
    }

    /**
     * A French formatter of this {@link DateTimeFormatter} pattern, where a day of the month written {@code d}
     * (a single letter, outside quotes) gives « 1er » on the first.
     */
    public static DateTimeFormatter ofPattern(String pattern) {
        return FORMATTERS.computeIfAbsent(pattern, FrenchDates::build);
    }

    private static DateTimeFormatter build(String pattern) {
        DateTimeFormatterBuilder builder = new DateTimeFormatterBuilder();
        StringBuilder part = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            }
            boolean loneDay = !quoted
                    && c == 'd'
                    && (i == 0 || pattern.charAt(i - 1) != 'd')
                    && (i + 1 == pattern.length() || pattern.charAt(i + 1) != 'd');
            if (loneDay) {
                if (!part.isEmpty()) {
                    builder.appendPattern(part.toString());
                    part.setLength(0);
                }
                builder.appendText(ChronoField.DAY_OF_MONTH, DAYS);
            } else {
                part.append(c);
            }
        }
        if (!part.isEmpty()) {
            builder.appendPattern(part.toString());
        }
        return builder.toFormatter(Locale.FRANCE);
    }

    /** As {@link #format(Object, String, Locale)} in the template's language. */
    public String format(Object target, String pattern) {
        return format(target, pattern, locale);
    }

    /**
     * As Thymeleaf's {@code #temporals.format(target, pattern, locale)}, with « 1er » in French: an instant is
     * taken in the system's zone, as Thymeleaf does; another language is left to Thymeleaf.
     */
    public String format(Object target, String pattern, Locale locale) {
        if (target == null) {
            return null;
        }
        if (locale == null || !"fr".equals(locale.getLanguage())) {
            return new org.thymeleaf.expression.Temporals(locale == null ? Locale.FRANCE : locale)
                    .format((java.time.temporal.Temporal) target, pattern, locale);
        }
        TemporalAccessor temporal = target instanceof Instant instant
                ? ZonedDateTime.ofInstant(instant, ZoneId.systemDefault())
                : (TemporalAccessor) target;
        return ofPattern(pattern).format(temporal);
    }
}
