package fr.essor.agenda;

/** The kind of an event. */
public enum EventType implements Coded {
    RENCONTRE,
    EXPOSITION,
    PORTES_OUVERTES,
    CONFERENCE,
    TABLE_RONDE,
    ATELIER,
    PROJECTION,
    FORUM,
    VISITE,
    AUTRE;

    @Override
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public String labelKey() {
        return "event.type." + code();
    }
}
