package fr.essor.observatory;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import fr.essor.observatory.generator.SireneGenerator;
import fr.essor.territory.Territories;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * The observatory's command line, run by the application jar:
 *
 * <pre>
 * java -jar essor.jar observatory import --vintage 2026-11 --units StockUniteLegale_utf8.zip --establishments StockEtablissement_utf8.zip
 * java -jar essor.jar observatory generate --scale 0.01 --seed 42 --out DIR [--zip]
 * </pre>
 *
 * <p>It starts the application without opening its HTTP port nor running its background jobs, on the same database
 * settings as the server ({@code --spring.datasource.url=…}, or the embedded database's data directory).
 */
public final class ObservatoryCommand {

    public static final String NAME = "observatory";
    private static final String USAGE = """
            Usage :
              java -jar essor.jar observatory import --vintage AAAA-MM --units FICHIER --establishments FICHIER [--demo]
                  importe un millésime des fichiers stock SIRENE (StockUniteLegale_utf8 et StockEtablissement_utf8,
                  CSV, zip ou Parquet) et publie ses chiffres une fois l'import complet.
              java -jar essor.jar observatory generate --out RÉPERTOIRE [--scale 0.01] [--seed 42] [--zip]
                  écrit des fichiers au format SIRENE, générés (scale 1 = l'échelle nationale).
            Les options --spring.datasource.url=… (ou --essor.embedded-db.data-dir=…) choisissent la base.
            """;

    private ObservatoryCommand() {}

    /** Runs the command and returns the process's exit status. */
    public static int run(Class<?> application, String[] args) {
        PrintStream out = System.out;
        if (args.length < 2 || !List.of("import", "generate").contains(args[1])) {
            out.print(USAGE);
            return 64;
        }
        Map<String, String> options = new LinkedHashMap<>();
        List<String> springArgs = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            String arg = args[i];
            if (arg.startsWith("--spring.") || arg.startsWith("--essor.") || arg.startsWith("--logging.")) {
                springArgs.add(arg);
            } else if (arg.equals("--zip") || arg.equals("--demo")) {
                options.put(arg.substring(2), "true");
            } else if (arg.startsWith("--") && i + 1 < args.length) {
                options.put(arg.substring(2), args[++i]);
            } else {
                out.println("Option inconnue : " + arg);
                out.print(USAGE);
                return 64;
            }
        }
        List<String> known = args[1].equals("import")
                ? List.of("vintage", "units", "establishments", "demo")
                : List.of("out", "scale", "seed", "zip");
        for (String key : options.keySet()) {
            if (!known.contains(key)) {
                out.println("Option inconnue : --" + key);
                out.print(USAGE);
                return 64;
            }
        }
        SpringApplication app = new SpringApplication(application);
        app.setLogStartupInfo(false);
        app.setDefaultProperties(Map.of(
                "spring.main.banner-mode",
                "off",
                "logging.level.root",
                "WARN",
                "logging.level.org.springdoc",
                "ERROR"));
        // a command leaves the background jobs and the demonstration vintage to the server, and opens no
        // HTTP port (the web context is still built: some beans of the modules are web beans)
        app.addInitializers(context -> context.getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "observatoryCommand",
                        Map.of(
                                "essor.scheduling.enabled",
                                "false",
                                "essor.observatory.demo.enabled",
                                "false",
                                "server.port",
                                "-1"))));
        ConfigurableApplicationContext context;
        try {
            context = app.run(springArgs.toArray(String[]::new));
        } catch (RuntimeException ex) {
            Throwable cause = ex;
            while (cause.getCause() != null
                    && !(cause instanceof IllegalStateException
                            && cause.getMessage() != null
                            && cause.getMessage().startsWith("Le répertoire de données"))) {
                cause = cause.getCause();
            }
            out.println("Essor n'a pas pu démarrer : " + cause.getMessage());
            return 2;
        }
        try (context) {
            return args[1].equals("import")
                    ? importVintage(context.getBean(Observatory.class), options, out)
                    : generate(context.getBean(Territories.class), options, out);
        }
    }

    private static int importVintage(Observatory observatory, Map<String, String> options, PrintStream out) {
        for (String required : List.of("vintage", "units", "establishments")) {
            if (!options.containsKey(required)) {
                out.println("Option manquante : --" + required);
                out.print(USAGE);
                return 64;
            }
        }
        ConsoleProgress progress = new ConsoleProgress(out);
        try {
            ImportReport report = observatory.importVintage(
                    options.get("vintage"),
                    Path.of(options.get("units")),
                    Path.of(options.get("establishments")),
                    options.containsKey("demo"),
                    progress);
            progress.end();
            out.print(summary(report));
            return 0;
        } catch (ImportFailure failure) {
            progress.end();
            out.println("Import refusé : " + failure.getMessage());
            out.println("Les chiffres publiés n'ont pas changé.");
            return 1;
        }
    }

    private static int generate(Territories territories, Map<String, String> options, PrintStream out) {
        if (!options.containsKey("out")) {
            out.println("Option manquante : --out");
            return 64;
        }
        try {
            double scale = Double.parseDouble(options.getOrDefault("scale", "0.01"));
            long seed = Long.parseLong(options.getOrDefault("seed", "42"));
            long started = System.nanoTime();
            SireneGenerator.Result result = new SireneGenerator(DemoObservatory.places(territories))
                    .generate(
                            new SireneGenerator.Options(seed, scale, options.containsKey("zip")),
                            Path.of(options.get("out")));
            out.printf(
                    Locale.FRANCE,
                    "%,d unités légales et %,d établissements écrits en %s :%n  %s%n  %s%n",
                    result.units(),
                    result.establishments(),
                    format(Duration.ofNanos(System.nanoTime() - started)),
                    result.unitsFile(),
                    result.establishmentsFile());
            return 0;
        } catch (NumberFormatException ex) {
            out.println("--scale et --seed attendent des nombres : " + ex.getMessage());
            return 64;
        } catch (java.io.IOException ex) {
            out.println("Les fichiers n'ont pas pu être écrits : " + ex.getMessage());
            return 1;
        }
    }

    /** The summary printed at the end of an import. */
    static String summary(ImportReport report) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.FRANCE, "Millésime %s publié en %s.%n", report.month(), format(report.took())));
        s.append(String.format(
                Locale.FRANCE,
                "  unités légales lues : %,d (dont %,d dans le périmètre de l'ESS)%n",
                report.unitsRead(),
                report.essUnits()));
        s.append(String.format(
                Locale.FRANCE,
                "  établissements lus : %,d, dont %,d actifs ; %,d établissements actifs de l'ESS en France%n",
                report.establishmentsRead(),
                report.activeEstablishments(),
                report.essEstablishments()));
        s.append(String.format(Locale.FRANCE, "  lignes écartées : %,d%n", report.rejectedRows()));
        for (ImportReport.Problem p : report.problems()) {
            s.append(String.format(
                    Locale.FRANCE,
                    "  - fichier %s, %s : %,d ligne(s)%s%n",
                    p.file(),
                    p.reason(),
                    p.rows(),
                    p.rejected() ? " écartée(s)" : ""));
            p.examples().forEach(e -> s.append("      ").append(e).append(System.lineSeparator()));
        }
        for (ImportReport.Phase phase : report.phases()) {
            s.append(String.format(Locale.FRANCE, "  %s : %s%n", phase.name(), format(phase.took())));
        }
        return s.toString();
    }

    static String format(Duration d) {
        long seconds = d.toSeconds();
        return seconds >= 60
                ? String.format(Locale.FRANCE, "%d min %02d s", seconds / 60, seconds % 60)
                : String.format(Locale.FRANCE, "%.1f s", d.toMillis() / 1000.0);
    }

    /** A progress bar on a terminal, a line every tenth otherwise. */
    static final class ConsoleProgress implements ImportProgress {

        private final PrintStream out;
        private final boolean terminal = System.console() != null;
        private String phase = "";
        private int shown = -1;

        ConsoleProgress(PrintStream out) {
            this.out = out;
        }

        @Override
        public synchronized void phase(String name) {
            end();
            phase = name;
            shown = -1;
            progress(0);
        }

        @Override
        public synchronized void progress(double fraction) {
            int percent = (int) Math.floor(Math.max(0, Math.min(1, fraction)) * 100);
            if (terminal && percent != shown) {
                int filled = percent / 4;
                out.print("\r" + "█".repeat(filled) + "░".repeat(25 - filled)
                        + String.format(" %3d %%  %s", percent, phase));
                out.flush();
                shown = percent;
            } else if (!terminal && (shown < 0 || percent / 10 > shown / 10)) {
                out.println(String.format("%3d %%  %s", percent, phase));
                shown = percent;
            }
        }

        synchronized void end() {
            if (terminal && shown >= 0) {
                out.println();
            }
            shown = -1;
        }
    }
}
