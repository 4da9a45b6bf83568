package fr.essor.calls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Date;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import fr.essor.identity.Memberships;
import fr.essor.shared.InvalidInput;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The document vault of the dossiers: PDF, PNG or JPEG files recognised by their content (whatever their
 * name says), at most {@value #MAX_BYTES} bytes and, for a PDF, {@value #MAX_PAGES} pages, unencrypted;
 * kept in a structure's vault (its members share it) or in a person's own, and joined to dossiers by
 * their id. Only the owner, or a member of the structure, reads or joins a document.
 */
@Service
public class Documents {

    public static final int MAX_BYTES = 10 * 1024 * 1024;
    public static final int MAX_PAGES = 200;
    private static final long MAX_PIXELS = 100_000_000L;
    /** Reading a PDF takes memory and CPU: two at a time per instance. */
    private static final Semaphore READING = new Semaphore(2);

    /** A document of a vault, without its content. */
    public record Document(
            long id,
            long ownerId,
            Long structureId,
            String label,
            String filename,
            String mediaType,
            int sizeBytes,
            Integer pages,
            LocalDate validUntil,
            Instant uploadedAt) {}

    /** A document's bytes, to send back. */
    public record Content(String filename, String mediaType, byte[] bytes) {}

    private record Kind(String mediaType, Integer pages) {}

    private final JdbcClient jdbc;
    private final Memberships memberships;
    private final Clock clock;

    Documents(JdbcClient jdbc, Memberships memberships, Clock clock) {
        this.jdbc = jdbc;
        this.memberships = memberships;
        this.clock = clock;
    }

    /**
     * Puts a document in a vault.
     *
     * @param structureId the structure's vault (the person must be a member), or null for the person's own
     * @param field the form's field, named in the errors
     * @throws InvalidInput on {@code field}: empty, too large, not a PDF, PNG or JPEG we can read, an
     *     encrypted PDF or one of too many pages, a label or name too long, a structure not the person's
     */
    public long upload(
            long accountId,
            Long structureId,
            String label,
            LocalDate validUntil,
            String filename,
            byte[] bytes,
            String field) {
        if (structureId != null && !memberships.isMember(accountId, structureId)) {
            throw new InvalidInput(field, "calls.document.error.structure");
        }
        if (bytes == null || bytes.length == 0) {
            throw new InvalidInput(field, "calls.document.error.empty");
        }
        if (bytes.length > MAX_BYTES) {
            throw new InvalidInput(field, "calls.document.error.size");
        }
        Kind kind = kind(bytes, field);
        String name = filename == null || filename.isBlank() ? "document" : filename.strip();
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        name = name.replaceAll("[\\p{Cntrl}\"]", "_");
        if (name.length() > 200) {
            name = name.substring(name.length() - 200);
        }
        String l = label == null || label.isBlank() ? name : label.strip();
        if (l.length() > 200) {
            l = l.substring(0, 200);
        }
        return jdbc.sql("insert into calls.document (owner_id, structure_id, label, filename, media_type, size_bytes, "
                        + "pages, sha256, content, valid_until, uploaded_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                        + "returning id")
                .params(
                        accountId,
                        structureId,
                        l,
                        name,
                        kind.mediaType(),
                        bytes.length,
                        kind.pages(),
                        sha256(bytes),
                        bytes,
                        validUntil == null ? null : Date.valueOf(validUntil),
                        java.sql.Timestamp.from(clock.instant()))
                .query(Long.class)
                .single();
    }

    /** The vault a dossier draws from: the structure's for a member, else the person's own; latest first. */
    public List<Document> vault(long accountId, Long structureId) {
        if (structureId != null && !memberships.isMember(accountId, structureId)) {
            return List.of();
        }
        return jdbc.sql("select " + COLUMNS + " from calls.document where "
                        + (structureId == null ? "structure_id is null and owner_id = ?" : "structure_id = ?")
                        + " order by uploaded_at desc, id desc")
                .param(structureId == null ? accountId : structureId)
                .query(Documents::document)
                .list();
    }

    /**
     * Whether the person may join this document to a dossier of this structure (or of their own): in that
     * vault, and not past its validity date.
     */
    public boolean usable(long documentId, long accountId, Long structureId) {
        LocalDate today = LocalDate.now(clock.withZone(java.time.ZoneId.of("Europe/Paris")));
        return vault(accountId, structureId).stream()
                .anyMatch(d -> d.id() == documentId
                        && (d.validUntil() == null || !d.validUntil().isBefore(today)));
    }

    /**
     * Deletes a document of the person's vault (their own, or a structure's they are a member of) that no
     * dossier and no message joins.
     *
     * @return false when it is not theirs, or is joined
     */
    @org.springframework.transaction.annotation.Transactional
    public boolean delete(long documentId, long accountId) {
        if (readable(documentId, accountId).isEmpty()) {
            return false;
        }
        return jdbc.sql("delete from calls.document c where c.id = ? "
                                // only the dossiers of that vault can join it; an answer holding the same digits
                                // keeps it, which errs on the side of the dossier's record
                                + "and not exists (select 1 from calls.dossier d where (d.structure_id = c.structure_id "
                                + "or (c.structure_id is null and d.structure_id is null and d.applicant_id = c.owner_id)) "
                                + "and jsonb_path_exists(d.answers, '$.** ? (@ == $id)', jsonb_build_object('id', c.id::text))) "
                                + "and not exists (select 1 from calls.message m where m.document_id = c.id)")
                        .param(documentId)
                        .update()
                == 1;
    }

    /** A document the person may read: theirs, or their structure's. */
    public Optional<Document> readable(long documentId, long accountId) {
        return jdbc.sql("select " + COLUMNS + " from calls.document where id = ?")
                .param(documentId)
                .query(Documents::document)
                .optional()
                .filter(d -> d.structureId() == null
                        ? d.ownerId() == accountId
                        : memberships.isMember(accountId, d.structureId()));
    }

    /** The bytes of a document, for a caller that checked who reads it. */
    Optional<Content> contentOf(long documentId) {
        return jdbc.sql("select filename, media_type, content from calls.document where id = ?")
                .param(documentId)
                .query((rs, n) -> new Content(rs.getString(1), rs.getString(2), rs.getBytes(3)))
                .optional();
    }

    /**
     * The bytes of a document joined to something its reader may see — a dossier's message, an award's
     * payment request: the caller checked the reader.
     */
    public Optional<Content> joined(long documentId) {
        return contentOf(documentId);
    }

    /** The bytes of a document the person may read. */
    public Optional<Content> content(long documentId, long accountId) {
        return readable(documentId, accountId)
                .map(d -> new Content(
                        d.filename(),
                        d.mediaType(),
                        jdbc.sql("select content from calls.document where id = ?")
                                .param(documentId)
                                .query((rs, n) -> rs.getBytes(1))
                                .single()));
    }

    private static final String COLUMNS =
            "id, owner_id, structure_id, label, filename, media_type, size_bytes, pages, " + "valid_until, uploaded_at";

    private static Document document(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        long structure = rs.getLong("structure_id");
        Long structureId = rs.wasNull() ? null : structure;
        int pages = rs.getInt("pages");
        Integer pageCount = rs.wasNull() ? null : pages;
        Date valid = rs.getDate("valid_until");
        return new Document(
                rs.getLong("id"),
                rs.getLong("owner_id"),
                structureId,
                rs.getString("label"),
                rs.getString("filename"),
                rs.getString("media_type"),
                rs.getInt("size_bytes"),
                pageCount,
                valid == null ? null : valid.toLocalDate(),
                rs.getTimestamp("uploaded_at").toInstant());
    }

    /** What the bytes are, by their content: a PDF read to its page count, or an image's header read. */
    private static Kind kind(byte[] bytes, String field) {
        if (startsWith(bytes, "%PDF-".getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
            return new Kind("application/pdf", pdfPages(bytes, field));
        }
        String media = startsWith(bytes, new byte[] {(byte) 0x89, 'P', 'N', 'G'})
                ? "image/png"
                : startsWith(bytes, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}) ? "image/jpeg" : null;
        if (media == null) {
            throw new InvalidInput(field, "calls.document.error.type");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            var readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new InvalidInput(field, "calls.document.error.type");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels <= 0 || pixels > MAX_PIXELS) {
                    throw new InvalidInput(field, "calls.document.error.type");
                }
            } finally {
                reader.dispose();
            }
        } catch (IOException ex) {
            throw new InvalidInput(field, "calls.document.error.type");
        }
        return new Kind(media, null);
    }

    private static int pdfPages(byte[] bytes, String field) {
        boolean acquired = false;
        try {
            acquired = READING.tryAcquire(5, TimeUnit.SECONDS);
            if (!acquired) {
                throw new InvalidInput(field, "calls.document.error.busy");
            }
            // streams cached in a temporary file, not in memory: a crafted PDF cannot fill the heap
            try (PDDocument pdf = Loader.loadPDF(bytes, "", null, null, IOUtils.createTempFileOnlyStreamCache())) {
                if (pdf.isEncrypted()) {
                    throw new InvalidInput(field, "calls.document.error.encrypted");
                }
                int pages = pdf.getNumberOfPages();
                if (pages < 1 || pages > MAX_PAGES) {
                    throw new InvalidInput(field, "calls.document.error.pages");
                }
                return pages;
            }
        } catch (org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException ex) {
            throw new InvalidInput(field, "calls.document.error.encrypted");
        } catch (IOException ex) {
            throw new InvalidInput(field, "calls.document.error.type");
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new InvalidInput(field, "calls.document.error.busy");
        } finally {
            if (acquired) {
                READING.release();
            }
        }
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
