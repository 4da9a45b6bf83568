package fr.essor.agenda;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import fr.essor.EssorApplication;
import fr.essor.agenda.store.EventRepository;
import fr.essor.territory.Commune;
import fr.essor.territory.Territories;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A small, hand-checkable edition (2030) for exact tests, created once per test database next to the
 * demo data. Events are known by a short key.
 */
@Component
public class AgendaFixtures {

    public static final int YEAR = 2030;

    private final EventRepository events;
    private final Territories territories;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Map<String, Long> ids = new LinkedHashMap<>();

    AgendaFixtures(
            EventRepository events, Territories territories, JdbcClient jdbc, TransactionTemplate tx, Clock clock) {
        this.events = events;
        this.territories = territories;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
    }

    /** Creates the 2030 edition if needed; returns the ids of its events by key. */
    public synchronized Map<String, Long> ensure() {
        if (!ids.isEmpty()) {
            return ids;
        }
        TestEditions.workshop(jdbc, events, tx);
        tx.executeWithoutResult(s -> {
            jdbc.sql("select pg_advisory_xact_lock(hashtext('essor.test.fixtures'))")
                    .query(Object.class)
                    .single();
            var existing = jdbc.sql(
                            "select e.id, e.title from agenda.event e join agenda.edition ed on ed.id = e.edition_id where ed.year = ?")
                    .param(YEAR)
                    .query((rs, n) -> Map.entry(rs.getString(2), rs.getLong(1)))
                    .list();
            if (!existing.isEmpty()) {
                existing.forEach(e -> ids.put(keyOf(e.getKey()), e.getValue()));
                return;
            }
            long edition = events.insertEdition(
                    YEAR,
                    23,
                    "Mois de l'ESS 2030 — 23e édition",
                    LocalDate.of(YEAR, 11, 1),
                    LocalDate.of(YEAR, 11, 30),
                    null,
                    null,
                    List.of("76"),
                    false);
            Commune montpellier = territories.commune("34172").orElseThrow();
            Commune toulouse = territories.commune("31555").orElseThrow();
            Commune sete = territories.commune("34301").orElseThrow();
            Commune nantes = territories.commune("44109").orElseThrow();
            put(
                    "economie",
                    edition,
                    "[economie] Économie sociale et solidaire : le grand forum",
                    EventType.FORUM,
                    List.of(Theme.COOPERATION_ENTREPRENEURIAT),
                    List.of(Audience.GRAND_PUBLIC),
                    montpellier,
                    Attendance.IN_PERSON,
                    true,
                    EnumSet.of(AccessibilityFeature.WHEELCHAIR),
                    EventStatus.SCHEDULED,
                    List.of(day(5, 9, 12)));
            put(
                    "atelier",
                    edition,
                    "[atelier] Atelier réparation de vélos",
                    EventType.ATELIER,
                    List.of(Theme.ECONOMIE_CIRCULAIRE, Theme.MOBILITE),
                    List.of(Audience.JEUNES_SCOLAIRES),
                    toulouse,
                    Attendance.IN_PERSON,
                    false,
                    Set.of(),
                    EventStatus.SCHEDULED,
                    List.of(day(12, 14, 17), day(19, 14, 17)));
            put(
                    "webinaire",
                    edition,
                    "[webinaire] Webinaire : financer son projet coopératif",
                    EventType.CONFERENCE,
                    List.of(Theme.FINANCE_SOLIDAIRE),
                    List.of(Audience.PORTEURS_PROJET),
                    toulouse,
                    Attendance.ONLINE,
                    true,
                    EnumSet.of(AccessibilityFeature.SUBTITLES),
                    EventStatus.SCHEDULED,
                    List.of(day(20, 18, 19)));
            put(
                    "sete",
                    edition,
                    "[sete] Portes ouvertes d'une recyclerie",
                    EventType.PORTES_OUVERTES,
                    List.of(Theme.ECONOMIE_CIRCULAIRE),
                    List.of(Audience.GRAND_PUBLIC),
                    sete,
                    Attendance.HYBRID,
                    true,
                    Set.of(),
                    EventStatus.CANCELLED,
                    List.of(day(8, 10, 16)));
            put(
                    "nantes",
                    edition,
                    "[nantes] Rencontre des coopératives de l'Ouest",
                    EventType.RENCONTRE,
                    List.of(Theme.COOPERATION_ENTREPRENEURIAT),
                    List.of(Audience.PROFESSIONNELS),
                    nantes,
                    Attendance.IN_PERSON,
                    true,
                    Set.of(),
                    EventStatus.SCHEDULED,
                    List.of(day(26, 9, 17)));
        });
        return ids;
    }

    /**
     * An event of the 2031 test edition that takes its registrations on Essor, in Montpellier, with one
     * date of an hour and a half at this local time; returns its id (its date is its only occurrence).
     */
    public long registrationEvent(String title, LocalDateTime start) {
        ensure();
        long edition = jdbc.sql("select id from agenda.edition where year = 2031")
                .query(Long.class)
                .single();
        java.time.Instant from = start.atZone(EssorApplication.ZONE).toInstant();
        return events.insertEvent(
                new NewEvent(
                        edition,
                        title,
                        "Un atelier pour les tests.",
                        "",
                        EventType.ATELIER,
                        List.of(Theme.NUMERIQUE),
                        List.of(Audience.GRAND_PUBLIC),
                        List.of(new NewEvent.Dates(from, from.plusSeconds(5400))),
                        new Venue("Salle", null, "34000", "34172", "Montpellier", "34", "76", 43.61, 3.87),
                        Attendance.IN_PERSON,
                        null,
                        true,
                        null,
                        RegistrationMode.ESSOR,
                        null,
                        EnumSet.noneOf(AccessibilityFeature.class),
                        title,
                        List.of(),
                        EventStatus.SCHEDULED,
                        null,
                        null,
                        null,
                        false),
                clock.instant());
    }

    /** The only date of an event. */
    public long onlyDate(long eventId) {
        return jdbc.sql("select id from agenda.occurrence where event_id = ?")
                .param(eventId)
                .query(Long.class)
                .single();
    }

    /** Changes an event's status as an organizer will, so that feeds show the change. */
    public void changeStatus(long id, EventStatus status, String reason) {
        events.updateStatus(id, status, reason, clock.instant());
    }

    private void put(
            String key,
            long edition,
            String title,
            EventType type,
            List<Theme> themes,
            List<Audience> audiences,
            Commune c,
            Attendance attendance,
            boolean free,
            Set<AccessibilityFeature> access,
            EventStatus status,
            List<NewEvent.Dates> dates) {
        Venue venue = attendance == Attendance.ONLINE
                ? new Venue(null, null, null, c.code(), c.name(), c.departement(), c.region(), null, null)
                : new Venue(
                        "Salle des fêtes",
                        "1 place de la Mairie",
                        c.postcodes().getFirst(),
                        c.code(),
                        c.name(),
                        c.departement(),
                        c.region(),
                        c.latitude(),
                        c.longitude());
        long id = events.insertEvent(
                new NewEvent(
                        edition,
                        title,
                        "Résumé de " + key + ", avec « guillemets » et virgules.",
                        "Description **en Markdown** de " + key + ".\n\n<script>alert('x')</script>",
                        type,
                        themes,
                        audiences,
                        dates,
                        venue,
                        attendance,
                        attendance == Attendance.IN_PERSON ? null : "https://visio.example.org/" + key,
                        free,
                        free ? null : "5 €",
                        RegistrationMode.NONE,
                        null,
                        access,
                        "Association des tests",
                        List.of(),
                        status,
                        status == EventStatus.CANCELLED ? "Annulé pour les besoins du test" : null,
                        null,
                        null,
                        false),
                clock.instant());
        ids.put(key, id);
    }

    private static String keyOf(String title) {
        return title.substring(1, title.indexOf(']'));
    }

    private static NewEvent.Dates day(int day, int fromHour, int toHour) {
        LocalDateTime start = LocalDate.of(YEAR, 11, day).atTime(fromHour, 0);
        return new NewEvent.Dates(
                start.atZone(EssorApplication.ZONE).toInstant(),
                start.withHour(toHour).atZone(EssorApplication.ZONE).toInstant());
    }
}
