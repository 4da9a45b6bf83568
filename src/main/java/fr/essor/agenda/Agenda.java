package fr.essor.agenda;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import fr.essor.agenda.store.EventRepository;

import org.springframework.stereotype.Service;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/** The agenda's public API for the other modules and the web layer: editions, events and search. */
@Service
public class Agenda {

    private final EventRepository events;
    private final fr.essor.agenda.store.EventIndex index;
    private final Clock clock;
    /** Recent searches, or {@code null} when caching is off; never the only copy of anything. */
    private final Cache<Object, EventPage> searches;
    /**
     * The searches asked within the cache's time to live: a result is kept from a search's second asking on,
     * so that the searches nobody repeats (most of them) do not fill the cache and outlive the collector's
     * young generations.
     */
    private final fr.essor.shared.RecentlySeen asked;

    /** The home page's counts of an edition, kept as long as a search (none kept when searches are not). */
    private final Cache<Long, EditionFigures> figures;

    Agenda(EventRepository events, fr.essor.agenda.store.EventIndex index, Clock clock, AgendaProperties properties) {
        this.events = events;
        this.index = index;
        this.clock = clock;
        Duration ttl = properties.searchCacheTtl();
        this.searches = ttl.isZero()
                ? null
                : Caffeine.newBuilder()
                        .expireAfterWrite(ttl)
                        .maximumWeight(properties.searchCacheEvents())
                        .weigher((Object q, EventPage p) -> 1 + p.events().size())
                        .build();
        this.asked = ttl.isZero() ? null : new fr.essor.shared.RecentlySeen(1 << 19, ttl);
        this.figures = ttl.isZero()
                ? null
                : Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(64).build();
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    public java.time.Instant now() {
        return clock.instant();
    }

    /** Every edition, newest first. */
    public List<Edition> editions() {
        return events.editions();
    }

    public Optional<Edition> edition(int year) {
        return events.edition(year);
    }

    /**
     * The edition the public is looking for today: the one under way, else the next one, else the
     * latest past one.
     */
    public Optional<Edition> currentEdition() {
        LocalDate today = today();
        List<Edition> all = editions();
        return all.stream()
                .filter(e -> e.contains(today))
                .findFirst()
                .or(() -> all.stream()
                        .filter(e -> e.startsOn().isAfter(today))
                        .min(Comparator.comparing(Edition::startsOn)))
                .or(() -> all.stream().findFirst());
    }

    public Map<Long, Long> eventCountsByEdition() {
        return events.countsByEdition();
    }

    /**
     * Counts of an edition for the home page, read at most once per search cache's time to live: like a
     * search's page, they show a new event a few seconds late.
     */
    public EditionFigures figures(Edition edition) {
        return figures == null ? events.figures(edition.id()) : figures.get(edition.id(), events::figures);
    }

    public Optional<Event> event(long id) {
        return events.find(id);
    }

    /**
     * A page of events matching the query. A search asked twice within the cache's time to live
     * ({@code essor.agenda.search-cache-ttl}) is kept that long and answers from memory: popular lists (a
     * département, a theme) then cost no search, at the price of showing a change a few seconds late.
     */
    public EventPage search(EventQuery query) {
        return kept(query, query.hashCode(), () -> find(query, false));
    }

    /**
     * As {@link #search}, with the filter counts ({@link EventPage#facets()}) when the search index is ready
     * (none while the database answers).
     */
    public EventPage searchWithFacets(EventQuery query) {
        // another hash than the same search's without the counts
        return kept(new WithFacets(query), ~(long) query.hashCode(), () -> find(query, true));
    }

    /** The result kept for this key, else the one found, kept if the same search was asked within the time to live. */
    private EventPage kept(Object key, long hash, java.util.function.Supplier<EventPage> finder) {
        if (searches == null) {
            return finder.get();
        }
        EventPage page = searches.getIfPresent(key);
        if (page == null) {
            page = finder.get();
            if (asked.seenBefore(hash)) {
                searches.put(key, page);
            }
        }
        return page;
    }

    /** The cache's key of a search with its filter counts. */
    private record WithFacets(EventQuery query) {}

    /** The search index's page when it is ready (the database's search until then), the events read from the database. */
    private EventPage find(EventQuery query, boolean withFacets) {
        if (!index.ready()) {
            return events.search(query);
        }
        var hits = index.search(query, EventRepository.prefixQuery(query.q()), withFacets);
        return new EventPage(events.byIds(hits.ids()), query.page(), query.size(), hits.total(), hits.facets());
    }

    /**
     * The instant from which an event counts as not yet ended: now, to the minute. The searches of the
     * upcoming events asked within the same minute (the home page, the agenda without filters) are then the
     * same search, which the cache can keep; an event that ended less than a minute ago may still be listed.
     */
    public java.time.Instant notEndedSince() {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
    }

    /** The next events, not yet ended, soonest first. */
    public List<Event> upcoming(int count) {
        return search(EventQuery.all()
                        .withDates(today(), null)
                        .withEndsAfter(notEndedSince())
                        .withPage(1, count))
                .events();
    }

    /** The public events a structure publishes, the latest first (at most {@code limit}). */
    public List<Event> eventsOf(long structureId, int limit) {
        return events.ofStructure(structureId, limit);
    }

    /** The structure that publishes an event, if it was published by one (not a demonstration's or an import's). */
    public Optional<Long> structureOf(long eventId) {
        return events.structureOf(eventId);
    }

    /**
     * Public events that look like the one described: a similar title (accents and case aside) on the
     * same day (Europe/Paris) in the same commune, the most alike first, 5 at most.
     *
     * @param exceptEventId an event to leave out (the one being revised), or {@code null}
     */
    public List<Lookalike> lookalikes(String title, String communeCode, java.time.Instant day, Long exceptEventId) {
        return events.lookalikes(title, communeCode, day, exceptEventId);
    }

    /** A public event like another, with the similarity of their titles (0 to 1). */
    public record Lookalike(long eventId, String title, double similarity) {}

    /** Counts of an edition: events, communes and départements where they take place. */
    public record EditionFigures(long events, long communes, long departements) {}
}
