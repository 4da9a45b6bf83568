package fr.essor.registration;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of registrations.
 *
 * @param hold how long the seats of an unconfirmed registration are kept
 * @param retention how long after its event a registration's personal data is kept
 */
@ConfigurationProperties("essor.registration")
public record RegistrationProperties(
        @DefaultValue("30m") Duration hold,
        @DefaultValue("P183D") Duration retention) {}
