package fr.essor.incubation;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import fr.essor.identity.Accounts;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The demonstration's Catalis cohort: the conserverie solidaire selected by the calls' demonstration, with
 * two follow-up meetings written by the Hérault relay, three milestones (one reached) and two indicators.
 * The project joins the cohort through the event registry: this waits for it a little.
 */
@Component
@ConditionalOnBooleanProperty(name = "essor.demo.enabled", matchIfMissing = false)
@Order(66)
class DemoCohort implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoCohort.class);

    private final Cohorts cohorts;
    private final Accounts accounts;

    DemoCohort(Cohorts cohorts, Accounts accounts) {
        this.cohorts = cohorts;
        this.accounts = accounts;
    }

    @Override
    public void run(ApplicationArguments args) {
        Optional<Accounts.Account> leader = accounts.byEmail("organisation.demo@example.org");
        Optional<Accounts.Account> coach = accounts.byEmail("relais.herault.demo@example.org");
        if (leader.isEmpty() || coach.isEmpty()) {
            return;
        }
        try {
            List<Cohorts.Member> led = List.of();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline) {
                led = cohorts.ledBy(leader.get().id());
                if (!led.isEmpty()) {
                    break;
                }
                Thread.sleep(100);
            }
            if (led.isEmpty() || !cohorts.meetings(led.getFirst().id()).isEmpty()) {
                return;
            }
            long m = led.getFirst().id();
            long c = coach.get().id();
            LocalDate today = LocalDate.now(ZoneId.of("Europe/Paris"));
            cohorts.addMeeting(m, c, false, today, """
                    Rencontre de lancement (démonstration). Trois marchés de plein vent partenaires ; \
                    environ 150 kg d’invendus par semaine. Prochaine étape : une cuisine partagée aux normes.""");
            long kitchen =
                    cohorts.addMilestone(m, c, false, "Convention avec une cuisine partagée", today.plusMonths(2));
            cohorts.addMilestone(m, c, false, "Premières ventes de conserves", today.plusMonths(5));
            cohorts.addMilestone(m, c, false, "Statuts de la SCIC déposés", today.plusMonths(9));
            cohorts.reach(kitchen, c, false);
            cohorts.record(m, c, false, "Partenaires", new BigDecimal("3"), today);
            cohorts.record(m, c, false, "Invendus collectés par semaine (kg)", new BigDecimal("150"), today);
            log.info("Demonstration cohort loaded");
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException ex) {
            log.warn("The demonstration cohort could not be loaded", ex);
        }
    }
}
