package fr.essor.calls;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The audit trail of each dossier: every move, letter and staff read, appended in the caller's
 * transaction (a table whose rows can be neither changed nor deleted). Each entry carries the SHA-256 of
 * the previous entry of its dossier and its own, computed over the previous hash and its fields: an entry
 * changed or removed in the database breaks the chain, which {@link #verify} finds.
 */
@Service
public class Audit {

    /** What an entry records. */
    public enum Kind {
        MOVE,
        LETTER,
        READ,
        /** An expert invited or revoked, an opinion given. */
        EXPERT,
        /** A dossier routed to an instructor group, or reassigned. */
        ROUTING,
        /** Private annotations changed by the staff. */
        ANNOTATION,
        /** A message of the thread, from the applicant or the staff. */
        MESSAGE,
        /** A grace granted to submit after the closing instant. */
        GRACE
    }

    /** An entry of a dossier's trail. */
    public record Entry(
            long id,
            long dossierId,
            Instant at,
            long actorId,
            Kind kind,
            String detail,
            String prevHash,
            String hash) {}

    static final String GENESIS = "0".repeat(64);

    private final JdbcClient jdbc;

    Audit(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Appends an entry to a dossier's trail, after its last one (one writer at a time per dossier). */
    @Transactional(propagation = Propagation.REQUIRED)
    public Entry append(long dossierId, long actorId, Kind kind, String detail, Instant instant) {
        // what PostgreSQL keeps of an instant, so that the hash is recomputed from the row as stored
        Instant at = instant.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        // appends of one dossier queue up, so that each one follows the last
        jdbc.sql("select pg_advisory_xact_lock(hashtext('essor.calls.audit'), ?::int)")
                .param((int) (dossierId ^ (dossierId >>> 32)))
                .query(Object.class)
                .single();
        String prev = jdbc.sql("select hash from calls.audit where dossier_id = ? order by id desc limit 1")
                .param(dossierId)
                .query(String.class)
                .optional()
                .orElse(GENESIS);
        String hash = hash(prev, dossierId, at, actorId, kind, detail);
        long id = jdbc.sql("insert into calls.audit (dossier_id, at, actor_id, kind, detail, prev_hash, hash) "
                        + "values (?, ?, ?, ?, ?, ?, ?) returning id")
                .params(dossierId, Timestamp.from(at), actorId, kind.name(), detail, prev, hash)
                .query(Long.class)
                .single();
        return new Entry(id, dossierId, at, actorId, kind, detail, prev, hash);
    }

    /** A dossier's trail, oldest first. */
    public List<Entry> trail(long dossierId) {
        return jdbc.sql("select id, dossier_id, at, actor_id, kind, detail, prev_hash, hash from calls.audit "
                        + "where dossier_id = ? order by id")
                .param(dossierId)
                .query((rs, n) -> new Entry(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getTimestamp(3).toInstant(),
                        rs.getLong(4),
                        Kind.valueOf(rs.getString(5)),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getString(8)))
                .list();
    }

    /** Whether a trail is whole: each entry follows the previous one and its hash is its content's. */
    public static boolean verify(List<Entry> trail) {
        String prev = GENESIS;
        for (Entry e : trail) {
            if (!e.prevHash().equals(prev)
                    || !e.hash().equals(hash(prev, e.dossierId(), e.at(), e.actorId(), e.kind(), e.detail()))) {
                return false;
            }
            prev = e.hash();
        }
        return true;
    }

    static String hash(String prev, long dossierId, Instant at, long actorId, Kind kind, String detail) {
        // microseconds: what PostgreSQL keeps of an instant
        String content = String.join(
                "\u001f",
                prev,
                Long.toString(dossierId),
                Long.toString(at.getEpochSecond()) + "." + String.format("%06d", at.getNano() / 1000),
                Long.toString(actorId),
                kind.name(),
                detail);
        return Letters.sha256(content);
    }
}
