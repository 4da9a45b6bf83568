package fr.essor.agenda;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;

import fr.essor.EssorApplication;
import fr.essor.HttpTestSupport;
import fr.essor.agenda.store.EventRepository;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * « Upcoming » means not yet ended: an event of this morning that is over is no longer listed by default,
 * and a multi-date event shows its next date, not its first.
 */
class UpcomingTests extends HttpTestSupport {

    @Autowired
    EventRepository events;

    @Autowired
    AgendaFixtures fixtures;

    @Autowired
    Agenda agenda;

    @Autowired
    JdbcClient jdbc;

    private long event(String title, List<NewEvent.Dates> dates) {
        long edition = jdbc.sql("select id from agenda.edition where year = 2031")
                .query(Long.class)
                .single();
        return events.insertEvent(
                new NewEvent(
                        edition,
                        title,
                        "Pour les tests.",
                        "",
                        EventType.ATELIER,
                        List.of(Theme.NUMERIQUE),
                        List.of(Audience.GRAND_PUBLIC),
                        dates,
                        new Venue("Salle", null, "34000", "34172", "Montpellier", "34", "76", 43.61, 3.87),
                        Attendance.IN_PERSON,
                        null,
                        true,
                        null,
                        RegistrationMode.NONE,
                        null,
                        EnumSet.noneOf(AccessibilityFeature.class),
                        "Tests",
                        List.of(),
                        EventStatus.SCHEDULED,
                        null,
                        null,
                        null,
                        false),
                Instant.now());
    }

    @Test
    void anEventOverIsNotUpcomingAndAMultiDateEventShowsItsNextDate() {
        fixtures.ensure();
        // a word of its own, so that the search finds these events only
        StringBuilder word = new StringBuilder("zq");
        Random random = new Random();
        for (int i = 0; i < 8; i++) {
            word.append((char) ('a' + random.nextInt(26)));
        }
        Instant now = Instant.now();
        event(
                "Fini " + word,
                List.of(new NewEvent.Dates(now.minus(Duration.ofHours(3)), now.minus(Duration.ofMinutes(2)))));
        Instant next = now.plus(Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        long multi = event(
                "Plusieurs dates " + word,
                List.of(
                        new NewEvent.Dates(
                                now.minus(Duration.ofDays(2)),
                                now.minus(Duration.ofDays(2)).plus(Duration.ofHours(2))),
                        new NewEvent.Dates(next, next.plus(Duration.ofHours(2)))));
        event(
                "Bientôt " + word,
                List.of(new NewEvent.Dates(now.plus(Duration.ofHours(2)), now.plus(Duration.ofHours(3)))));

        String page = get("/agenda?q=" + word).body();
        assertThat(page).contains("Plusieurs dates " + word, "Bientôt " + word).doesNotContain("Fini " + word);

        assertThat(agenda.event(multi).orElseThrow().nextOccurrence().startsAt().toInstant())
                .isEqualTo(next);
        String card = page.substring(page.indexOf("Plusieurs dates " + word));
        String day = next.atZone(EssorApplication.ZONE).toLocalDate().toString();
        assertThat(card.substring(0, Math.min(card.length(), 600))).contains("datetime=\"" + day);
    }
}
