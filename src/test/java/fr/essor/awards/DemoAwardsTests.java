package fr.essor.awards;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import fr.essor.HttpTestSupport;
import fr.essor.identity.Accounts;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The demonstration's awards have their payments in several states. */
class DemoAwardsTests extends HttpTestSupport {

    @Autowired
    Awards awards;

    @Autowired
    Accounts accounts;

    @Test
    void theDemonstrationAwardsArePaidInPart() {
        long applicant =
                accounts.byEmail("organisation.demo@example.org").orElseThrow().id();
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> awards.ofApplicant(applicant).stream().allMatch(a -> a.agreementSignedAt() != null)
                        && awards.ofApplicant(applicant).size() == 2);
        List<Awards.Award> mine = awards.ofApplicant(applicant);
        Awards.Award contrat = mine.stream()
                .filter(a -> a.programmeName().startsWith("Contrat"))
                .findFirst()
                .orElseThrow();
        assertThat(awards.schedule(contrat.id()))
                .extracting(Awards.Tranche::label, Awards.Tranche::state)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Avance (30 %)", Awards.State.VALIDATED),
                        org.assertj.core.groups.Tuple.tuple("Tranche à l’ouverture", Awards.State.PLANNED),
                        org.assertj.core.groups.Tuple.tuple("Solde", Awards.State.PLANNED));
        Awards.Award pass = mine.stream()
                .filter(a -> a.programmeName().startsWith("Pass"))
                .findFirst()
                .orElseThrow();
        assertThat(awards.schedule(pass.id()).getFirst().state()).isEqualTo(Awards.State.REQUESTED);
    }
}
