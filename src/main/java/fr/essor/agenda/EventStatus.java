package fr.essor.agenda;

/** Whether an event takes place as announced (schema.org's EventStatusType). */
public enum EventStatus implements Coded {
    SCHEDULED,
    CANCELLED,
    POSTPONED,
    FULL;

    @Override
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public String labelKey() {
        return "event.status." + code();
    }
}
