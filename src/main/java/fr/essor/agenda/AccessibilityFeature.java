package fr.essor.agenda;

/** An accessibility arrangement of an event. */
public enum AccessibilityFeature implements Coded {
    WHEELCHAIR,
    SIGN_LANGUAGE,
    SUBTITLES,
    AUDIO_DESCRIPTION,
    EASY_READ;

    @Override
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public String labelKey() {
        return "event.access." + code();
    }
}
