package fr.essor.calls;

import java.util.Arrays;
import java.util.Optional;

/** What a programme is: an aid of the Region, an incubator's selection, a prize. */
public enum ProgrammeKind {
    AID("aid"),
    INCUBATOR("incubator"),
    PRIZE("prize");

    private final String key;

    ProgrammeKind(String key) {
        this.key = key;
    }

    /** The name the API and the URLs use. */
    public String key() {
        return key;
    }

    public static Optional<ProgrammeKind> ofKey(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }
}
