package fr.essor.agenda;

import java.time.Duration;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the agenda ({@code essor.agenda.*}).
 *
 * @param searchCacheTtl how long a search's result is reused; {@code 0s} turns the cache off
 * @param searchCacheEvents how many events, over all cached results, the cache may hold
 * @param serialisedEvents how many listed events' JSON the API keeps (written once per version of an event)
 * @param renderedCards how many events' cards the list page keeps (rendered once per version and date shown)
 */
@ConfigurationProperties("essor.agenda")
@Validated
public record AgendaProperties(
        @NotNull @DefaultValue("10s") Duration searchCacheTtl,
        @Positive @DefaultValue("50000") long searchCacheEvents,
        @Positive @DefaultValue("60000") long serialisedEvents,
        @Positive @DefaultValue("60000") long renderedCards) {}
