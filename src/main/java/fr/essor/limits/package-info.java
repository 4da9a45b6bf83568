/**
 * Limits on what anyone may ask of Essor: each public write (a registration, a sign-up, a password
 * reset, a personal-data request…) is counted per client address, in token buckets kept in
 * PostgreSQL, so that every instance shares them.
 * Over a limit: HTTP 429 with {@code Retry-After}, nothing written, no mail sent.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Limites",
        allowedDependencies = {"shared"})
package fr.essor.limits;
