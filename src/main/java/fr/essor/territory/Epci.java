package fr.essor.territory;

/** An EPCI (établissement public de coopération intercommunale): SIREN, name and legal nature. */
public record Epci(String code, String name, String nature) {}
