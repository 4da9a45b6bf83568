package fr.essor.observatory;

import java.util.Arrays;
import java.util.Optional;

/** The territory levels the figures are computed for. */
public enum Level {
    FRANCE("france"),
    REGION("region"),
    DEPARTEMENT("departement"),
    EPCI("epci"),
    COMMUNE("commune");

    private final String key;

    Level(String key) {
        this.key = key;
    }

    /** As written in the API and the addresses. */
    public String key() {
        return key;
    }

    public static Optional<Level> ofKey(String key) {
        return Arrays.stream(values()).filter(l -> l.key.equals(key)).findFirst();
    }
}
