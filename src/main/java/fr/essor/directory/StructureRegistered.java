package fr.essor.directory;

/**
 * A structure was registered on Essor by one of its organizers (its SIRET checked, not yet proven).
 *
 * @param communeCode the INSEE code of its commune
 */
public record StructureRegistered(
        long structureId, String name, String siret, LegalFamily legalFamily, String communeCode) {}
