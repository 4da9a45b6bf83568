package fr.essor.agenda.store;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import fr.essor.EssorApplication;
import fr.essor.agenda.AccessibilityFeature;
import fr.essor.agenda.Agenda;
import fr.essor.agenda.Attendance;
import fr.essor.agenda.Audience;
import fr.essor.agenda.Edition;
import fr.essor.agenda.Event;
import fr.essor.agenda.EventPage;
import fr.essor.agenda.EventQuery;
import fr.essor.agenda.EventRevised;
import fr.essor.agenda.EventStatus;
import fr.essor.agenda.EventType;
import fr.essor.agenda.Markdown;
import fr.essor.agenda.NewEvent;
import fr.essor.agenda.Occurrence;
import fr.essor.agenda.RegistrationMode;
import fr.essor.agenda.Slugs;
import fr.essor.agenda.Theme;
import fr.essor.agenda.Venue;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The agenda's tables: editions, events and their occurrences. Every query is parameterised. */
@Repository
public class EventRepository {

    private static final String EVENT_COLUMNS = """
            e.id, e.edition_id, ed.year as edition_year, e.title, e.summary, e.description, e.description_html, e.type, e.themes,
            e.audiences, e.venue_name, e.venue_address, e.postcode, e.commune_code, e.commune_name,
            e.departement_code, e.region_code, e.latitude, e.longitude, e.attendance, e.online_url, e.free,
            e.price, e.registration, e.registration_url, e.wheelchair, e.sign_language, e.subtitles,
            e.audio_description, e.easy_read, e.organizer, e.co_organizers, e.status, e.status_reason,
            e.image_url, e.image_alt, e.demo, e.sequence, e.created_at, e.updated_at""";

    private final JdbcClient jdbc;

    private final EventIndex index;
    /**
     * The events of the lists, by id: a page of search results is read from memory when its events were
     * read recently ({@code essor.agenda.listed-events} of them, 60,000 by default: the national agenda,
     * about 4 KB each). An event is forgotten as soon as this instance writes it or the index sees it
     * change (another instance's write, within half a second).
     */
    private final fr.essor.shared.ReadMostlyCache<Long, Event> listed;

    public EventRepository(
            JdbcClient jdbc,
            EventIndex index,
            @org.springframework.beans.factory.annotation.Value("${essor.agenda.listed-events:60000}")
                    int listedEvents) {
        this.jdbc = jdbc;
        this.index = index;
        this.listed = new fr.essor.shared.ReadMostlyCache<>(listedEvents);
        index.onChange(listed::invalidateAll);
    }

    // --- editions

    /** The editions read at most this long ago are given again (every list page shows them in its form). */
    private static final long EDITIONS_KEPT_NANOS = 10_000_000_000L;

    private record KeptEditions(List<Edition> editions, long readAt) {}

    private volatile KeptEditions keptEditions;

    public List<Edition> editions() {
        KeptEditions kept = keptEditions;
        long now = System.nanoTime();
        if (kept != null && now - kept.readAt() < EDITIONS_KEPT_NANOS) {
            return kept.editions();
        }
        List<Edition> read = List.copyOf(jdbc.sql("select * from agenda.edition order by year desc")
                .query(EventRepository::edition)
                .list());
        keptEditions = new KeptEditions(read, now);
        return read;
    }

    /** Forgets the editions kept, now and once the transaction that wrote one commits. */
    private void forgetEditions() {
        keptEditions = null;
        if (org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()) {
            org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                    new org.springframework.transaction.support.TransactionSynchronization() {
                        @Override
                        public void afterCompletion(int status) {
                            keptEditions = null;
                        }
                    });
        }
    }

    public Optional<Edition> edition(int year) {
        return jdbc.sql("select * from agenda.edition where year = ?")
                .param(year)
                .query(EventRepository::edition)
                .optional();
    }

    public long insertEdition(
            int year,
            int number,
            String title,
            LocalDate startsOn,
            LocalDate endsOn,
            LocalDate submissionOpens,
            LocalDate submissionCloses,
            List<String> regions,
            boolean demo) {
        forgetEditions();
        return jdbc.sql("""
                insert into agenda.edition (year, number, title, starts_on, ends_on, submission_opens,
                    submission_closes, regions, demo)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(
                        year,
                        number,
                        title,
                        startsOn,
                        endsOn,
                        submissionOpens,
                        submissionCloses,
                        regions.toArray(String[]::new),
                        demo)
                .query(Long.class)
                .single();
    }

    public long countEditions() {
        return jdbc.sql("select count(*) from agenda.edition").query(Long.class).single();
    }

    // --- events

    @Transactional
    public long insertEvent(NewEvent e, Instant now) {
        Instant firstStart = e.occurrences().stream()
                .map(NewEvent.Dates::startsAt)
                .min(Instant::compareTo)
                .orElseThrow();
        Instant lastEnd = e.occurrences().stream()
                .map(NewEvent.Dates::endsAt)
                .max(Instant::compareTo)
                .orElseThrow();
        Venue v = e.venue();
        long id = jdbc.sql("""
                insert into agenda.event (edition_id, title, summary, description, description_html, type, themes, audiences,
                    venue_name, venue_address, postcode, commune_code, commune_name, departement_code, region_code,
                    latitude, longitude, attendance, online_url, free, price, registration, registration_url,
                    wheelchair, sign_language, subtitles, audio_description, easy_read, organizer, co_organizers,
                    status, status_reason, image_url, image_alt, demo, created_at, updated_at, first_start, last_end)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
                    ?, ?, ?, ?, ?, ?, ?, ?)
                returning id""")
                .params(
                        e.editionId(),
                        e.title(),
                        e.summary(),
                        e.description(),
                        Markdown.toSafeHtml(e.description()),
                        e.type().name(),
                        names(e.themes()),
                        names(e.audiences()),
                        v.name(),
                        v.address(),
                        v.postcode(),
                        v.communeCode(),
                        v.communeName(),
                        v.departementCode(),
                        v.regionCode(),
                        v.latitude(),
                        v.longitude(),
                        e.attendance().name(),
                        e.onlineUrl(),
                        e.free(),
                        e.price(),
                        e.registration().name(),
                        e.registrationUrl(),
                        e.accessibility().contains(AccessibilityFeature.WHEELCHAIR),
                        e.accessibility().contains(AccessibilityFeature.SIGN_LANGUAGE),
                        e.accessibility().contains(AccessibilityFeature.SUBTITLES),
                        e.accessibility().contains(AccessibilityFeature.AUDIO_DESCRIPTION),
                        e.accessibility().contains(AccessibilityFeature.EASY_READ),
                        e.organizer(),
                        e.coOrganizers().toArray(String[]::new),
                        e.status().name(),
                        e.statusReason(),
                        e.imageUrl(),
                        e.imageAlt(),
                        e.demo(),
                        utc(now),
                        utc(now),
                        utc(firstStart),
                        utc(lastEnd))
                .query(Long.class)
                .single();
        for (NewEvent.Dates d : e.occurrences()) {
            jdbc.sql("insert into agenda.occurrence (event_id, starts_at, ends_at) values (?, ?, ?)")
                    .params(id, utc(d.startsAt()), utc(d.endsAt()))
                    .update();
        }
        listed.invalidate(id);
        index.changed(id);
        return id;
    }

    /** The dates an update moved (same id, other times) or removed. */
    public record DateChanges(List<EventRevised.MovedDate> moved, List<EventRevised.RemovedDate> removed) {}

    /**
     * Replaces what an event says by an approved version (its id, status and structure stay); the
     * database raises its sequence when calendars must see the change. Dates keep their rows (and so
     * their ids and calendar UIDs) by position; extra ones are added or removed.
     *
     * @return the dates that moved or were removed
     */
    public DateChanges updateEvent(long id, NewEvent e, Instant now) {
        Instant firstStart = e.occurrences().stream()
                .map(NewEvent.Dates::startsAt)
                .min(Instant::compareTo)
                .orElseThrow();
        Instant lastEnd = e.occurrences().stream()
                .map(NewEvent.Dates::endsAt)
                .max(Instant::compareTo)
                .orElseThrow();
        Venue v = e.venue();
        jdbc.sql("""
                update agenda.event set edition_id = ?, title = ?, summary = ?, description = ?, description_html = ?,
                    type = ?, themes = ?, audiences = ?, venue_name = ?, venue_address = ?, postcode = ?, commune_code = ?,
                    commune_name = ?, departement_code = ?, region_code = ?, latitude = ?, longitude = ?, attendance = ?,
                    online_url = ?, free = ?, price = ?, registration = ?, registration_url = ?, wheelchair = ?,
                    sign_language = ?, subtitles = ?, audio_description = ?, easy_read = ?, organizer = ?,
                    co_organizers = ?, image_url = ?, image_alt = ?, updated_at = ?, first_start = ?, last_end = ?
                where id = ?""")
                .params(
                        e.editionId(),
                        e.title(),
                        e.summary(),
                        e.description(),
                        Markdown.toSafeHtml(e.description()),
                        e.type().name(),
                        names(e.themes()),
                        names(e.audiences()),
                        v.name(),
                        v.address(),
                        v.postcode(),
                        v.communeCode(),
                        v.communeName(),
                        v.departementCode(),
                        v.regionCode(),
                        v.latitude(),
                        v.longitude(),
                        e.attendance().name(),
                        e.onlineUrl(),
                        e.free(),
                        e.price(),
                        e.registration().name(),
                        e.registrationUrl(),
                        e.accessibility().contains(AccessibilityFeature.WHEELCHAIR),
                        e.accessibility().contains(AccessibilityFeature.SIGN_LANGUAGE),
                        e.accessibility().contains(AccessibilityFeature.SUBTITLES),
                        e.accessibility().contains(AccessibilityFeature.AUDIO_DESCRIPTION),
                        e.accessibility().contains(AccessibilityFeature.EASY_READ),
                        e.organizer(),
                        e.coOrganizers().toArray(String[]::new),
                        e.imageUrl(),
                        e.imageAlt(),
                        utc(now),
                        utc(firstStart),
                        utc(lastEnd),
                        id)
                .update();
        record Row(long id, Instant startsAt, Instant endsAt) {}
        List<Row> existing = jdbc.sql(
                        "select id, starts_at, ends_at from agenda.occurrence where event_id = ? order by starts_at, id")
                .param(id)
                .query((rs, n) -> new Row(
                        rs.getLong(1),
                        rs.getObject(2, OffsetDateTime.class).toInstant(),
                        rs.getObject(3, OffsetDateTime.class).toInstant()))
                .list();
        List<EventRevised.MovedDate> moved = new ArrayList<>();
        List<EventRevised.RemovedDate> removed = new ArrayList<>();
        int added = 0;
        for (int i = 0; i < e.occurrences().size(); i++) {
            NewEvent.Dates d = e.occurrences().get(i);
            if (i < existing.size()) {
                Row before = existing.get(i);
                if (!before.startsAt().equals(d.startsAt()) || !before.endsAt().equals(d.endsAt())) {
                    jdbc.sql("update agenda.occurrence set starts_at = ?, ends_at = ? where id = ?")
                            .params(utc(d.startsAt()), utc(d.endsAt()), before.id())
                            .update();
                    moved.add(new EventRevised.MovedDate(
                            before.id(), before.startsAt(), before.endsAt(), d.startsAt(), d.endsAt()));
                }
            } else {
                added += jdbc.sql("insert into agenda.occurrence (event_id, starts_at, ends_at) values (?, ?, ?)")
                        .params(id, utc(d.startsAt()), utc(d.endsAt()))
                        .update();
            }
        }
        for (Row gone : existing.subList(Math.min(e.occurrences().size(), existing.size()), existing.size())) {
            jdbc.sql("delete from agenda.occurrence where id = ?")
                    .param(gone.id())
                    .update();
            removed.add(new EventRevised.RemovedDate(gone.id(), gone.startsAt(), gone.endsAt()));
        }
        if (added > 0 || !moved.isEmpty() || !removed.isEmpty()) {
            // a date in the middle moved: calendars must see it even if the first and last did not
            jdbc.sql("update agenda.event set sequence = sequence + 1 where id = ?")
                    .param(id)
                    .update();
        }
        listed.invalidate(id);
        index.changed(id);
        return new DateChanges(moved, removed);
    }

    /** Public events with a title like this one, on this day, in this commune: the most alike first, 5 at most. */
    public List<Agenda.Lookalike> lookalikes(String title, String communeCode, Instant day, Long exceptEventId) {
        return jdbc.sql("""
                select e.id, e.title, similarity(agenda.fold(e.title), agenda.fold(?)) as sim
                from agenda.event e
                where e.commune_code = ? and (e.first_start at time zone 'Europe/Paris')::date = (?::timestamptz at time zone 'Europe/Paris')::date
                  and agenda.fold(e.title) % agenda.fold(?) and e.id is distinct from ?
                order by sim desc limit 5""")
                .params(title, communeCode, utc(day), title, exceptEventId)
                .query((rs, n) -> new Agenda.Lookalike(rs.getLong(1), rs.getString(2), rs.getDouble(3)))
                .list();
    }

    /** Gives an event to the structure that publishes it. */
    public void assignStructure(long eventId, long structureId) {
        jdbc.sql("update agenda.event set structure_id = ? where id = ?")
                .params(structureId, eventId)
                .update();
    }

    /** The structure an event belongs to, if any. */
    public Optional<Long> structureOf(long eventId) {
        return jdbc.sql("select structure_id from agenda.event where id = ? and structure_id is not null")
                .param(eventId)
                .query(Long.class)
                .optional();
    }

    /** The public events of a structure, the latest first, at most {@code limit}. */
    public List<Event> ofStructure(long structureId, int limit) {
        return withOccurrences(jdbc.sql("select " + EVENT_COLUMNS
                        + " from agenda.event e join agenda.edition ed on ed.id = e.edition_id where e.structure_id = ? "
                        + "order by (select max(o.starts_at) from agenda.occurrence o where o.event_id = e.id) desc nulls last, "
                        + "e.id desc limit ?")
                .params(structureId, limit)
                .query(EventRepository::eventRow)
                .list());
    }

    /** Changes an event's status; the database raises its sequence. */
    public boolean updateStatus(long id, EventStatus status, String reason, Instant now) {
        boolean updated = jdbc.sql("update agenda.event set status = ?, status_reason = ?, updated_at = ? where id = ?")
                        .params(status.name(), reason, utc(now), id)
                        .update()
                == 1;
        listed.invalidate(id);
        index.changed(id);
        return updated;
    }

    public Optional<Event> find(long id) {
        return jdbc.sql("select " + EVENT_COLUMNS
                        + " from agenda.event e join agenda.edition ed on ed.id = e.edition_id where e.id = ?")
                .param(id)
                .query(EventRepository::eventRow)
                .optional()
                .map(row -> withOccurrences(List.of(row)).getFirst());
    }

    /**
     * One page of events matching the query, soonest first (an event under way when the range starts
     * comes first). Reads one row more than the page to know whether another follows, and counts all
     * results only when that is not already known from the page itself.
     */
    /** These events, in this order (those that no longer exist left out), with their dates. */
    public List<Event> byIds(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Event[] known = new Event[ids.size()];
        for (int i = 0; i < known.length; i++) {
            known[i] = listed.getIfPresent(ids.get(i));
            if (known[i] == null) {
                known = null;
                break;
            }
        }
        if (known != null) {
            return List.of(known);
        }
        List<Event> read = read(ids);
        read.forEach(e -> listed.put(e.id(), e));
        return read;
    }

    private List<Event> read(List<Long> ids) {
        Map<Long, EventRow> rows = new java.util.HashMap<>();
        jdbc.sql("select " + EVENT_COLUMNS
                        + " from agenda.event e join agenda.edition ed on ed.id = e.edition_id where e.id = any(?)")
                .param(ids.toArray(Long[]::new))
                .query(EventRepository::eventRow)
                .list()
                .forEach(r -> rows.put(r.id(), r));
        return withOccurrences(
                ids.stream().map(rows::get).filter(java.util.Objects::nonNull).toList());
    }

    public EventPage search(EventQuery query) {
        List<Object> params = new ArrayList<>();
        List<String> where = new ArrayList<>();
        if (query.from() != null || query.to() != null || query.endsAfter() != null) {
            // last_end and first_start narrow the candidates on their indexes; the occurrences decide
            StringBuilder exists =
                    new StringBuilder("exists (select 1 from agenda.occurrence o where o.event_id = e.id");
            List<Object> existsParams = new ArrayList<>();
            if (query.endsAfter() != null) {
                OffsetDateTime after = utc(query.endsAfter());
                where.add("e.last_end > ?");
                params.add(after);
                exists.append(" and o.ends_at > ?");
                existsParams.add(after);
            }
            if (query.from() != null) {
                OffsetDateTime from =
                        utc(query.from().atStartOfDay(EssorApplication.ZONE).toInstant());
                where.add("e.last_end >= ?");
                params.add(from);
                exists.append(" and o.ends_at >= ?");
                existsParams.add(from);
            }
            if (query.to() != null) {
                OffsetDateTime end = utc(query.to()
                        .plusDays(1)
                        .atStartOfDay(EssorApplication.ZONE)
                        .toInstant());
                where.add("e.first_start < ?");
                params.add(end);
                exists.append(" and o.starts_at < ?");
                existsParams.add(end);
            }
            where.add(exists.append(")").toString());
            params.addAll(existsParams);
        }
        if (query.edition() != null) {
            where.add("e.edition_id = (select id from agenda.edition where year = ?)");
            params.add(query.edition());
        }
        if (query.region() != null) {
            where.add("e.region_code = ?");
            params.add(query.region());
        }
        if (query.departement() != null) {
            where.add("e.departement_code = ?");
            params.add(query.departement());
        }
        if (query.commune() != null) {
            where.add("e.commune_code = ?");
            params.add(query.commune());
        }
        if (query.near() != null) {
            double meters = query.radiusKm() * 1000.0;
            where.add("earth_box(ll_to_earth(?, ?), ?) @> ll_to_earth(e.latitude, e.longitude)"
                    + " and earth_distance(ll_to_earth(?, ?), ll_to_earth(e.latitude, e.longitude)) <= ?"
                    + " and e.latitude is not null and e.longitude is not null");
            params.addAll(List.of(
                    query.near().latitude(),
                    query.near().longitude(),
                    meters,
                    query.near().latitude(),
                    query.near().longitude(),
                    meters));
        }
        if (!query.types().isEmpty()) {
            where.add("e.type = any(?::text[])");
            params.add(names(query.types()));
        }
        if (!query.themes().isEmpty()) {
            where.add("e.themes && ?::text[]");
            params.add(names(query.themes()));
        }
        if (!query.audiences().isEmpty()) {
            where.add("e.audiences && ?::text[]");
            params.add(names(query.audiences()));
        }
        if (query.free() != null) {
            where.add("e.free = ?");
            params.add(query.free());
        }
        if (query.accessible() != null) {
            where.add("e.accessible = ?");
            params.add(query.accessible());
        }
        if (query.online() != null) {
            where.add(query.online() ? "e.attendance <> 'IN_PERSON'" : "e.attendance <> 'ONLINE'");
        }
        // counted apart from the other filters: see count()
        List<String> filters = List.copyOf(where);
        List<Object> filterParams = List.copyOf(params);
        String tsquery = prefixQuery(query.q());
        if (tsquery != null) {
            where.add("e.search @@ to_tsquery('french', ?)");
            params.add(tsquery);
        }
        String whereSql = where.isEmpty() ? "" : " where " + String.join(" and ", where);
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(query.size() + 1);
        pageParams.add(query.offset());
        List<EventRow> rows = jdbc.sql("select " + EVENT_COLUMNS
                        + " from agenda.event e join agenda.edition ed on ed.id = e.edition_id" + whereSql
                        + " order by e.first_start, e.id limit ? offset ?")
                .params(pageParams)
                .query(EventRepository::eventRow)
                .list();
        boolean more = rows.size() > query.size();
        List<EventRow> pageRows = more ? rows.subList(0, query.size()) : rows;
        long total;
        if (!more && (!pageRows.isEmpty() || query.page() == 1)) {
            total = (long) query.offset() + pageRows.size();
        } else {
            boolean placed = query.departement() != null
                    || query.commune() != null
                    || query.near() != null
                    || query.region() != null
                    || query.edition() != null;
            total = count(filters, filterParams, tsquery, placed);
        }
        return new EventPage(withOccurrences(pageRows), query.page(), query.size(), total);
    }

    /**
     * Counts the events matching the filters and the text. Common word prefixes ("econom", "solidair")
     * match a large share of all events; when a place or an edition narrows the search, the text is
     * tested on those few events only, rather than intersecting the text index's long lists (measured
     * 120 ms against 3 ms on 50,000 events).
     */
    private long count(List<String> filters, List<Object> filterParams, String tsquery, boolean narrowedByPlace) {
        String filterSql = filters.isEmpty() ? "" : " where " + String.join(" and ", filters);
        List<Object> params = new ArrayList<>(filterParams);
        String sql;
        if (tsquery == null) {
            sql = "select count(*) from agenda.event e" + filterSql;
        } else if (narrowedByPlace) {
            // offset 0 keeps the planner from merging the subquery, and so from using the text index
            sql = "select count(*) from (select e.search from agenda.event e" + filterSql
                    + " offset 0) e where e.search @@ to_tsquery('french', ?)";
            params.add(tsquery);
        } else {
            sql = "select count(*) from agenda.event e" + (filterSql.isEmpty() ? " where " : filterSql + " and ")
                    + "e.search @@ to_tsquery('french', ?)";
            params.add(tsquery);
        }
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    /** Number of events per edition. */
    public Map<Long, Long> countsByEdition() {
        return jdbc
                .sql("select edition_id, count(*) as n from agenda.event group by edition_id")
                .query((rs, n) -> Map.entry(rs.getLong(1), rs.getLong(2)))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** Events, communes and départements of one edition, in one pass over its events. */
    public Agenda.EditionFigures figures(long editionId) {
        return jdbc.sql("""
                select count(*), count(distinct commune_code), count(distinct departement_code)
                from agenda.event where edition_id = ?""")
                .param(editionId)
                .query((rs, n) -> new Agenda.EditionFigures(rs.getLong(1), rs.getLong(2), rs.getLong(3)))
                .single();
    }

    private List<Event> withOccurrences(List<EventRow> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<Long, List<Occurrence>> occurrences = new LinkedHashMap<>();
        jdbc.sql(
                        "select id, event_id, starts_at, ends_at from agenda.occurrence where event_id = any(?) order by starts_at, id")
                .param(rows.stream().map(EventRow::id).toArray(Long[]::new))
                .query((rs, n) -> {
                    occurrences
                            .computeIfAbsent(rs.getLong("event_id"), k -> new ArrayList<>())
                            .add(new Occurrence(rs.getLong("id"), instant(rs, "starts_at"), instant(rs, "ends_at")));
                    return null;
                })
                .list();
        return rows.stream()
                // the events are kept (listed): their dates in a list of their exact size
                .map(r -> r.toEvent(List.copyOf(occurrences.getOrDefault(r.id(), List.of()))))
                .toList();
    }

    /** The texts searched lately and their query (the same words come back often). */
    private static final fr.essor.shared.ReadMostlyCache<String, java.util.Optional<String>> PREFIX_QUERIES =
            new fr.essor.shared.ReadMostlyCache<>(10_000);

    /**
     * Every word of the search as a French-stemmed prefix ("vélo" finds "vélos", "coop" finds
     * "coopérative"), all required. Words are reduced to letters and digits, so nothing the user types
     * can change the query's syntax; {@code null} when no word is left.
     */
    public static String prefixQuery(String q) {
        if (q == null) {
            return null;
        }
        return PREFIX_QUERIES
                .get(q, text -> java.util.Optional.ofNullable(foldedPrefixQuery(text)))
                .orElse(null);
    }

    private static String foldedPrefixQuery(String q) {
        String folded = java.text.Normalizer.normalize(q, java.text.Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "")
                .toLowerCase(java.util.Locale.ROOT)
                .replace("œ", "oe")
                .replace("æ", "ae");
        List<String> terms = java.util.Arrays.stream(folded.split("[^a-z0-9]+"))
                .filter(t -> !t.isEmpty())
                .limit(20)
                .map(t -> t + ":*")
                .toList();
        return terms.isEmpty() ? null : String.join(" & ", terms);
    }

    /** One copy of a territory's code or name (a bounded set: France's communes, départements, régions). */
    private static String shared(String value) {
        return value == null ? null : value.intern();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static String[] names(Collection<? extends Enum<?>> values) {
        return values.stream().map(Enum::name).sorted().toArray(String[]::new);
    }

    private static <E extends Enum<E>> List<E> enums(Array array, Class<E> type) throws SQLException {
        if (array == null) {
            return List.of();
        }
        List<E> result = new ArrayList<>();
        for (String s : (String[]) array.getArray()) {
            result.add(Enum.valueOf(type, s));
        }
        return List.copyOf(result);
    }

    private static Edition edition(ResultSet rs, int n) throws SQLException {
        Array regions = rs.getArray("regions");
        return new Edition(
                rs.getLong("id"),
                rs.getInt("year"),
                rs.getInt("number"),
                rs.getString("title"),
                rs.getObject("starts_on", LocalDate.class),
                rs.getObject("ends_on", LocalDate.class),
                regions == null ? List.of() : List.of((String[]) regions.getArray()),
                rs.getBoolean("demo"));
    }

    /** An event without its occurrences, as read from one row. */
    private record EventRow(long id, Function<List<Occurrence>, Event> build) {

        Event toEvent(List<Occurrence> occurrences) {
            return build.apply(occurrences);
        }
    }

    private static EventRow eventRow(ResultSet rs, int n) throws SQLException {
        long id = rs.getLong("id");
        long editionId = rs.getLong("edition_id");
        int editionYear = rs.getInt("edition_year");
        String title = rs.getString("title");
        String summary = rs.getString("summary");
        String description = rs.getString("description");
        String storedHtml = rs.getString("description_html");
        // rows written before the column existed are rendered on read
        String descriptionHtml = storedHtml.isEmpty() ? Markdown.toSafeHtml(description) : storedHtml;
        EventType type = EventType.valueOf(rs.getString("type"));
        List<Theme> themes = enums(rs.getArray("themes"), Theme.class);
        List<Audience> audiences = enums(rs.getArray("audiences"), Audience.class);
        Venue venue = new Venue(
                rs.getString("venue_name"),
                rs.getString("venue_address"),
                // the territory's codes and names, shared by every event of a commune (the events are kept)
                shared(rs.getString("postcode")),
                shared(rs.getString("commune_code")),
                shared(rs.getString("commune_name")),
                shared(rs.getString("departement_code")),
                shared(rs.getString("region_code")),
                (Double) rs.getObject("latitude"),
                (Double) rs.getObject("longitude"));
        Attendance attendance = Attendance.valueOf(rs.getString("attendance"));
        String onlineUrl = rs.getString("online_url");
        boolean free = rs.getBoolean("free");
        String price = rs.getString("price");
        RegistrationMode registration = RegistrationMode.valueOf(rs.getString("registration"));
        String registrationUrl = rs.getString("registration_url");
        Set<AccessibilityFeature> access = EnumSet.noneOf(AccessibilityFeature.class);
        if (rs.getBoolean("wheelchair")) access.add(AccessibilityFeature.WHEELCHAIR);
        if (rs.getBoolean("sign_language")) access.add(AccessibilityFeature.SIGN_LANGUAGE);
        if (rs.getBoolean("subtitles")) access.add(AccessibilityFeature.SUBTITLES);
        if (rs.getBoolean("audio_description")) access.add(AccessibilityFeature.AUDIO_DESCRIPTION);
        if (rs.getBoolean("easy_read")) access.add(AccessibilityFeature.EASY_READ);
        Set<AccessibilityFeature> accessibility = Set.copyOf(access);
        String organizer = rs.getString("organizer");
        Array co = rs.getArray("co_organizers");
        List<String> coOrganizers = co == null ? List.of() : List.of((String[]) co.getArray());
        EventStatus status = EventStatus.valueOf(rs.getString("status"));
        String statusReason = rs.getString("status_reason");
        String imageUrl = rs.getString("image_url");
        String imageAlt = rs.getString("image_alt");
        boolean demo = rs.getBoolean("demo");
        int sequence = rs.getInt("sequence");
        Instant createdAt = rs.getObject("created_at", OffsetDateTime.class).toInstant();
        Instant updatedAt = rs.getObject("updated_at", OffsetDateTime.class).toInstant();
        String slug = Slugs.slug(title);
        return new EventRow(
                id,
                occ -> new Event(
                        id,
                        editionId,
                        editionYear,
                        title,
                        summary,
                        description,
                        descriptionHtml,
                        type,
                        themes,
                        audiences,
                        occ,
                        venue,
                        attendance,
                        onlineUrl,
                        free,
                        price,
                        registration,
                        registrationUrl,
                        accessibility,
                        organizer,
                        coOrganizers,
                        status,
                        statusReason,
                        imageUrl,
                        imageAlt,
                        demo,
                        sequence,
                        createdAt,
                        updatedAt,
                        slug));
    }
}
