package fr.essor.directory;

/**
 * A moderator of its territory confirmed that a structure is who it says: the spreadsheet import may
 * now attach events to it.
 */
public record StructureVerified(long structureId, long moderatorId) {}
