package fr.essor.directory;

/** The legal family of an ESS structure, as the observatory counts them. */
public enum LegalFamily {
    ASSOCIATION,
    COOPERATIVE,
    MUTUELLE,
    FONDATION,
    ESS_COMPANY,
    OTHER
}
