package fr.essor.shared;

import java.util.Set;

/**
 * French spacing in the text of HTML and of plain-text mails: a no-break space (U+00A0) where French puts a space that must not
 * end a line, before « : ; ! ? », inside guillemets, and between a number and « % » or « € ». The words stay
 * as they were written (messages, templates, what organisers typed): only an ordinary space already there
 * becomes a no-break one, so « Adresse : » never leaves its colon alone at the start of a line on a phone.
 *
 * <p>Markup in the text (a fragment rendered apart and inserted whole) is skipped, tags with their
 * attributes, and so is the content of {@code pre}, {@code code}, {@code script}, {@code style} and
 * {@code textarea}, where a space is the author's and a form would send the changed text back.
 *
 * <p>The no-break space is the one every font has, the PDFs' standard ones included; the narrower one
 * (U+202F) is missing from them.
 */
public final class FrenchTypography {

    /** The elements whose content is left exactly as written. */
    static final Set<String> AS_WRITTEN = Set.of("pre", "code", "script", "style", "textarea");

    static final char NO_BREAK = '\u00a0';

    private FrenchTypography() {}

    /**
     * The HTML text with its French spaces made unbreakable, its markup left as written; the same instance when
     * there was none to change.
     */
    public static String spaced(String text) {
        return spaced(text, true);
    }

    /** The plain text (a mail) with its French spaces made unbreakable, a {@code <} being only a character. */
    public static String spacedPlain(String text) {
        return spaced(text, false);
    }

    private static String spaced(String text, boolean markup) {
        // copied on the first change only: most texts (and the cards already spaced when they were rendered,
        // inserted whole in the list) need none
        char[] changed = null;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char x = text.charAt(i);
            if (x == '<' && markup) {
                i = endOfMarkup(text, i);
                continue;
            }
            if (x != ' ') {
                continue;
            }
            // at the start of the text, the space follows an element (« <strong>Annulé</strong> : »)
            char before = i > 0 ? text.charAt(i - 1) : '>';
            char after = i + 1 < n ? text.charAt(i + 1) : '\n';
            if (before == '«'
                    || (!Character.isWhitespace(before) && (after == '»' || punctuation(after)))
                    || (before >= '0' && before <= '9' && (after == '%' || after == '€'))) {
                if (changed == null) {
                    changed = text.toCharArray();
                }
                changed[i] = NO_BREAK;
            }
        }
        return changed == null ? text : new String(changed);
    }

    /** A high punctuation mark that French spaces from the word before it. */
    private static boolean punctuation(char c) {
        return c == ':' || c == ';' || c == '!' || c == '?';
    }

    /**
     * The index of the last character of the tag that starts at {@code at}, or of the closing tag of an element
     * whose content stays as written; the text's end when the tag is not closed.
     */
    private static int endOfMarkup(String text, int at) {
        int end = text.indexOf('>', at);
        if (end < 0) {
            return text.length();
        }
        int nameEnd = at + 1;
        while (nameEnd < end && Character.isLetter(text.charAt(nameEnd))) {
            nameEnd++;
        }
        String name = asWritten(text, at + 1, nameEnd);
        if (name == null || text.charAt(end - 1) == '/') {
            return end;
        }
        for (int close = text.indexOf("</", end); close >= 0; close = text.indexOf("</", close + 2)) {
            if (text.regionMatches(true, close + 2, name, 0, name.length())) {
                int closeEnd = text.indexOf('>', close);
                return closeEnd < 0 ? text.length() : closeEnd;
            }
        }
        return text.length();
    }

    /** The element of {@link #AS_WRITTEN} named by {@code text[from, to)}, whatever its case; null for another. */
    private static String asWritten(String text, int from, int to) {
        for (String name : AS_WRITTEN) {
            if (name.length() == to - from && text.regionMatches(true, from, name, 0, name.length())) {
                return name;
            }
        }
        return null;
    }
}
