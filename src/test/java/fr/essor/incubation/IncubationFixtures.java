package fr.essor.incubation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import fr.essor.calls.DossierFlow.Action;
import fr.essor.calls.DossierFlow.Role;
import fr.essor.calls.Dossiers;
import fr.essor.calls.FieldType;
import fr.essor.calls.Form;
import fr.essor.calls.FormField;
import fr.essor.calls.FormSection;
import fr.essor.calls.Instruction;
import fr.essor.calls.ProgrammeKind;
import fr.essor.calls.Programmes;
import fr.essor.calls.Staff;

/** An incubator's call with its coach, and a project leader's dossier selected on it. */
public final class IncubationFixtures {

    private IncubationFixtures() {}

    /**
     * Creates the call (the coach instructs it), the leader's dossier « Conserverie {unique} », submitted
     * and accepted; returns the call's id. The project joins the cohort after the decision's commit.
     */
    public static long selected(
            Programmes programmes,
            Dossiers dossiers,
            Instruction instruction,
            Staff staff,
            String unique,
            long leader,
            String leaderEmail,
            long coach) {
        long programme = programmes.create(
                new Programmes.Draft(
                        "incubation-" + unique,
                        "Incubation " + unique,
                        ProgrammeKind.INCUBATOR,
                        "Incubateur d’essai",
                        "Un appel d’essai.",
                        "Pour les tests.",
                        "Les porteurs de projet.",
                        null,
                        Instant.now().minus(Duration.ofDays(1)),
                        Instant.now().plus(Duration.ofDays(3)),
                        List.of(),
                        24,
                        false,
                        false),
                new Form(List.of(new FormSection(
                        "Le projet",
                        List.of(
                                FormField.of("porteur", "Nom", FieldType.TEXT, true),
                                FormField.of("courriel", "Adresse", FieldType.EMAIL, true),
                                FormField.of("titre", "Nom du projet", FieldType.TEXT, true),
                                FormField.of("besoin", "Le besoin", FieldType.LONG_TEXT, true))))));
        staff.grant(programme, coach, Role.INSTRUCTOR, coach);
        long dossier = dossiers.start(programme, leader, null);
        dossiers.save(
                dossier,
                leader,
                0,
                Map.of(
                        "porteur",
                        "Camille " + unique,
                        "courriel",
                        leaderEmail,
                        "titre",
                        "Conserverie " + unique,
                        "besoin",
                        "Transformer les invendus des marchés."));
        dossiers.submit(dossier, leader, 1);
        instruction.act(dossier, coach, Action.TAKE, null, null, 2);
        instruction.act(dossier, coach, Action.ACCEPT, "Retenu.", null, 3);
        return programme;
    }
}
