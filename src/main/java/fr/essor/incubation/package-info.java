/**
 * Incubation: the project leaders an incubator selected through its call form a cohort, followed with
 * meetings and their notes, milestones and indicators, until the hand-over to the Region's aids (a Pass
 * Occitanie dossier pre-filled from the incubator's dossier). It keeps its own copy of each selected
 * project, from the calls' {@code ProjectSelected} event.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Incubation",
        allowedDependencies = {"shared", "calls", "identity", "directory"})
package fr.essor.incubation;
