package fr.essor.calls.web;

import java.text.NumberFormat;
import java.time.Instant;
import java.util.Locale;

import org.springframework.stereotype.Component;

/** French typography of the calls' pages ({@code ${@callsFormat.euros(cents)}}). */
@Component("callsFormat")
public class CallsFormat {

    /** 50 000 €, with narrow no-break spaces; cents shown only when there are some. */
    public String euros(long cents) {
        NumberFormat f = NumberFormat.getNumberInstance(Locale.FRANCE);
        f.setMinimumFractionDigits(cents % 100 == 0 ? 0 : 2);
        f.setMaximumFractionDigits(2);
        return f.format(cents / 100.0) + "\u202f€";
    }

    /** « lundi 4 janvier 2027 à 12 h 00 », in Paris's time. */
    public String instant(Instant instant) {
        return fr.essor.calls.Acknowledgments.when(instant);
    }
}
