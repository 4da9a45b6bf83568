package fr.essor.observatory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.sql.DataSource;

import fr.essor.territory.Territories;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The observatory's facade: imports a vintage of the SIRENE stock files, and reads the published figures
 * of any territory.
 */
@Service
public class Observatory {

    private static final Logger log = LoggerFactory.getLogger(Observatory.class);
    private static final Pattern MONTH = Pattern.compile("[0-9]{4}-(0[1-9]|1[0-2])");
    /** The advisory lock that lets one import run at a time, whatever the process. */
    private static final long IMPORT_LOCK = 0x0b5e_7a70L;

    private final ObservatoryStore store;
    private final Territories territories;
    private final Perimeter perimeter;
    private final ObservatorySettings settings;
    private final DataSource dataSource;
    private final org.springframework.context.ApplicationEventPublisher events;
    /**
     * The published vintages, read again after a few seconds (another instance may publish one); the
     * figures and rankings of a vintage never change once published, so they are kept by vintage id.
     */
    private final Cache<Boolean, List<Vintage>> published =
            Caffeine.newBuilder().expireAfterWrite(Duration.ofSeconds(5)).build();

    private final Cache<String, Optional<TerritoryFigures>> figuresCache =
            Caffeine.newBuilder().maximumSize(5_000).build();
    private final Cache<String, List<Ranked>> rankings =
            Caffeine.newBuilder().maximumSize(2_000).build();

    Observatory(
            ObservatoryStore store,
            Territories territories,
            Perimeter perimeter,
            ObservatorySettings settings,
            DataSource dataSource,
            org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.store = store;
        this.territories = territories;
        this.perimeter = perimeter;
        this.settings = settings;
        this.dataSource = dataSource;
    }

    public Perimeter perimeter() {
        return perimeter;
    }

    public ObservatorySettings settings() {
        return settings;
    }

    /**
     * Imports the stock files of a month and publishes its figures once complete, replacing any earlier
     * import of the same month. A failure leaves the published figures as they were.
     *
     * @throws ImportFailure with a message for the person who asked, when the files cannot be imported
     */
    public ImportReport importVintage(
            String month, Path units, Path establishments, boolean demo, ImportProgress progress) {
        if (month == null || !MONTH.matcher(month.strip()).matches()) {
            throw new ImportFailure("Le millésime doit être un mois écrit AAAA-MM, par exemple 2026-11 (reçu : "
                    + (month == null ? "rien" : "« " + month + " »") + ").");
        }
        String vintage = month.strip();
        long started = System.nanoTime();
        progress.phase("Vérification des fichiers");
        StockFile unitsFile = StockFile.open("des unités légales", units, StockFile.UNIT_COLUMNS);
        StockFile establishmentsFile =
                StockFile.open("des établissements", establishments, StockFile.ESTABLISHMENT_COLUMNS);
        try (Connection lock = dataSource.getConnection()) {
            if (!tryLock(lock)) {
                throw new ImportFailure("Un import est déjà en cours : attendez qu'il se termine.");
            }
            try {
                return importLocked(vintage, unitsFile, establishmentsFile, demo, progress, started);
            } finally {
                try (Statement s = lock.createStatement()) {
                    s.execute("select pg_advisory_unlock(" + IMPORT_LOCK + ")");
                }
            }
        } catch (SQLException ex) {
            throw new ImportFailure("La base de données ne répond pas : " + ex.getMessage(), ex);
        }
    }

    private ImportReport importLocked(
            String month,
            StockFile units,
            StockFile establishments,
            boolean demo,
            ImportProgress progress,
            long started) {
        store.abandonStale();
        removeAbandonedWork();
        long vintageId = store.begin(month, demo);
        Path workDir = null;
        SireneImport.Result result = null;
        try {
            Files.createDirectories(settings.workDir());
            workDir = Files.createTempDirectory(settings.workDir(), "import-" + vintageId + "-");
            SireneImport job = new SireneImport(perimeter, settings, workDir, progress);
            result = job.run(
                    units,
                    establishments,
                    new SireneImport.Geography(
                            territories.allCommunes(), territories.arrondissements(), territories.departements()),
                    vintageId);
            progress.phase("Enregistrement des chiffres");
            long copyStarted = System.nanoTime();
            store.copyFigures(result.figures());
            List<ImportReport.Phase> phases = new ArrayList<>(result.phases());
            phases.add(new ImportReport.Phase(
                    "Enregistrement des chiffres", Duration.ofNanos(System.nanoTime() - copyStarted)));
            // the directory prepares its copy now, out of the publishing transaction, which then only switches
            progress.phase("Chargement de l'annuaire");
            long loadStarted = System.nanoTime();
            events.publishEvent(new VintageExtracted(vintageId, month, result.directory(), result.directoryEntries()));
            phases.add(new ImportReport.Phase(
                    "Chargement de l'annuaire", Duration.ofNanos(System.nanoTime() - loadStarted)));
            ImportReport report = new ImportReport(
                    month,
                    result.unitsRead(),
                    result.establishmentsRead(),
                    result.activeEstablishments(),
                    result.essUnits(),
                    result.essEstablishments(),
                    result.problems(),
                    phases,
                    Duration.ofNanos(System.nanoTime() - started),
                    null);
            SireneImport.Result extracted = result;
            store.publish(
                    vintageId,
                    month,
                    report,
                    replaced -> events.publishEvent(
                            new VintagePublished(vintageId, month, demo, replaced, extracted.directoryEntries())));
            published.invalidateAll();
            log.info(
                    "Observatory vintage {} published: {} establishments read in {}",
                    month,
                    report.establishmentsRead(),
                    report.took());
            return report;
        } catch (RuntimeException | Error | java.io.IOException ex) {
            ImportFailure failure =
                    ex instanceof ImportFailure f ? f : new ImportFailure("L'import a échoué : " + ex, ex);
            ImportReport report = new ImportReport(
                    month,
                    result == null ? 0 : result.unitsRead(),
                    result == null ? 0 : result.establishmentsRead(),
                    0,
                    0,
                    0,
                    List.of(),
                    List.of(),
                    Duration.ofNanos(System.nanoTime() - started),
                    failure.getMessage());
            try {
                store.fail(vintageId, report);
            } catch (RuntimeException secondary) {
                failure.addSuppressed(secondary);
            }
            throw failure;
        } finally {
            SireneImport.clean(workDir);
        }
    }

    /**
     * The work directories of imports killed before they could clean up (unpacked files, DuckDB's spill):
     * under the import lock, no other import is using one.
     */
    private void removeAbandonedWork() {
        if (!Files.isDirectory(settings.workDir())) {
            return;
        }
        try (var dirs = Files.list(settings.workDir())) {
            dirs.filter(d -> d.getFileName().toString().startsWith("import-")).forEach(SireneImport::clean);
        } catch (java.io.IOException ex) {
            log.warn("Could not list the observatory's work directory {}: {}", settings.workDir(), ex.getMessage());
        }
    }

    private static boolean tryLock(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("select pg_try_advisory_lock(" + IMPORT_LOCK + ")")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /** Published vintages, the one shown by default first (real data before demonstration data). */
    public List<Vintage> vintages() {
        return published.get(Boolean.TRUE, k -> store.vintages());
    }

    /** The vintage shown by default: the latest real one, else the latest demonstration one. */
    public Optional<Vintage> latest() {
        return vintages().stream().findFirst();
    }

    public Optional<Vintage> vintage(String month) {
        if (month == null || month.isBlank()) {
            return latest();
        }
        return vintages().stream().filter(v -> v.month().equals(month)).findFirst();
    }

    /** Every import, latest first, with its report. */
    public List<ImportRun> runs() {
        return store.runs(20);
    }

    /** The name of a territory, when it exists. */
    public Optional<String> name(Level level, String code) {
        if (code == null) {
            return Optional.empty();
        }
        return switch (level) {
            case FRANCE -> "FR".equals(code) ? Optional.of("France") : Optional.empty();
            case REGION -> territories.region(code).map(r -> r.name());
            case DEPARTEMENT -> territories.departement(code).map(d -> d.name());
            case EPCI -> territories.epci(code).map(e -> e.name());
            case COMMUNE ->
                territories.commune(code).filter(c -> c.code().equals(code)).map(c -> c.name());
        };
    }

    /** The figures of a territory for a vintage (the default one when {@code month} is empty). */
    public Optional<TerritoryFigures> figures(Level level, String code, String month) {
        Optional<Vintage> vintage = vintage(month);
        if (vintage.isEmpty() || code == null) {
            return Optional.empty();
        }
        Vintage v = vintage.get();
        Optional<Vintage> earlier = earlier(v);
        String key = v.id() + "/" + earlier.map(Vintage::id).orElse(0L) + "/" + level.key() + "/" + code;
        return figuresCache.get(key, k -> compute(v, earlier, level, code));
    }

    private Optional<Vintage> earlier(Vintage vintage) {
        return vintages().stream()
                .filter(v -> v.demo() == vintage.demo() && v.month().compareTo(vintage.month()) < 0)
                .max(Comparator.comparing(Vintage::month));
    }

    private Optional<TerritoryFigures> compute(Vintage v, Optional<Vintage> earlier, Level level, String code) {
        Optional<String> name = name(level, code);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        List<Figure> rows = store.figures(v.id(), level.key(), code);
        Figure total = rows.stream()
                .filter(f -> f.dimension().equals("total"))
                .findFirst()
                .orElse(new Figure(level.key(), code, "total", "", zero(), zero()));
        Map<String, TerritoryFigures.FamilyFigures> byFamily = new LinkedHashMap<>();
        for (Family family : Family.values()) {
            Figure.Counts c = rows.stream()
                    .filter(f -> f.dimension().equals("family") && f.key().equals(family.key()))
                    .findFirst()
                    .map(Figure::ess)
                    .orElse(zero());
            byFamily.put(
                    family.key(),
                    new TerritoryFigures.FamilyFigures(
                            Labels.family(family.key()),
                            c.establishments(),
                            c.employers(),
                            c.employeesLow(),
                            c.employeesHigh(),
                            Math.round(c.employeesEstimate())));
        }
        Map<String, Figure> sections = rows.stream()
                .filter(f -> f.dimension().equals("section"))
                .collect(Collectors.toMap(Figure::key, Function.identity()));
        List<TerritoryFigures.SectionFigures> bySection = Labels.sections().stream()
                .filter(sections::containsKey)
                .map(sections::get)
                .map(f -> new TerritoryFigures.SectionFigures(
                        f.key(),
                        Labels.section(f.key()),
                        f.ess().establishments(),
                        Math.round(f.ess().employeesEstimate()),
                        f.all().establishments(),
                        Math.round(f.all().employeesEstimate()),
                        share(f.ess().employeesEstimate(), f.all().employeesEstimate())))
                .toList();
        Map<String, Figure> bands = rows.stream()
                .filter(f -> f.dimension().equals("band"))
                .collect(Collectors.toMap(Figure::key, Function.identity()));
        List<TerritoryFigures.BandFigures> byBand = SizeBand.ordered().stream()
                .map(SizeBand::code)
                .filter(bands::containsKey)
                .map(bands::get)
                .map(f -> new TerritoryFigures.BandFigures(
                        f.key(),
                        Labels.band(f.key()),
                        f.ess().establishments(),
                        f.all().establishments()))
                .toList();
        return Optional.of(new TerritoryFigures(
                level.key(),
                code,
                name.get(),
                v.month(),
                v.demo(),
                total.ess().establishments(),
                total.ess().employers(),
                total.all().establishments(),
                total.all().employers(),
                total.ess().employeesLow(),
                total.ess().employeesHigh(),
                Math.round(total.ess().employeesEstimate()),
                Math.round(total.all().employeesEstimate()),
                share(total.ess().establishments(), total.all().establishments()),
                share(total.ess().employeesEstimate(), total.all().employeesEstimate()),
                byFamily,
                bySection,
                byBand,
                rank(v, level, code),
                change(earlier, level, code, total),
                within(level, code)));
    }

    /**
     * The territories of a level ranked by ESS share of employment: every region, or the départements of a
     * region ({@code parent}).
     */
    public List<Ranked> ranking(Vintage vintage, Level level, String parent) {
        return rankings.get(
                vintage.id() + "/" + level.key() + "/" + parent, k -> computeRanking(vintage, level, parent));
    }

    private List<Ranked> computeRanking(Vintage vintage, Level level, String parent) {
        List<Figure> totals = store.totals(vintage.id(), level.key());
        Map<String, String> names = new LinkedHashMap<>();
        if (level == Level.REGION) {
            territories.regions().forEach(r -> names.put(r.code(), r.name()));
        } else if (level == Level.DEPARTEMENT) {
            (parent == null ? territories.departements() : territories.departements(parent))
                    .forEach(d -> names.put(d.code(), d.name()));
        } else {
            return List.of();
        }
        List<Figure> kept = totals.stream()
                .filter(f -> names.containsKey(f.code()))
                .sorted(Comparator.comparingDouble((Figure f) ->
                                -share(f.ess().employeesEstimate(), f.all().employeesEstimate()))
                        .thenComparing(Figure::code))
                .toList();
        return ranked(kept, names);
    }

    /** Territories' totals, in their order, as the positions of a ranking. */
    private static List<Ranked> ranked(List<Figure> ordered, Map<String, String> names) {
        List<Ranked> out = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            Figure f = ordered.get(i);
            out.add(new Ranked(
                    i + 1,
                    f.code(),
                    names.get(f.code()),
                    f.ess().establishments(),
                    f.ess().employers(),
                    Math.round(f.ess().employeesEstimate()),
                    share(f.ess().employeesEstimate(), f.all().employeesEstimate())));
        }
        return List.copyOf(out);
    }

    /** The communes of a département with the most estimated ESS employees, most first. */
    public List<Ranked> largestCommunes(Vintage vintage, String departement, int limit) {
        return rankings.get(vintage.id() + "/communes/" + departement + "/" + limit, k -> {
            Map<String, String> names = new LinkedHashMap<>();
            territories.communesOf(departement).forEach(c -> names.put(c.code(), c.name()));
            List<Figure> kept = store.totals(vintage.id(), Level.COMMUNE.key(), names.keySet()).stream()
                    .sorted(Comparator.comparingDouble((Figure f) -> -f.ess().employeesEstimate())
                            .thenComparing(Figure::code))
                    .limit(limit)
                    .toList();
            return ranked(kept, names);
        });
    }

    /** A territory's place in a ranking by ESS share of employment. */
    public record Ranked(
            int position,
            String code,
            String name,
            long essEstablishments,
            long essEmployerEstablishments,
            long essEmployeesEstimate,
            double essShareOfEmployment) {}

    private TerritoryFigures.Rank rank(Vintage vintage, Level level, String code) {
        String parent = level == Level.DEPARTEMENT
                ? territories.departement(code).map(d -> d.region()).orElse(null)
                : null;
        if (level != Level.REGION && (level != Level.DEPARTEMENT || parent == null)) {
            return null;
        }
        List<Ranked> ranking = ranking(vintage, level, parent);
        return ranking.stream()
                .filter(r -> r.code().equals(code))
                .findFirst()
                .map(r -> new TerritoryFigures.Rank(
                        level == Level.REGION ? "regions" : "departements", r.position(), ranking.size()))
                .orElse(null);
    }

    private TerritoryFigures.Change change(Optional<Vintage> earlier, Level level, String code, Figure now) {
        if (earlier.isEmpty()) {
            return null;
        }
        Figure before = store.figures(earlier.get().id(), level.key(), code).stream()
                .filter(f -> f.dimension().equals("total"))
                .findFirst()
                .orElse(new Figure(level.key(), code, "total", "", zero(), zero()));
        return new TerritoryFigures.Change(
                earlier.get().month(),
                now.ess().establishments() - before.ess().establishments(),
                Math.round(now.ess().employeesEstimate())
                        - Math.round(before.ess().employeesEstimate()),
                share(now.ess().employeesEstimate(), now.all().employeesEstimate())
                        - share(before.ess().employeesEstimate(), before.all().employeesEstimate()));
    }

    private List<TerritoryFigures.Place> within(Level level, String code) {
        List<TerritoryFigures.Place> out = new ArrayList<>();
        if (level != Level.FRANCE) {
            out.add(new TerritoryFigures.Place("france", "FR", "France"));
        }
        String region = null;
        String departement = null;
        String epci = null;
        switch (level) {
            case DEPARTEMENT ->
                region = territories.departement(code).map(d -> d.region()).orElse(null);
            case COMMUNE -> {
                var commune = territories.commune(code).orElse(null);
                if (commune != null) {
                    region = commune.region();
                    departement = commune.departement();
                    epci = commune.epci();
                }
            }
            default -> {}
        }
        if (region != null) {
            String r = region;
            territories.region(r).ifPresent(x -> out.add(new TerritoryFigures.Place("region", x.code(), x.name())));
        }
        if (departement != null) {
            territories
                    .departement(departement)
                    .ifPresent(x -> out.add(new TerritoryFigures.Place("departement", x.code(), x.name())));
        }
        if (epci != null) {
            territories.epci(epci).ifPresent(x -> out.add(new TerritoryFigures.Place("epci", x.code(), x.name())));
        }
        return out;
    }

    static double share(double part, double whole) {
        return whole <= 0 ? 0 : part / whole;
    }

    private static Figure.Counts zero() {
        return new Figure.Counts(0, 0, 0, 0, 0);
    }
}
