package fr.essor.calls;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import fr.essor.calls.DossierFlow.Role;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Who works on a programme: its managers, its instructors and its signers, each role granted on one
 * programme (a person may hold several). An applicant is not staff: their role on their own dossier comes
 * from being its applicant.
 */
@Service
public class Staff {

    private final JdbcClient jdbc;

    Staff(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Grants a staff role on a programme; granting it again changes nothing. */
    public void grant(long programmeId, long accountId, Role role, long grantedBy) {
        if (role == Role.APPLICANT) {
            throw new IllegalArgumentException("an applicant is not staff");
        }
        jdbc.sql("insert into calls.staff (programme_id, account_id, role, granted_by) values (?, ?, ?, ?) "
                        + "on conflict do nothing")
                .params(programmeId, accountId, role.name(), grantedBy)
                .update();
    }

    public void revoke(long programmeId, long accountId, Role role) {
        jdbc.sql("delete from calls.staff where programme_id = ? and account_id = ? and role = ?")
                .params(programmeId, accountId, role.name())
                .update();
    }

    /** The roles a person holds on a programme. */
    public Set<Role> rolesOf(long accountId, long programmeId) {
        List<String> roles = jdbc.sql("select role from calls.staff where account_id = ? and programme_id = ?")
                .params(accountId, programmeId)
                .query(String.class)
                .list();
        Set<Role> out = EnumSet.noneOf(Role.class);
        roles.forEach(r -> out.add(Role.valueOf(r)));
        return out;
    }

    /** The programmes a person works on, whatever their role. */
    public List<Long> programmesOf(long accountId) {
        return jdbc.sql("select distinct programme_id from calls.staff where account_id = ? order by programme_id")
                .param(accountId)
                .query(Long.class)
                .list();
    }

    /** What the header's links need to know of a person: whether they work on a call, whether they give opinions. */
    public record Links(boolean staff, boolean expert) {}

    /**
     * Whether the person has a role on any programme's staff, and whether they opened an invitation to give an
     * expert opinion that is not revoked: one query for every signed-in page's header.
     */
    public Links linksOf(long accountId) {
        return jdbc.sql("""
                        select exists (select 1 from calls.staff where account_id = :account),
                               exists (select 1 from calls.expert where account_id = :account and revoked_at is null)""")
                .param("account", accountId)
                .query((rs, n) -> new Links(rs.getBoolean(1), rs.getBoolean(2)))
                .single();
    }

    /** A member of a programme's staff with their roles. */
    public record Member(long accountId, Set<Role> roles) {}

    /** The staff of a programme, by account, in the order they were first granted a role. */
    public List<Member> members(long programmeId) {
        java.util.Map<Long, Set<Role>> byAccount = new java.util.LinkedHashMap<>();
        jdbc.sql("select account_id, role from calls.staff where programme_id = ? order by granted_at, account_id")
                .param(programmeId)
                .query((rs, n) -> {
                    byAccount
                            .computeIfAbsent(rs.getLong(1), k -> EnumSet.noneOf(Role.class))
                            .add(Role.valueOf(rs.getString(2)));
                    return null;
                })
                .list();
        return byAccount.entrySet().stream()
                .map(e -> new Member(e.getKey(), e.getValue()))
                .toList();
    }

    /**
     * Whether a person may grant and revoke the staff's roles on a programme: its managers, and the
     * platform's administrators (who name its first manager).
     */
    public boolean mayManage(long accountId, boolean admin, long programmeId) {
        return admin || rolesOf(accountId, programmeId).contains(Role.MANAGER);
    }
}
