package fr.essor.observatory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;

import fr.essor.territory.Territories;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The demonstration vintage: generated files at a small scale, imported and labelled as demonstration
 * data, with plausible figures (the generator is tuned on the published national ones).
 */
@SpringBootTest
class DemoObservatoryTests {

    @Autowired
    Observatory observatory;

    @Autowired
    Territories territories;

    @Autowired
    Clock clock;

    @Test
    void theDemonstrationVintageIsGeneratedImportedAndLabelled() {
        ObservatorySettings small = new ObservatorySettings(
                "76",
                "1GB",
                observatory.settings().workDir(),
                observatory.settings().importDir(),
                0.01,
                new ObservatorySettings.Demo(true, 0.002));
        ImportReport report = new DemoObservatory(observatory, territories, small, clock).load();
        assertThat(report).isNotNull();
        assertThat(report.establishmentsRead()).isBetween(80_000L, 100_000L);
        Vintage vintage = observatory.vintage(report.month()).orElseThrow();
        assertThat(vintage.demo()).isTrue();

        TerritoryFigures france =
                observatory.figures(Level.FRANCE, "FR", report.month()).orElseThrow();
        assertThat(france.demonstration()).isTrue();
        // about 210,000 ESS employer establishments and 10 to 14 % of employment nationally
        assertThat(france.essEmployerEstablishments()).isBetween(300L, 540L);
        assertThat(france.essShareOfEmployment()).isBetween(0.08, 0.16);
        assertThat(france.byFamily().get("association").establishments())
                .isGreaterThan(france.essEstablishments() * 8 / 10);
        assertThat(observatory.ranking(vintage, Level.REGION, null)).hasSize(18);
    }
}
