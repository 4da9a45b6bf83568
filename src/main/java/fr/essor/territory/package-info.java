/**
 * France's official geography: regions, départements, EPCI (intercommunalités) and communes with
 * their postcodes, population and a point; lookups by code, name and postcode.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Territoires",
        allowedDependencies = {"shared"})
package fr.essor.territory;
