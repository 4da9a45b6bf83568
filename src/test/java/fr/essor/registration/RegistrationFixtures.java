package fr.essor.registration;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.EnumSet;
import java.util.List;

import fr.essor.EssorApplication;
import fr.essor.agenda.AgendaFixtures;
import fr.essor.agenda.Attendance;
import fr.essor.agenda.Audience;
import fr.essor.agenda.EventStatus;
import fr.essor.agenda.EventType;
import fr.essor.agenda.NewEvent;
import fr.essor.agenda.RegistrationMode;
import fr.essor.agenda.Theme;
import fr.essor.agenda.Venue;
import fr.essor.agenda.store.EventRepository;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Events of the test edition (2031) that take their registrations on Essor, with the seats a test needs. */
final class RegistrationFixtures {

    private final EventRepository events;
    private final Offers offers;
    private final JdbcClient jdbc;

    RegistrationFixtures(EventRepository events, Offers offers, AgendaFixtures agenda, JdbcClient jdbc) {
        this.events = events;
        this.offers = offers;
        this.jdbc = jdbc;
        agenda.ensure();
    }

    /** An event with one date per capacity given (14, 15, … November 2031, 10:00–12:00). */
    long event(String title, boolean waitlist, int maxSeats, int... capacities) {
        long edition = jdbc.sql("select id from agenda.edition where year = 2031")
                .query(Long.class)
                .single();
        List<NewEvent.Dates> dates = new java.util.ArrayList<>();
        for (int i = 0; i < capacities.length; i++) {
            Instant start = LocalDateTime.of(2031, 11, 14 + i, 10, 0)
                    .atZone(EssorApplication.ZONE)
                    .toInstant();
            dates.add(new NewEvent.Dates(start, start.plusSeconds(7200)));
        }
        long id = events.insertEvent(newEvent(title, dates), Instant.now());
        List<Long> occurrences = occurrences(id);
        List<Offers.DateCapacity> caps = new java.util.ArrayList<>();
        for (int i = 0; i < capacities.length; i++) {
            caps.add(new Offers.DateCapacity(occurrences.get(i), capacities[i]));
        }
        offers.offer(id, maxSeats, waitlist, caps);
        return id;
    }

    /** What such an event says, with these dates: to create it, or to revise it. */
    NewEvent newEvent(String title, List<NewEvent.Dates> dates) {
        long edition = jdbc.sql("select id from agenda.edition where year = 2031")
                .query(Long.class)
                .single();
        return new NewEvent(
                edition,
                title,
                "Un atelier à places limitées pour les tests.",
                "",
                EventType.ATELIER,
                List.of(Theme.ECONOMIE_CIRCULAIRE),
                List.of(Audience.GRAND_PUBLIC),
                dates,
                new Venue("Salle des fêtes", null, "34000", "34172", "Montpellier", "34", "76", 43.61, 3.87),
                Attendance.IN_PERSON,
                null,
                true,
                null,
                RegistrationMode.ESSOR,
                null,
                EnumSet.noneOf(fr.essor.agenda.AccessibilityFeature.class),
                "Organisateur de test",
                List.of(),
                EventStatus.SCHEDULED,
                null,
                null,
                null,
                false);
    }

    List<Long> occurrences(long eventId) {
        return jdbc.sql("select id from agenda.occurrence where event_id = ? order by starts_at")
                .param(eventId)
                .query(Long.class)
                .list();
    }

    Registrations.Request request(long eventId, String email, int seats) {
        return new Registrations.Request(
                eventId,
                null,
                "Personne " + email,
                email,
                seats,
                java.util.Map.of(),
                true,
                Registrations.Source.PUBLIC);
    }
}
