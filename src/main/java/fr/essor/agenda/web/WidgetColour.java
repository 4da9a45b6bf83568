package fr.essor.agenda.web;

import java.util.List;
import java.util.Locale;

import fr.essor.agenda.FilterError;

/**
 * The colour a partner site gives the widget's title and links, so the frame matches its pages. Those are text on
 * the widget's white background, so the colour must contrast with white by at least 4.5 to 1 (WCAG 2.1 AA for
 * text, criterion 3.3 of RGAA): a lighter one is refused with the contrast it has, rather than shown unreadable.
 *
 * @param hex six lower-case hexadecimal digits, without {@code #}
 */
public record WidgetColour(String hex) {

    /** Essor's own, the widget's colour when none is asked. */
    static final WidgetColour ESSOR = new WidgetColour("0a5c52");

    /** WCAG's least contrast ratio for text of ordinary size. */
    static final double LEAST_CONTRAST = 4.5;

    /**
     * The colour asked ({@code #0a5c52} as a colour field sends it, or {@code 0a5c52}), Essor's when none is;
     * null when it is malformed or too light, with the reason added to {@code errors}.
     */
    static WidgetColour of(String asked, List<FilterError> errors) {
        if (asked == null || asked.isBlank()) {
            return ESSOR;
        }
        String hex = asked.strip();
        hex = hex.startsWith("#") ? hex.substring(1) : hex;
        if (!hex.matches("[0-9a-fA-F]{6}")) {
            errors.add(new FilterError("couleur", "filter.error.colour.malformed", asked.strip()));
            return null;
        }
        WidgetColour colour = new WidgetColour(hex.toLowerCase(Locale.ROOT));
        double contrast = colour.contrastOnWhite();
        if (contrast < LEAST_CONTRAST) {
            // to the hundredth, as contrast checkers show it, rounded down so a colour just under never reads « 4,50 »
            errors.add(new FilterError(
                    "couleur", "filter.error.colour.contrast", colour.hex, Math.floor(contrast * 100) / 100));
            return null;
        }
        return colour;
    }

    /** The contrast ratio of this colour against white, from 1 (white) to 21 (black), as WCAG 2.1 defines it. */
    double contrastOnWhite() {
        double luminance = 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
        return 1.05 / (luminance + 0.05);
    }

    /** One channel of the colour, linearised from sRGB. */
    private double channel(int at) {
        double c = Integer.parseInt(hex.substring(at, at + 2), 16) / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    /** Whether this is Essor's own colour, which needs no stylesheet of its own. */
    public boolean isEssors() {
        return equals(ESSOR);
    }

    /** The stylesheet that gives the widget this colour (the pages' policy allows no inline style). */
    String css() {
        return ":root { --brand: #" + hex + "; }\n";
    }
}
