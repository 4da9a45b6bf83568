/**
 * The directory of the actors of the social and solidarity economy (ESS): associations,
 * coopératives, mutuelles, fondations and ESS companies, identified by their SIRET, with their legal
 * family, commune and website. Organizers act for a structure; the structure owns its events.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Annuaire",
        allowedDependencies = {"identity", "territory", "shared", "observatory", "agenda"})
package fr.essor.directory;
