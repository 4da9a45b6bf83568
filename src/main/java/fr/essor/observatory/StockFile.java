package fr.essor.observatory;

import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleConsumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * One SIRENE stock file as INSEE publishes it: a CSV (UTF-8, commas, header row), the same zipped, or
 * Parquet. Its columns are found by header name, trimmed; the columns the import needs must be there.
 */
final class StockFile {

    enum Kind {
        CSV,
        ZIP,
        PARQUET
    }

    static final List<String> UNIT_COLUMNS =
            List.of("siren", "categorieJuridiqueUniteLegale", "economieSocialeSolidaireUniteLegale");
    /**
     * Columns read when present: the activity's nomenclature (older files carry NAFv1 or older codes), and
     * the facts the directory shows of each ESS establishment (left empty when a file lacks them).
     */
    static final List<String> OPTIONAL_COLUMNS = List.of(
            "nomenclatureActivitePrincipaleEtablissement",
            // legal units
            "statutDiffusionUniteLegale",
            "dateCreationUniteLegale",
            "sigleUniteLegale",
            "prenomUsuelUniteLegale",
            "prenom1UniteLegale",
            "identifiantAssociationUniteLegale",
            "nomUniteLegale",
            "nomUsageUniteLegale",
            "denominationUniteLegale",
            "denominationUsuelle1UniteLegale",
            "societeMissionUniteLegale",
            // establishments
            "nic",
            "siret",
            "statutDiffusionEtablissement",
            "dateCreationEtablissement",
            "etablissementSiege",
            "complementAdresseEtablissement",
            "numeroVoieEtablissement",
            "indiceRepetitionEtablissement",
            "typeVoieEtablissement",
            "libelleVoieEtablissement",
            "codePostalEtablissement",
            "libelleCommuneEtablissement",
            "coordonneeLambertAbscisseEtablissement",
            "coordonneeLambertOrdonneeEtablissement",
            "enseigne1Etablissement",
            "denominationUsuelleEtablissement");

    static final List<String> ESTABLISHMENT_COLUMNS = List.of(
            "siren",
            "etatAdministratifEtablissement",
            "trancheEffectifsEtablissement",
            "activitePrincipaleEtablissement",
            "codeCommuneEtablissement");

    private final String label;
    private final Path path;
    private final Kind kind;
    private final List<String> header;
    private final Map<String, String> columns;

    private StockFile(String label, Path path, Kind kind, List<String> header, Map<String, String> columns) {
        this.label = label;
        this.path = path;
        this.kind = kind;
        this.header = header;
        this.columns = columns;
    }

    /**
     * Opens a stock file and checks its header: the file exists, is not empty, and has the columns the
     * import needs (by trimmed name; the message names those missing and any look-alike).
     */
    static StockFile open(String label, Path path, List<String> required) {
        if (path == null) {
            throw new ImportFailure("Aucun fichier donné pour " + label + ".");
        }
        if (path.toString().matches(".*[*?\\[\\]{}].*")) {
            throw new ImportFailure("Le nom du fichier " + label + " contient un caractère *, ?, [, ], { ou } : "
                    + "renommez-le (" + path.getFileName() + ").");
        }
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new ImportFailure("Le fichier " + label + " est introuvable ou illisible : " + path);
        }
        try {
            if (Files.size(path) == 0) {
                throw new ImportFailure("Le fichier " + label + " est vide : " + path.getFileName());
            }
            Kind kind = kindOf(path);
            List<String> header = switch (kind) {
                case CSV -> {
                    try (InputStream in = Files.newInputStream(path)) {
                        yield csvHeader(label, path, in);
                    }
                }
                case ZIP -> {
                    try (ZipFile zip = openZip(label, path);
                            InputStream in = zip.getInputStream(csvEntry(label, zip))) {
                        yield csvHeader(label, path, in);
                    }
                }
                case PARQUET -> null;
            };
            return kind == Kind.PARQUET
                    ? new StockFile(label, path, kind, null, null)
                    : new StockFile(label, path, kind, header, columnsOf(label, header, required));
        } catch (ZipException | EOFException ex) {
            throw new ImportFailure(
                    "L'archive " + label + " est illisible ou tronquée (" + path.getFileName() + ") : "
                            + ex.getMessage(),
                    ex);
        } catch (IOException ex) {
            throw new ImportFailure(
                    "Le fichier " + label + " n'a pas pu être lu (" + path.getFileName() + ") : " + ex.getMessage(),
                    ex);
        }
    }

    /** For a Parquet file, whose columns DuckDB reads: checks them as for a CSV header. */
    StockFile withParquetColumns(List<String> names, List<String> required) {
        return new StockFile(label, path, kind, names, columnsOf(label, names, required));
    }

    String label() {
        return label;
    }

    Path path() {
        return path;
    }

    Kind kind() {
        return kind;
    }

    List<String> header() {
        return header;
    }

    /** The column name as written in the file for a trimmed name the import reads, or {@code null} when absent. */
    String column(String name) {
        return columns.get(name);
    }

    /**
     * The plain CSV to read: the file itself, or the zip's CSV entry unpacked into {@code workDir}
     * (DuckDB reads a plain file in parallel). A truncated or corrupt archive fails here.
     */
    Path unpacked(Path workDir, DoubleConsumer progress) {
        if (kind != Kind.ZIP) {
            return path;
        }
        try (ZipFile zip = openZip(label, path)) {
            ZipEntry entry = csvEntry(label, zip);
            Path target = Files.createTempFile(workDir, "stock-", ".csv");
            long total = Math.max(1, entry.getSize() > 0 ? entry.getSize() : entry.getCompressedSize());
            byte[] buffer = new byte[1 << 20];
            long done = 0;
            try (InputStream in = zip.getInputStream(entry);
                    OutputStream out = Files.newOutputStream(target)) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new ImportFailure("La décompression du fichier " + label + " a été arrêtée.");
                    }
                    out.write(buffer, 0, n);
                    done += n;
                    progress.accept(Math.min(1.0, (double) done / total));
                }
            }
            return target;
        } catch (ZipException | EOFException ex) {
            throw new ImportFailure(
                    "L'archive " + label + " est tronquée ou corrompue (" + path.getFileName() + ") : "
                            + ex.getMessage(),
                    ex);
        } catch (IOException ex) {
            throw new ImportFailure("L'archive " + label + " n'a pas pu être décompressée : " + ex.getMessage(), ex);
        }
    }

    private static Kind kindOf(Path path) throws IOException {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        byte[] magic = new byte[4];
        int read;
        try (InputStream in = Files.newInputStream(path)) {
            read = in.readNBytes(magic, 0, 4);
        }
        if (read == 4 && magic[0] == 'P' && magic[1] == 'K') {
            return Kind.ZIP;
        }
        if (read == 4 && magic[0] == 'P' && magic[1] == 'A' && magic[2] == 'R' && magic[3] == '1') {
            return Kind.PARQUET;
        }
        if (name.endsWith(".zip")) {
            return Kind.ZIP;
        }
        return Kind.CSV;
    }

    private static ZipFile openZip(String label, Path path) throws IOException {
        return new ZipFile(path.toFile(), StandardCharsets.UTF_8);
    }

    private static ZipEntry csvEntry(String label, ZipFile zip) {
        List<ZipEntry> entries = zip.stream()
                .filter(e -> !e.isDirectory())
                .map(e -> (ZipEntry) e)
                .toList();
        for (ZipEntry entry : entries) {
            if (entry.getName().toLowerCase(Locale.ROOT).endsWith(".csv")) {
                return entry;
            }
        }
        if (entries.size() == 1) {
            return entries.getFirst();
        }
        throw new ImportFailure("L'archive " + label + " ne contient aucun fichier CSV.");
    }

    private static List<String> csvHeader(String label, Path path, InputStream in) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line = reader.readLine();
        if (line == null || line.isBlank()) {
            throw new ImportFailure("Le fichier " + label + " est vide : " + path.getFileName());
        }
        if (line.startsWith("\uFEFF")) {
            line = line.substring(1);
        }
        List<String> names = new ArrayList<>();
        try (var parser = CSVFormat.DEFAULT.parse(new StringReader(line))) {
            for (CSVRecord record : parser) {
                record.forEach(names::add);
                break;
            }
        }
        if (names.size() == 1 && line.contains(";")) {
            throw new ImportFailure("Le fichier " + label + " est séparé par des points-virgules ; les fichiers SIRENE "
                    + "de l'INSEE le sont par des virgules (" + path.getFileName() + ").");
        }
        return names;
    }

    private static Map<String, String> columnsOf(String label, List<String> header, List<String> required) {
        Map<String, String> byTrimmed = new LinkedHashMap<>();
        for (String raw : header) {
            byTrimmed.putIfAbsent(raw.strip(), raw);
        }
        List<String> missing =
                required.stream().filter(c -> !byTrimmed.containsKey(c)).toList();
        if (!missing.isEmpty()) {
            StringBuilder message = new StringBuilder("Colonnes absentes du fichier ")
                    .append(label)
                    .append(" : ")
                    .append(String.join(", ", missing))
                    .append('.');
            for (String name : missing) {
                byTrimmed.keySet().stream()
                        .filter(h -> looksLike(name, h))
                        .findFirst()
                        .ifPresent(h -> message.append(" La colonne « ")
                                .append(h)
                                .append(" » ressemble à « ")
                                .append(name)
                                .append(" » : a-t-elle été renommée ?"));
            }
            throw new ImportFailure(message.toString());
        }
        Map<String, String> out = new LinkedHashMap<>();
        required.forEach(c -> out.put(c, byTrimmed.get(c)));
        OPTIONAL_COLUMNS.stream().filter(byTrimmed::containsKey).forEach(c -> out.put(c, byTrimmed.get(c)));
        return out;
    }

    /** Same name but for case, or at most two edits apart. */
    static boolean looksLike(String wanted, String present) {
        if (wanted.equalsIgnoreCase(present)) {
            return true;
        }
        String a = wanted.toLowerCase(Locale.ROOT);
        String b = present.toLowerCase(Locale.ROOT);
        if (Math.abs(a.length() - b.length()) > 2) {
            return false;
        }
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()] <= 2;
    }
}
