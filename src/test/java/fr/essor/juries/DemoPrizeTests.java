package fr.essor.juries;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import fr.essor.HttpTestSupport;
import fr.essor.calls.Programmes;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The demonstration's 2019 prize: its three categories scored by a jury with a detected and a declared
 * conflict, its laureates public since the ceremony of 5 November 2019, the call itself closed.
 */
class DemoPrizeTests extends HttpTestSupport {

    @Autowired
    Programmes programmes;

    @Autowired
    Juries juries;

    @Test
    void thePrize2019IsReleasedWithItsConflictsWritten() {
        long programme =
                programmes.bySlug("prix-regionaux-ess-2019").orElseThrow().id();
        List<Juries.Category> categories = juries.categoriesOf(programme);
        assertThat(categories)
                .extracting(Juries.Category::name)
                .containsExactlyInAnyOrder("Utilité sociale", "Transition écologique", "Égalité femmes-hommes");
        List<String> kinds = categories.stream()
                .flatMap(c -> juries.conflicts(c.id()).stream())
                .map(Juries.Conflict::kind)
                .toList();
        assertThat(kinds).contains("DETECTED", "DECLARED");

        String api =
                get("/api/v1/laureates?year=2019", "Accept", "application/json").body();
        assertThat(api.split("\"distinction\":\"prize\"", -1))
                .as("three prizes")
                .hasSize(4);
        assertThat(api.split("\"distinction\":\"mention\"", -1))
                .as("three mentions")
                .hasSize(4);
        assertThat(api).contains("\"year\":2019");
        assertThat(get("/prix").body()).contains("2019", "Utilité sociale", "Égalité femmes-hommes");
        // the call was open in 2019: it is listed among the closed ones
        assertThat(programmes.bySlug("prix-regionaux-ess-2019").orElseThrow().closesAt())
                .isBefore(java.time.Instant.parse("2019-11-05T00:00:00Z"));
    }

    @Test
    void thisYearsPrizeIsBeingScoredAndNothingOfItIsPublic() {
        long programme = programmes.bySlug("prix-regionaux-ess").orElseThrow().id();
        List<Juries.Category> categories = juries.categoriesOf(programme);
        assertThat(categories).hasSize(3).allSatisfy(c -> {
            assertThat(c.open()).isTrue();
            assertThat(c.releaseAt()).isAfter(java.time.Instant.now());
        });
        int year = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Paris")).getYear();
        assertThat(get("/api/v1/laureates?year=" + year, "Accept", "application/json")
                        .body())
                .doesNotContain("Ressourcerie des Arceaux");
        assertThat(get("/prix").body()).doesNotContain("Ressourcerie des Arceaux");
    }
}
