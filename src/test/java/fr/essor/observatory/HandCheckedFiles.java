package fr.essor.observatory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The small stock files of {@code src/test/resources/observatory}, whose figures are computed by hand in
 * that directory's README.
 */
public final class HandCheckedFiles {

    public static final Path UNITS = resource("StockUniteLegale_utf8.csv");
    public static final Path ESTABLISHMENTS = resource("StockEtablissement_utf8.csv");

    private HandCheckedFiles() {}

    public static Path resource(String name) {
        try {
            return Path.of(
                    HandCheckedFiles.class.getResource("/observatory/" + name).toURI());
        } catch (URISyntaxException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** A copy of a file zipped as INSEE does: one CSV entry. */
    static Path zipped(Path csv, Path dir) {
        try {
            Path zip = dir.resolve(csv.getFileName().toString().replace(".csv", ".zip"));
            try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
                out.putNextEntry(new ZipEntry(csv.getFileName().toString()));
                Files.copy(csv, out);
                out.closeEntry();
            }
            return zip;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** A copy of a file with its text changed. */
    static Path edited(Path csv, Path dir, String name, java.util.function.UnaryOperator<String> change) {
        try {
            Path out = dir.resolve(name);
            Files.writeString(out, change.apply(Files.readString(csv)));
            return out;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
