package fr.essor.calls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import fr.essor.HttpTestSupport;
import fr.essor.calls.DossierFlow.State;
import fr.essor.identity.Accounts;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The demonstration's dossiers, loaded at start: one per call the demonstration cooperative applied to, in several states. */
class DemoDossiersTests extends HttpTestSupport {

    @Autowired
    Dossiers dossiers;

    @Autowired
    Programmes programmes;

    @Autowired
    Accounts accounts;

    @Autowired
    Messages messages;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Test
    void theDemonstrationCooperativesDossiersAreInSeveralStates() {
        long applicant =
                accounts.byEmail("organisation.demo@example.org").orElseThrow().id();
        Map<String, List<Dossiers.Dossier>> bySlug = dossiers.ofApplicant(applicant).stream()
                .collect(Collectors.groupingBy(
                        d -> programmes.byId(d.programmeId()).orElseThrow().slug()));
        assertThat(bySlug.get("prix-regionaux-ess"))
                .singleElement()
                .extracting(Dossiers.Dossier::state)
                .isEqualTo(State.SUBMITTED);
        assertThat(bySlug.get("pass-occitanie"))
                .extracting(Dossiers.Dossier::state)
                .containsExactlyInAnyOrder(State.UNDER_INSTRUCTION, State.ACCEPTED);
        assertThat(bySlug.get("contrat-occitanie"))
                .singleElement()
                .extracting(Dossiers.Dossier::state)
                .isEqualTo(State.ACCEPTED);
        Dossiers.Dossier catalis = bySlug.get("catalis-incubation").getFirst();
        assertThat(catalis.state()).isEqualTo(State.ACCEPTED);
        assertThat(catalis.structureId())
                .as("a project leader without a structure")
                .isNull();
        assertThat(messages.thread(catalis.id()))
                .singleElement()
                .satisfies(m -> assertThat(m.fromStaff()).isTrue());
        assertThat(jdbc.sql("select count(*) from calls.expert where dossier_id = ?")
                        .param(bySlug.get("pass-occitanie").stream()
                                .filter(d -> d.state() == State.UNDER_INSTRUCTION)
                                .findFirst()
                                .orElseThrow()
                                .id())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }
}
