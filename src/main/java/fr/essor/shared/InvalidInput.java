package fr.essor.shared;

import java.util.List;

/** Thrown when what a person sent is refused; names every rejected field. Nothing is written then. */
public class InvalidInput extends RuntimeException {

    private final List<FieldError> errors;

    public InvalidInput(List<FieldError> errors) {
        super("Invalid input: " + errors);
        this.errors = List.copyOf(errors);
    }

    public InvalidInput(String field, String messageKey) {
        this(List.of(new FieldError(field, messageKey)));
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** The errors as a form shows them. */
    public FormErrors formErrors() {
        return new FormErrors(errors);
    }
}
