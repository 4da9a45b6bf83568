package fr.essor.agenda.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import fr.essor.HttpTestSupport;
import fr.essor.agenda.AccessibilityFeature;
import fr.essor.agenda.AgendaFixtures;
import fr.essor.agenda.Attendance;
import fr.essor.agenda.Audience;
import fr.essor.agenda.Event;
import fr.essor.agenda.EventPage;
import fr.essor.agenda.EventQuery;
import fr.essor.agenda.EventStatus;
import fr.essor.agenda.EventType;
import fr.essor.agenda.NewEvent;
import fr.essor.agenda.RegistrationMode;
import fr.essor.agenda.Theme;
import fr.essor.agenda.Venue;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The search index gives the database's search's answers — the same events, in the same order, with the
 * same count — on hundreds of distinct queries (words and their prefixes, stop words, départements,
 * communes, distances, months, types, themes, audiences, pages); after an event is created, revised and
 * cancelled; after a change written by another instance; and once rebuilt, as at a restart.
 */
class EventIndexTests extends HttpTestSupport {

    private static final List<String> WORDS = List.of(
            "economie",
            "econ",
            "solidaire",
            "solidarite",
            "cooperative",
            "coop",
            "association",
            "emploi",
            "insertion",
            "numerique",
            "atelier",
            "forum",
            "rencontre",
            "reemploi",
            "circuits",
            "alimentation",
            "jeunes",
            "femmes",
            "de",
            "la",
            "les",
            "Économie sociale",
            "ESS",
            "mutuelle",
            "transition",
            "écologique",
            "tiers-lieu",
            "zzzz",
            "2019",
            "montpellier",
            "toulouse");

    @Autowired
    EventIndex index;

    @Autowired
    EventRepository repository;

    @Autowired
    AgendaFixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    private void same(EventIndex engine, EventQuery query) {
        EventPage expected = repository.search(query);
        EventIndex.Hits hits = engine.search(query, EventRepository.prefixQuery(query.q()));
        assertThat(hits.ids())
                .as("the page of %s", query)
                .containsExactlyElementsOf(
                        expected.events().stream().map(Event::id).toList());
        assertThat(hits.total()).as("the count of %s", query).isEqualTo(expected.totalItems());
    }

    private List<EventQuery> queries(int count, long seed) {
        Random random = new Random(seed);
        List<String> departements = jdbc.sql("select distinct departement_code from agenda.event "
                        + "where departement_code is not null order by 1")
                .query(String.class)
                .list();
        List<String> communes = jdbc.sql("select distinct commune_code from agenda.event "
                        + "where commune_code is not null order by 1 limit 30")
                .query(String.class)
                .list();
        List<Integer> years = jdbc.sql("select year from agenda.edition order by year")
                .query(Integer.class)
                .list();
        List<EventQuery> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String words = random.nextInt(4) == 0
                    ? null
                    : WORDS.get(random.nextInt(WORDS.size()))
                            + (random.nextInt(4) == 0 ? " " + WORDS.get(random.nextInt(WORDS.size())) : "");
            String departement = random.nextInt(3) == 0 ? departements.get(random.nextInt(departements.size())) : null;
            String commune = random.nextInt(8) == 0 ? communes.get(random.nextInt(communes.size())) : null;
            LocalDate from = null;
            LocalDate to = null;
            if (random.nextBoolean()) {
                int year = years.get(random.nextInt(years.size()));
                from = LocalDate.of(year, 1 + random.nextInt(12), 1);
                to = from.plusMonths(1).minusDays(1);
            }
            Set<EventType> types = random.nextInt(5) == 0
                    ? Set.of(EventType.values()[random.nextInt(EventType.values().length)])
                    : Set.of();
            Set<Theme> themes =
                    random.nextInt(5) == 0 ? Set.of(Theme.values()[random.nextInt(Theme.values().length)]) : Set.of();
            Set<Audience> audiences = random.nextInt(6) == 0
                    ? Set.of(Audience.values()[random.nextInt(Audience.values().length)])
                    : Set.of();
            EventQuery.GeoPoint near = random.nextInt(8) == 0
                    ? new EventQuery.GeoPoint(43.61 + random.nextDouble() * 0.5, 3.87 - random.nextDouble() * 2)
                    : null;
            Integer radius = near == null ? null : 5 + random.nextInt(60);
            Boolean free = random.nextInt(6) == 0 ? random.nextBoolean() : null;
            Boolean accessible = random.nextInt(8) == 0 ? random.nextBoolean() : null;
            Boolean online = random.nextInt(8) == 0 ? random.nextBoolean() : null;
            Integer edition = random.nextInt(6) == 0 ? years.get(random.nextInt(years.size())) : null;
            EventQuery q = new EventQuery(
                    words,
                    from,
                    to,
                    null,
                    departement,
                    commune,
                    near,
                    radius,
                    types,
                    themes,
                    audiences,
                    free,
                    accessible,
                    online,
                    edition,
                    1 + random.nextInt(3),
                    random.nextBoolean() ? 20 : 7,
                    random.nextInt(6) == 0 ? Instant.now() : null);
            out.add(q);
        }
        return out;
    }

    private long insert(String title, Instant start) {
        return insert(title, List.of(new NewEvent.Dates(start, start.plus(Duration.ofHours(2)))));
    }

    private long insert(String title, List<NewEvent.Dates> dates) {
        long edition = jdbc.sql("select id from agenda.edition where year = 2031")
                .query(Long.class)
                .single();
        return repository.insertEvent(
                new NewEvent(
                        edition,
                        title,
                        "Un résumé pour les tests.",
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

    private static String word(Random random) {
        StringBuilder w = new StringBuilder("qx");
        for (int i = 0; i < 8; i++) {
            w.append((char) ('a' + random.nextInt(26)));
        }
        return w.toString();
    }

    @Test
    void theIndexAnswersAsTheDatabaseDoes() {
        fixtures.ensure();
        assertThat(index.ready()).isTrue();
        for (EventQuery q : queries(400, 15)) {
            same(index, q);
        }
    }

    /**
     * A window of days finds the events taking place on one of them in Paris time, as the database does: an
     * event ending at midnight, one crossing it, one starting at it, one over several days, one on two dates
     * apart, one on the night the clocks go forward; each day alone, two days, from a day, until a day.
     */
    @Test
    void theDayWindowsFindWhatTheDatabaseFindsAroundMidnight() {
        fixtures.ensure();
        String word = word(new Random());
        java.util.function.BiFunction<String, String, NewEvent.Dates> at =
                (start, end) -> new NewEvent.Dates(Instant.parse(start), Instant.parse(end));
        insert("Atelier " + word + " minuit", List.of(at.apply("2031-11-10T22:00:00Z", "2031-11-10T23:00:00Z")));
        insert("Atelier " + word + " nuit", List.of(at.apply("2031-11-12T22:30:00Z", "2031-11-13T01:00:00Z")));
        insert("Atelier " + word + " semaine", List.of(at.apply("2031-11-14T08:00:00Z", "2031-11-17T17:00:00Z")));
        insert(
                "Atelier " + word + " deux dates",
                List.of(
                        at.apply("2031-11-20T09:00:00Z", "2031-11-20T11:00:00Z"),
                        at.apply("2031-11-25T09:00:00Z", "2031-11-25T11:00:00Z")));
        insert("Atelier " + word + " aube", List.of(at.apply("2031-11-27T23:00:00Z", "2031-11-28T01:00:00Z")));
        insert("Atelier " + word + " heure d'été", List.of(at.apply("2031-03-29T23:30:00Z", "2031-03-30T02:30:00Z")));
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = LocalDate.of(2031, 11, 9); d.isBefore(LocalDate.of(2031, 11, 30)); d = d.plusDays(1)) {
            days.add(d);
        }
        for (LocalDate d = LocalDate.of(2031, 3, 28); d.isBefore(LocalDate.of(2031, 4, 2)); d = d.plusDays(1)) {
            days.add(d);
        }
        int found = 0;
        for (LocalDate d : days) {
            for (LocalDate[] window : List.of(
                    new LocalDate[] {d, d},
                    new LocalDate[] {d, d.plusDays(1)},
                    new LocalDate[] {d, null},
                    new LocalDate[] {null, d})) {
                EventQuery q = new EventQuery(
                        word, window[0], window[1], null, null, null, null, null, Set.of(), Set.of(), Set.of(), null,
                        null, null, null, 1, 20, null);
                same(index, q);
                found += repository.search(q).events().size();
            }
        }
        assertThat(found).as("events found over all the windows").isGreaterThan(50);
    }

    /**
     * Each filter count is the database's count of the search with that value chosen instead of the
     * dimension's current one; a value without events is not counted; with no filter on the type, the types'
     * counts add up to the total (every event has one type).
     */
    @Test
    void theFilterCountsAreTheDatabasesCountsOfEachChoice() {
        fixtures.ensure();
        int checked = 0;
        for (EventQuery q : queries(60, 16)) {
            EventIndex.Hits hits = index.search(q, EventRepository.prefixQuery(q.q()), true);
            assertThat(hits.facets()).containsOnlyKeys(EventIndex.DIMENSIONS);
            for (EventType t : EventType.values()) {
                checked += sameCount(
                        q.withTypes(Set.of(t)), hits.facets().get("type").get(t.name()));
            }
            for (Theme t : Theme.values()) {
                checked += sameCount(
                        q.withThemes(Set.of(t)), hits.facets().get("theme").get(t.name()));
            }
            for (Audience a : Audience.values()) {
                checked += sameCount(
                        q.withAudiences(Set.of(a)),
                        hits.facets().get("audience").get(a.name()));
            }
            for (String d : List.of("34", "31", "11", "30", "66", "75", "2A")) {
                checked +=
                        sameCount(q.withDepartement(d), hits.facets().get("dep").get(d));
            }
            if (q.types().isEmpty()) {
                assertThat(hits.facets().get("type").values().stream()
                                .mapToLong(Integer::longValue)
                                .sum())
                        .as("the types' counts of %s", q)
                        .isEqualTo(hits.total());
            }
        }
        assertThat(checked).as("values with events among the counts").isGreaterThan(100);
    }

    /** 1 when the count was of events, 0 when there were none (and the index gave no count). */
    private int sameCount(EventQuery chosen, Integer counted) {
        long expected = repository.search(chosen.withPage(1, 1)).totalItems();
        assertThat(counted == null ? 0L : counted.longValue())
                .as("the count of %s", chosen)
                .isEqualTo(expected);
        return expected > 0 ? 1 : 0;
    }

    @Test
    void theIndexFollowsCreatesRevisionsCancellationsOtherInstancesAndARestart() {
        fixtures.ensure();
        Random random = new Random();
        String word = word(random);
        EventQuery byWord = new EventQuery(
                word, null, null, null, null, null, null, null, Set.of(), Set.of(), Set.of(), null, null, null, null, 1,
                20, null);

        // created: found at once by this instance
        long id = insert("Atelier " + word, Instant.parse("2031-11-05T09:00:00Z"));
        same(index, byWord);
        assertThat(index.search(byWord, EventRepository.prefixQuery(word)).ids())
                .containsExactly(id);

        // revised: another title, another date
        String other = word(random);
        Event event = repository.find(id).orElseThrow();
        repository.updateEvent(
                id,
                new NewEvent(
                        jdbc.sql("select edition_id from agenda.event where id = ?")
                                .param(id)
                                .query(Long.class)
                                .single(),
                        "Forum " + other,
                        event.summary(),
                        "",
                        EventType.FORUM,
                        List.of(Theme.EMPLOI_INSERTION),
                        List.of(Audience.GRAND_PUBLIC),
                        List.of(new NewEvent.Dates(
                                Instant.parse("2031-11-20T09:00:00Z"), Instant.parse("2031-11-20T12:00:00Z"))),
                        event.venue(),
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
        assertThat(index.search(byWord, EventRepository.prefixQuery(word)).ids())
                .isEmpty();
        EventQuery byOther = new EventQuery(
                other,
                LocalDate.of(2031, 11, 15),
                LocalDate.of(2031, 11, 25),
                null,
                null,
                null,
                null,
                null,
                Set.of(EventType.FORUM),
                Set.of(),
                Set.of(),
                null,
                null,
                null,
                null,
                1,
                20,
                null);
        assertThat(index.search(byOther, EventRepository.prefixQuery(other)).ids())
                .containsExactly(id);
        same(index, byOther);

        // cancelled: still listed, as the database lists it
        repository.updateStatus(id, EventStatus.CANCELLED, "Tests.", Instant.now());
        same(index, byOther);

        // written by another instance (straight to the database): seen within a second
        String third = word(random);
        jdbc.sql("update agenda.event set title = ?, updated_at = now() where id = ?")
                .params("Rencontre " + third, id)
                .update();
        EventQuery byThird = new EventQuery(
                third, null, null, null, null, null, null, null, Set.of(), Set.of(), Set.of(), null, null, null, null,
                1, 20, null);
        Awaitility.await()
                .atMost(Duration.ofSeconds(1))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> index.search(byThird, EventRepository.prefixQuery(third))
                        .ids()
                        .contains(id));

        // a restart: an index built from the database gives the same answers
        EventIndex rebuilt = new EventIndex(jdbc, "index", 1);
        rebuilt.build();
        for (EventQuery q : queries(100, 42)) {
            same(rebuilt, q);
        }
        same(rebuilt, byThird);
    }

    /** A folder left by a process that is gone is removed; this process's and others' are kept. */
    @Test
    void theFoldersOfEndedProcessesAreRemoved(@org.junit.jupiter.api.io.TempDir java.nio.file.Path parent)
            throws java.io.IOException {
        long gone = Long.MAX_VALUE / 2; // no such process
        var stale = java.nio.file.Files.createDirectory(parent.resolve(EventIndex.FOLDER_PREFIX + gone + "-1"));
        java.nio.file.Files.writeString(stale.resolve("_0.cfs"), "x");
        var mine = java.nio.file.Files.createDirectory(parent.resolve(
                EventIndex.FOLDER_PREFIX + ProcessHandle.current().pid() + "-2"));
        var unnamed = java.nio.file.Files.createDirectory(parent.resolve(EventIndex.FOLDER_PREFIX + "x"));
        var other = java.nio.file.Files.createDirectory(parent.resolve("something-else"));
        EventIndex.removeStale(parent);
        assertThat(stale).doesNotExist();
        assertThat(mine).exists();
        assertThat(unnamed).exists();
        assertThat(other).exists();
    }
}
