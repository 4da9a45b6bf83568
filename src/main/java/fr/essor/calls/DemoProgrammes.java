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
@org.springframework.core.annotation.Order(50)
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
            Form form,
            List<FormField> annotations) {}

    /** The demonstration's staff of every demonstration call (accounts of {@code DemoAccounts}). */
    private static final java.util.Map<String, java.util.List<DossierFlow.Role>> STAFF = java.util.Map.of(
            "relais.herault.demo@example.org", java.util.List.of(DossierFlow.Role.INSTRUCTOR),
            "moderation.demo@example.org", java.util.List.of(DossierFlow.Role.INSTRUCTOR, DossierFlow.Role.SIGNER),
            "admin.demo@example.org", java.util.List.of(DossierFlow.Role.MANAGER, DossierFlow.Role.SIGNER));

    private final Programmes programmes;
    private final JsonMapper json;
    private final Clock clock;
    private final Staff staff;
    private final fr.essor.identity.Accounts accounts;
    private final Annotations annotations;

    DemoProgrammes(
            Programmes programmes,
            JsonMapper json,
            Clock clock,
            Staff staff,
            fr.essor.identity.Accounts accounts,
            Annotations annotations) {
        this.annotations = annotations;
        this.programmes = programmes;
        this.json = json;
        this.clock = clock;
        this.staff = staff;
        this.accounts = accounts;
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
            long id = programmes.create(
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
            if (d.annotations() != null) {
                annotations.define(id, d.annotations());
            }
            STAFF.forEach((email, roles) -> accounts.byEmail(email)
                    .ifPresent(account -> roles.forEach(role -> staff.grant(id, account.id(), role, account.id()))));
        }
        log.info("{} demonstration programmes loaded", demo.size());
    }
}
