package fr.essor.agenda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import fr.essor.agenda.store.EventRepository;

import org.junit.jupiter.api.Test;

/**
 * The search cache keeps a search from its second asking and answers it from memory after that, and only when it
 * is turned on.
 */
class AgendaSearchCacheTests {

    private final EventRepository repository = mock(EventRepository.class);
    private final EventQuery query = EventQuery.all().withPage(1, 20);
    private final EventQuery other = EventQuery.all().withPage(2, 20);

    @Test
    void repeatedSearchesAreServedFromTheCache() {
        when(repository.search(query)).thenReturn(new EventPage(List.of(), 1, 20, 0));
        when(repository.search(other)).thenReturn(new EventPage(List.of(), 2, 20, 0));
        Agenda agenda = new Agenda(
                repository,
                mock(fr.essor.agenda.store.EventIndex.class),
                Clock.systemUTC(),
                new AgendaProperties(Duration.ofMinutes(1), 1000, 1000, 1000));
        agenda.search(query);
        // asked once: found again
        EventPage second = agenda.search(EventQuery.all().withPage(1, 20));
        verify(repository, times(2)).search(query);
        // asked twice: kept
        assertThat(agenda.search(EventQuery.all().withPage(1, 20))).isSameAs(second);
        assertThat(agenda.search(query)).isSameAs(second);
        agenda.search(other);
        verify(repository, times(2)).search(query);
        verify(repository, times(1)).search(other);
    }

    @Test
    void theUpcomingEventsAreOneSearchWithinAMinute() {
        when(repository.search(org.mockito.ArgumentMatchers.any()))
                .thenAnswer(call -> new EventPage(List.of(), 1, 6, 0));
        java.util.concurrent.atomic.AtomicReference<java.time.Instant> now =
                new java.util.concurrent.atomic.AtomicReference<>(java.time.Instant.parse("2026-11-30T17:00:05Z"));
        Clock clock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public java.time.Instant instant() {
                return now.get();
            }
        };
        Agenda agenda = new Agenda(
                repository,
                mock(fr.essor.agenda.store.EventIndex.class),
                clock,
                new AgendaProperties(Duration.ofMinutes(1), 1000, 1000, 1000));
        agenda.upcoming(6);
        now.set(java.time.Instant.parse("2026-11-30T17:00:30Z"));
        agenda.upcoming(6);
        now.set(java.time.Instant.parse("2026-11-30T17:00:59Z"));
        agenda.upcoming(6);
        // asked twice within the minute: kept
        verify(repository, times(2)).search(org.mockito.ArgumentMatchers.any());
        now.set(java.time.Instant.parse("2026-11-30T17:01:00Z"));
        agenda.upcoming(6);
        verify(repository, times(3)).search(org.mockito.ArgumentMatchers.any());
        assertThat(agenda.notEndedSince()).isEqualTo(java.time.Instant.parse("2026-11-30T17:01:00Z"));
    }

    @Test
    void aZeroTimeToLiveTurnsTheCacheOff() {
        when(repository.search(query)).thenReturn(new EventPage(List.of(), 1, 20, 0));
        Agenda agenda = new Agenda(
                repository,
                mock(fr.essor.agenda.store.EventIndex.class),
                Clock.systemUTC(),
                new AgendaProperties(Duration.ZERO, 1000, 1000, 1000));
        agenda.search(query);
        agenda.search(query);
        verify(repository, times(2)).search(query);
    }
}
