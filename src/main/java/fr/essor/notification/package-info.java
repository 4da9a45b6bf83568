/**
 * Email notifications: mails are written to a transactional outbox with the change they tell about,
 * then delivered over SMTP with retries and back-off, so that none is lost when the mail server is
 * down. Without an SMTP server (the demonstration), mails are kept for a local page instead.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Notifications",
        allowedDependencies = {"shared"})
package fr.essor.notification;
