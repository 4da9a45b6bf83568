/**
 * Registrations to the events that take them on Essor: seats per date that are never sold twice,
 * confirmation by mail (double opt-in), a waitlist promoted as seats free up, links to see or cancel
 * without an account, and the organizers' attendee lists and check-in.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Inscriptions",
        allowedDependencies = {"agenda", "identity", "notification", "shared"})
package fr.essor.registration;
