package fr.essor.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.junit.jupiter.api.Test;

/** The first of the month is « 1er », every other day and pattern exactly as Java writes it in French. */
class FrenchDatesTests {

    private final FrenchDates dates = new FrenchDates(Locale.FRENCH);

    @Test
    void theFirstOfTheMonthIsPremier() {
        assertThat(FrenchDates.ofPattern("EEEE d MMMM yyyy").format(LocalDate.of(2030, 11, 1)))
                .isEqualTo("vendredi 1er novembre 2030");
        assertThat(dates.format(LocalDateTime.of(2019, 11, 1, 9, 0), "EEEE d MMMM yyyy 'à' H' h 'mm", Locale.FRENCH))
                .isEqualTo("vendredi 1er novembre 2019 à 9 h 00");
        assertThat(dates.format(LocalDate.of(2030, 11, 1), "'le' d MMM", Locale.FRANCE))
                .isEqualTo("le 1er nov.");
        // two letters are a number on two digits, and a quoted letter is text
        assertThat(FrenchDates.ofPattern("dd/MM/yyyy").format(LocalDate.of(2030, 11, 1)))
                .isEqualTo("01/11/2030");
        assertThat(FrenchDates.ofPattern("'d' d").format(LocalDate.of(2030, 11, 1)))
                .isEqualTo("d 1er");
    }

    @Test
    void everyOtherDayIsWrittenAsJavaWritesIt() {
        for (String pattern :
                new String[] {"EEEE d MMMM yyyy", "d MMM yyyy", "EEEE d MMMM", "d MMMM yyyy 'à' H 'h' mm"}) {
            DateTimeFormatter java = DateTimeFormatter.ofPattern(pattern, Locale.FRANCE);
            for (LocalDateTime day = LocalDateTime.of(2028, 1, 1, 18, 5);
                    day.getYear() == 2028;
                    day = day.plusDays(1)) {
                String expected = java.format(day);
                if (day.getDayOfMonth() == 1) {
                    expected = expected.replaceFirst("(^|\\s)1(\\s)", "$11er$2");
                }
                assertThat(FrenchDates.ofPattern(pattern).format(day))
                        .as(pattern + " " + day)
                        .isEqualTo(expected);
            }
        }
    }

    @Test
    void anInstantIsTakenAsThymeleafTakesItAndAnotherLanguageIsLeftToThymeleaf() {
        Instant instant = Instant.parse("2030-11-01T12:00:00Z");
        assertThat(dates.format(instant, "d MMMM yyyy", Locale.FRENCH))
                .isEqualTo(FrenchDates.ofPattern("d MMMM yyyy").format(instant.atZone(ZoneId.systemDefault())));
        assertThat(dates.format(LocalDate.of(2030, 11, 1), "EEEE d MMMM yyyy", Locale.ENGLISH))
                .isEqualTo("Friday 1 November 2030");
        assertThat(dates.format(null, "d MMMM", Locale.FRENCH)).isNull();
    }
}
