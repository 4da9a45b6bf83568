package fr.essor.shared;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.Locale;
import java.util.TimeZone;

import com.openhtmltopdf.pdfboxout.PdfBoxRenderer;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;

/**
 * A PDF drawn from HTML whose bytes depend on the HTML and a date only: its creation and modification dates
 * are the given instant, its document identifier a digest of the HTML. The same data gives the same file
 * (minutes, agreements), so that a document generated twice can be compared byte for byte.
 */
public final class DeterministicPdf {

    private DeterministicPdf() {}

    /** The PDF of {@code html}, dated {@code dated}, its text spaced the French way ({@link FrenchTypography}). */
    public static byte[] render(String html, Instant dated) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.withHtmlContent(FrenchTypography.spaced(html), null);
            builder.withProducer("Essor");
            try (PdfBoxRenderer renderer = builder.buildPdfRenderer()) {
                renderer.createPDFWithoutClosing();
                var document = renderer.getPdfDocument();
                Calendar at = new GregorianCalendar(TimeZone.getTimeZone("UTC"), Locale.ROOT);
                at.setTimeInMillis(dated.toEpochMilli());
                document.getDocumentInformation().setCreationDate(at);
                document.getDocumentInformation().setModificationDate(at);
                document.setDocumentId(digest(html));
                document.save(out);
            }
            return out.toByteArray();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static long digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            long id = 0;
            for (int i = 0; i < 8; i++) {
                id = (id << 8) | (hash[i] & 0xff);
            }
            return id;
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
