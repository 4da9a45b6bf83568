package fr.essor.notification;

/**
 * A plain-text mail to one recipient.
 *
 * @param to the recipient's address, already validated by the caller
 */
public record Mail(String to, String subject, String body) {

    public Mail {
        if (to == null || to.isBlank() || subject == null || subject.isBlank() || body == null) {
            throw new IllegalArgumentException("A mail needs a recipient, a subject and a body");
        }
    }
}
