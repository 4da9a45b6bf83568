package fr.essor.incubation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import fr.essor.HttpTestSupport;
import fr.essor.identity.Accounts;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The demonstration's Catalis cohort has its project followed. */
class DemoCohortTests extends HttpTestSupport {

    @Autowired
    Cohorts cohorts;

    @Autowired
    Accounts accounts;

    @Test
    void theCatalisCohortFollowsTheConserverie() {
        long leader =
                accounts.byEmail("organisation.demo@example.org").orElseThrow().id();
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> cohorts.ledBy(leader).stream()
                        .anyMatch(m -> !cohorts.indicators(m.id()).isEmpty()));
        Cohorts.Member m = cohorts.ledBy(leader).getFirst();
        assertThat(m.programmeName()).contains("Catalis");
        assertThat(cohorts.meetings(m.id())).hasSize(1);
        assertThat(cohorts.milestones(m.id()))
                .hasSize(3)
                .filteredOn(j -> j.reachedOn() != null)
                .hasSize(1);
    }
}
