package fr.essor.calls;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Demonstration programmes, loaded when there is none: Pass Occitanie, Contrat Occitanie, FISO, the
 * Catalis and Alter'Incub calls and the Prix régionaux de l'ESS ({@code calls/demo-programmes.json}),
 * flagged {@code demo}, with fictitious amounts, rules and dates placed around the day of the first
 * start (open, upcoming and closed calls), closing at a Paris hour.
 */
@Component
@ConditionalOnBooleanProperty(name = "essor.demo.enabled", matchIfMissing = false)
class DemoProgrammes implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoProgrammes.class);
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    /** A programme as the demonstration file writes it, its dates in days from today. */
    record DemoProgramme(
            String slug,
            String name,
            ProgrammeKind kind,
            String owner,
            String summary,
            String description,
            String whoCanApply,
            Long capEuros,
            int opensInDays,
            int closesInDays,
            LocalTime closesAtTime,
            List<String> documents,
            int retentionMonths,
            Boolean fourEyes,
            Form form) {}

    private final Programmes programmes;
    private final JsonMapper json;
    private final Clock clock;

    DemoProgrammes(Programmes programmes, JsonMapper json, Clock clock) {
        this.programmes = programmes;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (programmes.any()) {
            return;
        }
        LocalDate today = LocalDate.now(clock.withZone(PARIS));
        List<DemoProgramme> demo;
        try (InputStream in = new ClassPathResource("calls/demo-programmes.json").getInputStream()) {
            demo = List.of(json.readValue(in, DemoProgramme[].class));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        for (DemoProgramme d : demo) {
            programmes.create(
                    new Programmes.Draft(
                            d.slug(),
                            d.name(),
                            d.kind(),
                            d.owner(),
                            d.summary(),
                            d.description(),
                            d.whoCanApply(),
                            d.capEuros() == null ? null : d.capEuros() * 100,
                            today.plusDays(d.opensInDays())
                                    .atTime(9, 0)
                                    .atZone(PARIS)
                                    .toInstant(),
                            today.plusDays(d.closesInDays())
                                    .atTime(d.closesAtTime())
                                    .atZone(PARIS)
                                    .toInstant(),
                            d.documents(),
                            d.retentionMonths(),
                            Boolean.TRUE.equals(d.fourEyes()),
                            true),
                    d.form());
        }
        log.info("{} demonstration programmes loaded", demo.size());
    }
}
