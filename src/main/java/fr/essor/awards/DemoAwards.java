package fr.essor.awards;

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
 * The demonstration's awards, once the calls' demonstration dossiers are accepted: the Contrat Occitanie's
 * agreement signed, its advance paid (requested, checked by the Hérault relay, validated by the CRESS's
 * moderator) and a milestone tranche added; the later Pass Occitanie's agreement signed and its advance
 * requested, waiting for its check. The awards follow the decisions through the event registry: this waits
 * for them a little.
 */
@Component
@ConditionalOnBooleanProperty(name = "essor.demo.enabled", matchIfMissing = false)
@Order(65)
class DemoAwards implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoAwards.class);

    private final Awards awards;
    private final Accounts accounts;

    DemoAwards(Awards awards, Accounts accounts) {
        this.awards = awards;
        this.accounts = accounts;
    }

    @Override
    public void run(ApplicationArguments args) {
        Optional<Accounts.Account> applicant = accounts.byEmail("organisation.demo@example.org");
        Optional<Accounts.Account> instructor = accounts.byEmail("relais.herault.demo@example.org");
        Optional<Accounts.Account> signer = accounts.byEmail("moderation.demo@example.org");
        if (applicant.isEmpty() || instructor.isEmpty() || signer.isEmpty()) {
            return;
        }
        long a = applicant.get().id();
        try {
            List<Awards.Award> mine = List.of();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline) {
                mine = awards.ofApplicant(a);
                if (mine.size() >= 2) {
                    break;
                }
                Thread.sleep(100);
            }
            if (mine.size() < 2 || mine.stream().anyMatch(w -> w.agreementSignedAt() != null)) {
                return;
            }
            Awards.Award contrat = mine.stream()
                    .filter(w -> w.programmeName().startsWith("Contrat"))
                    .findFirst()
                    .orElseThrow();
            awards.signAgreement(contrat.id(), a);
            long advance = awards.schedule(contrat.id()).getFirst().id();
            awards.request(advance, a, "Convention signée ; bail de la boutique de Lunel signé (démonstration).", null);
            awards.check(advance, instructor.get().id());
            awards.validate(advance, signer.get().id());
            awards.addMilestone(
                    contrat.id(),
                    instructor.get().id(),
                    "Tranche à l’ouverture",
                    "Ouverture de la boutique et embauche du premier salarié",
                    4_000_000L,
                    LocalDate.now(ZoneId.of("Europe/Paris")).plusMonths(6));
            Awards.Award pass = mine.stream()
                    .filter(w -> w.programmeName().startsWith("Pass"))
                    .findFirst()
                    .orElseThrow();
            awards.signAgreement(pass.id(), a);
            awards.request(
                    awards.schedule(pass.id()).getFirst().id(),
                    a,
                    "Convention signée ; devis de la remorque joint au dossier (démonstration).",
                    null);
            log.info("Demonstration awards loaded");
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException ex) {
            log.warn("The demonstration awards could not be loaded", ex);
        }
    }
}
