package fr.essor.observatory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.YearMonth;

import fr.essor.observatory.generator.SireneGenerator;
import fr.essor.territory.Territories;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The demonstration vintage: at the first start without any published vintage, generates SIRENE-format
 * files ({@code essor.observatory.demo.scale} of the national scale, spread over France) and imports them
 * as demonstration data, in the background, so that the observatory's pages are not empty. Every page
 * and download says these figures are generated.
 */
@Component
@ConditionalOnBooleanProperty("essor.observatory.demo.enabled")
class DemoObservatory {

    private static final Logger log = LoggerFactory.getLogger(DemoObservatory.class);
    static final long SEED = 2026;

    private final Observatory observatory;
    private final Territories territories;
    private final ObservatorySettings settings;
    private final Clock clock;

    DemoObservatory(Observatory observatory, Territories territories, ObservatorySettings settings, Clock clock) {
        this.observatory = observatory;
        this.territories = territories;
        this.settings = settings;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void loadInBackground() {
        if (!observatory.runs().isEmpty()) {
            return;
        }
        Thread thread = new Thread(this::load, "observatory-demo");
        thread.setDaemon(true);
        thread.start();
    }

    /** The current communes, weighted by population, for the generator to draw places from. */
    static java.util.List<SireneGenerator.Place> places(Territories territories) {
        return territories.allCommunes().stream()
                .map(c -> new SireneGenerator.Place(
                        c.code(), c.population() == null ? 1 : c.population(), c.latitude(), c.longitude()))
                .toList();
    }

    /** Generates and imports the demonstration vintage; returns its report. */
    ImportReport load() {
        Path dir = null;
        try {
            Files.createDirectories(settings.workDir());
            dir = Files.createTempDirectory(settings.workDir(), "demo-");
            var files = new SireneGenerator(places(territories))
                    .generate(new SireneGenerator.Options(SEED, settings.demo().scale(), true), dir);
            String month = YearMonth.now(clock).minusMonths(1).toString();
            ImportReport report = observatory.importVintage(
                    month, files.unitsFile(), files.establishmentsFile(), true, ImportProgress.NONE);
            log.info(
                    "Demonstration vintage {} of the observatory imported ({} establishments, generated)",
                    month,
                    report.establishmentsRead());
            return report;
        } catch (IOException | RuntimeException ex) {
            log.warn("The observatory's demonstration vintage could not be loaded: {}", ex.getMessage());
            return null;
        } finally {
            SireneImport.clean(dir);
        }
    }
}
