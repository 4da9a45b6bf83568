package fr.essor.registration;

import java.util.List;
import java.util.Map;

import fr.essor.agenda.Agenda;
import fr.essor.agenda.Event;
import fr.essor.agenda.Occurrence;
import fr.essor.agenda.RegistrationMode;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Demonstration of registrations: the upcoming demo events that register on Essor get small
 * capacities; the first ones are full with a waitlist, the others have seats left. The people are
 * made up, at example addresses. Only with {@code essor.demo.enabled}, once.
 */
@Component
@ConditionalOnBooleanProperty(name = "essor.demo.enabled", matchIfMissing = false)
@Order(40)
class DemoRegistrations implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoRegistrations.class);
    private static final String[] PEOPLE = {
        "Alex",
        "Camille",
        "Dominique",
        "Sacha",
        "Charlie",
        "Maxime",
        "Noa",
        "Lou",
        "Eden",
        "Morgan",
        "Andrea",
        "Claude",
        "Jules",
        "Ange"
    };

    private final Registrations registrations;
    private final Offers offers;
    private final Agenda agenda;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final java.time.Clock clock;

    DemoRegistrations(
            Registrations registrations,
            Offers offers,
            Agenda agenda,
            JdbcClient jdbc,
            TransactionTemplate tx,
            java.time.Clock clock) {
        this.offers = offers;
        this.clock = clock;
        this.registrations = registrations;
        this.agenda = agenda;
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /** The dates still to come (an hour ahead at least): the others take no registration. */
    private List<Occurrence> future(Event e) {
        java.time.Instant soon = clock.instant().plusSeconds(3600);
        return e.occurrences().stream()
                .filter(o -> o.startsAt().toInstant().isAfter(soon))
                .toList();
    }

    @Override
    public void run(ApplicationArguments args) {
        tx.executeWithoutResult(status -> {
            jdbc.sql("select pg_advisory_xact_lock(hashtext('essor.demo.registrations'))")
                    .query(Object.class)
                    .single();
            if (jdbc.sql("select count(*) from registration.offer")
                            .query(Long.class)
                            .single()
                    > 0) {
                return;
            }
            List<Event> events = agenda.upcoming(200).stream()
                    .filter(e -> (e.demo() || agenda.structureOf(e.id()).isPresent())
                            && e.registration() == RegistrationMode.ESSOR)
                    .filter(e -> !future(e).isEmpty())
                    // the demo structure's own event first: its organizer can try cancelling or moving it
                    .sorted(java.util.Comparator.comparing(
                            e -> agenda.structureOf(e.id()).isEmpty()))
                    .limit(8)
                    .toList();
            int n = 0;
            for (Event e : events) {
                boolean full = n < 2;
                int capacity = full ? 4 : 8 + n;
                List<Occurrence> dates = future(e);
                offers.offer(
                        e.id(),
                        3,
                        true,
                        dates.stream()
                                .map(o -> new Offers.DateCapacity(o.id(), capacity))
                                .toList());
                int people = full ? 6 : 3 + n % 3;
                for (int p = 0; p < people; p++) {
                    String name = PEOPLE[(n * 5 + p) % PEOPLE.length];
                    try {
                        registrations.register(new Registrations.Request(
                                e.id(),
                                dates.getFirst().id(),
                                name + " (démonstration)",
                                "participant." + n + "." + p + "@example.org",
                                1,
                                Map.of(),
                                true,
                                Registrations.Source.ORGANIZER));
                    } catch (fr.essor.shared.InvalidInput | Registrations.NoSeat ex) {
                        log.warn("Inscription de démonstration ignorée : {}", ex.getMessage());
                    }
                }
                n++;
            }
            log.info("Inscriptions de démonstration : {} événements avec des places comptées", n);
        });
    }
}
