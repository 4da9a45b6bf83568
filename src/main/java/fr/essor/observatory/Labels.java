package fr.essor.observatory;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Labels of the NAF rév. 2 sections (INSEE, Licence Ouverte) and of the size bands, for the tables,
 * the charts and the downloads.
 */
public final class Labels {

    private static final Map<String, String> SECTIONS = new LinkedHashMap<>();
    private static final Map<String, String> BANDS = new LinkedHashMap<>();
    private static final Map<String, String> FAMILIES = new LinkedHashMap<>();

    static {
        SECTIONS.put("A", "Agriculture, sylviculture et pêche");
        SECTIONS.put("B", "Industries extractives");
        SECTIONS.put("C", "Industrie manufacturière");
        SECTIONS.put("D", "Électricité, gaz, vapeur et air conditionné");
        SECTIONS.put("E", "Eau, assainissement, gestion des déchets et dépollution");
        SECTIONS.put("F", "Construction");
        SECTIONS.put("G", "Commerce ; réparation d'automobiles et de motocycles");
        SECTIONS.put("H", "Transports et entreposage");
        SECTIONS.put("I", "Hébergement et restauration");
        SECTIONS.put("J", "Information et communication");
        SECTIONS.put("K", "Activités financières et d'assurance");
        SECTIONS.put("L", "Activités immobilières");
        SECTIONS.put("M", "Activités spécialisées, scientifiques et techniques");
        SECTIONS.put("N", "Activités de services administratifs et de soutien");
        SECTIONS.put("O", "Administration publique");
        SECTIONS.put("P", "Enseignement");
        SECTIONS.put("Q", "Santé humaine et action sociale");
        SECTIONS.put("R", "Arts, spectacles et activités récréatives");
        SECTIONS.put("S", "Autres activités de services");
        SECTIONS.put("T", "Activités des ménages en tant qu'employeurs");
        SECTIONS.put("U", "Activités extra-territoriales");
        SECTIONS.put("NR", "Activité non renseignée");

        BANDS.put("NR", "Tranche non renseignée");
        BANDS.put("NN", "Sans salarié");
        BANDS.put("00", "0 salarié au 31 décembre");
        BANDS.put("01", "1 ou 2 salariés");
        BANDS.put("02", "3 à 5 salariés");
        BANDS.put("03", "6 à 9 salariés");
        BANDS.put("11", "10 à 19 salariés");
        BANDS.put("12", "20 à 49 salariés");
        BANDS.put("21", "50 à 99 salariés");
        BANDS.put("22", "100 à 199 salariés");
        BANDS.put("31", "200 à 249 salariés");
        BANDS.put("32", "250 à 499 salariés");
        BANDS.put("41", "500 à 999 salariés");
        BANDS.put("42", "1 000 à 1 999 salariés");
        BANDS.put("51", "2 000 à 4 999 salariés");
        BANDS.put("52", "5 000 à 9 999 salariés");
        BANDS.put("53", "10 000 salariés ou plus");

        FAMILIES.put("association", "Associations");
        FAMILIES.put("cooperative", "Coopératives");
        FAMILIES.put("mutuelle", "Mutuelles");
        FAMILIES.put("fondation", "Fondations");
        FAMILIES.put("ess_company", "Entreprises de l'ESS (autres statuts)");
    }

    private Labels() {}

    public static String section(String code) {
        return SECTIONS.getOrDefault(code, code);
    }

    public static String band(String code) {
        return BANDS.getOrDefault(code, code);
    }

    public static String family(String key) {
        return FAMILIES.getOrDefault(key, key);
    }

    /** Section codes in the order of the nomenclature. */
    static java.util.List<String> sections() {
        return java.util.List.copyOf(SECTIONS.keySet());
    }
}
