package fr.essor.notification;

import java.time.Duration;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the notifications ({@code essor.notification.*}); the SMTP server itself is Spring's
 * {@code spring.mail.*}.
 *
 * @param from the sender's address
 * @param smtp whether to deliver over SMTP ({@code true} when {@code spring.mail.host} is set); otherwise
 *     mails are kept for the local mailbox page of the demonstration
 * @param firstRetry the wait after a first failure, doubled at each further failure up to {@code maxRetry}
 * @param maxAttempts attempts before a mail is given up (status FAILED)
 * @param retention how long the trace of a delivered or abandoned mail (recipient, kind, dates) is kept
 */
@ConfigurationProperties("essor.notification")
@Validated
public record NotificationProperties(
        @NotBlank @Email @DefaultValue("ne-pas-repondre@essor.localhost")
        String from,

        @DefaultValue("false") boolean smtp,
        @NotNull @DefaultValue("1m") Duration firstRetry,
        @NotNull @DefaultValue("6h") Duration maxRetry,
        @Positive @DefaultValue("12") int maxAttempts,
        @Positive @DefaultValue("50") int batchSize,
        @NotNull @DefaultValue("183d") Duration retention) {}
