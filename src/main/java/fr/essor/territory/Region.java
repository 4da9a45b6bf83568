package fr.essor.territory;

/** A region: INSEE code ({@code 76} for Occitanie) and name. */
public record Region(String code, String name) {}
