/**
 * People: accounts with a verified address, sign-in (sessions in the database, throttled guessing,
 * a second factor for moderators and admins), roles (a moderator covers a region — the CRESS — or
 * départements — a territorial relay — and an admin grants roles), and the structures each person
 * acts for. Other modules see the signed-in {@link fr.essor.identity.Person}.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Identité",
        allowedDependencies = {"notification", "territory", "shared"})
package fr.essor.identity;
