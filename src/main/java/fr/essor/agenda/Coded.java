package fr.essor.agenda;

import java.util.Arrays;
import java.util.Optional;

/** A value of a closed list with a stable lower-case code, used in URLs, the API and the database. */
public interface Coded {

    String code();

    /** The message key of its French (or English) label. */
    String labelKey();

    static <E extends Enum<E> & Coded> Optional<E> byCode(Class<E> type, String code) {
        return Arrays.stream(type.getEnumConstants())
                .filter(e -> e.code().equalsIgnoreCase(code))
                .findFirst();
    }
}
