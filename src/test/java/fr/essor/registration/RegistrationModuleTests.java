package fr.essor.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import fr.essor.agenda.AgendaFixtures;
import fr.essor.agenda.EventPostponed;
import fr.essor.agenda.store.EventRepository;
import fr.essor.notification.Notifications;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.modulith.test.Scenario;

/**
 * The registration module on its own with the modules it depends on: an agenda event published, the
 * registration module's reaction expected.
 */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES)
class RegistrationModuleTests {

    @Autowired
    Registrations registrations;

    @Autowired
    Offers offers;

    @Autowired
    EventRepository events;

    @Autowired
    AgendaFixtures agenda;

    @Autowired
    Notifications notifications;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anEventPostponedInTheAgendaIsToldToItsRegisteredPeople(Scenario scenario) {
        RegistrationFixtures fixtures = new RegistrationFixtures(events, offers, agenda, jdbc);
        String title = "Module " + System.nanoTime();
        long event = fixtures.event(title, true, 2, 10);
        String email = "module-" + System.nanoTime() + "@example.org";
        Registration r =
                registrations.register(fixtures.request(event, email, 1)).registration();

        scenario.publish(new EventPostponed(UUID.randomUUID(), event, title, "Intempéries annoncées."))
                .andWaitAtMost(Duration.ofSeconds(20))
                .andWaitForStateChange(() -> mailsTo(email, "Événement reporté"), mails -> !mails.isEmpty())
                .andVerify(mails -> {
                    assertThat(mails)
                            .singleElement()
                            .satisfies(m -> assertThat(m.body())
                                    .contains("Intempéries annoncées.")
                                    .contains("/inscriptions/" + r.id() + "?jeton="));
                    assertThat(offers.offerOf(event).orElseThrow().postponed()).isTrue();
                });
    }

    private List<Notifications.LocalMail> mailsTo(String email, String subjectStart) {
        return notifications.localMailbox(5000).stream()
                .filter(m -> m.to().equals(email) && m.subject().startsWith(subjectStart))
                .toList();
    }
}
