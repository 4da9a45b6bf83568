/**
 * What every page shares: the layout, the home page, error pages, security headers and the choice of
 * language.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Web",
        allowedDependencies = {"agenda", "observatory", "shared"})
package fr.essor.web;
