package fr.essor.calls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import fr.essor.directory.Structure;
import fr.essor.directory.Structures;
import fr.essor.identity.Accounts;

import org.springframework.stereotype.Service;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * The acknowledgment of receipt of a submitted dossier: a PDF written from an HTML template (with
 * openhtmltopdf), giving its reference, the call, the applicant, the instant of submission in Paris time
 * and the SHA-256 of the answers as submitted.
 */
@Service
public class Acknowledgments {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final DateTimeFormatter WHEN =
            fr.essor.shared.FrenchDates.ofPattern("EEEE d MMMM yyyy 'à' H 'h' mm");

    private final ITemplateEngine templates;
    private final Programmes programmes;
    private final Structures structures;
    private final Accounts accounts;
    private final JsonMapper json;
    private final Letters letters;
    private final Audit audit;
    private final String publicUrl;

    Acknowledgments(
            ITemplateEngine templates,
            Programmes programmes,
            Structures structures,
            Accounts accounts,
            JsonMapper json,
            Letters letters,
            Audit audit,
            @org.springframework.beans.factory.annotation.Value("${essor.public-url}") String publicUrl) {
        this.templates = templates;
        this.programmes = programmes;
        this.structures = structures;
        this.accounts = accounts;
        this.json = json;
        this.letters = letters;
        this.audit = audit;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    /**
     * Issues the acknowledgment's letter of a dossier just submitted, in the submission's transaction: its
     * number and code, and what it states.
     */
    Letters.Letter issue(Dossiers.Dossier d) {
        Programme programme = programmes.byId(d.programmeId()).orElseThrow();
        Map<String, String> statement = new java.util.LinkedHashMap<>();
        statement.put("Référence du dossier", d.reference());
        statement.put("Appel", programme.name());
        statement.put("Porté par", programme.owner());
        statement.put("Au nom de", applicant(d));
        statement.put("Déposé le", when(d.submittedAt()) + " (heure de Paris)");
        statement.put("Clôture de l’appel", when(programme.closesAt()) + " (heure de Paris)");
        statement.put("Empreinte des réponses (SHA-256)", fingerprint(d));
        Letters.Letter letter = letters.issue(d.id(), Letters.Kind.ACKNOWLEDGMENT, statement, d.submittedAt());
        audit.append(
                d.id(),
                d.applicantId(),
                Audit.Kind.LETTER,
                letter.number() + " " + letter.contentSha256(),
                d.submittedAt());
        return letter;
    }

    /** The page a letter's code leads to. */
    public String verificationUrl(String code) {
        return publicUrl + "/verifier/" + code;
    }

    String applicant(Dossiers.Dossier d) {
        return d.structureId() != null
                ? structures.find(d.structureId()).map(Structure::name).orElse("—")
                : accounts.account(d.applicantId())
                        .map(Accounts.Account::displayName)
                        .orElse("—");
    }

    /** « lundi 4 janvier 2027 à 12 h 00 », « mardi 1er décembre 2026 à 9 h 05 », in Paris's time. */
    public static String when(Instant instant) {
        var paris = instant.atZone(PARIS);
        String text = WHEN.format(paris);
        return paris.getDayOfMonth() == 1 ? text.replaceFirst(" 1 ", " 1er ") : text;
    }

    /** « lundi 4 janvier 2027 », « mardi 1er décembre 2026 ». */
    public static String day(java.time.LocalDate date) {
        String text = DAY.format(date);
        return date.getDayOfMonth() == 1 ? text.replaceFirst(" 1 ", " 1er ") : text;
    }

    private static final java.time.format.DateTimeFormatter DAY =
            fr.essor.shared.FrenchDates.ofPattern("EEEE d MMMM yyyy");

    /** The SHA-256 of a dossier's answers as stored. */
    public String fingerprint(Dossiers.Dossier d) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(json.writeValueAsString(d.answers()).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * The acknowledgment of a submitted dossier, as a PDF.
     *
     * @throws IllegalArgumentException for a draft, which has none
     */
    public byte[] pdf(Dossiers.Dossier d) {
        if (d.submittedAt() == null || d.reference() == null) {
            throw new IllegalArgumentException("a draft has no acknowledgment");
        }
        return pdf(d, Letters.Kind.ACKNOWLEDGMENT).orElseThrow();
    }

    /** The call's own letter template ({@code calls/letters/{slug}.html}) when it has one, else the common one. */
    static String template(Programme programme) {
        String own = "calls/letters/" + programme.slug();
        return new org.springframework.core.io.ClassPathResource("templates/" + own + ".html").exists()
                ? own
                : "calls/letter-pdf";
    }

    /** The latest letter of a kind about a dossier, as a PDF; empty when none was issued. */
    public Optional<byte[]> pdf(Dossiers.Dossier d, Letters.Kind kind) {
        Programme programme = programmes.byId(d.programmeId()).orElseThrow();
        return letters.latest(d.id(), kind).map(letter -> {
            Context context = new Context(Locale.FRANCE);
            context.setVariables(Map.of(
                    "letter", letter,
                    "url", verificationUrl(letter.code()),
                    "qr", QrCodes.dataUri(verificationUrl(letter.code())),
                    "issuedAt", when(letter.issuedAt()),
                    "demo", programme.demo()));
            String html = templates.process(template(programme), context);
            try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
                PdfRendererBuilder builder = new PdfRendererBuilder();
                builder.useFastMode();
                builder.withHtmlContent(fr.essor.shared.FrenchTypography.spaced(html), null);
                builder.toStream(out);
                builder.run();
                return out.toByteArray();
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        });
    }
}
