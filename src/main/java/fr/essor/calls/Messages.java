package fr.essor.calls;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import fr.essor.identity.Accounts;
import fr.essor.notification.Notifications;
import fr.essor.shared.InvalidInput;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The message thread of a submitted dossier between its applicant and its programme's staff, each message
 * with at most one document. A message of the staff is mailed to the applicant; every message is written
 * in the dossier's audit trail. The callers check who may write and read ({@link Dossiers#ofApplicant},
 * {@link Instruction#dossier}).
 */
@Service
public class Messages {

    static final int BODY_MAX = 5000;

    /** At most this many messages on a dossier, whoever writes: a thread is not a chat. */
    static final int MAX_PER_DOSSIER = 500;

    /** A message of the thread. */
    public record Message(long id, long authorId, boolean fromStaff, String body, Long documentId, Instant at) {}

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Audit audit;
    private final Notifications notifications;
    private final Accounts accounts;
    private final Programmes programmes;
    private final String publicUrl;

    Messages(
            JdbcClient jdbc,
            Clock clock,
            Audit audit,
            Notifications notifications,
            Accounts accounts,
            Programmes programmes,
            @Value("${essor.public-url}") String publicUrl) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.audit = audit;
        this.notifications = notifications;
        this.accounts = accounts;
        this.programmes = programmes;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    /**
     * Posts a message on a submitted dossier.
     *
     * @param fromStaff whether its author writes as the programme's staff (else as the applicant)
     * @param documentId a document joined, or null
     * @throws InvalidInput for an empty or too long text, a draft, or a thread already full
     */
    @Transactional
    public long post(Dossiers.Dossier d, long authorId, boolean fromStaff, String body, Long documentId) {
        String text = body == null ? "" : body.strip();
        if (text.isEmpty() || text.length() > BODY_MAX) {
            throw new InvalidInput("body", "calls.messages.error.body");
        }
        if (d.state() == DossierFlow.State.DRAFT) {
            throw new InvalidInput("body", "calls.messages.error.draft");
        }
        jdbc.sql("select id from calls.dossier where id = ? for update")
                .param(d.id())
                .query(Long.class)
                .single();
        long count = jdbc.sql("select count(*) from calls.message where dossier_id = ?")
                .param(d.id())
                .query(Long.class)
                .single();
        if (count >= MAX_PER_DOSSIER) {
            throw new InvalidInput("body", "calls.messages.error.full");
        }
        Instant now = clock.instant();
        long id = jdbc.sql("insert into calls.message (dossier_id, author_id, from_staff, body, document_id, at) "
                        + "values (?, ?, ?, ?, ?, ?) returning id")
                .params(d.id(), authorId, fromStaff, text, documentId, Timestamp.from(now))
                .query(Long.class)
                .single();
        audit.append(
                d.id(),
                authorId,
                Audit.Kind.MESSAGE,
                "message " + id + (fromStaff ? " from the staff" : " from the applicant")
                        + (documentId == null ? "" : " with document " + documentId),
                now);
        if (fromStaff) {
            accounts.account(d.applicantId())
                    .ifPresent(a -> notifications.send(
                            a.email(),
                            "calls-message",
                            Map.of(
                                    "programme",
                                    programmes
                                            .byId(d.programmeId())
                                            .map(Programme::name)
                                            .orElse(""),
                                    "reference",
                                    d.reference(),
                                    "url",
                                    publicUrl + "/dossiers/" + d.id() + "#messages")));
        }
        return id;
    }

    /** The thread of a dossier, oldest first. */
    public List<Message> thread(long dossierId) {
        return jdbc.sql("select id, author_id, from_staff, body, document_id, at from calls.message "
                        + "where dossier_id = ? order by id")
                .param(dossierId)
                .query((rs, n) -> new Message(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getBoolean(3),
                        rs.getString(4),
                        rs.getObject(5, Long.class),
                        rs.getTimestamp(6).toInstant()))
                .list();
    }

    /** The document joined to a message of this dossier, if any. */
    public Optional<Long> documentOf(long dossierId, long messageId) {
        return jdbc.sql(
                        "select document_id from calls.message where id = ? and dossier_id = ? and document_id is not null")
                .params(messageId, dossierId)
                .query(Long.class)
                .optional();
    }
}
