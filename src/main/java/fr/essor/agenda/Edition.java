package fr.essor.agenda;

import java.time.LocalDate;
import java.util.List;

/**
 * A yearly Mois de l'ESS, such as "Mois de l'ESS 2019 — 12e édition".
 *
 * @param regions INSEE codes of the regions it covers
 * @param demo whether it is demonstration data
 */
public record Edition(
        long id,
        int year,
        int number,
        String title,
        LocalDate startsOn,
        LocalDate endsOn,
        List<String> regions,
        boolean demo) {

    public boolean contains(LocalDate day) {
        return !day.isBefore(startsOn) && !day.isAfter(endsOn);
    }
}
