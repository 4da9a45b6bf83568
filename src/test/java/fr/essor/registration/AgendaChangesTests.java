package fr.essor.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

import fr.essor.EssorApplication;
import fr.essor.agenda.AgendaCommands;
import fr.essor.agenda.AgendaFixtures;
import fr.essor.agenda.EventCancelled;
import fr.essor.agenda.EventStatus;
import fr.essor.agenda.NewEvent;
import fr.essor.agenda.store.EventRepository;
import fr.essor.notification.Notifications;
import fr.essor.registration.Registration.Status;
import fr.essor.shared.InvalidInput;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * People registered to an event the agenda cancels, postpones or moves are told once each, with their
 * private link; their seats stay as they were; reminders follow the agenda's title and time and never
 * go for a cancelled event; registrations to a cancelled event are refused.
 */
@SpringBootTest
class AgendaChangesTests {

    private static final Duration DELIVERY = Duration.ofSeconds(20);

    @Autowired
    Registrations registrations;

    @Autowired
    Offers offers;

    @Autowired
    RegistrationUpkeep upkeep;

    @Autowired
    AgendaCommands agenda;

    @Autowired
    EventRepository events;

    @Autowired
    AgendaFixtures agendaFixtures;

    @Autowired
    Notifications notifications;

    @Autowired
    ApplicationEventPublisher publisher;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    JdbcClient jdbc;

    private RegistrationFixtures fixtures;

    /** One confirmed, one waiting for its confirmation, one on the waitlist: two seats, both taken. */
    private record Three(
            long event, String title, Registration confirmed, Registration pending, Registration waitlisted) {

        List<Registration> all() {
            return List.of(confirmed, pending, waitlisted);
        }
    }

    @BeforeEach
    void fixtures() {
        fixtures = new RegistrationFixtures(events, offers, agendaFixtures, jdbc);
    }

    private Three three(String what) {
        String title = what + " " + System.nanoTime();
        long event = fixtures.event(title, true, 1, 2);
        String key = UUID.randomUUID().toString().substring(0, 8);
        Registration confirmed = registrations
                .register(fixtures.request(event, "confirme-" + key + "@example.org", 1))
                .registration();
        jdbc.sql(
                        "update registration.registration set status = 'CONFIRMED', confirmed_at = now(), email_confirmed_at = now() where id = ?")
                .param(confirmed.id())
                .update();
        Registration pending = registrations
                .register(fixtures.request(event, "attente-" + key + "@example.org", 1))
                .registration();
        Registration waitlisted = registrations
                .register(fixtures.request(event, "liste-" + key + "@example.org", 1))
                .registration();
        assertThat(waitlisted.status()).isEqualTo(Status.WAITLISTED);
        return new Three(event, title, registrations.find(confirmed.id()).orElseThrow(), pending, waitlisted);
    }

    private List<Notifications.LocalMail> mails(String to, String subjectStart) {
        return notifications.localMailbox(5000).stream()
                .filter(m -> m.to().equals(to) && m.subject().startsWith(subjectStart))
                .toList();
    }

    private int taken(long event) {
        return jdbc.sql("select sum(taken) from registration.slot where event_id = ?")
                .param(event)
                .query(Integer.class)
                .single();
    }

    private void awaitOneEach(Three three, String subjectStart) {
        await().atMost(DELIVERY).untilAsserted(() -> {
            for (Registration r : three.all()) {
                assertThat(mails(r.email(), subjectStart))
                        .singleElement()
                        .satisfies(m -> assertThat(m.body())
                                .contains(three.title())
                                .contains("/inscriptions/" + r.id() + "?jeton=")
                                .contains("Bonjour " + r.name()));
            }
        });
    }

    @Test
    void aCancellationIsToldOnceToEveryoneRegisteredAndKeepsTheSeats() {
        Three three = three("Annulé");
        int takenBefore = taken(three.event());

        agenda.changeStatus(three.event(), EventStatus.CANCELLED, "La salle est inondée.");

        awaitOneEach(three, "Événement annulé");
        assertThat(mails(three.confirmed().email(), "Événement annulé")
                        .getFirst()
                        .body())
                .contains("La salle est inondée.");
        assertThat(taken(three.event())).isEqualTo(takenBefore);
        for (Registration r : three.all()) {
            assertThat(registrations.find(r.id()).orElseThrow().status()).isEqualTo(r.status());
        }
        assertThat(offers.offerOf(three.event()).orElseThrow().cancelled()).isTrue();
        // nobody registers to it any more, whatever the agenda's answer kept in memory says
        assertThatThrownBy(() -> registrations.register(
                        fixtures.request(three.event(), "tard-" + System.nanoTime() + "@example.org", 1)))
                .isInstanceOf(InvalidInput.class)
                .satisfies(ex -> assertThat(((InvalidInput) ex).errors())
                        .anySatisfy(e -> assertThat(e.messageKey()).isEqualTo("registration.error.event")));
        // and nobody is reminded of it
        jdbc.sql("update registration.slot set starts_at = now() + interval '20 hours' where event_id = ?")
                .param(three.event())
                .update();
        upkeep.remind();
        assertThat(mails(three.confirmed().email(), "Rappel")).isEmpty();
    }

    @Test
    void aChangeDeliveredTwiceIsToldOnce() {
        Three three = three("Deux fois");
        EventCancelled cancelled = new EventCancelled(UUID.randomUUID(), three.event(), three.title(), "Motif unique.");
        tx.executeWithoutResult(s -> publisher.publishEvent(cancelled));
        awaitOneEach(three, "Événement annulé");

        tx.executeWithoutResult(s -> publisher.publishEvent(cancelled));
        // the second delivery is handled when its publication completes; then nothing more was sent
        await().atMost(DELIVERY)
                .until(() -> jdbc.sql("""
                select count(*) from event_publication where serialized_event like ? and completion_date is null""")
                                .param("%" + cancelled.changeId() + "%")
                                .query(Long.class)
                                .single()
                        == 0);
        awaitOneEach(three, "Événement annulé");
    }

    @Test
    void aPostponementThenANewDateAreToldOnceEach() {
        Three three = three("Reporté");
        agenda.changeStatus(three.event(), EventStatus.POSTPONED, "Grève des transports.");
        awaitOneEach(three, "Événement reporté");
        agenda.changeStatus(three.event(), EventStatus.SCHEDULED, null);
        awaitOneEach(three, "De nouveau programmé");
        // scheduled again while scheduled: nothing to tell
        agenda.changeStatus(three.event(), EventStatus.SCHEDULED, null);
        assertThat(offers.offerOf(three.event()).orElseThrow().eventStatus()).isEqualTo("SCHEDULED");
        awaitOneEach(three, "De nouveau programmé");
    }

    @Test
    void aMovedDateIsToldOnceAndTheReminderGoesAtTheNewTimeWithTheNewTitle() {
        Three three = three("Déplacé");
        long date = fixtures.occurrences(three.event()).getFirst();
        Instant start = Instant.now().plus(Duration.ofHours(20)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        String renamed = three.title() + " (nouvelle salle)";
        agenda.revise(
                three.event(), fixtures.newEvent(renamed, List.of(new NewEvent.Dates(start, start.plusSeconds(3600)))));

        await().atMost(DELIVERY).untilAsserted(() -> {
            for (Registration r : three.all()) {
                assertThat(mails(r.email(), "Changement d’horaire"))
                        .singleElement()
                        .satisfies(m -> assertThat(m.body())
                                .contains(renamed)
                                .contains("/inscriptions/" + r.id() + "?jeton=")
                                .contains("avant\u00a0: le vendredi 14 novembre 2031 de 10h00 à 12h00"));
            }
        });
        var slot = offers.offerOf(three.event()).orElseThrow().dates().getFirst();
        assertThat(slot.occurrenceId()).isEqualTo(date);
        assertThat(slot.startsAt()).isEqualTo(start);
        assertThat(slot.previousStartsAt())
                .isEqualTo(LocalDateTime.of(2031, 11, 14, 10, 0)
                        .atZone(EssorApplication.ZONE)
                        .toInstant());
        assertThat(taken(three.event())).isEqualTo(2);

        upkeep.remind();
        String hour = String.format(
                "%02dh%02d",
                start.atZone(EssorApplication.ZONE).getHour(),
                start.atZone(EssorApplication.ZONE).getMinute());
        assertThat(mails(three.confirmed().email(), "Rappel"))
                .singleElement()
                .satisfies(m -> assertThat(m.subject()).contains(renamed))
                .satisfies(m -> assertThat(m.body()).contains(hour));
        // a title changed without a date moving is copied, and nobody is told
        String again = renamed + " bis";
        agenda.revise(
                three.event(), fixtures.newEvent(again, List.of(new NewEvent.Dates(start, start.plusSeconds(3600)))));
        await().atMost(DELIVERY)
                .until(() -> jdbc.sql("select title from registration.offer where event_id = ?")
                        .param(three.event())
                        .query(String.class)
                        .single()
                        .equals(again));
        assertThat(mails(three.pending().email(), "Changement d’horaire")).hasSize(1);
    }

    @Test
    void aRemovedDateIsToldAndTakesNoMoreRegistrations() {
        String title = "Deux dates " + System.nanoTime();
        long event = fixtures.event(title, true, 1, 5, 5);
        List<Long> dates = fixtures.occurrences(event);
        String email = "seconde-" + System.nanoTime() + "@example.org";
        Registration second = registrations
                .register(new Registrations.Request(
                        event,
                        dates.get(1),
                        "Personne",
                        email,
                        1,
                        java.util.Map.of(),
                        true,
                        Registrations.Source.PUBLIC))
                .registration();
        Instant first = LocalDateTime.of(2031, 11, 14, 10, 0)
                .atZone(EssorApplication.ZONE)
                .toInstant();
        agenda.revise(event, fixtures.newEvent(title, List.of(new NewEvent.Dates(first, first.plusSeconds(7200)))));

        await().atMost(DELIVERY)
                .untilAsserted(() -> assertThat(mails(email, "Date annulée"))
                        .singleElement()
                        .satisfies(m -> assertThat(m.body())
                                .contains("samedi 15 novembre 2031")
                                .contains("/inscriptions/" + second.id())));
        assertThat(offers.offerOf(event).orElseThrow().dates())
                .filteredOn(d -> d.occurrenceId() == dates.get(1))
                .singleElement()
                .satisfies(d -> assertThat(d.removedAt()).isNotNull());
        assertThatThrownBy(() -> registrations.register(new Registrations.Request(
                        event,
                        dates.get(1),
                        "Autre",
                        "autre-" + System.nanoTime() + "@example.org",
                        1,
                        java.util.Map.of(),
                        true,
                        Registrations.Source.PUBLIC)))
                .isInstanceOf(InvalidInput.class);
    }
}
