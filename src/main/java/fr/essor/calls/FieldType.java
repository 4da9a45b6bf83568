package fr.essor.calls;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of a form's fields, by the names the API and the form definitions use. */
public enum FieldType {
    TEXT("text"),
    LONG_TEXT("longText"),
    NUMBER("number"),
    /** An amount in euros, to the cent. */
    AMOUNT("amount"),
    DATE("date"),
    YES_NO("yesNo"),
    CHOICE("choice"),
    MULTI_CHOICE("multiChoice"),
    EMAIL("email"),
    PHONE("phone"),
    /** A SIRET, its check key verified. */
    SIRET("siret"),
    /** A commune of the territory module, by its INSEE code. */
    COMMUNE("commune"),
    IBAN("iban"),
    FILE("file"),
    /** A block of fields repeated row by row (budget lines, co-funders), between a minimum and a maximum. */
    REPEATABLE("repeatable");

    private final String key;

    FieldType(String key) {
        this.key = key;
    }

    @com.fasterxml.jackson.annotation.JsonValue
    public String key() {
        return key;
    }

    @com.fasterxml.jackson.annotation.JsonCreator
    public static FieldType fromKey(String key) {
        return ofKey(key).orElseThrow(() -> new IllegalArgumentException("unknown field type " + key));
    }

    public static Optional<FieldType> ofKey(String key) {
        return Arrays.stream(values()).filter(t -> t.key.equals(key)).findFirst();
    }

    /** Whether the field offers options to choose from. */
    public boolean hasOptions() {
        return this == CHOICE || this == MULTI_CHOICE;
    }
}
