/**
 * The rights of a person over their data (GDPR): proven by a link sent to their address, they get
 * everything Essor keeps about that address, gathered from every module, and may have it erased.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Données personnelles",
        allowedDependencies = {"notification", "shared"})
package fr.essor.privacy;
