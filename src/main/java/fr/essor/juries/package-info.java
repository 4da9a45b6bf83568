/**
 * Juries: a call's categories, each with its jurors, its president and its weighted grid; the dossiers
 * assigned evenly to jurors without a conflict of interest (declared, or detected through the directory);
 * the scores and the ranking.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Jurys",
        allowedDependencies = {"shared", "calls", "identity", "directory", "notification"})
package fr.essor.juries;
