package fr.essor.observatory;

import java.util.Arrays;
import java.util.Optional;

/** The families of the ESS, as the figures break them down. */
public enum Family {
    ASSOCIATION("association"),
    COOPERATIVE("cooperative"),
    MUTUELLE("mutuelle"),
    FONDATION("fondation"),
    /** A legal unit of another legal category that carries the ESS flag (an ESS company, a SCOP as SAS…). */
    ESS_COMPANY("ess_company");

    private final String key;

    Family(String key) {
        this.key = key;
    }

    /** The key used in the API, the downloads and the configuration. */
    public String key() {
        return key;
    }

    /** The small number DuckDB stores per legal unit (0 means outside the ESS). */
    int number() {
        return ordinal() + 1;
    }

    public static Optional<Family> ofKey(String key) {
        return Arrays.stream(values()).filter(f -> f.key.equals(key)).findFirst();
    }
}
