package fr.essor.territory;

/** A département: INSEE code ({@code 34}, {@code 2A}, {@code 974}), its region's code and its name. */
public record Departement(String code, String region, String name) {}
