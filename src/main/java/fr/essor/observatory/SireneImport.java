package fr.essor.observatory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import fr.essor.territory.Commune;
import fr.essor.territory.Departement;

import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBPreparedStatement;

/**
 * The heavy part of an import, in DuckDB: reads the two stock files by header name, keeps per legal
 * unit its ESS family, joins the establishments to their unit, applies the perimeter and aggregates per
 * commune, then rolls the aggregates up to every territory level and writes them as one CSV for
 * PostgreSQL's COPY. Memory stays bounded: DuckDB streams the files and spills beyond its limit.
 *
 * <p>Not a bean: one instance per import, closed at the end.
 */
final class SireneImport {

    /** Where each commune code of the stock files counts. */
    record Geography(List<Commune> communes, Map<String, String> arrondissements, List<Departement> departements) {}

    record Result(
            Path figures,
            List<Path> directory,
            long directoryEntries,
            long unitsRead,
            long establishmentsRead,
            long activeEstablishments,
            long essUnits,
            long essEstablishments,
            List<ImportReport.Problem> problems,
            List<ImportReport.Phase> phases) {}

    private static final String UNITS = "des unités légales";
    private static final String ESTABLISHMENTS = "des établissements";
    private static final int EXAMPLES = 5;

    /** The legal unit's facts the directory shows, by the name they take here. */
    static final Map<String, String> UNIT_FACTS = orderedMap(
            "diffusion", "statutDiffusionUniteLegale",
            "created", "dateCreationUniteLegale",
            "acronym", "sigleUniteLegale",
            "first_name", "prenomUsuelUniteLegale",
            "first_name1", "prenom1UniteLegale",
            "rna", "identifiantAssociationUniteLegale",
            "last_name", "nomUniteLegale",
            "used_name", "nomUsageUniteLegale",
            "denomination", "denominationUniteLegale",
            "usual_denomination", "denominationUsuelle1UniteLegale",
            "mission", "societeMissionUniteLegale");

    /** The establishment's facts the directory shows. */
    static final Map<String, String> ESTABLISHMENT_FACTS = orderedMap(
            "siret", "siret",
            "nic", "nic",
            "diffusion", "statutDiffusionEtablissement",
            "created", "dateCreationEtablissement",
            "head_office", "etablissementSiege",
            "complement", "complementAdresseEtablissement",
            "number", "numeroVoieEtablissement",
            "repetition", "indiceRepetitionEtablissement",
            "street_type", "typeVoieEtablissement",
            "street_name", "libelleVoieEtablissement",
            "postcode", "codePostalEtablissement",
            "city", "libelleCommuneEtablissement",
            "x", "coordonneeLambertAbscisseEtablissement",
            "y", "coordonneeLambertOrdonneeEtablissement",
            "sign", "enseigne1Etablissement",
            "usual_name", "denominationUsuelleEtablissement");

    private static Map<String, String> orderedMap(String... pairs) {
        Map<String, String> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }

    private final Perimeter perimeter;
    private final ObservatorySettings settings;
    private final Path workDir;
    private final ImportProgress progress;
    private final List<ImportReport.Problem> problems = new ArrayList<>();
    private final List<ImportReport.Phase> phases = java.util.Collections.synchronizedList(new ArrayList<>());
    private Geography geography;
    /** Whether the progress bar follows the unpacking of the establishments (it follows DuckDB otherwise). */
    private volatile boolean showUnpacking;

    SireneImport(Perimeter perimeter, ObservatorySettings settings, Path workDir, ImportProgress progress) {
        this.perimeter = perimeter;
        this.settings = settings;
        this.workDir = workDir;
        this.progress = progress;
    }

    Result run(StockFile units, StockFile establishments, Geography geography, long vintageId) {
        Properties props = new Properties();
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:", props)) {
            try (Statement s = connection.createStatement()) {
                s.execute("set threads = " + Runtime.getRuntime().availableProcessors());
                s.execute("set memory_limit = '" + settings.memoryLimit().replaceAll("[^0-9A-Za-z.]", "") + "'");
                s.execute("set temp_directory = '"
                        + literal(workDir.resolve("spill").toString()) + "'");
                s.execute("set preserve_insertion_order = false");
            }
            units = parquetColumns(connection, units, StockFile.UNIT_COLUMNS);
            establishments = parquetColumns(connection, establishments, StockFile.ESTABLISHMENT_COLUMNS);
            // zipped files are unpacked in the background, both at once; the units are read as soon as
            // theirs is done, while the establishments' (the larger) goes on
            try (Unpacking unitsZip = new Unpacking(units, fraction -> {});
                    Unpacking establishmentsZip = new Unpacking(establishments, fraction -> {
                        if (showUnpacking) {
                            progress.progress(fraction);
                        }
                    })) {
                if (unitsZip.running() || establishmentsZip.running()) {
                    progress.phase("Décompression des fichiers");
                    showUnpacking = true;
                }
                loadReferenceTables((DuckDBConnection) connection, geography);
                this.geography = geography;
                Path unitsCsv = unitsZip.await();
                showUnpacking = false;
                return read(connection, units, unitsCsv, establishments, establishmentsZip, vintageId);
            }
        } catch (SQLException ex) {
            throw new ImportFailure("La lecture des fichiers a échoué : " + firstLine(ex.getMessage()), ex);
        } catch (IOException ex) {
            throw new ImportFailure(
                    "Le répertoire de travail " + workDir + " n'est pas utilisable : " + ex.getMessage(), ex);
        }
    }

    private Result read(
            Connection connection,
            StockFile units,
            Path unitsCsv,
            StockFile establishments,
            Unpacking establishmentsZip,
            long vintageId)
            throws SQLException, IOException {
        long started = System.nanoTime();
        progress.phase("Lecture des unités légales");
        timed(connection, unitsSql(units, unitsCsv));
        // the facts of the ESS units apart, so that joining the establishments to all units carries none
        StringBuilder facts = new StringBuilder("create table unit_facts as select siren, ");
        int position = 1;
        for (String fact : UNIT_FACTS.keySet()) {
            facts.append("nullif(f[")
                    .append(position++)
                    .append("], '') as u_")
                    .append(fact)
                    .append(", ");
        }
        timed(
                connection,
                facts + "nullif(f[" + position++ + "], '') as u_category, nullif(f[" + position
                        + "], '') as u_flag from (select siren, string_split(facts, chr(31)) as f from unit "
                        + "where family > 0 and siren is not null)");
        long unitsRead = countRejects(connection, units, "u") + scalar(connection, "select count(*) from unit");
        problems.addAll(sample(
                connection,
                units.label(),
                "siren absent ou invalide (9 chiffres attendus)",
                "select count(*) from unit where siren is null",
                "select raw from unit where siren is null limit " + EXAMPLES,
                true));
        long essUnits = scalar(connection, "select count(*) from unit where family > 0 and siren is not null");
        phases.add(new ImportReport.Phase("Lecture des unités légales", Duration.ofNanos(System.nanoTime() - started)));

        if (establishmentsZip.running()) {
            progress.phase("Décompression des établissements");
            showUnpacking = true;
        }
        Path establishmentsCsv = establishmentsZip.await();
        showUnpacking = false;
        started = System.nanoTime();
        progress.phase("Lecture des établissements");
        timed(connection, establishmentsSql(establishments, establishmentsCsv));
        long establishmentsRead = countRejects(connection, establishments, "e")
                + scalar(connection, "select coalesce(sum(n), 0) from est");
        phases.add(new ImportReport.Phase("Lecture des établissements", Duration.ofNanos(System.nanoTime() - started)));
        checkMatch(connection);
        establishmentProblems(connection, establishments.label());

        started = System.nanoTime();
        progress.phase("Agrégation par territoire");
        Path figures = Files.createTempFile(workDir, "figures-", ".csv");
        try (Statement s = connection.createStatement()) {
            s.execute(locatedSql());
        }
        writeFigures(connection, vintageId, figures);
        placeProblems(connection, establishments.label());
        long active = scalar(connection, "select coalesce(sum(n), 0) from est where active and valid");
        long essEstablishments =
                scalar(connection, "select coalesce(sum(n), 0) from located where family > 0 and place <> 'foreign'");
        phases.add(new ImportReport.Phase("Agrégation par territoire", Duration.ofNanos(System.nanoTime() - started)));
        started = System.nanoTime();
        progress.phase("Extraction de l'annuaire");
        // as many parts as the directory has connections to load them at once
        List<Path> directory = new ArrayList<>();
        for (int i = 0; i < VintageExtracted.PARTS; i++) {
            directory.add(Files.createTempFile(workDir, "directory-" + i + "-", ".csv"));
        }
        long directoryEntries = DirectoryExtract.write(connection, geography, directory);
        phases.add(new ImportReport.Phase("Extraction de l'annuaire", Duration.ofNanos(System.nanoTime() - started)));
        progress.progress(1);
        return new Result(
                figures,
                directory,
                directoryEntries,
                unitsRead,
                establishmentsRead,
                active,
                essUnits,
                essEstablishments,
                List.copyOf(problems),
                List.copyOf(phases));
    }

    private StockFile parquetColumns(Connection connection, StockFile file, List<String> required) throws SQLException {
        if (file.kind() != StockFile.Kind.PARQUET) {
            return file;
        }
        List<String> names = new ArrayList<>();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("describe select * from read_parquet('"
                        + literal(file.path().toString()) + "')")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        } catch (SQLException ex) {
            throw new ImportFailure(
                    "Le fichier Parquet " + file.label() + " est illisible : " + firstLine(ex.getMessage()), ex);
        }
        return file.withParquetColumns(names, required);
    }

    /** A zipped stock file being unpacked in the background; a plain file is ready at once. */
    private final class Unpacking implements AutoCloseable {

        private final java.util.concurrent.CompletableFuture<Path> result =
                new java.util.concurrent.CompletableFuture<>();
        private final Thread thread;

        Unpacking(StockFile file, java.util.function.DoubleConsumer followed) {
            if (file.kind() != StockFile.Kind.ZIP) {
                result.complete(file.path());
                thread = null;
                return;
            }
            long started = System.nanoTime();
            thread = new Thread(
                    () -> {
                        try {
                            result.complete(file.unpacked(workDir, followed));
                            phases.add(new ImportReport.Phase(
                                    "Décompression du fichier " + file.label(),
                                    Duration.ofNanos(System.nanoTime() - started)));
                        } catch (RuntimeException | Error ex) {
                            result.completeExceptionally(ex);
                        }
                    },
                    "observatory-unzip");
            thread.setDaemon(true);
            thread.start();
        }

        boolean running() {
            return !result.isDone();
        }

        Path await() {
            try {
                return result.get();
            } catch (java.util.concurrent.ExecutionException ex) {
                throw ex.getCause() instanceof ImportFailure failure
                        ? failure
                        : new ImportFailure(
                                "Une archive n'a pas pu être décompressée : "
                                        + ex.getCause().getMessage(),
                                ex);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new ImportFailure("L'import a été interrompu.", ex);
            }
        }

        /** Never leaves an unpacking writing into a directory about to be cleaned: stops it, and waits. */
        @Override
        public void close() {
            if (thread != null) {
                if (running()) {
                    thread.interrupt();
                }
                try {
                    thread.join();
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** The source of a file for DuckDB: every column as text, malformed rows set aside in a rejects table. */
    private static String source(StockFile file, Path csv, String alias) {
        if (file.kind() == StockFile.Kind.PARQUET) {
            return "read_parquet('" + literal(csv.toString()) + "')";
        }
        String columns = file.header().stream()
                .map(name -> "'" + literal(name) + "': 'VARCHAR'")
                .collect(Collectors.joining(", ", "{", "}"));
        return "read_csv('" + literal(csv.toString()) + "', header = true, auto_detect = false, delim = ',', "
                + "quote = '\"', escape = '\"', columns = " + columns + ", store_rejects = true, "
                + "rejects_scan = 'rejects_scan_" + alias + "', rejects_table = 'rejects_" + alias + "', "
                + "strict_mode = true, parallel = true)";
    }

    private String unitsSql(StockFile file, Path csv) {
        String families = perimeter.categoryFamilies().entrySet().stream()
                .map(e -> "('" + e.getKey() + "', " + e.getValue().number() + ")")
                .collect(Collectors.joining(", "));
        String flagged = perimeter.flagged() ? "when u.flag = 'O' then " + Family.ESS_COMPANY.number() + " " : "";
        String family = "(case when c.family is not null then c.family " + flagged + "else 0 end)";
        // the facts the directory shows, kept for the units of the ESS only, packed in one column (separated
        // by the unit separator, a character the files never hold): thirty million units keep one null each
        StringBuilder facts = new StringBuilder("concat_ws(chr(31), ");
        StringBuilder read = new StringBuilder();
        for (var column : UNIT_FACTS.entrySet()) {
            facts.append("coalesce(u.").append(column.getKey()).append(", ''), ");
            read.append(optionalText(file, column.getValue()))
                    .append(" as ")
                    .append(column.getKey())
                    .append(", ");
        }
        facts.append("coalesce(u.cat, ''), coalesce(u.flag, ''))");
        return "create table unit as select "
                + "case when coalesce(length(u.s) = 9 and try_cast(u.s as integer) >= 0, false) then try_cast(u.s as integer) end as siren, "
                + "case when not coalesce(length(u.s) = 9 and try_cast(u.s as integer) >= 0, false) then coalesce(nullif(u.s, ''), '(vide)') end as raw, "
                + "case when " + family + " > 0 then " + facts + " end as facts, "
                + family + "::utinyint as family "
                + "from (select " + text(file, "siren") + " as s, "
                + read
                + text(file, "categorieJuridiqueUniteLegale") + " as cat, "
                + text(file, "economieSocialeSolidaireUniteLegale") + " as flag "
                + "from " + source(file, csv, "u") + ") u "
                + (families.isEmpty()
                        ? "left join (select null::varchar as category, null::int as family) c on false"
                        : "left join (values " + families + ") c(category, family) on c.category = u.cat");
    }

    /**
     * Establishments aggregated per commune code, family, NAF section and size band, with the flags the
     * report and the perimeter need; closed ones counted only.
     */
    private String establishmentsSql(StockFile file, Path csv) {
        String naf = "e.naf";
        String excluded = activityTest(naf, perimeter.excludedActivities());
        String publicAdministration = activityTest(naf, perimeter.publicAdministration());
        String bands = SizeBand.ordered().stream()
                .filter(b -> b != SizeBand.NR)
                .map(b -> "'" + b.code() + "'")
                .collect(Collectors.joining(", "));
        String siren = text(file, "siren");
        // one text, its facts separated by the unit separator (a character the files never hold): a null
        // text takes one slot where a struct would take one per fact, for every establishment
        StringBuilder entry = new StringBuilder("concat_ws(chr(31), cast(e.siren as varchar), coalesce(e.naf, '')");
        StringBuilder read = new StringBuilder();
        for (var column : ESTABLISHMENT_FACTS.entrySet()) {
            entry.append(", coalesce(e.").append(column.getKey()).append(", '')");
            read.append(optionalText(file, column.getValue()))
                    .append(" as ")
                    .append(column.getKey())
                    .append(", ");
        }
        entry.append(')');
        // an establishment of an ESS unit is told by a semi-join on the ESS units' sirens (a small table, in
        // memory) and carries its facts in one text, null for the others; its unit's facts are joined
        // after the aggregation (DirectoryExtract): joining all units then carries almost nothing more
        String inDirectory =
                "e.state = 'A' and e.valid and not (" + excluded + ") and e.siren in (select siren from unit_facts)";
        String withFacts = "select e.siren, e.valid, e.state, e.band, e.naf, e.commune, "
                + "case when e.listed then coalesce(e.siret, e.siren || e.nic, '?') end as entry_key, "
                + "case when e.listed then " + entry + " end as entry "
                + "from (select e.*, " + inDirectory + " as listed "
                + "from (select try_cast(" + siren + " as integer) as siren, "
                + "coalesce(length(" + siren + ") = 9 and try_cast(" + siren + " as integer) >= 0, false) as valid, "
                + text(file, "etatAdministratifEtablissement") + " as state, "
                + text(file, "trancheEffectifsEtablissement") + " as band, "
                + nafRev2(file) + " as naf, "
                + read
                + text(file, "codeCommuneEtablissement") + " as commune "
                + "from " + source(file, csv, "e") + ") e) e";
        // an establishment of the directory stays a group of its own (by its siret), carrying its facts;
        // the others are counted in groups as before
        return "create table est as select active, valid, matched, commune, family, section, band, public_admin, "
                + "bad_band, section = 'NR' as bad_naf, entry_key, count(*) as n, any_value(entry) as entry from ("
                + "select e.entry_key, e.entry, "
                + "e.state = 'A' as active, e.valid, u.siren is not null as matched, "
                + "case when e.state = 'A' then coalesce(e.commune, '') end as commune, "
                + "case when e.state = 'A' and not (" + excluded
                + ") then coalesce(u.family, 0) else 0 end::utinyint as family, "
                + "case when e.state = 'A' then " + sectionOf(naf) + " end as section, "
                + "case when e.state <> 'A' then null when e.band is null or e.band = '' then 'NR' "
                + "when e.band in (" + bands + ") then e.band else 'NR' end as band, "
                + "e.state = 'A' and (" + publicAdministration + ") as public_admin, "
                + "e.state = 'A' and e.band is not null and e.band <> '' and e.band not in (" + bands + ") as bad_band "
                + "from (" + withFacts + ") e "
                + "left join (select siren, family from unit) u on e.valid and u.siren = e.siren"
                + ") group by all";
    }

    /** A NAF rév. 2 code's section, from its division; {@code NR} when the code is missing or unknown. */
    private static String sectionOf(String naf) {
        String division = "try_cast(substr(" + naf + ", 1, 2) as integer)";
        String[][] ranges = {
            {"1", "3", "A"},
            {"5", "9", "B"},
            {"10", "33", "C"},
            {"35", "35", "D"},
            {"36", "39", "E"},
            {"41", "43", "F"},
            {"45", "47", "G"},
            {"49", "53", "H"},
            {"55", "56", "I"},
            {"58", "63", "J"},
            {"64", "66", "K"},
            {"68", "68", "L"},
            {"69", "75", "M"},
            {"77", "82", "N"},
            {"84", "84", "O"},
            {"85", "85", "P"},
            {"86", "88", "Q"},
            {"90", "93", "R"},
            {"94", "96", "S"},
            {"97", "98", "T"},
            {"99", "99", "U"}
        };
        StringBuilder sql = new StringBuilder("(case when " + naf + " is null or length(" + naf + ") < 5 "
                + "or substr(" + naf + ", 3, 1) <> '.' then 'NR' ");
        for (String[] r : ranges) {
            sql.append("when ")
                    .append(division)
                    .append(" between ")
                    .append(r[0])
                    .append(" and ")
                    .append(r[1])
                    .append(" then '")
                    .append(r[2])
                    .append("' ");
        }
        return sql.append("else 'NR' end)").toString();
    }

    /** True when the code is one of the activities: a division ({@code 84}) or a sub-class ({@code 94.11Z}). */
    private static String activityTest(String naf, List<String> activities) {
        if (activities.isEmpty()) {
            return "false";
        }
        return activities.stream()
                .map(a -> a.length() == 2
                        ? "starts_with(coalesce(" + naf + ", ''), '" + a + ".')"
                        : "coalesce(" + naf + ", '') = '" + a + "'")
                .collect(Collectors.joining(" or ", "(", ")"));
    }

    private void loadReferenceTables(DuckDBConnection connection, Geography geography) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("create table geo (code varchar, commune varchar, epci varchar, dep varchar, region varchar)");
            s.execute("create table dep (code varchar, region varchar)");
            s.execute("create table band (code varchar, low integer, high integer, mid double, employer boolean)");
            s.execute("create table family (number utinyint, key varchar)");
        }
        Map<String, Commune> byCode =
                geography.communes().stream().collect(Collectors.toMap(Commune::code, c -> c, (a, b) -> a));
        try (DuckDBAppender geo = connection.createAppender("geo")) {
            for (Commune c : geography.communes()) {
                geo.beginRow()
                        .append(c.code())
                        .append(c.code())
                        .append(c.epci())
                        .append(c.departement())
                        .append(c.region())
                        .endRow();
            }
            for (var a : geography.arrondissements().entrySet()) {
                Commune c = byCode.get(a.getValue());
                if (c != null) {
                    geo.beginRow()
                            .append(a.getKey())
                            .append(c.code())
                            .append(c.epci())
                            .append(c.departement())
                            .append(c.region())
                            .endRow();
                }
            }
        }
        try (DuckDBAppender dep = connection.createAppender("dep")) {
            for (Departement d : geography.departements()) {
                dep.beginRow().append(d.code()).append(d.region()).endRow();
            }
        }
        try (DuckDBAppender band = connection.createAppender("band")) {
            for (SizeBand b : SizeBand.values()) {
                band.beginRow()
                        .append(b.code())
                        .append(b.low())
                        .append(b.high())
                        .append(b.estimate())
                        .append(b.employer())
                        .endRow();
            }
        }
        try (DuckDBAppender family = connection.createAppender("family")) {
            for (Family f : Family.values()) {
                family.beginRow().append((byte) f.number()).append(f.key()).endRow();
            }
        }
    }

    /** Refuses establishments that mostly belong to no unit of the units file: the two files do not match. */
    private void checkMatch(Connection connection) throws SQLException {
        long valid = scalar(connection, "select coalesce(sum(n), 0) from est where valid");
        long orphans = scalar(connection, "select coalesce(sum(n), 0) from est where valid and not matched");
        if (valid > 0 && orphans > settings.maxOrphanShare() * valid) {
            throw new ImportFailure(String.format(
                    java.util.Locale.FRANCE,
                    "Le fichier des unités légales ne correspond pas à celui des établissements : %,d établissements "
                            + "sur %,d (%.1f %%) ont un siren absent des unités légales. Donnez les deux fichiers du même mois.",
                    orphans,
                    valid,
                    100.0 * orphans / valid));
        }
        if (orphans > 0) {
            problems.add(new ImportReport.Problem(
                    ESTABLISHMENTS,
                    "siren absent du fichier des unités légales (compté hors ESS)",
                    orphans,
                    false,
                    List.of()));
        }
    }

    private void establishmentProblems(Connection connection, String label) throws SQLException {
        problems.addAll(sample(
                connection,
                label,
                "siren absent ou invalide (9 chiffres attendus)",
                "select coalesce(sum(n), 0) from est where not valid",
                null,
                true));
        problems.addAll(sample(
                connection,
                label,
                "tranche d'effectifs inconnue (comptée « non renseignée »)",
                "select coalesce(sum(n), 0) from est where bad_band",
                null,
                false));
        problems.addAll(sample(
                connection,
                label,
                "activité absente, inconnue ou d'une nomenclature antérieure à la NAF rév. 2 (section « non renseignée »)",
                "select coalesce(sum(n), 0) from est where bad_naf",
                null,
                false));
    }

    private void placeProblems(Connection connection, String label) throws SQLException {
        problems.addAll(sample(
                connection,
                label,
                "code commune inconnu (compté dans son département s'il existe, sinon pour la France seule)",
                "select coalesce(sum(n), 0) from located where place in ('unknown', 'departement')",
                "select raw_commune from located where place in ('unknown', 'departement') group by raw_commune "
                        + "order by sum(n) desc, raw_commune limit " + EXAMPLES,
                false));
        problems.addAll(sample(
                connection,
                label,
                "adresse à l'étranger (hors des chiffres de la France)",
                "select coalesce(sum(n), 0) from located where place = 'foreign'",
                null,
                true));
    }

    /** Attaches each establishment group to its commune, EPCI, département and region. */
    private static String locatedSql() {
        return "create table located as select a.family, a.section, a.band, a.n, g.commune, g.epci, "
                + "coalesce(g.dep, d.code) as dep, coalesce(g.region, d.region) as region, "
                + "case when a.commune = '' then 'foreign' when g.code is null and d.code is null then 'unknown' "
                + "when g.code is null then 'departement' else 'commune' end as place, a.commune as raw_commune "
                + "from est a left join geo g on g.code = a.commune "
                + "left join dep d on g.code is null and d.code = case when starts_with(a.commune, '97') "
                + "then substr(a.commune, 1, 3) else substr(a.commune, 1, 2) end "
                + "where a.active and a.valid and not a.public_admin";
    }

    /**
     * Writes the CSV that PostgreSQL's COPY loads into {@code observatory.figure}: one line per territory,
     * its totals in columns and its breakdowns as JSON (see the migration).
     */
    private static void writeFigures(Connection connection, long vintageId, Path file)
            throws SQLException, IOException {
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery(figuresSql());
                java.io.Writer out = Files.newBufferedWriter(file, java.nio.charset.StandardCharsets.UTF_8)) {
            String territory = null;
            String totals = null;
            Map<String, StringBuilder> dimensions = new java.util.LinkedHashMap<>();
            while (rs.next()) {
                String key = rs.getString(1) + "," + rs.getString(2);
                if (!key.equals(territory)) {
                    writeTerritory(out, vintageId, territory, totals, dimensions);
                    territory = key;
                    totals = null;
                    dimensions.clear();
                }
                StringBuilder measures = new StringBuilder();
                for (int i = 5; i <= 14; i++) {
                    double v = rs.getDouble(i);
                    measures.append(i > 5 ? "," : "")
                            .append(v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v));
                }
                String dimension = rs.getString(3);
                if (dimension.equals("total")) {
                    totals = measures.toString();
                } else {
                    StringBuilder json = dimensions.computeIfAbsent(dimension, d -> new StringBuilder());
                    json.append(json.isEmpty() ? "" : ",")
                            .append('"')
                            .append(rs.getString(4))
                            .append("\":[")
                            .append(measures)
                            .append(']');
                }
            }
            writeTerritory(out, vintageId, territory, totals, dimensions);
        }
    }

    private static void writeTerritory(
            java.io.Writer out, long vintageId, String territory, String totals, Map<String, StringBuilder> dimensions)
            throws IOException {
        if (territory == null || totals == null) {
            return;
        }
        StringBuilder json = new StringBuilder("{");
        dimensions.forEach((name, entries) -> json.append(json.length() > 1 ? "," : "")
                .append('"')
                .append(name)
                .append("\":{")
                .append(entries)
                .append('}'));
        json.append('}');
        out.write(vintageId + "," + territory + "," + totals + ",\""
                + json.toString().replace("\"", "\"\"") + "\"\n");
    }

    /** Every level × dimension, ordered by territory. */
    private static String figuresSql() {
        String[][] levels = {
            {"france", "'FR'"}, {"region", "region"}, {"departement", "dep"}, {"epci", "epci"}, {"commune", "commune"}
        };
        String[][] dimensions = {{"total", "''"}, {"family", "f.key"}, {"section", "section"}, {"band", "l.band"}};
        String measures = "coalesce(sum(n) filter (where l.family > 0), 0), "
                + "coalesce(sum(n) filter (where l.family > 0 and b.employer), 0), "
                + "coalesce(sum(n * b.low) filter (where l.family > 0), 0), "
                + "coalesce(sum(n * b.high) filter (where l.family > 0), 0), "
                + "coalesce(sum(n * b.mid) filter (where l.family > 0), 0), "
                + "sum(n), coalesce(sum(n) filter (where b.employer), 0), sum(n * b.low), sum(n * b.high), sum(n * b.mid)";
        List<String> parts = new ArrayList<>();
        for (String[] level : levels) {
            for (String[] dimension : dimensions) {
                parts.add("select '" + level[0] + "', " + level[1] + ", '" + dimension[0] + "', " + dimension[1] + ", "
                        + measures + " from located l join band b on b.code = l.band "
                        + "left join family f on f.number = l.family "
                        + "where l.place <> 'foreign' and " + level[1] + " is not null"
                        + (dimension[0].equals("family") ? " and l.family > 0" : "")
                        + " group by " + level[1] + ", " + dimension[1]);
            }
        }
        return "select * from (" + String.join(" union all ", parts) + ") order by 1, 2";
    }

    private void timed(Connection connection, String sql) throws SQLException {
        ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "observatory-progress");
            t.setDaemon(true);
            return t;
        });
        try (DuckDBPreparedStatement statement =
                connection.prepareStatement(sql).unwrap(DuckDBPreparedStatement.class)) {
            watcher.scheduleAtFixedRate(
                    () -> {
                        try {
                            double percentage = statement.getQueryProgress().getPercentage();
                            if (percentage >= 0) {
                                progress.progress(percentage / 100.0);
                            }
                        } catch (SQLException | RuntimeException ignored) {
                            // the statement may end between two looks
                        }
                    },
                    300,
                    300,
                    TimeUnit.MILLISECONDS);
            statement.execute();
        } finally {
            watcher.shutdownNow();
        }
    }

    /** Malformed rows DuckDB set aside (wrong number of fields, bad quoting, invalid UTF-8): counted, sampled. */
    private long countRejects(Connection connection, StockFile file, String alias) throws SQLException {
        if (file.kind() == StockFile.Kind.PARQUET) {
            return 0;
        }
        long rejected = scalar(connection, "select count(distinct line) from rejects_" + alias);
        if (rejected > 0) {
            List<String> examples = new ArrayList<>();
            try (Statement s = connection.createStatement();
                    ResultSet rs = s.executeQuery("select line, error_type, any_value(csv_line) from rejects_" + alias
                            + " group by line, error_type order by line limit " + EXAMPLES)) {
                while (rs.next()) {
                    examples.add("ligne " + rs.getLong(1) + " (" + errorType(rs.getString(2)) + ") : "
                            + abbreviate(rs.getString(3)));
                }
            }
            problems.add(new ImportReport.Problem(
                    file.label(),
                    "ligne mal formée (nombre de champs, guillemets ou encodage)",
                    rejected,
                    true,
                    examples));
        }
        return rejected;
    }

    private static String errorType(String type) {
        return switch (type == null ? "" : type) {
            case "MISSING COLUMNS" -> "champs manquants";
            case "TOO MANY COLUMNS" -> "champs en trop";
            case "UNQUOTED VALUE" -> "guillemets";
            case "INVALID UNICODE" -> "encodage non UTF-8";
            case "LINE SIZE OVER MAXIMUM" -> "ligne trop longue";
            default -> type.toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static List<ImportReport.Problem> sample(
            Connection connection, String file, String reason, String countSql, String examplesSql, boolean rejected)
            throws SQLException {
        long count = scalar(connection, countSql);
        if (count == 0) {
            return List.of();
        }
        List<String> examples = new ArrayList<>();
        if (examplesSql != null) {
            try (Statement s = connection.createStatement();
                    ResultSet rs = s.executeQuery(examplesSql)) {
                while (rs.next()) {
                    examples.add(abbreviate(rs.getString(1)));
                }
            }
        }
        return List.of(new ImportReport.Problem(file, reason, count, rejected, examples));
    }

    static long scalar(Connection connection, String sql) throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        String oneLine = text.replace('\n', ' ').replace('\r', ' ');
        return oneLine.length() > 160 ? oneLine.substring(0, 159) + "…" : oneLine;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "erreur inconnue";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    static String literal(String text) {
        return text.replace("'", "''");
    }

    /**
     * The activity when coded in NAF rév. 2, the nomenclature the sections and exclusions are written
     * in; codes of an older nomenclature (NAFv1, NAP…) count as "not given".
     */
    private static String nafRev2(StockFile file) {
        String naf = text(file, "activitePrincipaleEtablissement");
        if (file.column("nomenclatureActivitePrincipaleEtablissement") == null) {
            return naf;
        }
        return "case when coalesce(" + text(file, "nomenclatureActivitePrincipaleEtablissement")
                + ", '') in ('', 'NAFRev2') then " + naf + " end";
    }

    /** A column as text when the file has it, else an empty value. */
    private static String optionalText(StockFile file, String column) {
        return file.column(column) == null ? "null::varchar" : text(file, column);
    }

    /** A column as text (Parquet files may type some columns otherwise). */
    private static String text(StockFile file, String column) {
        String quoted = quoted(file.column(column));
        return file.kind() == StockFile.Kind.PARQUET ? "cast(" + quoted + " as varchar)" : quoted;
    }

    private static String quoted(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** Deletes what an import left in its working directory. */
    static void clean(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // a file DuckDB still holds: the next import's cleaning takes it
                }
            });
        } catch (IOException ignored) {
            // nothing to clean
        }
    }
}
