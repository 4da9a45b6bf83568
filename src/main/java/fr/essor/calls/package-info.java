/**
 * Calls for applications: the Region's aid schemes (Pass Occitanie, Contrat Occitanie, FISO), the
 * social-innovation incubators' selections (Catalis, Alter'Incub) and the Prix régionaux de l'ESS, as
 * programmes with their dates, amounts, documents and a versioned form.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Appels",
        allowedDependencies = {"shared", "directory", "territory", "identity", "notification"})
package fr.essor.calls;
