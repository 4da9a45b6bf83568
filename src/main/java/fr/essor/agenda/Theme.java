package fr.essor.agenda;

/** An ESS theme an event is about (an event has one or several). */
public enum Theme implements Coded {
    EMPLOI_INSERTION,
    TRANSITION_ECOLOGIQUE,
    ECONOMIE_CIRCULAIRE,
    ALIMENTATION_AGRICULTURE,
    EGALITE_FEMMES_HOMMES,
    FINANCE_SOLIDAIRE,
    HABITAT_LOGEMENT,
    CULTURE,
    SANTE_SOCIAL,
    NUMERIQUE,
    MOBILITE,
    EDUCATION_JEUNESSE,
    COOPERATION_ENTREPRENEURIAT,
    COMMERCE_EQUITABLE,
    INNOVATION_SOCIALE,
    TERRITOIRES_RURAUX;

    @Override
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public String labelKey() {
        return "event.theme." + code();
    }
}
