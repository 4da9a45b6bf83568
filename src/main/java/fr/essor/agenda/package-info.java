/**
 * The agenda of the <em>Mois de l'ESS</em> (the yearly month of the social and solidarity economy,
 * every November): editions, events and their dates, the public list, calendar and map, and the
 * feeds and open data that partner sites read.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Agenda",
        allowedDependencies = {"territory", "identity", "shared"})
package fr.essor.agenda;
