package fr.essor;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.modulith.events.CompletedEventPublications;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The care of the event publication registry, through which modules tell each other what happened:
 * a publication whose listener failed (the database or a mail server briefly down) is delivered
 * again after {@code essor.events.retry-after}; completed ones are deleted after
 * {@code essor.events.keep-completed}. Publications left incomplete by a crash are delivered again
 * at start ({@code spring.modulith.events.republish-outstanding-events-on-restart}). Listeners are
 * idempotent, so that several instances doing this at once deliver nothing twice in effect.
 */
@Component
class EventRegistryUpkeep {

    private static final Logger LOG = LoggerFactory.getLogger(EventRegistryUpkeep.class);

    private final IncompleteEventPublications incomplete;
    private final CompletedEventPublications completed;
    private final Duration retryAfter;
    private final Duration keepCompleted;

    EventRegistryUpkeep(
            IncompleteEventPublications incomplete,
            CompletedEventPublications completed,
            @Value("${essor.events.retry-after:PT5M}") Duration retryAfter,
            @Value("${essor.events.keep-completed:P7D}") Duration keepCompleted) {
        this.incomplete = incomplete;
        this.completed = completed;
        this.retryAfter = retryAfter;
        this.keepCompleted = keepCompleted;
    }

    @Scheduled(fixedDelayString = "${essor.events.retry-poll:PT1M}", initialDelayString = "PT1M")
    void retryIncomplete() {
        incomplete.resubmitIncompletePublicationsOlderThan(retryAfter);
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    void forgetCompleted() {
        completed.deletePublicationsOlderThan(keepCompleted);
        LOG.debug("completed event publications older than {} deleted", keepCompleted);
    }
}
