package fr.essor.agenda;

import java.util.List;

/**
 * A rejected filter value: the parameter's name and a message key with its arguments.
 */
public record FilterError(String parameter, String messageKey, List<Object> arguments) {

    public FilterError(String parameter, String messageKey, Object... arguments) {
        this(parameter, messageKey, List.of(arguments));
    }
}
