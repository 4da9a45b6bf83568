package fr.essor.observatory.web;

import java.text.NumberFormat;
import java.util.Locale;

import org.springframework.stereotype.Component;

/** French number typography for the observatory's pages ({@code ${@observatoryFormat.number(n)}}). */
@Component("observatoryFormat")
public class ObservatoryFormat {

    /** 214 000, with a narrow no-break space between thousands. */
    public String number(long n) {
        return NumberFormat.getIntegerInstance(Locale.FRANCE).format(n);
    }

    /** A share as a percentage with one decimal: 12,3 %. */
    public String percent(double share) {
        NumberFormat f = NumberFormat.getNumberInstance(Locale.FRANCE);
        f.setMinimumFractionDigits(1);
        f.setMaximumFractionDigits(1);
        return f.format(share * 100) + "\u202f%";
    }

    /** A signed difference: +1 200, −35. */
    public String signed(long n) {
        return (n > 0 ? "+" : n < 0 ? "\u2212" : "") + number(Math.abs(n));
    }

    /** A signed difference of shares in percentage points: +0,4 point. */
    public String points(double share) {
        NumberFormat f = NumberFormat.getNumberInstance(Locale.FRANCE);
        f.setMinimumFractionDigits(1);
        f.setMaximumFractionDigits(1);
        double p = share * 100;
        String sign = p > 0.05 ? "+" : p < -0.05 ? "\u2212" : "";
        return sign + f.format(Math.abs(p)) + (Math.abs(p) >= 2 ? " points" : " point");
    }
}
