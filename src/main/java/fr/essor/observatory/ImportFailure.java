package fr.essor.observatory;

/** An import that cannot go on, with a message for the person who started it (in French). */
public class ImportFailure extends RuntimeException {

    public ImportFailure(String message) {
        super(message);
    }

    public ImportFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
