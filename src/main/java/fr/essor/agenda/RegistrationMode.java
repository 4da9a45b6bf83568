package fr.essor.agenda;

/** How to register: no registration, on the organizer's own page, or on Essor (seats counted here). */
public enum RegistrationMode implements Coded {
    NONE,
    EXTERNAL,
    ESSOR;

    @Override
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public String labelKey() {
        return "event.registration." + code();
    }
}
