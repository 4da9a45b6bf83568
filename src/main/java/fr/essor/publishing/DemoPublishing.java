package fr.essor.publishing;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import fr.essor.EssorApplication;
import fr.essor.agenda.Agenda;
import fr.essor.agenda.Edition;
import fr.essor.directory.LegalFamily;
import fr.essor.directory.Structures;
import fr.essor.identity.Accounts;
import fr.essor.identity.Memberships;
import fr.essor.identity.Person;

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
 * Demonstration of publishing: the demo organizer's structure, a few versions in the current
 * edition's queue (two submitted, one sent back for changes, one draft), so that the organizer space
 * and the moderation queue are not empty, and one published event taking registrations on Essor.
 * Only with {@code essor.demo.enabled}, once.
 */
@Component
@ConditionalOnBooleanProperty(name = "essor.demo.enabled", matchIfMissing = false)
@Order(30)
class DemoPublishing implements ApplicationRunner {

    static final String SIRET = "35600000000048";
    private static final Logger log = LoggerFactory.getLogger(DemoPublishing.class);

    private final Publishing publishing;
    private final Structures structures;
    private final Memberships memberships;
    private final Accounts accounts;
    private final Agenda agenda;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;

    DemoPublishing(
            Publishing publishing,
            Structures structures,
            Memberships memberships,
            Accounts accounts,
            Agenda agenda,
            JdbcClient jdbc,
            TransactionTemplate tx,
            Clock clock) {
        this.publishing = publishing;
        this.structures = structures;
        this.memberships = memberships;
        this.accounts = accounts;
        this.agenda = agenda;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        tx.executeWithoutResult(status -> {
            jdbc.sql("select pg_advisory_xact_lock(hashtext('essor.demo.publishing'))")
                    .query(Object.class)
                    .single();
            if (structures.bySiret(SIRET).isPresent()) {
                return;
            }
            var organizerAccount =
                    accounts.byEmail("organisation.demo@example.org").orElse(null);
            var cressAccount = accounts.byEmail("moderation.demo@example.org").orElse(null);
            Edition edition = agenda.currentEdition().orElse(null);
            if (organizerAccount == null || cressAccount == null || edition == null) {
                return;
            }
            var structure = structures.register(new Structures.Registration(
                    "Coopérative des Arceaux (démonstration)",
                    SIRET,
                    LegalFamily.COOPERATIVE,
                    "34172",
                    "https://www.example.org/arceaux"));
            memberships.register(organizerAccount.id(), structure.id());
            structures.verify(structure.id(), cressAccount.id());
            // a structure the demo moderator has yet to verify (in the queue of /moderation/structures)
            var waiting = structures.register(new Structures.Registration(
                    "Jardins partagés du Lez (démonstration)",
                    "88212455000014",
                    LegalFamily.ASSOCIATION,
                    "34172",
                    null));
            memberships.register(organizerAccount.id(), waiting.id());
            Person organizer = new Person(
                    organizerAccount.id(),
                    organizerAccount.email(),
                    organizerAccount.displayName(),
                    false,
                    Set.of(),
                    Set.of());
            Person cress = new Person(
                    cressAccount.id(), cressAccount.email(), cressAccount.displayName(), false, Set.of("76"), Set.of());
            LocalDate today = LocalDate.now(clock.withZone(EssorApplication.ZONE));
            LocalDate day = today.isBefore(edition.startsOn())
                    ? edition.startsOn().plusDays(4)
                    : today.plusDays(1).isAfter(edition.endsOn()) ? edition.endsOn() : today.plusDays(1);
            long a = publishing.create(
                    organizer,
                    structure.id(),
                    draft(
                            edition,
                            day,
                            "Atelier : créer sa coopérative d’activité",
                            "ATELIER",
                            "COOPERATION_ENTREPRENEURIAT",
                            "Montpellier",
                            "Maison des coopératives",
                            "10:00",
                            "12:30"));
            publishing.submit(organizer, a);
            long b = publishing.create(
                    organizer,
                    structure.id(),
                    draft(
                            edition,
                            day,
                            "Visite d’une ressourcerie toulousaine",
                            "VISITE",
                            "ECONOMIE_CIRCULAIRE",
                            "Toulouse",
                            "Ressourcerie du canal",
                            "14:00",
                            "16:00"));
            publishing.submit(organizer, b);
            long c = publishing.create(
                    organizer,
                    structure.id(),
                    draft(
                            edition,
                            day,
                            "Ciné-débat : l’habitat participatif",
                            "PROJECTION",
                            "HABITAT_LOGEMENT",
                            "Sète",
                            "Cinéma associatif",
                            "20:00",
                            "22:30"));
            publishing.submit(organizer, c);
            publishing.requestChanges(
                    cress, c, "Merci de préciser si la projection est accessible en fauteuil roulant.");
            publishing.create(
                    organizer,
                    structure.id(),
                    draft(
                            edition,
                            day,
                            "Petit-déjeuner des finances solidaires",
                            "RENCONTRE",
                            "FINANCE_SOLIDAIRE",
                            "Montpellier",
                            "Café coopératif",
                            "08:30",
                            "10:00"));
            // a published event that takes its registrations on Essor: its organizer can cancel or move it
            // and see who was told (the demonstration's registrations fill it)
            EventDraft open = draft(
                    edition,
                    day,
                    "Portes ouvertes de la coopérative",
                    "PORTES_OUVERTES",
                    "COOPERATION_ENTREPRENEURIAT",
                    "Montpellier",
                    "Maison des coopératives",
                    "17:00",
                    "19:00",
                    "ESSOR");
            long d = publishing.create(organizer, structure.id(), open);
            publishing.submit(organizer, d);
            publishing.approve(cress, d);
            log.info("Publication de démonstration : structure, 4 versions et 1 événement publié créés");
        });
    }

    private static EventDraft draft(
            Edition edition,
            LocalDate day,
            String title,
            String type,
            String theme,
            String commune,
            String venue,
            String start,
            String end) {
        return draft(edition, day, title, type, theme, commune, venue, start, end, "NONE");
    }

    private static EventDraft draft(
            Edition edition,
            LocalDate day,
            String title,
            String type,
            String theme,
            String commune,
            String venue,
            String start,
            String end,
            String registration) {
        return new EventDraft(
                String.valueOf(edition.id()),
                title,
                "Proposé dans le cadre du Mois de l’ESS par une coopérative de démonstration.",
                "Événement de **démonstration** : il n’existe pas.",
                type,
                List.of(theme),
                List.of("GRAND_PUBLIC"),
                List.of(day.toString()),
                List.of(start),
                List.of(end),
                venue,
                null,
                commune,
                "IN_PERSON",
                null,
                "true",
                null,
                registration,
                null,
                List.of(),
                null,
                null,
                null,
                null);
    }
}
