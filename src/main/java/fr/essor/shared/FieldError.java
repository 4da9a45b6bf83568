package fr.essor.shared;

/**
 * A rejected field of a form, an import row or a request.
 *
 * @param field the field's name as the form posts it
 * @param messageKey the key, in {@code messages.properties}, of the reason shown next to the field
 */
public record FieldError(String field, String messageKey) implements java.io.Serializable {}
