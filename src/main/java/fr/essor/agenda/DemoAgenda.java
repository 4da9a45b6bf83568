package fr.essor.agenda;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import fr.essor.EssorApplication;
import fr.essor.agenda.store.EventRepository;
import fr.essor.territory.Commune;
import fr.essor.territory.Territories;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Demonstration data, loaded when the agenda is empty: the 2019 edition (the 12th) with about 200
 * events over Occitanie's 13 départements, among them the two events the regional press named, and the
 * current edition (this year's November, or next year's once this one is over) so that "upcoming" is
 * never empty. Deterministic: the same day gives the same data. Every row is flagged {@code demo}.
 */
@Component
@ConditionalOnBooleanProperty(name = "essor.demo.enabled", matchIfMissing = false)
@org.springframework.core.annotation.Order(10)
class DemoAgenda implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoAgenda.class);
    static final String OCCITANIE = "76";
    /** Départements of Occitanie with a weight close to their share of the region's population. */
    private static final String[][] DEPARTEMENTS = {
        {"31", "24"},
        {"34", "20"},
        {"30", "13"},
        {"66", "8"},
        {"11", "6"},
        {"81", "7"},
        {"12", "5"},
        {"65", "4"},
        {"82", "4"},
        {"32", "3"},
        {"46", "3"},
        {"09", "2"},
        {"48", "2"}
    };

    private static final int[][] START_TIMES = {
        {9, 0}, {9, 30}, {10, 0}, {14, 0}, {14, 30}, {17, 30}, {18, 0}, {18, 30}, {20, 0}
    };

    private final EventRepository events;
    private final Territories territories;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;

    DemoAgenda(EventRepository events, Territories territories, JdbcClient jdbc, TransactionTemplate tx, Clock clock) {
        this.events = events;
        this.territories = territories;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        tx.executeWithoutResult(status -> {
            // several instances may start together on an empty database: one loads, the others wait and skip
            jdbc.sql("select pg_advisory_xact_lock(hashtext('essor.demo.agenda'))")
                    .query(Object.class)
                    .single();
            if (events.countEditions() > 0) {
                return;
            }
            int count = load();
            log.info("Données de démonstration de l'agenda chargées : {} événements", count);
        });
    }

    int load() {
        Catalog catalog = Catalog.read();
        Instant now = clock.instant();
        long e2019 = events.insertEdition(
                2019,
                12,
                "Mois de l’ESS 2019 — 12e édition",
                LocalDate.of(2019, 11, 1),
                LocalDate.of(2019, 11, 30),
                LocalDate.of(2019, 6, 1),
                LocalDate.of(2019, 10, 15),
                List.of(OCCITANIE),
                true);
        int count = 0;
        Commune montpellier = territories.commune("34172").orElseThrow();
        events.insertEvent(conferenceRegionale(e2019, montpellier), now);
        events.insertEvent(rencontresInnovationSociale(e2019, montpellier), now);
        count += 2;
        count += generate(e2019, 2019, 198, new Random(2019), catalog, now, null);

        LocalDate today = LocalDate.now(clock);
        int year = today.isAfter(LocalDate.of(today.getYear(), 11, 30)) ? today.getYear() + 1 : today.getYear();
        int number = 12 + (year - 2019);
        long current = events.insertEdition(
                year,
                number,
                "Mois de l’ESS " + year + " — " + number + "e édition",
                LocalDate.of(year, 11, 1),
                LocalDate.of(year, 11, 30),
                LocalDate.of(year, 6, 1),
                LocalDate.of(year, 10, 15),
                List.of(OCCITANIE),
                true);
        count += generate(current, year, 80, new Random(year), catalog, now, today);
        return count;
    }

    private int generate(
            long editionId, int year, int n, Random random, Catalog catalog, Instant now, LocalDate today) {
        List<Commune> places = new ArrayList<>();
        List<Integer> weights = new ArrayList<>();
        for (String[] dep : DEPARTEMENTS) {
            List<Commune> communes = territories.communesOf(dep[0]).stream()
                    .filter(Commune::hasPoint)
                    .sorted(Comparator.comparing((Commune c) -> c.population() == null ? 0 : c.population())
                            .reversed())
                    .limit(12)
                    .toList();
            int weight = Integer.parseInt(dep[1]);
            for (int i = 0; i < communes.size(); i++) {
                places.add(communes.get(i));
                // the préfecture and large towns host more events than villages
                weights.add(weight * (i == 0 ? 6 : i < 3 ? 3 : 1));
            }
        }
        int totalWeight = weights.stream().mapToInt(Integer::intValue).sum();
        for (int i = 0; i < n; i++) {
            int pick = random.nextInt(totalWeight);
            int idx = 0;
            while (pick >= weights.get(idx)) {
                pick -= weights.get(idx);
                idx++;
            }
            Commune commune = places.get(idx);
            // when the edition is under way, keep some events in the coming days so that "upcoming" is not empty
            LocalDate day;
            if (today != null && today.getYear() == year && today.getMonth() == Month.NOVEMBER && i % 4 == 0) {
                day = today.plusDays(random.nextInt(Math.max(1, 31 - today.getDayOfMonth())));
                if (day.getMonth() != Month.NOVEMBER) {
                    day = LocalDate.of(year, 11, 30);
                }
            } else {
                day = LocalDate.of(year, 11, 1 + random.nextInt(30));
            }
            events.insertEvent(generated(editionId, day, commune, random, catalog, today != null), now);
        }
        return n;
    }

    private NewEvent generated(
            long editionId, LocalDate day, Commune commune, Random r, Catalog catalog, boolean current) {
        String[] t = catalog.titles.get(r.nextInt(catalog.titles.size()));
        EventType type = Coded.byCode(EventType.class, t[0]).orElse(EventType.AUTRE);
        List<Theme> themes = Arrays.stream(t[1].split(","))
                .map(c -> Coded.byCode(Theme.class, c.strip()))
                .flatMap(java.util.Optional::stream)
                .distinct()
                .toList();
        List<Audience> audiences = Arrays.stream(t[2].split(","))
                .map(c -> Coded.byCode(Audience.class, c.strip()))
                .flatMap(java.util.Optional::stream)
                .distinct()
                .toList();
        String title = t[3].replace("{commune}", commune.name());
        String summary = t[4].replace("{commune}", commune.name());
        List<String> paragraphs = catalog.descriptions.stream()
                .filter(d -> d[0].equals(t[0]))
                .map(d -> d[1])
                .toList();
        String description = summary + "\n\n"
                + (paragraphs.isEmpty() ? "" : paragraphs.get(r.nextInt(paragraphs.size())) + "\n\n")
                + "*Événement de démonstration : cet événement est fictif.*";
        String[] organizer = catalog.organizers.get(r.nextInt(catalog.organizers.size()));
        List<String> coOrganizers = new ArrayList<>();
        if (r.nextInt(10) < 3) {
            String[] co = catalog.organizers.get(r.nextInt(catalog.organizers.size()));
            if (!co[1].equals(organizer[1])) {
                coOrganizers.add(co[1]);
            }
        }
        int attendanceRoll = r.nextInt(100);
        Attendance attendance = attendanceRoll < 85
                ? Attendance.IN_PERSON
                : attendanceRoll < 93 ? Attendance.ONLINE : Attendance.HYBRID;
        String[] venue = catalog.venues.get(r.nextInt(catalog.venues.size()));
        Venue place = attendance == Attendance.ONLINE
                ? new Venue(
                        null,
                        null,
                        null,
                        commune.code(),
                        commune.name(),
                        commune.departement(),
                        commune.region(),
                        null,
                        null)
                : new Venue(
                        venue[0],
                        venue[1],
                        commune.postcodes().isEmpty()
                                ? null
                                : commune.postcodes().getFirst(),
                        commune.code(),
                        commune.name(),
                        commune.departement(),
                        commune.region(),
                        round(commune.latitude() + (r.nextDouble() - 0.5) * 0.012),
                        round(commune.longitude() + (r.nextDouble() - 0.5) * 0.016));
        String onlineUrl =
                attendance == Attendance.IN_PERSON ? null : "https://visio.example.org/mois-ess/" + Slugs.slug(title);
        boolean free = r.nextInt(100) < 82;
        String price = free ? null : (r.nextBoolean() ? (5 + r.nextInt(4) * 5) + " €" : "Prix libre, à partir de 2 €");
        boolean external = r.nextInt(100) < 40;
        // in the current edition, a third of them register on Essor (chosen without a new draw, so that
        // the rest of the data stays the same)
        RegistrationMode mode = !external
                ? RegistrationMode.NONE
                : current && attendance != Attendance.ONLINE && Math.floorMod(title.hashCode(), 3) == 0
                        ? RegistrationMode.ESSOR
                        : RegistrationMode.EXTERNAL;
        Set<AccessibilityFeature> access = EnumSet.noneOf(AccessibilityFeature.class);
        if (attendance != Attendance.ONLINE && r.nextInt(100) < 60) {
            access.add(AccessibilityFeature.WHEELCHAIR);
        }
        if (r.nextInt(100) < 6) {
            access.add(AccessibilityFeature.SIGN_LANGUAGE);
        }
        if ((type == EventType.PROJECTION || attendance != Attendance.IN_PERSON) && r.nextBoolean()) {
            access.add(AccessibilityFeature.SUBTITLES);
        }
        if (r.nextInt(100) < 3) {
            access.add(AccessibilityFeature.AUDIO_DESCRIPTION);
        }
        if (r.nextInt(100) < 8) {
            access.add(AccessibilityFeature.EASY_READ);
        }
        int statusRoll = r.nextInt(100);
        EventStatus status = statusRoll < 3
                ? EventStatus.CANCELLED
                : statusRoll < 5 ? EventStatus.POSTPONED : statusRoll < 9 ? EventStatus.FULL : EventStatus.SCHEDULED;
        String reason = switch (status) {
            case CANCELLED -> "Annulé faute d’intervenants disponibles.";
            case POSTPONED -> "Reporté à une date qui sera annoncée prochainement.";
            default -> null;
        };
        List<NewEvent.Dates> dates = new ArrayList<>();
        int[] start = START_TIMES[r.nextInt(START_TIMES.length)];
        int minutes = type == EventType.EXPOSITION || type == EventType.PORTES_OUVERTES
                ? 240 + r.nextInt(3) * 60
                : 90 + r.nextInt(4) * 30;
        int occurrences = type == EventType.EXPOSITION
                ? 2 + r.nextInt(2)
                : type == EventType.ATELIER && r.nextInt(4) == 0 ? 2 : 1;
        LocalDate d = day;
        for (int k = 0; k < occurrences; k++) {
            LocalDateTime s = LocalDateTime.of(d, LocalTime.of(start[0], start[1]));
            dates.add(new NewEvent.Dates(
                    s.atZone(EssorApplication.ZONE).toInstant(),
                    s.plusMinutes(minutes).atZone(EssorApplication.ZONE).toInstant()));
            d = d.plusDays(1 + r.nextInt(6));
        }
        return new NewEvent(
                editionId,
                title,
                summary,
                description,
                type,
                themes,
                audiences,
                dates,
                place,
                attendance,
                onlineUrl,
                free,
                price,
                mode,
                mode == RegistrationMode.EXTERNAL ? "https://www.example.org/inscriptions/" + Slugs.slug(title) : null,
                access,
                organizer[1],
                coOrganizers,
                status,
                reason,
                null,
                null,
                true);
    }

    private static NewEvent conferenceRegionale(long editionId, Commune montpellier) {
        LocalDate day = LocalDate.of(2019, 11, 5);
        return new NewEvent(
                editionId,
                "Conférence régionale de l’ESS et remise des Prix régionaux de l’ESS",
                "L’État, la Région et la CRESS ouvrent le Mois de l’ESS et remettent les Prix régionaux de l’ESS "
                        + "dans trois catégories : utilité sociale, transition écologique, égalité femmes-hommes.",
                """
                La Conférence régionale de l’économie sociale et solidaire ouvre la 12e édition du Mois de l’ESS \
                en Occitanie.

                Au programme :

                - le bilan du **Plan régional de développement de l’ESS 2018-2021** ;
                - la remise des **Prix régionaux de l’ESS** aux initiatives lauréates de trois catégories : \
                utilité sociale, transition écologique, égalité femmes-hommes.

                *Donnée de démonstration reprenant un événement annoncé par la presse régionale.*""",
                EventType.CONFERENCE,
                List.of(Theme.INNOVATION_SOCIALE, Theme.TRANSITION_ECOLOGIQUE, Theme.EGALITE_FEMMES_HOMMES),
                List.of(Audience.PROFESSIONNELS, Audience.ELUS_COLLECTIVITES, Audience.GRAND_PUBLIC),
                List.of(dates(day, 9, 0, 17, 0)),
                new Venue(
                        "Espace Capdeville, Hôtel de Région",
                        "201 avenue de la Pompignane",
                        "34000",
                        montpellier.code(),
                        montpellier.name(),
                        montpellier.departement(),
                        montpellier.region(),
                        43.6085,
                        3.8985),
                Attendance.IN_PERSON,
                null,
                true,
                null,
                RegistrationMode.NONE,
                null,
                EnumSet.of(AccessibilityFeature.WHEELCHAIR, AccessibilityFeature.SIGN_LANGUAGE),
                "CRESS Occitanie",
                List.of("Région Occitanie", "Préfecture de la région Occitanie"),
                EventStatus.SCHEDULED,
                null,
                null,
                null,
                true);
    }

    private static NewEvent rencontresInnovationSociale(long editionId, Commune montpellier) {
        LocalDate day = LocalDate.of(2019, 11, 19);
        return new NewEvent(
                editionId,
                "4e Rencontres internationales de l’innovation sociale : l’évaluation de l’impact social",
                "Une journée d’échanges sur l’évaluation de l’impact social des entreprises de l’économie sociale "
                        + "et solidaire, à la Cité de l’ESS Réalis.",
                """
                Les **4e Rencontres internationales de l’innovation sociale** portent sur l’évaluation de \
                l’impact social : méthodes, indicateurs, retours d’expérience de structures de l’ESS et de \
                financeurs.

                *Donnée de démonstration reprenant un événement annoncé par la presse régionale.*""",
                EventType.RENCONTRE,
                List.of(Theme.INNOVATION_SOCIALE, Theme.FINANCE_SOLIDAIRE),
                List.of(Audience.PROFESSIONNELS, Audience.PORTEURS_PROJET),
                List.of(dates(day, 9, 30, 17, 30)),
                new Venue(
                        "Cité de l’ESS Réalis",
                        "710 rue Favre de Saint-Castor",
                        "34080",
                        montpellier.code(),
                        montpellier.name(),
                        montpellier.departement(),
                        montpellier.region(),
                        43.6175,
                        3.8395),
                Attendance.IN_PERSON,
                null,
                true,
                null,
                RegistrationMode.NONE,
                null,
                EnumSet.of(AccessibilityFeature.WHEELCHAIR),
                "CRESS Occitanie",
                List.of("Région Occitanie"),
                EventStatus.SCHEDULED,
                null,
                null,
                null,
                true);
    }

    private static NewEvent.Dates dates(LocalDate day, int h1, int m1, int h2, int m2) {
        return new NewEvent.Dates(
                day.atTime(h1, m1).atZone(EssorApplication.ZONE).toInstant(),
                day.atTime(h2, m2).atZone(EssorApplication.ZONE).toInstant());
    }

    private static double round(double value) {
        return Math.round(value * 100_000) / 100_000.0;
    }

    /** The French texts the generator draws from ({@code src/main/resources/demo/*.tsv}). */
    record Catalog(
            List<String[]> titles, List<String[]> organizers, List<String[]> venues, List<String[]> descriptions) {

        static Catalog read() {
            return new Catalog(
                    tsv("demo/titles.tsv", 5),
                    tsv("demo/organizers.tsv", 2),
                    tsv("demo/venues.tsv", 2),
                    tsv("demo/descriptions.tsv", 2));
        }

        private static List<String[]> tsv(String resource, int columns) {
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(new ClassPathResource(resource).getInputStream(), StandardCharsets.UTF_8))) {
                return reader.lines()
                        .skip(1)
                        .filter(l -> !l.isBlank())
                        .map(l -> l.split("\t", -1))
                        .filter(f -> f.length >= columns)
                        .toList();
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
    }
}
