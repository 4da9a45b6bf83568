package fr.essor.calls;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import fr.essor.calls.DossierFlow.Role;
import fr.essor.notification.Notifications;
import fr.essor.shared.EmailAddresses;
import fr.essor.shared.InvalidInput;
import fr.essor.shared.Tokens;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A role on a programme offered by its manager to an address without an account yet: the address gets a
 * link valid {@value #DAYS} days; the first signed-in person whose account has that address and opens
 * it receives the role. The invitations still open are listed on the team's page and can be withdrawn.
 */
@Service
public class StaffInvitations {

    private static final Logger SECURITY = LoggerFactory.getLogger("essor.security");
    static final int DAYS = 14;

    /** An open invitation, as the team's page lists it. */
    public record Invitation(long id, String email, Role role, Instant expiresAt) {}

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Staff staff;
    private final Programmes programmes;
    private final Notifications notifications;
    private final String publicUrl;

    StaffInvitations(
            JdbcClient jdbc,
            Clock clock,
            Staff staff,
            Programmes programmes,
            Notifications notifications,
            @Value("${essor.public-url}") String publicUrl) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.staff = staff;
        this.programmes = programmes;
        this.notifications = notifications;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    /**
     * Invites an address to a role on a programme, as its manager; an open invitation of the same address
     * and role is not sent again.
     *
     * @throws InvalidInput for a malformed address or the applicant's role
     */
    @Transactional
    public void invite(long programmeId, long managerId, boolean admin, String email, Role role) {
        if (!staff.mayManage(managerId, admin, programmeId)) {
            throw new DossierFlow.IllegalTransition("calls.dossier.error.role", "not a manager of " + programmeId);
        }
        String address = email == null ? "" : email.strip();
        if (address.length() > 254 || !EmailAddresses.valid(address)) {
            throw new InvalidInput("email", "calls.team.error.email");
        }
        if (role == null || role == Role.APPLICANT) {
            throw new InvalidInput("role", "calls.team.error.role");
        }
        Instant now = clock.instant();
        boolean open = jdbc.sql("select exists (select 1 from calls.staff_invitation where programme_id = ? "
                        + "and lower(email) = lower(?) and role = ? and accepted_at is null and expires_at > ?)")
                .params(programmeId, address, role.name(), Timestamp.from(now))
                .query(Boolean.class)
                .single();
        if (open) {
            return;
        }
        String token = Tokens.random();
        jdbc.sql("insert into calls.staff_invitation (programme_id, email, role, token_hash, invited_by, created_at, "
                        + "expires_at) values (?, ?, ?, ?, ?, ?, ?)")
                .params(
                        programmeId,
                        address,
                        role.name(),
                        Tokens.hash(token),
                        managerId,
                        Timestamp.from(now),
                        Timestamp.from(now.plus(Duration.ofDays(DAYS))))
                .update();
        SECURITY.info("role {} on programme {} offered to an address by account {}", role, programmeId, managerId);
        notifications.send(
                address,
                "calls-staff-invitation",
                Map.of(
                        "programme",
                        programmes.byId(programmeId).map(Programme::name).orElse(""),
                        "role",
                        switch (role) {
                            case INSTRUCTOR -> "instruire ses dossiers";
                            case SIGNER -> "signer ses décisions";
                            default -> "le gérer";
                        },
                        "days",
                        DAYS,
                        "baseUrl",
                        publicUrl,
                        "token",
                        token));
    }

    /**
     * Accepts an invitation's link as a signed-in person of the invited address: the role is granted.
     *
     * @return the programme's id; empty for an unknown, used or expired link, or another address
     */
    @Transactional
    public Optional<Long> accept(String token, long accountId, String accountEmail) {
        if (!Tokens.plausible(token)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        record Found(long id, long programmeId, String email, Role role) {}
        Optional<Found> found = jdbc.sql("select id, programme_id, email, role from calls.staff_invitation "
                        + "where token_hash = ? and accepted_at is null and expires_at > ? for update")
                .params(Tokens.hash(token), Timestamp.from(now))
                .query((rs, n) ->
                        new Found(rs.getLong(1), rs.getLong(2), rs.getString(3), Role.valueOf(rs.getString(4))))
                .optional();
        if (found.isEmpty()
                || accountEmail == null
                || !accountEmail.strip().equalsIgnoreCase(found.get().email())) {
            return Optional.empty();
        }
        Found f = found.get();
        jdbc.sql("update calls.staff_invitation set accepted_at = ?, accepted_by = ? where id = ?")
                .params(Timestamp.from(now), accountId, f.id())
                .update();
        staff.grant(f.programmeId(), accountId, f.role(), accountId);
        SECURITY.info("role {} on programme {} accepted by account {}", f.role(), f.programmeId(), accountId);
        return Optional.of(f.programmeId());
    }

    /** The open invitations of a programme. */
    public List<Invitation> open(long programmeId) {
        return jdbc.sql("select id, email, role, expires_at from calls.staff_invitation where programme_id = ? "
                        + "and accepted_at is null and expires_at > ? order by id")
                .params(programmeId, Timestamp.from(clock.instant()))
                .query((rs, n) -> new Invitation(
                        rs.getLong(1),
                        rs.getString(2),
                        Role.valueOf(rs.getString(3)),
                        rs.getTimestamp(4).toInstant()))
                .list();
    }

    /** Withdraws an open invitation of the programme, as its manager. */
    @Transactional
    public void withdraw(long programmeId, long invitationId, long managerId, boolean admin) {
        if (!staff.mayManage(managerId, admin, programmeId)) {
            throw new DossierFlow.IllegalTransition("calls.dossier.error.role", "not a manager of " + programmeId);
        }
        jdbc.sql(
                        "update calls.staff_invitation set expires_at = ? where id = ? and programme_id = ? and accepted_at is null")
                .params(Timestamp.from(clock.instant()), invitationId, programmeId)
                .update();
    }
}
