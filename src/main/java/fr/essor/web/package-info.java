/**
 * What every page shares: the layout, the home page, error pages, security headers and the choice of
 * language.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Web")
package fr.essor.web;
