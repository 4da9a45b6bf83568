package fr.essor.agenda;

/** Who an event is meant for. */
public enum Audience implements Coded {
    GRAND_PUBLIC,
    PROFESSIONNELS,
    JEUNES_SCOLAIRES,
    ELUS_COLLECTIVITES,
    DEMANDEURS_EMPLOI,
    PORTEURS_PROJET,
    SENIORS;

    @Override
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public String labelKey() {
        return "event.audience." + code();
    }
}
