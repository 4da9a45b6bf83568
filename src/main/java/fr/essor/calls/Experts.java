package fr.essor.calls;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import fr.essor.calls.DossierFlow.IllegalTransition;
import fr.essor.calls.DossierFlow.Role;
import fr.essor.notification.Notifications;
import fr.essor.shared.EmailAddresses;
import fr.essor.shared.InvalidInput;
import fr.essor.shared.Tokens;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Expert opinions. An instructor of a programme invites an address to give a reasoned opinion on one
 * dossier under instruction, with a question and a due date; the address receives a link. The first
 * signed-in person whose account has that address and who opens the link becomes the expert: they see
 * that dossier and its documents only, and give one opinion (a verdict and its reasons), until the
 * dossier is decided or the invitation revoked. Reminders go two days before the due date and on it,
 * once each. Invitations, revocations, reads and opinions are written in the dossier's audit trail.
 */
@Service
public class Experts {

    private static final Logger LOG = LoggerFactory.getLogger(Experts.class);
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    /** At most this many invitations open on a dossier at once. */
    static final int OPEN_PER_DOSSIER = 10;

    static final int QUESTION_MAX = 2000;
    static final int OPINION_MAX = 10_000;

    /** How far ahead a due date may be set, in days. */
    static final int DUE_MAX_DAYS = 180;

    /** What the expert thinks of the dossier. */
    public enum Verdict {
        FAVOURABLE,
        RESERVED,
        UNFAVOURABLE
    }

    /**
     * An invitation as the dossier's staff see it.
     *
     * @param accountId the account that opened the link, null before
     */
    public record Invitation(
            long id,
            long dossierId,
            String email,
            String question,
            LocalDate dueOn,
            Instant invitedAt,
            Long accountId,
            Instant openedAt,
            Verdict verdict,
            String opinion,
            Instant givenAt,
            Instant revokedAt) {

        public boolean given() {
            return givenAt != null;
        }

        public boolean revoked() {
            return revokedAt != null;
        }
    }

    /** What opening an invitation's link gave. */
    public enum Opening {
        /** The person is the invitation's expert. */
        OPENED,
        /** The link is unknown, revoked, or already opened by someone else. */
        UNKNOWN,
        /** The link is addressed to another address than the person's account. */
        OTHER_ADDRESS
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Dossiers dossiers;
    private final Programmes programmes;
    private final Staff staff;
    private final Audit audit;
    private final Documents documents;
    private final Notifications notifications;
    private final TransactionTemplate tx;
    private final String publicUrl;
    private final Routing routing;

    Experts(
            JdbcClient jdbc,
            Clock clock,
            Dossiers dossiers,
            Programmes programmes,
            Staff staff,
            Audit audit,
            Documents documents,
            Notifications notifications,
            TransactionTemplate tx,
            Routing routing,
            @Value("${essor.public-url}") String publicUrl) {
        this.routing = routing;
        this.jdbc = jdbc;
        this.clock = clock;
        this.dossiers = dossiers;
        this.programmes = programmes;
        this.staff = staff;
        this.audit = audit;
        this.documents = documents;
        this.notifications = notifications;
        this.tx = tx;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    /**
     * Invites an expert on a dossier under instruction, as one of its programme's instructors: mails the
     * address a link. Inviting an address already invited (and not revoked) on the dossier mails nothing.
     *
     * @return the invitation's id
     * @throws InvalidInput for a malformed address, an empty or too long question, a due date not in the
     *     next {@value #DUE_MAX_DAYS} days, or {@value #OPEN_PER_DOSSIER} invitations already open
     * @throws IllegalTransition when the person does not instruct this dossier's programme, or the dossier
     *     is not under instruction
     */
    @Transactional
    public long invite(long dossierId, long instructorId, String email, String question, LocalDate dueOn) {
        Dossiers.Dossier d = instructed(dossierId, instructorId);
        if (!d.state().inInstruction()) {
            throw new IllegalTransition("calls.experts.error.state", "dossier " + d.state());
        }
        String address = email == null ? "" : email.strip();
        if (address.length() > 254 || !EmailAddresses.valid(address)) {
            throw new InvalidInput("email", "calls.experts.error.email");
        }
        String text = question == null ? "" : question.strip();
        if (text.isEmpty() || text.length() > QUESTION_MAX) {
            throw new InvalidInput("question", "calls.experts.error.question");
        }
        LocalDate today = LocalDate.now(clock.withZone(PARIS));
        if (dueOn == null || dueOn.isBefore(today) || dueOn.isAfter(today.plusDays(DUE_MAX_DAYS))) {
            throw new InvalidInput("dueOn", "calls.experts.error.due");
        }
        // one invitation at a time per dossier: the count of open ones is exact
        jdbc.sql("select id from calls.dossier where id = ? for update")
                .param(dossierId)
                .query(Long.class)
                .single();
        Optional<Long> existing = jdbc.sql(
                        "select id from calls.expert where dossier_id = ? and lower(email) = lower(?) and revoked_at is null")
                .params(dossierId, address)
                .query(Long.class)
                .optional();
        if (existing.isPresent()) {
            return existing.get();
        }
        long open = jdbc.sql("select count(*) from calls.expert where dossier_id = ? and revoked_at is null "
                        + "and given_at is null")
                .param(dossierId)
                .query(Long.class)
                .single();
        if (open >= OPEN_PER_DOSSIER) {
            throw new InvalidInput("email", "calls.experts.error.tooMany");
        }
        String token = Tokens.random();
        Instant now = clock.instant();
        long id = jdbc.sql("insert into calls.expert (dossier_id, email, question, due_on, token_hash, invited_by, "
                        + "invited_at) values (?, ?, ?, ?, ?, ?, ?) returning id")
                .params(dossierId, address, text, dueOn, Tokens.hash(token), instructorId, Timestamp.from(now))
                .query(Long.class)
                .single();
        audit.append(dossierId, instructorId, Audit.Kind.EXPERT, "invitation " + id + " " + address, now);
        Programme programme = programmes.byId(d.programmeId()).orElseThrow();
        notifications.send(
                address,
                "calls-expert-invitation",
                Map.of(
                        "programme",
                        programme.name(),
                        "reference",
                        d.reference(),
                        "question",
                        text,
                        "due",
                        Acknowledgments.day(dueOn),
                        "baseUrl",
                        publicUrl,
                        "token",
                        token));
        return id;
    }

    /**
     * Revokes an invitation, as one of the programme's instructors: its expert no longer sees the dossier.
     * An opinion already given stays in the dossier.
     *
     * @return whether an open invitation of this dossier was revoked
     */
    @Transactional
    public boolean revoke(long dossierId, long invitationId, long instructorId) {
        instructed(dossierId, instructorId);
        Instant now = clock.instant();
        int updated = jdbc.sql("update calls.expert set revoked_at = ?, revoked_by = ? "
                        + "where id = ? and dossier_id = ? and revoked_at is null")
                .params(Timestamp.from(now), instructorId, invitationId, dossierId)
                .update();
        if (updated == 1) {
            audit.append(dossierId, instructorId, Audit.Kind.EXPERT, "revocation " + invitationId, now);
        }
        return updated == 1;
    }

    /** The invitations of a dossier, for its programme's staff: the oldest first; empty for anyone else. */
    public List<Invitation> ofDossier(long dossierId, long staffId) {
        Optional<Dossiers.Dossier> d = dossiers.byId(dossierId);
        if (d.isEmpty()
                || staff.rolesOf(staffId, d.get().programmeId()).isEmpty()
                || !routing.sees(staffId, d.get().programmeId(), d.get().groupId())) {
            return List.of();
        }
        return jdbc.sql("select * from calls.expert where dossier_id = ? order by id")
                .param(dossierId)
                .query((rs, n) -> invitation(rs))
                .list();
    }

    /**
     * Opens an invitation's link as a signed-in person: the first person with the invited address
     * becomes its expert; the link then works for them only.
     *
     * @return the invitation's id when {@link Opening#OPENED}
     */
    @Transactional
    public Map.Entry<Opening, Long> open(String token, long accountId, String accountEmail) {
        if (!Tokens.plausible(token)) {
            return Map.entry(Opening.UNKNOWN, 0L);
        }
        Optional<Invitation> found = jdbc.sql("select * from calls.expert where token_hash = ? and revoked_at is null")
                .param(Tokens.hash(token))
                .query((rs, n) -> invitation(rs))
                .optional();
        if (found.isEmpty()) {
            return Map.entry(Opening.UNKNOWN, 0L);
        }
        Invitation i = found.get();
        if (i.accountId() != null) {
            return i.accountId() == accountId ? Map.entry(Opening.OPENED, i.id()) : Map.entry(Opening.UNKNOWN, 0L);
        }
        if (accountEmail == null || !accountEmail.strip().equalsIgnoreCase(i.email())) {
            return Map.entry(Opening.OTHER_ADDRESS, 0L);
        }
        Instant now = clock.instant();
        int bound = jdbc.sql("update calls.expert set account_id = ?, opened_at = ? "
                        + "where id = ? and account_id is null and revoked_at is null")
                .params(accountId, Timestamp.from(now), i.id())
                .update();
        return bound == 1 ? Map.entry(Opening.OPENED, i.id()) : Map.entry(Opening.UNKNOWN, 0L);
    }

    /** An invitation as its expert's list shows it. */
    public record Mine(long id, String reference, String programme, LocalDate dueOn, boolean given) {}

    /** The invitations a person opened and that are not revoked, the latest first. */
    public List<Mine> ofExpert(long accountId) {
        return jdbc.sql("select e.id, d.reference, d.programme_id, e.due_on, e.given_at is not null "
                        + "from calls.expert e join calls.dossier d on d.id = e.dossier_id "
                        + "where e.account_id = ? and e.revoked_at is null order by e.id desc limit 200")
                .param(accountId)
                .query((rs, n) -> new Mine(
                        rs.getLong(1),
                        rs.getString(2),
                        programmes.byId(rs.getLong(3)).map(Programme::name).orElse(""),
                        rs.getObject(4, LocalDate.class),
                        rs.getBoolean(5)))
                .list();
    }

    /** What an expert sees: their invitation and its dossier. */
    public record Assignment(Invitation invitation, Dossiers.Dossier dossier, Programme programme) {

        /** Whether the opinion can still be given. */
        public boolean open() {
            return !invitation.given() && dossier.state().inInstruction();
        }
    }

    /**
     * An invitation for its expert, while it is not revoked; the read is written in the dossier's trail.
     * Empty for anyone else, for a revoked invitation, and for a draft (never the case once invited).
     */
    @Transactional
    public Optional<Assignment> assignment(long invitationId, long accountId) {
        Optional<Assignment> a = mine(invitationId, accountId);
        a.ifPresent(x ->
                audit.append(x.dossier().id(), accountId, Audit.Kind.READ, "expert " + invitationId, clock.instant()));
        return a;
    }

    private Optional<Assignment> mine(long invitationId, long accountId) {
        return jdbc.sql("select * from calls.expert where id = ? and account_id = ? and revoked_at is null")
                .params(invitationId, accountId)
                .query((rs, n) -> invitation(rs))
                .optional()
                .flatMap(i -> dossiers.byId(i.dossierId())
                        .filter(d -> d.state() != DossierFlow.State.DRAFT)
                        .map(d -> new Assignment(
                                i, d, programmes.byId(d.programmeId()).orElseThrow())));
    }

    /** A document joined to the invitation's dossier, for its expert; the read is in the dossier's trail. */
    @Transactional
    public Optional<Documents.Content> document(long invitationId, long accountId, long documentId) {
        Optional<Assignment> a = mine(invitationId, accountId);
        if (a.isEmpty() || !Instruction.joins(a.get().dossier().answers(), String.valueOf(documentId))) {
            return Optional.empty();
        }
        audit.append(
                a.get().dossier().id(),
                accountId,
                Audit.Kind.READ,
                "expert " + invitationId + " document " + documentId,
                clock.instant());
        return documents.contentOf(documentId);
    }

    /**
     * Gives the opinion, once, while the dossier is under instruction.
     *
     * @throws InvalidInput for a missing verdict or reasons, or reasons too long
     * @throws IllegalTransition when the invitation is not this person's, is revoked, already answered, or
     *     the dossier decided
     */
    @Transactional
    public void give(long invitationId, long accountId, Verdict verdict, String opinion) {
        Assignment a = mine(invitationId, accountId)
                .orElseThrow(() -> new IllegalTransition("calls.experts.error.unknown", "not this expert's"));
        String text = opinion == null ? "" : opinion.strip();
        if (verdict == null) {
            throw new InvalidInput("verdict", "calls.experts.error.verdict");
        }
        if (text.isEmpty() || text.length() > OPINION_MAX) {
            throw new InvalidInput("opinion", "calls.experts.error.opinion");
        }
        if (!a.open()) {
            throw new IllegalTransition("calls.experts.error.closed", "opinion closed");
        }
        Instant now = clock.instant();
        int updated = jdbc.sql("update calls.expert set verdict = ?, opinion = ?, given_at = ? "
                        + "where id = ? and account_id = ? and revoked_at is null and given_at is null")
                .params(verdict.name(), text, Timestamp.from(now), invitationId, accountId)
                .update();
        if (updated == 0) {
            throw new IllegalTransition("calls.experts.error.closed", "opinion given or revoked meanwhile");
        }
        audit.append(a.dossier().id(), accountId, Audit.Kind.EXPERT, "opinion " + invitationId + " " + verdict, now);
    }

    /**
     * Reminds the experts whose opinion is awaited: once two days before the due date, once on it; never
     * for a revoked invitation or a decided dossier. Taken with {@code skip locked}, so that two instances
     * never send the same reminder. Returns how many were sent.
     */
    @Scheduled(fixedDelayString = "${essor.calls.expert-reminder-poll:PT1H}", initialDelayString = "PT3M")
    public int remind() {
        LocalDate today = LocalDate.now(clock.withZone(PARIS));
        record Due(long id, String email, String question, LocalDate dueOn, String reference, long programmeId) {}
        Integer sent = tx.execute(status -> {
            List<Due> due = jdbc.sql("""
                    select e.id, e.email, e.question, e.due_on, d.reference, d.programme_id
                    from calls.expert e join calls.dossier d on d.id = e.dossier_id
                    where e.given_at is null and e.revoked_at is null
                      and ((e.reminders = 0 and e.due_on <= ?) or (e.reminders = 1 and e.due_on <= ?))
                      and d.state in """ + DossierFlow.State.IN_INSTRUCTION_SQL + """
                     for update of e skip locked""")
                    .params(today.plusDays(2), today)
                    .query((rs, n) -> new Due(
                            rs.getLong(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getObject(4, LocalDate.class),
                            rs.getString(5),
                            rs.getLong(6)))
                    .list();
            Instant now = clock.instant();
            for (Due d : due) {
                jdbc.sql("update calls.expert set reminders = case when due_on <= ? then 2 else 1 end, "
                                + "reminded_at = ? where id = ?")
                        .params(today, now.atOffset(ZoneOffset.UTC), d.id())
                        .update();
                notifications.send(
                        d.email(),
                        "calls-expert-reminder",
                        Map.of(
                                "programme",
                                programmes
                                        .byId(d.programmeId())
                                        .map(Programme::name)
                                        .orElse(""),
                                "reference",
                                d.reference(),
                                "question",
                                d.question(),
                                "due",
                                Acknowledgments.day(d.dueOn()),
                                "url",
                                publicUrl + "/avis/" + d.id()));
            }
            return due.size();
        });
        if (sent != null && sent > 0) {
            LOG.info("{} rappels d'avis d'experts envoyés", sent);
        }
        return sent == null ? 0 : sent;
    }

    /** The dossier, when the person instructs its programme. */
    private Dossiers.Dossier instructed(long dossierId, long instructorId) {
        return dossiers.byId(dossierId)
                .filter(d -> d.state() != DossierFlow.State.DRAFT)
                .filter(d -> staff.rolesOf(instructorId, d.programmeId()).contains(Role.INSTRUCTOR))
                .filter(d -> routing.sees(instructorId, d.programmeId(), d.groupId()))
                .orElseThrow(() -> new IllegalTransition("calls.dossier.error.role", "not an instructor of it"));
    }

    private static Invitation invitation(java.sql.ResultSet rs) throws java.sql.SQLException {
        String verdict = rs.getString("verdict");
        return new Invitation(
                rs.getLong("id"),
                rs.getLong("dossier_id"),
                rs.getString("email"),
                rs.getString("question"),
                rs.getObject("due_on", LocalDate.class),
                instant(rs.getTimestamp("invited_at")),
                (Long) rs.getObject("account_id"),
                instant(rs.getTimestamp("opened_at")),
                verdict == null ? null : Verdict.valueOf(verdict),
                rs.getString("opinion"),
                instant(rs.getTimestamp("given_at")),
                instant(rs.getTimestamp("revoked_at")));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
