package fr.essor.directory;

import java.util.Optional;

/**
 * A SIRET, the 14-digit identifier of an establishment: the SIREN of its legal unit (9 digits) and a
 * NIC (5 digits). Valid when its Luhn checksum is; La Poste's establishments (SIREN 356 000 000), too
 * many for the key, are numbered so that their digits add up to a multiple of 5 instead (its head
 * office keeps a Luhn-valid number).
 */
public record Siret(String value) {

    private static final String LA_POSTE = "356000000";

    public Siret {
        if (!valid(value)) {
            throw new IllegalArgumentException("Invalid SIRET: " + value);
        }
    }

    /** Reads a SIRET as people write it (spaces, dots or dashes between groups); empty when invalid. */
    public static Optional<Siret> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String digits = text.replaceAll("[\\s.\\-\\u00a0\\u202f]", "");
        return valid(digits) ? Optional.of(new Siret(digits)) : Optional.empty();
    }

    static boolean valid(String digits) {
        if (digits == null || !digits.matches("\\d{14}")) {
            return false;
        }
        if (digits.startsWith(LA_POSTE) && digits.chars().map(c -> c - '0').sum() % 5 == 0) {
            return true;
        }
        int sum = 0;
        for (int i = 0; i < 14; i++) {
            int d = digits.charAt(13 - i) - '0';
            if (i % 2 == 1) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return sum % 10 == 0;
    }

    public String siren() {
        return value.substring(0, 9);
    }

    /** As people read it: {@code 123 456 789 00012}. */
    public String formatted() {
        return value.substring(0, 3) + " " + value.substring(3, 6) + " " + value.substring(6, 9) + " "
                + value.substring(9);
    }

    @Override
    public String toString() {
        return value;
    }
}
