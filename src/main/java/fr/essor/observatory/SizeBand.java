package fr.essor.observatory;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * INSEE's salaried headcount bands ({@code trancheEffectifs…}) and the employees they are counted for.
 *
 * <p>The estimate of a band is its midpoint; its low and high bounds give the range. The open band
 * {@code 53} (10,000 or more) is counted at its lower bound, low and high alike. {@code NN} (no
 * employee), {@code 00} (none at year end) and a missing band ({@code NR}) count no employee.
 */
public enum SizeBand {
    NR("NR", 0, 0),
    NN("NN", 0, 0),
    B00("00", 0, 0),
    B01("01", 1, 2),
    B02("02", 3, 5),
    B03("03", 6, 9),
    B11("11", 10, 19),
    B12("12", 20, 49),
    B21("21", 50, 99),
    B22("22", 100, 199),
    B31("31", 200, 249),
    B32("32", 250, 499),
    B41("41", 500, 999),
    B42("42", 1000, 1999),
    B51("51", 2000, 4999),
    B52("52", 5000, 9999),
    B53("53", 10000, 10000);

    private final String code;
    private final int low;
    private final int high;

    SizeBand(String code, int low, int high) {
        this.code = code;
        this.low = low;
        this.high = high;
    }

    public String code() {
        return code;
    }

    public int low() {
        return low;
    }

    public int high() {
        return high;
    }

    public double estimate() {
        return (low + high) / 2.0;
    }

    /** A band of establishments with employees (at least one at the end of the year). */
    public boolean employer() {
        return high > 0;
    }

    public static Optional<SizeBand> ofCode(String code) {
        return Arrays.stream(values()).filter(b -> b.code.equals(code)).findFirst();
    }

    public static List<SizeBand> ordered() {
        return List.of(values());
    }
}
