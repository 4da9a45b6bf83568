package fr.essor.calls;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import fr.essor.identity.Accounts;
import fr.essor.notification.Notifications;
import fr.essor.shared.InvalidInput;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Graces: a programme's manager lets one named applicant submit their draft after the closing instant
 * (a documented incident, a platform outage), until an instant of their choosing at most 30 days after
 * the closing. A grace names the person by their account's address and goes to their draft on this
 * programme only; it is mailed to them and written in the draft's audit trail and the security log.
 */
@Service
public class Graces {

    private static final Logger SECURITY = LoggerFactory.getLogger("essor.security");
    static final Duration MAX_AFTER_CLOSING = Duration.ofDays(30);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Staff staff;
    private final Programmes programmes;
    private final Accounts accounts;
    private final Audit audit;
    private final Notifications notifications;
    private final String publicUrl;

    Graces(
            JdbcClient jdbc,
            Clock clock,
            Staff staff,
            Programmes programmes,
            Accounts accounts,
            Audit audit,
            Notifications notifications,
            @Value("${essor.public-url}") String publicUrl) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.staff = staff;
        this.programmes = programmes;
        this.accounts = accounts;
        this.audit = audit;
        this.notifications = notifications;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    /** A grace as the programme's settings list it. */
    public record Grace(long id, long dossierId, String email, Instant until, String reason, Instant grantedAt) {}

    /**
     * Grants a grace to the drafts of the person with this address on the programme.
     *
     * @return how many drafts it covers (one per structure the person applies for)
     * @throws InvalidInput for an address without a draft on this programme, an instant in the past or more
     *     than 30 days after the closing, or no reason
     * @throws DossierFlow.IllegalTransition when the person granting does not manage the programme
     */
    @Transactional
    public int grant(long programmeId, long managerId, boolean admin, String email, Instant until, String reason) {
        if (!staff.mayManage(managerId, admin, programmeId)) {
            throw new DossierFlow.IllegalTransition("calls.dossier.error.role", "not a manager of " + programmeId);
        }
        Programme p = programmes.byId(programmeId).orElseThrow();
        Instant now = clock.instant();
        if (until == null || !until.isAfter(now) || until.isAfter(p.closesAt().plus(MAX_AFTER_CLOSING))) {
            throw new InvalidInput("until", "calls.graces.error.until");
        }
        String text = reason == null ? "" : reason.strip();
        if (text.isEmpty() || text.length() > 2000) {
            throw new InvalidInput("reason", "calls.graces.error.reason");
        }
        Long applicant = email == null || email.length() > 254
                ? null
                : accounts.byEmail(email.strip()).map(Accounts.Account::id).orElse(null);
        List<Long> drafts = applicant == null
                ? List.of()
                : jdbc.sql(
                                "select id from calls.dossier where programme_id = ? and applicant_id = ? and state = 'DRAFT'")
                        .params(programmeId, applicant)
                        .query(Long.class)
                        .list();
        if (drafts.isEmpty()) {
            // the same answer whether the address has no account or no draft here
            throw new InvalidInput("email", "calls.graces.error.noDraft");
        }
        for (long draft : drafts) {
            jdbc.sql(
                            "insert into calls.grace (dossier_id, until, reason, granted_by, granted_at) values (?, ?, ?, ?, ?)")
                    .params(draft, Timestamp.from(until), text, managerId, Timestamp.from(now))
                    .update();
            audit.append(draft, managerId, Audit.Kind.GRACE, "until " + until + ": " + text, now);
            SECURITY.info("grace until {} for dossier {} granted by account {}", until, draft, managerId);
        }
        notifications.send(
                email.strip(),
                "calls-grace",
                Map.of(
                        "programme",
                        p.name(),
                        "until",
                        Acknowledgments.when(until),
                        "url",
                        publicUrl + "/dossiers/" + drafts.getFirst()));
        return drafts.size();
    }

    /** The graces granted on a programme, the latest first. */
    public List<Grace> of(long programmeId) {
        return jdbc.sql(
                        "select g.id, g.dossier_id, g.until, g.reason, g.granted_at, d.applicant_id from calls.grace g "
                                + "join calls.dossier d on d.id = g.dossier_id where d.programme_id = ? order by g.id desc limit 200")
                .param(programmeId)
                .query((rs, n) -> new Grace(
                        rs.getLong(1),
                        rs.getLong(2),
                        accounts.account(rs.getLong(6))
                                .map(Accounts.Account::email)
                                .orElse("—"),
                        rs.getTimestamp(3).toInstant(),
                        rs.getString(4),
                        rs.getTimestamp(5).toInstant()))
                .list();
    }
}
