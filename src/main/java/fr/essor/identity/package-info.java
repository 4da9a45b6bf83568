/**
 * People's accounts: sign-up with a verified address, passwords (hashed with bcrypt), single-use
 * links by mail; roles and sessions come with the publishing workflow.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Identité")
package fr.essor.identity;
