package fr.essor.agenda;

/** How to register: no registration, or on the organizer's own page. */
public enum RegistrationMode implements Coded {
    NONE,
    EXTERNAL;

    @Override
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public String labelKey() {
        return "event.registration." + code();
    }
}
