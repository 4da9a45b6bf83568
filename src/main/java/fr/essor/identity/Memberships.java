package fr.essor.identity;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import fr.essor.notification.Notifications;
import fr.essor.shared.InvalidInput;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which structures a person acts for. A structure's events belong to the structure: every member may
 * edit them. A member invites others by mail; whoever opens the link, signed in, joins. Structures
 * themselves are the directory's; this only links ids.
 */
@Service
public class Memberships {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger("essor.security");

    private final JdbcClient jdbc;
    private final Notifications notifications;
    private final Clock clock;

    Memberships(JdbcClient jdbc, Notifications notifications, Clock clock) {
        this.jdbc = jdbc;
        this.notifications = notifications;
        this.clock = clock;
    }

    static final int INVITATION_DAYS = 7;

    /**
     * Invites an address to act for a structure: mails it a link valid {@value #INVITATION_DAYS} days.
     * Says nothing of whether the address has an account.
     */
    @Transactional
    public void invite(long structureId, String structureName, String email, Person inviter, String baseUrl) {
        String address = Accounts.normalEmail(email);
        if (!Accounts.validEmail(address)) {
            throw new InvalidInput("email", "account.error.email");
        }
        String token = fr.essor.shared.Tokens.random();
        var now = clock.instant().atOffset(ZoneOffset.UTC);
        jdbc.sql("""
                insert into identity.membership_invitation (token_hash, structure_id, email, invited_by, created_at, expires_at)
                values (?, ?, ?, ?, ?, ?)""")
                .params(Accounts.hash(token), structureId, address, inviter.id(), now, now.plusDays(INVITATION_DAYS))
                .update();
        notifications.send(
                address,
                "identity-invitation",
                Map.of(
                        "structure",
                        structureName,
                        "inviter",
                        inviter.displayName(),
                        "baseUrl",
                        baseUrl,
                        "days",
                        INVITATION_DAYS,
                        "token",
                        token));
    }

    /** The structure an invitation link is for, while it can be accepted. */
    public Optional<Long> invitation(String token) {
        if (token == null || token.isBlank() || token.length() > 100) {
            return Optional.empty();
        }
        return jdbc.sql("""
                select structure_id from identity.membership_invitation
                where token_hash = ? and accepted_at is null and expires_at > ?""")
                .params(Accounts.hash(token), clock.instant().atOffset(ZoneOffset.UTC))
                .query(Long.class)
                .optional();
    }

    /** Accepts an invitation: the signed-in person joins its structure. The link works once. */
    @Transactional
    public Optional<Long> accept(String token, long accountId) {
        if (invitation(token).isEmpty()) {
            return Optional.empty();
        }
        var now = clock.instant().atOffset(ZoneOffset.UTC);
        Optional<Long> structure = jdbc.sql("""
                update identity.membership_invitation set accepted_at = ?, accepted_by = ?
                where token_hash = ? and accepted_at is null and expires_at > ? returning structure_id""")
                .params(now, accountId, Accounts.hash(token), now)
                .query(Long.class)
                .optional();
        structure.ifPresent(id -> join(accountId, id));
        return structure;
    }

    /** Why a member was not removed. */
    public enum Removal {
        REMOVED,
        /** Not a member of that structure. */
        NOT_A_MEMBER,
        /** The last member stays: a structure always has someone to answer for its events. */
        LAST,
        /** Only the owner may take the owner out (by leaving). */
        OWNER
    }

    /**
     * Removes a member, as asked by a member of the structure ({@code by}). The owner cannot be removed
     * by others; when the owner leaves, the earliest member left becomes the owner. The invitations
     * the removed member sent for the structure and that are still open are revoked.
     */
    @Transactional
    public Removal remove(long by, long accountId, long structureId) {
        jdbc.sql("select pg_advisory_xact_lock(hashtext('essor.membership.' || ?))")
                .param(structureId)
                .query(Object.class)
                .single();
        Optional<Boolean> owner = jdbc.sql(
                        "select owner from identity.membership where account_id = ? and structure_id = ?")
                .params(accountId, structureId)
                .query(Boolean.class)
                .optional();
        if (owner.isEmpty()) {
            return Removal.NOT_A_MEMBER;
        }
        if (owner.get() && by != accountId) {
            return Removal.OWNER;
        }
        if (jdbc.sql("select count(*) from identity.membership where structure_id = ?")
                        .param(structureId)
                        .query(Long.class)
                        .single()
                <= 1) {
            return Removal.LAST;
        }
        jdbc.sql("delete from identity.membership where account_id = ? and structure_id = ?")
                .params(accountId, structureId)
                .update();
        if (owner.get()) {
            jdbc.sql("""
                    update identity.membership set owner = true
                    where (account_id, structure_id) = (
                        select account_id, structure_id from identity.membership where structure_id = ?
                        order by joined_at, account_id limit 1)""").param(structureId).update();
        }
        int revoked = revokeInvitations(accountId, structureId);
        LOG.info(
                "structure {}: member {} removed by {}, {} open invitation(s) revoked",
                structureId,
                accountId,
                by,
                revoked);
        return Removal.REMOVED;
    }

    /** Revokes the open invitations a person sent for a structure. */
    private int revokeInvitations(long invitedBy, long structureId) {
        return jdbc.sql("""
                update identity.membership_invitation set expires_at = ?
                where invited_by = ? and structure_id = ? and accepted_at is null and expires_at > ?""")
                .params(
                        clock.instant().atOffset(ZoneOffset.UTC),
                        invitedBy,
                        structureId,
                        clock.instant().atOffset(ZoneOffset.UTC))
                .update();
    }

    /**
     * Makes a person the owner of a structure (joining it if needed): the person who registers it, or
     * the rightful claimant a moderator recognised. The former owner stays a member.
     */
    @Transactional
    public void register(long accountId, long structureId) {
        jdbc.sql("update identity.membership set owner = false where structure_id = ? and account_id <> ? and owner")
                .params(structureId, accountId)
                .update();
        jdbc.sql("""
                insert into identity.membership (account_id, structure_id, joined_at, owner) values (?, ?, ?, true)
                on conflict (account_id, structure_id) do update set owner = true""")
                .params(accountId, structureId, clock.instant().atOffset(ZoneOffset.UTC))
                .update();
    }

    /** Adds a member (no effect if they already are one). */
    public void join(long accountId, long structureId) {
        jdbc.sql(
                        "insert into identity.membership (account_id, structure_id, joined_at) values (?, ?, ?) on conflict do nothing")
                .params(accountId, structureId, clock.instant().atOffset(ZoneOffset.UTC))
                .update();
    }

    public boolean isMember(long accountId, long structureId) {
        return jdbc.sql("select count(*) from identity.membership where account_id = ? and structure_id = ?")
                        .params(accountId, structureId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    public List<Long> structuresOf(long accountId) {
        return jdbc.sql("select structure_id from identity.membership where account_id = ? order by structure_id")
                .param(accountId)
                .query(Long.class)
                .list();
    }

    /** A structure's members, as name and address, to show who acts for it. */
    public record Member(long accountId, String displayName, String email, boolean owner) {}

    public List<Member> members(long structureId) {
        return jdbc.sql("""
                select a.id, a.display_name, a.email, m.owner
                from identity.membership m join identity.account a on a.id = m.account_id
                where m.structure_id = ? order by m.owner desc, a.display_name""")
                .param(structureId)
                .query((rs, n) -> new Member(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)))
                .list();
    }

    /** The addresses of a structure's members, to tell them what happens to its events. */
    public List<String> memberEmails(long structureId) {
        return members(structureId).stream().map(Member::email).toList();
    }
}
