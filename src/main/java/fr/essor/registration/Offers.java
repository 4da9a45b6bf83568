package fr.essor.registration;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import fr.essor.agenda.Agenda;
import fr.essor.agenda.Event;
import fr.essor.agenda.Occurrence;
import fr.essor.agenda.SeatAvailability;
import fr.essor.shared.FieldError;
import fr.essor.shared.InvalidInput;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an event that takes its registrations on Essor offers: seats per registration, a waitlist or
 * not, the organizer's questions, and each date's capacity with its counts. The agenda shows the seats
 * left through {@link SeatAvailability}.
 */
@Service
public class Offers implements SeatAvailability {

    private final JdbcClient jdbc;
    private final Agenda agenda;
    private final Waitlist waitlist;
    private final JsonMapper json;
    private final Clock clock;

    Offers(JdbcClient jdbc, Agenda agenda, Waitlist waitlist, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.agenda = agenda;
        this.waitlist = waitlist;
        this.json = json;
        this.clock = clock;
    }

    /** One date's capacity, as the organizer sets it. */
    public record DateCapacity(long occurrenceId, int capacity) {}

    /**
     * What an event offers: seats per registration, waitlist, the organizer's questions, and each date's
     * seats; with the event's status as the agenda last told it ({@code SCHEDULED}, {@code CANCELLED},
     * {@code POSTPONED}), its reason and when it changed ({@code null} if never).
     */
    public record Offer(
            long eventId,
            int maxSeats,
            boolean waitlist,
            List<String> questions,
            List<SlotView> dates,
            String eventStatus,
            String statusReason,
            Instant statusChangedAt) {

        public boolean cancelled() {
            return "CANCELLED".equals(eventStatus);
        }

        public boolean postponed() {
            return "POSTPONED".equals(eventStatus);
        }
    }

    /**
     * One date with its seats: capacity, taken (confirmed + held), and the counts of its registrations;
     * when it moved, its previous start; when the organizer removed it, since when.
     */
    public record SlotView(
            long occurrenceId,
            Instant startsAt,
            Instant endsAt,
            int capacity,
            int taken,
            int confirmed,
            int pending,
            int waitlisted,
            int cancelled,
            int present,
            Instant previousStartsAt,
            Instant movedAt,
            Instant removedAt) {

        public int remaining() {
            return Math.max(0, capacity - taken);
        }
    }

    /**
     * Opens (or changes) registrations on Essor for an event: its dates get their capacity; a larger
     * capacity promotes the waitlist at once.
     *
     * @throws InvalidInput on {@code maxSeats} (1 to 50) or {@code capacity} (0 to 100,000)
     */
    @Transactional
    public void offer(long eventId, int maxSeats, boolean waitlist, List<DateCapacity> capacities) {
        offer(eventId, maxSeats, waitlist, capacities, null);
    }

    /**
     * As {@link #offer(long, int, boolean, List)}, with the organizer's optional questions (up to 5, of
     * 200 characters at most; {@code null} keeps those already set).
     */
    @Transactional
    public void offer(
            long eventId, int maxSeats, boolean waitlist, List<DateCapacity> capacities, List<String> questions) {
        Event event = agenda.event(eventId).orElseThrow(() -> new InvalidInput("eventId", "registration.error.event"));
        List<FieldError> errors = new ArrayList<>();
        if (maxSeats < 1 || maxSeats > 50) {
            errors.add(new FieldError("maxSeats", "registration.error.maxSeats"));
        }
        if (capacities.stream().anyMatch(c -> c.capacity() < 0 || c.capacity() > 100_000)) {
            errors.add(new FieldError("capacity", "registration.error.capacity"));
        }
        List<String> asked = questions == null
                ? null
                : questions.stream()
                        .map(String::strip)
                        .filter(q -> !q.isEmpty())
                        .toList();
        if (asked != null && (asked.size() > 5 || asked.stream().anyMatch(q -> q.length() > 200))) {
            errors.add(new FieldError("questions", "registration.error.questions"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        jdbc.sql("""
                insert into registration.offer (event_id, title, max_seats, waitlist, questions, updated_at, event_status)
                values (?, ?, ?, ?, coalesce(?::jsonb, '[]'), ?, ?)
                on conflict (event_id) do update set title = excluded.title, max_seats = excluded.max_seats,
                    waitlist = excluded.waitlist, updated_at = excluded.updated_at,
                    questions = coalesce(?::jsonb, registration.offer.questions)""")
                .params(
                        eventId,
                        event.title(),
                        maxSeats,
                        waitlist,
                        asked == null ? null : json.writeValueAsString(asked),
                        utc(clock.instant()),
                        event.status().name(),
                        asked == null ? null : json.writeValueAsString(asked))
                .update();
        Map<Long, Integer> byDate = new LinkedHashMap<>();
        capacities.forEach(c -> byDate.put(c.occurrenceId(), c.capacity()));
        for (Occurrence o : event.occurrences()) {
            Integer capacity = byDate.get(o.id());
            if (capacity == null) {
                continue;
            }
            jdbc.sql("""
                    insert into registration.slot (occurrence_id, event_id, starts_at, ends_at, capacity) values (?, ?, ?, ?, ?)
                    on conflict (occurrence_id) do update set starts_at = excluded.starts_at, ends_at = excluded.ends_at,
                        capacity = excluded.capacity""")
                    .params(
                            o.id(),
                            eventId,
                            o.startsAt().toOffsetDateTime(),
                            o.endsAt().toOffsetDateTime(),
                            capacity)
                    .update();
            this.waitlist.promote(o.id());
        }
    }

    public Optional<Offer> offerOf(long eventId) {
        record Head(
                int maxSeats, boolean waitlist, String questions, String status, String reason, Instant changedAt) {}
        return jdbc.sql("""
                select max_seats, waitlist, questions::text, event_status, status_reason, status_changed_at
                from registration.offer where event_id = ?""")
                .param(eventId)
                .query((rs, n) -> new Head(
                        rs.getInt(1),
                        rs.getBoolean(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        instant(rs, 6)))
                .optional()
                .map(h -> new Offer(
                        eventId,
                        h.maxSeats(),
                        h.waitlist(),
                        List.of(json.readValue(h.questions(), String[].class)),
                        slots(eventId),
                        h.status(),
                        h.reason(),
                        h.changedAt()));
    }

    private List<SlotView> slots(long eventId) {
        return jdbc.sql("""
                select s.occurrence_id, s.starts_at, s.ends_at, s.capacity, s.taken,
                       count(*) filter (where r.status = 'CONFIRMED') as confirmed,
                       count(*) filter (where r.status = 'PENDING_CONFIRMATION') as pending,
                       count(*) filter (where r.status = 'WAITLISTED') as waitlisted,
                       count(*) filter (where r.status = 'CANCELLED') as cancelled,
                       count(*) filter (where r.checked_in_at is not null) as present,
                       s.previous_starts_at, s.moved_at, s.removed_at
                from registration.slot s left join registration.registration r on r.occurrence_id = s.occurrence_id
                where s.event_id = ? group by s.occurrence_id order by s.starts_at""")
                .param(eventId)
                .query((rs, n) -> new SlotView(
                        rs.getLong(1),
                        instant(rs, 2),
                        instant(rs, 3),
                        rs.getInt(4),
                        rs.getInt(5),
                        rs.getInt(6),
                        rs.getInt(7),
                        rs.getInt(8),
                        rs.getInt(9),
                        rs.getInt(10),
                        instant(rs, 11),
                        instant(rs, 12),
                        instant(rs, 13)))
                .list();
    }

    @Override
    public Map<Long, SeatAvailability.Seats> seats(long eventId) {
        Map<Long, SeatAvailability.Seats> seats = new LinkedHashMap<>();
        jdbc.sql("select occurrence_id, capacity, taken from registration.slot where event_id = ?")
                .param(eventId)
                .query(rs -> {
                    seats.put(
                            rs.getLong(1),
                            new SeatAvailability.Seats(rs.getInt(2), Math.max(0, rs.getInt(2) - rs.getInt(3))));
                });
        return seats;
    }

    /** The questions the organizer asks, in order (none when the event offers no registration). */
    List<String> questions(long eventId) {
        return offerOf(eventId).map(Offer::questions).orElse(List.of());
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime utc(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }
}
