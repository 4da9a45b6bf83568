package fr.essor.shared;

import java.util.Set;
import java.util.function.IntConsumer;

/**
 * French spacing in HTML and in plain-text mails: a no-break space (U+00A0) where French puts a space that must
 * not end a line, before « : ; ! ? », inside guillemets, and between a number and « % » or « € ». The words stay
 * as they were written (messages, templates, what organisers typed): only an ordinary space already there
 * becomes a no-break one, so « Adresse : » never leaves its colon alone at the start of a line on a phone.
 * Applied to each page as it leaves ({@code web.FrenchSpacing}), to the PDFs' HTML and to the mails
 * ({@link FrenchTypographyDialect}).
 *
 * <p>In HTML, the tags with their attributes are skipped, and so is the content of {@code pre}, {@code code},
 * {@code script}, {@code style} and {@code textarea}, where a space is the author's and a form would send the
 * changed text back.
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
        // copied on the first change only: most texts (a page's pieces, the cards spaced when rendered) need none
        char[][] changed = {null};
        scan(text, markup, at -> {
            if (changed[0] == null) {
                changed[0] = text.toCharArray();
            }
            changed[0][at] = NO_BREAK;
        });
        return changed[0] == null ? text : new String(changed[0]);
    }

    /**
     * Spaces the HTML in {@code page} in place (each change is one character for one), its markup left as
     * written: a page kept whole as it is written, spaced without a copy.
     */
    public static void spaceInPlace(StringBuilder page) {
        scan(page, true, at -> page.setCharAt(at, NO_BREAK));
    }

    /**
     * Calls {@code change} with the index of each space to make unbreakable. A space changed cannot be the
     * character before another one to change (that character is the punctuation), so reading the text as it
     * is being changed in place gives the same changes.
     */
    private static void scan(CharSequence text, boolean markup, IntConsumer change) {
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
                change.accept(i);
            }
        }
    }

    /** A high punctuation mark that French spaces from the word before it. */
    private static boolean punctuation(char c) {
        return c == ':' || c == ';' || c == '!' || c == '?';
    }

    /**
     * The index of the last character of the tag that starts at {@code at}, or of the closing tag of an element
     * whose content stays as written; the text's end when the tag is not closed.
     */
    private static int endOfMarkup(CharSequence text, int at) {
        int end = indexOf(text, '>', at);
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
        for (int close = indexOf(text, '<', end); close >= 0; close = indexOf(text, '<', close + 1)) {
            if (close + 1 < text.length() && text.charAt(close + 1) == '/' && named(text, close + 2, name)) {
                int closeEnd = indexOf(text, '>', close);
                return closeEnd < 0 ? text.length() : closeEnd;
            }
        }
        return text.length();
    }

    /** The element of {@link #AS_WRITTEN} named by {@code text[from, to)}, whatever its case; null for another. */
    private static String asWritten(CharSequence text, int from, int to) {
        for (String name : AS_WRITTEN) {
            if (name.length() == to - from && named(text, from, name)) {
                return name;
            }
        }
        return null;
    }

    private static boolean named(CharSequence text, int from, String name) {
        if (from + name.length() > text.length()) {
            return false;
        }
        for (int k = 0; k < name.length(); k++) {
            if (Character.toLowerCase(text.charAt(from + k)) != name.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(CharSequence text, char wanted, int from) {
        for (int i = from; i < text.length(); i++) {
            if (text.charAt(i) == wanted) {
                return i;
            }
        }
        return -1;
    }
}
