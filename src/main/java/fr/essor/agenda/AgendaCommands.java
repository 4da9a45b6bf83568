package fr.essor.agenda;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import fr.essor.agenda.store.EventRepository;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What other modules may change in the agenda: publish an event, replace what it says, change its
 * status. Each change is told to the other modules by a past-tense event ({@link EventPublished},
 * {@link EventRevised}, {@link EventCancelled}, {@link EventPostponed}, {@link EventRescheduled})
 * published in the transaction that makes it, so that it is delivered if and only if the change
 * is committed.
 */
@Service
public class AgendaCommands {

    private final EventRepository events;
    private final ApplicationEventPublisher publisher;
    private final Clock clock;

    AgendaCommands(EventRepository events, ApplicationEventPublisher publisher, Clock clock) {
        this.events = events;
        this.publisher = publisher;
        this.clock = clock;
    }

    /**
     * Makes an event public.
     *
     * @param structureId the structure that publishes it, or {@code null}
     * @return the event's id
     */
    @Transactional
    public long publish(NewEvent event, Long structureId) {
        long id = events.insertEvent(event, clock.instant());
        if (structureId != null) {
            events.assignStructure(id, structureId);
        }
        publisher.publishEvent(new EventPublished(UUID.randomUUID(), id, event.title(), structureId));
        return id;
    }

    /** Replaces what a public event says (its status and structure stay). */
    @Transactional
    public void revise(long eventId, NewEvent event) {
        EventRepository.DateChanges dates = events.updateEvent(eventId, event, clock.instant());
        publisher.publishEvent(
                new EventRevised(UUID.randomUUID(), eventId, event.title(), dates.moved(), dates.removed()));
    }

    /**
     * Cancels, postpones or schedules again a public event, with the reason shown to the public
     * ({@code null} when scheduled again). Nothing is told when the status does not change.
     *
     * @return the event as it is now, or empty when there is no such event
     * @throws IllegalArgumentException for {@link EventStatus#FULL}, which the registrations decide
     */
    @Transactional
    public Optional<Event> changeStatus(long eventId, EventStatus status, String reason) {
        if (status == EventStatus.FULL) {
            throw new IllegalArgumentException("FULL is not an organizer's status");
        }
        Optional<Event> before = events.find(eventId);
        if (before.isEmpty()) {
            return before;
        }
        events.updateStatus(eventId, status, status == EventStatus.SCHEDULED ? null : reason, clock.instant());
        Event event = before.get();
        if (event.status() != status) {
            UUID change = UUID.randomUUID();
            publisher.publishEvent(
                    switch (status) {
                        case CANCELLED -> new EventCancelled(change, eventId, event.title(), reason);
                        case POSTPONED -> new EventPostponed(change, eventId, event.title(), reason);
                        default -> new EventRescheduled(change, eventId, event.title());
                    });
        }
        return events.find(eventId);
    }
}
