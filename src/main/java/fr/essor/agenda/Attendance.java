package fr.essor.agenda;

/** How people attend: at the venue, online, or both. */
public enum Attendance implements Coded {
    IN_PERSON,
    ONLINE,
    HYBRID;

    @Override
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public String labelKey() {
        return "event.attendance." + code();
    }
}
