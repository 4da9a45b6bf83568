package fr.essor.registration;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import fr.essor.EssorApplication;
import fr.essor.agenda.Agenda;
import fr.essor.agenda.Event;
import fr.essor.agenda.EventStatus;
import fr.essor.agenda.Occurrence;
import fr.essor.agenda.RegistrationMode;
import fr.essor.agenda.SeatAvailability;
import fr.essor.notification.Mail;
import fr.essor.notification.Notifications;
import fr.essor.registration.Registration.Status;
import fr.essor.shared.FieldError;
import fr.essor.shared.InvalidInput;
import fr.essor.shared.Tokens;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.json.JsonMapper;

/**
 * The registration module's API. A registration takes its seats at once (or joins the waitlist) and
 * keeps them {@code essor.registration.hold} until its address is confirmed by the mailed link; an
 * expired hold, a cancellation or a larger capacity frees seats, which go to the waitlist in order
 * of arrival. Registering twice with the same address for the same date gives back the first
 * registration. Every mail carries a private link to see or cancel the registration.
 */
@Service
public class Registrations implements SeatAvailability {

    private static final Logger LOG = LoggerFactory.getLogger(Registrations.class);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy 'à' HH'h'mm", Locale.FRENCH);

    private final JdbcClient jdbc;
    private final Agenda agenda;
    private final Notifications notifications;
    private final RegistrationProperties properties;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final String publicUrl;
    private final JsonMapper json;
    private final RegistrationLinks links;
    /** Events as the agenda gives them, kept a few seconds: a rush asks for the same one thousands of times. */
    private final com.github.benmanes.caffeine.cache.Cache<Long, Optional<Event>> eventCache =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder().expireAfterWrite(java.time.Duration.ofSeconds(5))
                    .maximumSize(10_000).build();
    /** Only the race test sets another guard. */
    SeatLedger.Guard guard = SeatLedger.Guard.COUNTER;

    Registrations(JdbcClient jdbc, Agenda agenda, Notifications notifications, RegistrationProperties properties,
            TransactionTemplate tx, Clock clock, @Value("${essor.public-url}") String publicUrl, JsonMapper json,
            RegistrationLinks links) {
        this.json = json;
        this.links = links;
        this.jdbc = jdbc;
        this.agenda = agenda;
        this.notifications = notifications;
        this.properties = properties;
        this.tx = tx;
        this.clock = clock;
        this.publicUrl = publicUrl;
    }

    // ---- what an event offers

    /** One date's capacity, as the organizer sets it. */
    public record DateCapacity(long occurrenceId, int capacity) {
    }

    /**
     * What an event offers: seats per registration, waitlist, the organizer's questions, and each date's
     * seats; with the event's status as the agenda last told it ({@code SCHEDULED}, {@code CANCELLED},
     * {@code POSTPONED}), its reason and when it changed ({@code null} if never).
     */
    public record Offer(long eventId, int maxSeats, boolean waitlist, List<String> questions, List<SlotView> dates,
            String eventStatus, String statusReason, Instant statusChangedAt) {

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
    public record SlotView(long occurrenceId, Instant startsAt, Instant endsAt, int capacity, int taken, int confirmed,
            int pending, int waitlisted, int cancelled, int present, Instant previousStartsAt, Instant movedAt,
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
    public void offer(long eventId, int maxSeats, boolean waitlist, List<DateCapacity> capacities, List<String> questions) {
        Event event = agenda.event(eventId).orElseThrow(() -> new InvalidInput("eventId", "registration.error.event"));
        List<FieldError> errors = new ArrayList<>();
        if (maxSeats < 1 || maxSeats > 50) {
            errors.add(new FieldError("maxSeats", "registration.error.maxSeats"));
        }
        if (capacities.stream().anyMatch(c -> c.capacity() < 0 || c.capacity() > 100_000)) {
            errors.add(new FieldError("capacity", "registration.error.capacity"));
        }
        List<String> asked = questions == null ? null
                : questions.stream().map(String::strip).filter(q -> !q.isEmpty()).toList();
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
                .params(eventId, event.title(), maxSeats, waitlist, asked == null ? null : json.writeValueAsString(asked),
                        utc(now()), event.status().name(), asked == null ? null : json.writeValueAsString(asked))
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
                    .params(o.id(), eventId, o.startsAt().toOffsetDateTime(), o.endsAt().toOffsetDateTime(), capacity)
                    .update();
            promote(o.id());
        }
    }

    public Optional<Offer> offerOf(long eventId) {
        record Head(int maxSeats, boolean waitlist, String questions, String status, String reason, Instant changedAt) {
        }
        return jdbc.sql("""
                select max_seats, waitlist, questions::text, event_status, status_reason, status_changed_at
                from registration.offer where event_id = ?""").param(eventId)
                .query((rs, n) -> new Head(rs.getInt(1), rs.getBoolean(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        instant(rs, 6)))
                .optional()
                .map(h -> new Offer(eventId, h.maxSeats(), h.waitlist(),
                        List.of(json.readValue(h.questions(), String[].class)), slots(eventId), h.status(), h.reason(),
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
                .query((rs, n) -> new SlotView(rs.getLong(1), instant(rs, 2), instant(rs, 3), rs.getInt(4), rs.getInt(5),
                        rs.getInt(6), rs.getInt(7), rs.getInt(8), rs.getInt(9), rs.getInt(10), instant(rs, 11),
                        instant(rs, 12), instant(rs, 13)))
                .list();
    }

    @Override
    public Map<Long, SeatAvailability.Seats> seats(long eventId) {
        Map<Long, SeatAvailability.Seats> seats = new LinkedHashMap<>();
        jdbc.sql("select occurrence_id, capacity, taken from registration.slot where event_id = ?").param(eventId)
                .query(rs -> {
                    seats.put(rs.getLong(1), new SeatAvailability.Seats(rs.getInt(2), Math.max(0, rs.getInt(2) - rs.getInt(3))));
                });
        return seats;
    }

    // ---- registering

    /** Where a registration comes from. */
    public enum Source {
        PUBLIC, API, ORGANIZER
    }

    /**
     * What a person sends to register.
     *
     * @param occurrenceId the date; may be {@code null} when the event has one date
     * @param consent whether the person accepted the stated use of their data (required from the form)
     */
    public record Request(long eventId, Long occurrenceId, String name, String email, int seats,
            Map<String, String> answers, boolean consent, Source source) {
    }

    /** A registration and whether this request created it (false: the same person was already registered). */
    public record Outcome(Registration registration, boolean created) {
    }

    /** Neither a seat nor the waitlist is available. */
    public static class NoSeat extends RuntimeException {

        NoSeat() {
            super("no seat and no waitlist", null, false, false);
        }
    }

    /**
     * Registers a person to a date. Takes the seats if they are free, else joins the waitlist (if the
     * event has one). Mails the confirmation link (for a registration from the organizer, the
     * registration is confirmed at once).
     *
     * @throws InvalidInput on each bad field, or when the event does not take registrations now
     * @throws NoSeat when the date is full and the event has no waitlist
     */
    public Outcome register(Request r) {
        long occurrenceId = checked(r);
        String email = r.email().strip();
        String confirmToken = Tokens.random();
        Outcome outcome = tx.execute(status -> {
            // the same person registering twice at the same moment: one after the other
            jdbc.sql("select pg_advisory_xact_lock(hashtext('essor.registration.' || ? || '.' || lower(?)))")
                    .params(occurrenceId, email).query(Object.class).single();
            Optional<Registration> existing = jdbc.sql("""
                    select * from registration.registration
                    where occurrence_id = ? and lower(email) = lower(?) and status in """ + Status.LIVE_SQL)
                    .params(occurrenceId, email).query(Registrations::row).optional();
            if (existing.isPresent()) {
                return new Outcome(existing.get(), false);
            }
            // read under a share lock of the offer: a cancellation being handled waits for this registration
            // (and then tells it), or this registration waits for the cancellation (and is refused)
            boolean cancelled = jdbc.sql("""
                    select o.event_status = 'CANCELLED' or s.removed_at is not null
                    from registration.offer o join registration.slot s on s.event_id = o.event_id
                    where o.event_id = ? and s.occurrence_id = ? for key share of o""")
                    .params(r.eventId(), occurrenceId).query(Boolean.class).optional().orElse(true);
            if (cancelled) {
                throw new InvalidInput("eventId", "registration.error.event");
            }
            boolean organizer = r.source() == Source.ORGANIZER;
            Status state;
            if (SeatLedger.take(jdbc, occurrenceId, r.seats(), guard)) {
                state = organizer ? Status.CONFIRMED : Status.PENDING_CONFIRMATION;
            }
            else if (waitlist(r.eventId())) {
                state = Status.WAITLISTED;
            }
            else {
                throw new NoSeat();
            }
            UUID id = UUID.randomUUID();
            String manageToken = links.token(id);
            Instant now = now();
            jdbc.sql("""
                    insert into registration.registration (id, occurrence_id, event_id, name, email, seats, status, answers,
                        source, consent_at, email_confirmed_at, hold_expires_at, confirmed_at, confirm_token_hash,
                        manage_token_hash, created_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(id, occurrenceId, r.eventId(), r.name().strip(), email, r.seats(), state.name(),
                            json(askedOnly(r.eventId(), r.answers())), r.source().name(), r.consent() ? utc(now) : null,
                            organizer ? utc(now) : null,
                            state == Status.PENDING_CONFIRMATION ? utc(now.plus(properties.hold())) : null,
                            state == Status.CONFIRMED ? utc(now) : null, organizer ? null : Tokens.hash(confirmToken),
                            Tokens.hash(manageToken), utc(now))
                    .update();
            Registration created = find(id).orElseThrow();
            // answers to questions the organizer did not ask are not kept
            mailRegistered(created, organizer ? null : confirmToken, manageToken);
            return new Outcome(created, true);
        });
        return outcome;
    }

    private long checked(Request r) {
        List<FieldError> errors = new ArrayList<>();
        Event event = eventCache.get(r.eventId(), agenda::event).orElse(null);
        if (event == null || event.registration() != RegistrationMode.ESSOR || event.status() == EventStatus.CANCELLED) {
            throw new InvalidInput("eventId", "registration.error.event");
        }
        Long occurrenceId = r.occurrenceId();
        if (occurrenceId == null && event.occurrences().size() == 1) {
            occurrenceId = event.firstOccurrence().id();
        }
        Long chosen = occurrenceId;
        Optional<Occurrence> date = event.occurrences().stream().filter(o -> chosen != null && o.id() == chosen).findFirst();
        record Place(int maxSeats, boolean waitlist, int capacity, int taken, Instant startsAt, boolean cancelled) {
        }
        Optional<Place> place = chosen == null ? Optional.empty() : jdbc.sql("""
                select o.max_seats, o.waitlist, s.capacity, s.taken, s.starts_at,
                       o.event_status = 'CANCELLED' or s.removed_at is not null
                from registration.slot s
                join registration.offer o on o.event_id = s.event_id where s.occurrence_id = ? and s.event_id = ?""")
                .params(chosen, r.eventId())
                .query((rs, n) -> new Place(rs.getInt(1), rs.getBoolean(2), rs.getInt(3), rs.getInt(4), instant(rs, 5),
                        rs.getBoolean(6)))
                .optional();
        if (place.isPresent() && place.get().cancelled()) {
            // the agenda's cancellation reached this module's copy: refused even while the event is cached
            throw new InvalidInput("eventId", "registration.error.event");
        }
        Integer maxSeats = place.map(Place::maxSeats).orElse(null);
        boolean slot = place.isPresent();
        if (date.isEmpty() || !slot || maxSeats == null) {
            errors.add(new FieldError("dateId", "registration.error.date"));
        }
        else if (!place.get().startsAt().isAfter(now())) {
            errors.add(new FieldError("dateId", "registration.error.past"));
        }
        String name = r.name() == null ? "" : r.name().strip();
        if (name.isEmpty() || name.length() > 100) {
            errors.add(new FieldError("name", "registration.error.name"));
        }
        String email = r.email() == null ? "" : r.email().strip();
        if (!fr.essor.shared.EmailAddresses.valid(email)) {
            errors.add(new FieldError("email", "registration.error.email"));
        }
        if (r.seats() < 1 || (maxSeats != null && r.seats() > maxSeats)) {
            errors.add(new FieldError("seats", "registration.error.seats"));
        }
        if (r.source() == Source.PUBLIC && !r.consent()) {
            errors.add(new FieldError("consent", "registration.error.consent"));
        }
        if (r.answers() != null && r.answers().values().stream().anyMatch(a -> a != null && a.length() > 1000)) {
            errors.add(new FieldError("answers", "registration.error.answers"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        // a full date without waitlist is refused before any lock; the guarded update decides the rest
        if (!place.get().waitlist() && place.get().taken() + r.seats() > place.get().capacity() && r.source() != Source.ORGANIZER
                && !alreadyRegistered(chosen, email)) {
            throw new NoSeat();
        }
        return chosen;
    }

    private boolean alreadyRegistered(long occurrenceId, String email) {
        return jdbc.sql("""
                select count(*) from registration.registration
                where occurrence_id = ? and lower(email) = lower(?) and status in """ + Status.LIVE_SQL)
                .params(occurrenceId, email).query(Long.class).single() > 0;
    }

    private boolean waitlist(long eventId) {
        return jdbc.sql("select waitlist from registration.offer where event_id = ?").param(eventId).query(Boolean.class)
                .optional().orElse(false);
    }

    // ---- confirming, seeing, cancelling

    /**
     * Confirms the address of a registration from its mailed link: a held registration is confirmed,
     * a waitlisted one will be confirmed as soon as it gets its seats.
     *
     * @return the registration, or empty when the link is unknown or its hold expired
     */
    @Transactional
    public Optional<Registration> confirm(String token) {
        if (!Tokens.plausible(token)) {
            return Optional.empty();
        }
        Optional<Registration> r = jdbc.sql("""
                update registration.registration
                set status = case when status = 'PENDING_CONFIRMATION' then 'CONFIRMED' else status end,
                    confirmed_at = case when status = 'PENDING_CONFIRMATION' then ? else confirmed_at end,
                    email_confirmed_at = coalesce(email_confirmed_at, ?), hold_expires_at = null
                where confirm_token_hash = ? and status in """ + Status.LIVE_SQL + " returning id")
                .params(utc(now()), utc(now()), Tokens.hash(token)).query(UUID.class).optional().flatMap(this::find);
        r.filter(x -> x.status() == Status.CONFIRMED)
                .ifPresent(x -> LOG.info("registration {} confirmed", x.id()));
        return r;
    }

    /** The private link of a registration, for a mail about it. */
    String link(UUID id) {
        return publicUrl + "/inscriptions/" + id + "?jeton=" + links.token(id);
    }

    /** The registration its private link shows, if the link is its own. */
    public Optional<Registration> withLink(UUID id, String token) {
        if (!Tokens.plausible(token)) {
            return Optional.empty();
        }
        return jdbc.sql("select * from registration.registration where id = ? and manage_token_hash = ?")
                .params(id, Tokens.hash(token)).query(Registrations::row).optional();
    }

    /** Cancels a registration from its private link; its seats go to the waitlist. */
    @Transactional
    public Optional<Registration> cancel(UUID id, String token) {
        Optional<Registration> r = withLink(id, token).filter(x -> x.status().live());
        r.ifPresent(x -> cancel(x, "PUBLIC"));
        return r.flatMap(x -> find(x.id()));
    }

    private void cancel(Registration r, String by) {
        int updated = jdbc.sql("""
                update registration.registration set status = 'CANCELLED', cancelled_at = ?, hold_expires_at = null
                where id = ? and status = ?""")
                .params(utc(now()), r.id(), r.status().name()).update();
        if (updated == 1 && r.status().holdsSeats()) {
            SeatLedger.release(jdbc, r.occurrenceId(), r.seats());
            promote(r.occurrenceId());
        }
        LOG.info("registration {} cancelled ({})", r.id(), by);
    }

    /** Releases the seats of registrations not confirmed in time, and promotes the waitlists. */
    @Scheduled(fixedDelayString = "${essor.registration.expiry-poll:PT1M}", initialDelayString = "PT30S")
    public int expireHolds() {
        int expired = 0;
        while (true) {
            Boolean done = tx.execute(status -> {
                // skip locked: several instances share the work without waiting on each other
                Optional<Registration> r = jdbc.sql("""
                        select * from registration.registration
                        where status = 'PENDING_CONFIRMATION' and hold_expires_at < ?
                        order by hold_expires_at limit 1 for update skip locked""")
                        .param(utc(now())).query(Registrations::row).optional();
                if (r.isEmpty()) {
                    return true;
                }
                jdbc.sql("update registration.registration set status = 'EXPIRED', hold_expires_at = null where id = ?")
                        .param(r.get().id()).update();
                SeatLedger.release(jdbc, r.get().occurrenceId(), r.get().seats());
                promote(r.get().occurrenceId());
                return false;
            });
            if (Boolean.TRUE.equals(done)) {
                return expired;
            }
            expired++;
        }
    }

    /**
     * Gives free seats to the waitlist of a date, in order of arrival, as long as the first in line
     * fits: a person whose address is confirmed is registered, another gets a new hold and a link.
     */
    void promote(long occurrenceId) {
        while (true) {
            Optional<Registration> next = jdbc.sql("""
                    select * from registration.registration where occurrence_id = ? and status = 'WAITLISTED'
                    order by created_at, id limit 1 for update""")
                    .param(occurrenceId).query(Registrations::row).optional();
            if (next.isEmpty() || !SeatLedger.take(jdbc, occurrenceId, next.get().seats(), SeatLedger.Guard.COUNTER)) {
                return;
            }
            Registration r = next.get();
            boolean confirmed = r.emailConfirmed();
            String confirmToken = Tokens.random();
            String manageToken = links.token(r.id());
            jdbc.sql("""
                    update registration.registration set status = ?, confirmed_at = ?, hold_expires_at = ?,
                        confirm_token_hash = ?
                    where id = ?""")
                    .params(confirmed ? "CONFIRMED" : "PENDING_CONFIRMATION", confirmed ? utc(now()) : null,
                            confirmed ? null : utc(now().plus(properties.hold())), Tokens.hash(confirmToken), r.id())
                    .update();
            mailPromoted(find(r.id()).orElseThrow(), confirmed ? null : confirmToken, manageToken);
        }
    }

    // ---- organizers

    /** The registrations of a date that are still on: confirmed, waiting for their confirmation, or waitlisted. */
    List<Registration> live(long occurrenceId) {
        return jdbc.sql("select * from registration.registration where occurrence_id = ? and status in " + Status.LIVE_SQL
                + " order by created_at, id").param(occurrenceId).query(Registrations::row).list();
    }

    /** Forgets what this instance keeps of an event, which the agenda just changed. */
    void forget(long eventId) {
        eventCache.invalidate(eventId);
    }

    /** The registrations of a date, in order of arrival. */
    public List<Registration> attendees(long occurrenceId) {
        return jdbc.sql("select * from registration.registration where occurrence_id = ? order by created_at, id")
                .param(occurrenceId).query(Registrations::row).list();
    }

    /** The event a date belongs to, among those with registrations on Essor. */
    public Optional<Long> eventOfDate(long occurrenceId) {
        return jdbc.sql("select event_id from registration.slot where occurrence_id = ?").param(occurrenceId)
                .query(Long.class).optional();
    }

    /** Marks a confirmed registration present (or not); returns whether it changed. */
    @Transactional
    public boolean checkIn(long occurrenceId, UUID id, boolean present) {
        return jdbc.sql("""
                update registration.registration set checked_in_at = ? where id = ? and occurrence_id = ? and status = 'CONFIRMED'""")
                .params(present ? utc(now()) : null, id, occurrenceId).update() == 1;
    }

    /** Cancels a registration of one of the organizer's dates. */
    @Transactional
    public boolean cancelByOrganizer(long occurrenceId, UUID id) {
        Optional<Registration> r = find(id).filter(x -> x.occurrenceId() == occurrenceId && x.status().live());
        r.ifPresent(x -> cancel(x, "ORGANIZER"));
        return r.isPresent();
    }

    /** Mails every confirmed attendee of a date; returns how many. */
    @Transactional
    public int message(long occurrenceId, String subject, String body) {
        String s = subject == null ? "" : subject.strip();
        String b = body == null ? "" : body.strip();
        List<FieldError> errors = new ArrayList<>();
        if (s.isEmpty() || s.length() > 150) {
            errors.add(new FieldError("subject", "registration.error.subject"));
        }
        if (b.isEmpty() || b.length() > 5000) {
            errors.add(new FieldError("body", "registration.error.body"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        List<Registration> to = attendees(occurrenceId).stream().filter(r -> r.status() == Status.CONFIRMED).toList();
        to.forEach(r -> notifications.send(new Mail(r.email(), s, b + "\n\n— Message de l’organisateur, envoyé par Essor.")));
        return to.size();
    }

    public Optional<Registration> find(UUID id) {
        return jdbc.sql("select * from registration.registration where id = ?").param(id).query(Registrations::row).optional();
    }

    // ---- mails

    private String when(long occurrenceId) {
        return jdbc.sql("select starts_at from registration.slot where occurrence_id = ?").param(occurrenceId)
                .query(OffsetDateTime.class).optional()
                .map(t -> t.atZoneSameInstant(EssorApplication.ZONE).format(WHEN)).orElse("");
    }

    private String title(long eventId) {
        return jdbc.sql("select title from registration.offer where event_id = ?").param(eventId).query(String.class)
                .optional().orElse("");
    }

    private void mailRegistered(Registration r, String confirmToken, String manageToken) {
        String what = "« " + title(r.eventId()) + " », " + when(r.occurrenceId()) + ", " + r.seats()
                + (r.seats() > 1 ? " places" : " place");
        String manage = "\n\nPour voir ou annuler votre inscription : " + publicUrl + "/inscriptions/" + r.id() + "?jeton="
                + manageToken;
        String body = switch (r.status()) {
            case PENDING_CONFIRMATION -> "Bonjour " + r.name() + ",\n\nVos places sont réservées pour " + what
                    + ".\n\nConfirmez votre inscription avant " + properties.hold().toMinutes()
                    + " minutes, sinon les places seront libérées :\n\n" + publicUrl + "/inscriptions/confirmer?jeton="
                    + confirmToken + manage;
            case WAITLISTED -> "Bonjour " + r.name() + ",\n\nL’événement " + what
                    + " est complet : vous êtes sur la liste d’attente. Vous recevrez un courriel si des places se libèrent."
                    + "\n\nConfirmez dès maintenant votre adresse, pour être inscrit directement le moment venu :\n\n"
                    + publicUrl + "/inscriptions/confirmer?jeton=" + confirmToken + manage;
            default -> "Bonjour " + r.name() + ",\n\nL’organisateur vous a inscrit à " + what + "." + manage;
        };
        notifications.send(new Mail(r.email(), subject(r.status()) + title(r.eventId()), body));
    }

    private void mailPromoted(Registration r, String confirmToken, String manageToken) {
        String what = "« " + title(r.eventId()) + " », " + when(r.occurrenceId());
        String manage = "\n\nPour voir ou annuler votre inscription : " + publicUrl + "/inscriptions/" + r.id() + "?jeton="
                + manageToken;
        String body = confirmToken == null
                ? "Bonjour " + r.name() + ",\n\nDes places se sont libérées : vous êtes inscrit à " + what + "." + manage
                : "Bonjour " + r.name() + ",\n\nDes places se sont libérées pour " + what + ". Confirmez avant "
                        + properties.hold().toMinutes() + " minutes :\n\n" + publicUrl + "/inscriptions/confirmer?jeton="
                        + confirmToken + manage;
        notifications.send(new Mail(r.email(), "Une place pour vous : " + title(r.eventId()), body));
    }

    private static String subject(Status status) {
        return switch (status) {
            case PENDING_CONFIRMATION -> "Confirmez votre inscription : ";
            case WAITLISTED -> "Liste d’attente : ";
            default -> "Inscription : ";
        };
    }

    // ---- rows

    static Registration row(ResultSet rs, int n) throws SQLException {
        return new Registration(rs.getObject("id", UUID.class), rs.getLong("occurrence_id"), rs.getLong("event_id"),
                rs.getString("name"), rs.getString("email"), rs.getInt("seats"), Status.valueOf(rs.getString("status")),
                instant(rs, "created_at"), instant(rs, "hold_expires_at"), instant(rs, "confirmed_at"),
                instant(rs, "checked_in_at"), rs.getObject("email_confirmed_at") != null);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private String json(Map<String, String> answers) {
        return json.writeValueAsString(answers == null ? Map.of() : answers);
    }

    private Map<String, String> askedOnly(long eventId, Map<String, String> answers) {
        if (answers == null || answers.isEmpty()) {
            return Map.of();
        }
        List<String> asked = offerOf(eventId).map(Offer::questions).orElse(List.of());
        Map<String, String> kept = new LinkedHashMap<>();
        answers.forEach((q, a) -> {
            if (asked.contains(q) && a != null && !a.isBlank()) {
                kept.put(q, a.strip());
            }
        });
        return kept;
    }

    /** The answers of a date's registrations to the organizer's questions, by registration. */
    public Map<UUID, Map<String, String>> answers(long occurrenceId) {
        Map<UUID, Map<String, String>> all = new LinkedHashMap<>();
        jdbc.sql("select id, answers::text from registration.registration where occurrence_id = ?").param(occurrenceId)
                .query(rs -> {
                    @SuppressWarnings("unchecked")
                    Map<String, String> a = json.readValue(rs.getString(2), Map.class);
                    all.put(rs.getObject(1, UUID.class), a);
                });
        return all;
    }

    private Instant now() {
        return clock.instant();
    }

    private static OffsetDateTime utc(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }
}
