package fr.essor.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import fr.essor.HttpTestSupport;
import fr.essor.calls.DossierFlow.Action;
import fr.essor.calls.DossierFlow.IllegalTransition;
import fr.essor.calls.DossierFlow.Role;
import fr.essor.calls.DossierFlow.State;
import fr.essor.directory.LegalFamily;
import fr.essor.directory.Structures;
import fr.essor.identity.IdentityFixtures;
import fr.essor.identity.Memberships;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A decision grants at most what the applicant asked for, and at most the programme's cap. */
class RequestedAmountTests extends HttpTestSupport {

    @Autowired
    Dossiers dossiers;

    @Autowired
    Programmes programmes;

    @Autowired
    Instruction instruction;

    @Autowired
    Staff staff;

    @Autowired
    Structures structures;

    @Autowired
    Memberships memberships;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theGrantedAmountStaysWithinTheRequestAndTheCap() {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        IdentityFixtures fixtures = new IdentityFixtures(jdbc);
        long applicant = fixtures.organizer("porteur@" + unique + ".test");
        long instructor = fixtures.organizer("instruction@" + unique + ".test");
        long structure = structures
                .register(new Structures.Registration(
                        "Tiers-lieu " + unique, CallsFixtures.siret(), LegalFamily.COOPERATIVE, "34172", null))
                .id();
        memberships.register(applicant, structure);
        structures.verify(structure, instructor);
        long programme = programmes.create(
                CallsFixtures.draft(
                        "montant-" + unique,
                        Instant.now().minus(Duration.ofDays(1)),
                        Instant.now().plus(Duration.ofDays(3))),
                new Form(List.of(new FormSection(
                        "Le projet",
                        List.of(
                                FormField.of("titre", "Titre", FieldType.TEXT, true),
                                FormField.of("montant", "Montant demandé", FieldType.AMOUNT, true))))));
        staff.grant(programme, instructor, Role.INSTRUCTOR, instructor);
        long id = dossiers.start(programme, applicant, structure);
        dossiers.save(id, applicant, 0, Map.of("titre", "Four à pain", "montant", "8 000"));
        dossiers.submit(id, applicant, 1);
        instruction.act(id, instructor, Action.TAKE, null, null, 2);

        assertThatThrownBy(() -> instruction.act(id, instructor, Action.ACCEPT, "Bien.", 800_001L, 3))
                .isInstanceOfSatisfying(
                        IllegalTransition.class,
                        e -> assertThat(e.messageKey()).isEqualTo("calls.dossier.error.amountRequested"));
        assertThat(instruction
                        .act(id, instructor, Action.ACCEPT, "Bien.", 800_000L, 3)
                        .state())
                .isEqualTo(State.ACCEPTED);
    }
}
