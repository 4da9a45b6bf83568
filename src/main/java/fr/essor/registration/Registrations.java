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
import java.util.UUID;

import fr.essor.agenda.Agenda;
import fr.essor.agenda.Event;
import fr.essor.agenda.EventStatus;
import fr.essor.agenda.Occurrence;
import fr.essor.agenda.RegistrationMode;
import fr.essor.registration.Registration.Status;
import fr.essor.shared.FieldError;
import fr.essor.shared.InvalidInput;
import fr.essor.shared.Tokens;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Registering to a date, confirming, cancelling: the life of a registration. It takes its seats at once (or joins the waitlist) and
 * keeps them {@code essor.registration.hold} until its address is confirmed by the mailed link; an
 * expired hold, a cancellation or a larger capacity frees seats, which go to the waitlist in order
 * of arrival. Registrations whose address is not confirmed hold at most a share of a date's seats
 * ({@link SeatLedger}). Registering twice with the same address for the same date gives back the first
 * registration, and mails the person rather than telling the requester. Every mail carries a private
 * link to see or cancel the registration.
 */
@Service
public class Registrations {

    private static final Logger LOG = LoggerFactory.getLogger(Registrations.class);

    private final JdbcClient jdbc;
    private final Agenda agenda;
    private final Offers offers;
    private final Waitlist waitlist;
    private final RegistrationMails mails;
    private final RegistrationProperties properties;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final JsonMapper json;
    private final RegistrationLinks links;
    /** Events as the agenda gives them, kept a few seconds: a rush asks for the same one thousands of times. */
    private final com.github.benmanes.caffeine.cache.Cache<Long, Optional<Event>> eventCache =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder()
                    .expireAfterWrite(java.time.Duration.ofSeconds(5))
                    .maximumSize(10_000)
                    .build();
    /** Only the race test sets another guard. */
    SeatLedger.Guard guard = SeatLedger.Guard.COUNTER;

    Registrations(
            JdbcClient jdbc,
            Agenda agenda,
            Offers offers,
            Waitlist waitlist,
            RegistrationMails mails,
            RegistrationProperties properties,
            TransactionTemplate tx,
            Clock clock,
            JsonMapper json,
            RegistrationLinks links) {
        this.jdbc = jdbc;
        this.agenda = agenda;
        this.offers = offers;
        this.waitlist = waitlist;
        this.mails = mails;
        this.properties = properties;
        this.tx = tx;
        this.clock = clock;
        this.json = json;
        this.links = links;
    }

    // ---- registering

    /** Where a registration comes from. */
    public enum Source {
        PUBLIC,
        API,
        ORGANIZER
    }

    /**
     * What a person sends to register.
     *
     * @param occurrenceId the date; may be {@code null} when the event has one date
     * @param consent whether the person accepted the stated use of their data (required from the form)
     */
    public record Request(
            long eventId,
            Long occurrenceId,
            String name,
            String email,
            int seats,
            Map<String, String> answers,
            boolean consent,
            Source source) {}

    /** A registration and whether this request created it (false: the same person was already registered). */
    public record Outcome(Registration registration, boolean created) {}

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
                    .params(occurrenceId, email)
                    .query(Object.class)
                    .single();
            Optional<Registration> existing = jdbc.sql("""
                    select * from registration.registration
                    where occurrence_id = ? and lower(email) = lower(?) and status in """ + Status.LIVE_SQL)
                    .params(occurrenceId, email)
                    .query(Registrations::row)
                    .optional();
            if (existing.isPresent()) {
                // the requester may not be the person: the answer stays the same as for a new
                // registration, and the person learns by mail that they are already registered
                if (r.source() != Source.ORGANIZER) {
                    mails.alreadyRegistered(existing.get());
                }
                return new Outcome(existing.get(), false);
            }
            // read under a share lock of the offer: a cancellation being handled waits for this registration
            // (and then tells it), or this registration waits for the cancellation (and is refused)
            boolean cancelled = jdbc.sql("""
                    select o.event_status = 'CANCELLED' or s.removed_at is not null
                    from registration.offer o join registration.slot s on s.event_id = o.event_id
                    where o.event_id = ? and s.occurrence_id = ? for key share of o""")
                    .params(r.eventId(), occurrenceId)
                    .query(Boolean.class)
                    .optional()
                    .orElse(true);
            if (cancelled) {
                throw new InvalidInput("eventId", "registration.error.event");
            }
            boolean organizer = r.source() == Source.ORGANIZER;
            Status state;
            SeatLedger.Taken taken =
                    SeatLedger.take(jdbc, occurrenceId, r.seats(), organizer, properties.quota(), guard);
            if (taken == SeatLedger.Taken.YES) {
                state = organizer ? Status.CONFIRMED : Status.PENDING_CONFIRMATION;
            } else if (taken == SeatLedger.Taken.UNCONFIRMED_QUOTA || waitlist(r.eventId())) {
                // past the unconfirmed quota, a person queues even where the event has no waitlist:
                // seats remain, and come to them in turn as the holds before theirs are confirmed or expire
                state = Status.WAITLISTED;
            } else {
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
                    .params(
                            id,
                            occurrenceId,
                            r.eventId(),
                            r.name().strip(),
                            email,
                            r.seats(),
                            state.name(),
                            json(askedOnly(r.eventId(), r.answers())),
                            r.source().name(),
                            r.consent() ? utc(now) : null,
                            organizer ? utc(now) : null,
                            state == Status.PENDING_CONFIRMATION ? utc(now.plus(properties.hold())) : null,
                            state == Status.CONFIRMED ? utc(now) : null,
                            organizer ? null : Tokens.hash(confirmToken),
                            Tokens.hash(manageToken),
                            utc(now))
                    .update();
            Registration created = find(id).orElseThrow();
            // answers to questions the organizer did not ask are not kept
            mails.registered(created, organizer ? null : confirmToken, taken == SeatLedger.Taken.UNCONFIRMED_QUOTA);
            return new Outcome(created, true);
        });
        return outcome;
    }

    private long checked(Request r) {
        List<FieldError> errors = new ArrayList<>();
        Event event = eventCache.get(r.eventId(), agenda::event).orElse(null);
        if (event == null
                || event.registration() != RegistrationMode.ESSOR
                || event.status() == EventStatus.CANCELLED) {
            throw new InvalidInput("eventId", "registration.error.event");
        }
        Long occurrenceId = r.occurrenceId();
        if (occurrenceId == null && event.occurrences().size() == 1) {
            occurrenceId = event.firstOccurrence().id();
        }
        Long chosen = occurrenceId;
        Optional<Occurrence> date = event.occurrences().stream()
                .filter(o -> chosen != null && o.id() == chosen)
                .findFirst();
        record Place(int maxSeats, boolean waitlist, int capacity, int taken, Instant startsAt, boolean cancelled) {}
        Optional<Place> place = chosen == null
                ? Optional.empty()
                : jdbc.sql("""
                select o.max_seats, o.waitlist, s.capacity, s.taken, s.starts_at,
                       o.event_status = 'CANCELLED' or s.removed_at is not null
                from registration.slot s
                join registration.offer o on o.event_id = s.event_id where s.occurrence_id = ? and s.event_id = ?""")
                        .params(chosen, r.eventId())
                        .query((rs, n) -> new Place(
                                rs.getInt(1),
                                rs.getBoolean(2),
                                rs.getInt(3),
                                rs.getInt(4),
                                instant(rs, 5),
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
        } else if (!place.get().startsAt().isAfter(now())) {
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
        // (whether the address is already registered or not: the answer says nothing of who attends)
        if (!place.get().waitlist()
                && place.get().taken() + r.seats() > place.get().capacity()
                && r.source() != Source.ORGANIZER) {
            throw new NoSeat();
        }
        return chosen;
    }

    private boolean waitlist(long eventId) {
        return jdbc.sql("select waitlist from registration.offer where event_id = ?")
                .param(eventId)
                .query(Boolean.class)
                .optional()
                .orElse(false);
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
        return confirmed(jdbc.sql("""
                select * from registration.registration
                where confirm_token_hash = ? and status in """ + Status.LIVE_SQL + " for update")
                .param(Tokens.hash(token))
                .query(Registrations::row)
                .optional());
    }

    /**
     * Confirms the address of a registration from its private link, which only its address received
     * (the mail saying that it was already registered carries no confirmation link).
     */
    @Transactional
    public Optional<Registration> confirmWithLink(UUID id, String token) {
        if (!Tokens.plausible(token)) {
            return Optional.empty();
        }
        return confirmed(jdbc.sql("""
                select * from registration.registration
                where id = ? and manage_token_hash = ? and status in """ + Status.LIVE_SQL + " for update")
                .params(id, Tokens.hash(token))
                .query(Registrations::row)
                .optional());
    }

    private Optional<Registration> confirmed(Optional<Registration> before) {
        if (before.isEmpty()) {
            return Optional.empty();
        }
        Registration was = before.get();
        jdbc.sql("""
                update registration.registration
                set status = case when status = 'PENDING_CONFIRMATION' then 'CONFIRMED' else status end,
                    confirmed_at = case when status = 'PENDING_CONFIRMATION' then ? else confirmed_at end,
                    email_confirmed_at = coalesce(email_confirmed_at, ?), hold_expires_at = null
                where id = ?""").params(utc(now()), utc(now()), was.id()).update();
        if (was.status() == Status.PENDING_CONFIRMATION) {
            SeatLedger.confirmed(jdbc, was.occurrenceId(), was.seats());
            LOG.info("registration {} confirmed", was.id());
        }
        // a hold less under the quota, or a person of the waitlist whose address is now confirmed
        waitlist.promote(was.occurrenceId());
        return find(was.id());
    }

    /** The registration its private link shows, if the link is its own. */
    public Optional<Registration> withLink(UUID id, String token) {
        if (!Tokens.plausible(token)) {
            return Optional.empty();
        }
        return jdbc.sql("select * from registration.registration where id = ? and manage_token_hash = ?")
                .params(id, Tokens.hash(token))
                .query(Registrations::row)
                .optional();
    }

    /**
     * Stops the organizer's messages to a registration, from its private link (the mails about the
     * registration itself — changes, reminder — still go).
     */
    @Transactional
    public Optional<Registration> stopMessages(UUID id, String token) {
        Optional<Registration> r = withLink(id, token);
        r.ifPresent(x -> jdbc.sql("""
                update registration.registration set messages_opt_out_at = coalesce(messages_opt_out_at, ?)
                where id = ?""").params(utc(now()), x.id()).update());
        return r;
    }

    /** Whether the person stopped the organizer's messages. */
    public boolean messagesStopped(UUID id) {
        return jdbc.sql("select messages_opt_out_at is not null from registration.registration where id = ?")
                .param(id)
                .query(Boolean.class)
                .optional()
                .orElse(false);
    }

    /** Cancels a registration from its private link; its seats go to the waitlist. */
    @Transactional
    public Optional<Registration> cancel(UUID id, String token) {
        Optional<Registration> r = withLink(id, token).filter(x -> x.status().live());
        r.ifPresent(x -> cancel(x, "PUBLIC"));
        return r.flatMap(x -> find(x.id()));
    }

    /** Cancels a live registration ({@code by} the person or the organizer, for the log); its seats go to the waitlist. */
    void cancel(Registration r, String by) {
        int updated =
                jdbc.sql("""
                update registration.registration set status = 'CANCELLED', cancelled_at = ?, hold_expires_at = null
                where id = ? and status = ?""").params(utc(now()), r.id(), r.status().name()).update();
        if (updated == 1 && r.status().holdsSeats()) {
            SeatLedger.release(jdbc, r.occurrenceId(), r.seats(), r.status() == Status.PENDING_CONFIRMATION);
            waitlist.promote(r.occurrenceId());
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
                        .param(utc(now()))
                        .query(Registrations::row)
                        .optional();
                if (r.isEmpty()) {
                    return true;
                }
                jdbc.sql("update registration.registration set status = 'EXPIRED', hold_expires_at = null where id = ?")
                        .param(r.get().id())
                        .update();
                SeatLedger.release(jdbc, r.get().occurrenceId(), r.get().seats(), true);
                waitlist.promote(r.get().occurrenceId());
                return false;
            });
            if (Boolean.TRUE.equals(done)) {
                return expired;
            }
            expired++;
        }
    }

    // ---- organizers

    /** The registrations of a date that are still on: confirmed, waiting for their confirmation, or waitlisted. */
    List<Registration> live(long occurrenceId) {
        return jdbc.sql("select * from registration.registration where occurrence_id = ? and status in "
                        + Status.LIVE_SQL + " order by created_at, id")
                .param(occurrenceId)
                .query(Registrations::row)
                .list();
    }

    /** Forgets what this instance keeps of an event, which the agenda just changed. */
    void forget(long eventId) {
        eventCache.invalidate(eventId);
    }

    public Optional<Registration> find(UUID id) {
        return jdbc.sql("select * from registration.registration where id = ?")
                .param(id)
                .query(Registrations::row)
                .optional();
    }

    // ---- rows

    static Registration row(ResultSet rs, int n) throws SQLException {
        return new Registration(
                rs.getObject("id", UUID.class),
                rs.getLong("occurrence_id"),
                rs.getLong("event_id"),
                rs.getString("name"),
                rs.getString("email"),
                rs.getInt("seats"),
                Status.valueOf(rs.getString("status")),
                instant(rs, "created_at"),
                instant(rs, "hold_expires_at"),
                instant(rs, "confirmed_at"),
                instant(rs, "checked_in_at"),
                rs.getObject("email_confirmed_at") != null);
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
        List<String> asked = offers.questions(eventId);
        Map<String, String> kept = new LinkedHashMap<>();
        answers.forEach((q, a) -> {
            if (asked.contains(q) && a != null && !a.isBlank()) {
                kept.put(q, a.strip());
            }
        });
        return kept;
    }

    private Instant now() {
        return clock.instant();
    }

    private static OffsetDateTime utc(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }
}
