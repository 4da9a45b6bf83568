package fr.essor.identity;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Which structures a person acts for. A structure's events belong to the structure: every member may
 * edit them. Structures themselves are the directory's; this only links ids.
 */
@Service
public class Memberships {

    private final JdbcClient jdbc;
    private final Clock clock;

    Memberships(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Adds a member (no effect if they already are one). */
    public void join(long accountId, long structureId) {
        jdbc.sql("insert into identity.membership (account_id, structure_id, joined_at) values (?, ?, ?) on conflict do nothing")
                .params(accountId, structureId, clock.instant().atOffset(ZoneOffset.UTC)).update();
    }

    public boolean isMember(long accountId, long structureId) {
        return jdbc.sql("select count(*) from identity.membership where account_id = ? and structure_id = ?")
                .params(accountId, structureId).query(Long.class).single() > 0;
    }

    public List<Long> structuresOf(long accountId) {
        return jdbc.sql("select structure_id from identity.membership where account_id = ? order by structure_id")
                .param(accountId).query(Long.class).list();
    }

    /** A structure's members, as name and address, to show who acts for it. */
    public record Member(long accountId, String displayName, String email) {
    }

    public List<Member> members(long structureId) {
        return jdbc.sql("""
                select a.id, a.display_name, a.email from identity.membership m join identity.account a on a.id = m.account_id
                where m.structure_id = ? order by a.display_name""")
                .param(structureId).query((rs, n) -> new Member(rs.getLong(1), rs.getString(2), rs.getString(3))).list();
    }

    /** The addresses of a structure's members, to tell them what happens to its events. */
    public List<String> memberEmails(long structureId) {
        return members(structureId).stream().map(Member::email).toList();
    }
}
