/**
 * Publishing events: organizers write versions of their structures' events and submit them; the
 * moderators of the CRESS (a region) and its territorial <em>relais</em> (départements) approve them,
 * ask for changes or refuse them, and import the spreadsheets of the relays. Keeps the versions, the
 * moderation queue and decisions, the audit trail and the uploaded images; an approved version
 * reaches the public agenda through {@link fr.essor.agenda.AgendaCommands}.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Publication",
        allowedDependencies = {"agenda", "directory", "identity", "notification", "territory", "shared"})
package fr.essor.publishing;
