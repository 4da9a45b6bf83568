package fr.essor.identity;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import fr.essor.shared.InvalidInput;
import fr.essor.territory.Territories;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who moderates which territory and who administers, granted by an admin. A territorial relay
 * moderates a list of départements; the CRESS moderates its region. A grant takes effect at the
 * person's next sign-in; a revocation ends their sessions at once.
 */
@Service
public class Roles {

    private static final Logger SECURITY = LoggerFactory.getLogger("essor.security");

    private final JdbcClient jdbc;
    private final Territories territories;
    private final Sessions sessions;
    private final Clock clock;

    Roles(JdbcClient jdbc, Territories territories, Sessions sessions, Clock clock) {
        this.jdbc = jdbc;
        this.territories = territories;
        this.sessions = sessions;
        this.clock = clock;
    }

    /** A granted role. {@code regionCode} and {@code departements} say what a moderator covers. */
    public record Grant(
            long id,
            long accountId,
            String email,
            String displayName,
            String role,
            String regionCode,
            List<String> departements) {}

    /**
     * Makes someone a moderator of a region, or of départements.
     *
     * @throws InvalidInput on {@code territory} when the region or a département does not exist, or
     *     neither is given
     */
    @Transactional
    public long grantModerator(long accountId, String regionCode, Set<String> departements, long byAccountId) {
        String region = regionCode == null || regionCode.isBlank() ? null : regionCode.strip();
        Set<String> deps = new TreeSet<>();
        for (String d : departements) {
            if (!d.isBlank()) {
                deps.add(d.strip().toUpperCase(java.util.Locale.ROOT));
            }
        }
        boolean regionOk = region == null || territories.region(region).isPresent();
        boolean depsOk = deps.stream().allMatch(d -> territories.departement(d).isPresent());
        if ((region == null && deps.isEmpty()) || !regionOk || !depsOk || (region != null && !deps.isEmpty())) {
            throw new InvalidInput("territory", "role.error.territory");
        }
        long id = jdbc.sql("""
                insert into identity.role_grant (account_id, role, region_code, departements, granted_by, granted_at)
                values (?, 'MODERATOR', ?, ?, ?, ?) returning id""")
                .params(
                        accountId,
                        region,
                        deps.toArray(String[]::new),
                        byAccountId,
                        clock.instant().atOffset(ZoneOffset.UTC))
                .query(Long.class)
                .single();
        SECURITY.info(
                "account {} made moderator of {} {} by account {}",
                accountId,
                region == null ? "" : region,
                deps,
                byAccountId);
        return id;
    }

    @Transactional
    public long grantAdmin(long accountId, long byAccountId) {
        long id = jdbc.sql("""
                insert into identity.role_grant (account_id, role, granted_by, granted_at)
                values (?, 'ADMIN', ?, ?) returning id""")
                .params(accountId, byAccountId, clock.instant().atOffset(ZoneOffset.UTC))
                .query(Long.class)
                .single();
        SECURITY.info("account {} made admin by account {}", accountId, byAccountId);
        return id;
    }

    /** Removes a grant and ends the sessions of its holder, who signs in again with what remains. */
    @Transactional
    public boolean revoke(long grantId, long byAccountId) {
        var account = jdbc.sql("delete from identity.role_grant where id = ? returning account_id")
                .param(grantId)
                .query(Long.class)
                .optional();
        account.ifPresent(id -> {
            sessions.endAll(id);
            SECURITY.info("grant {} of account {} revoked by account {}", grantId, id, byAccountId);
        });
        return account.isPresent();
    }

    public List<Grant> grants() {
        return jdbc.sql("""
                select g.id, g.account_id, a.email, a.display_name, g.role, g.region_code, g.departements
                from identity.role_grant g join identity.account a on a.id = g.account_id
                order by g.role, a.display_name, g.id""")
                .query((rs, n) -> new Grant(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        List.of((String[]) rs.getArray(7).getArray())))
                .list();
    }

    /** The addresses of the moderators who cover this département, to tell them of a submission. */
    public List<String> moderatorEmails(String regionCode, String departementCode) {
        return jdbc.sql("""
                select distinct a.email from identity.role_grant g join identity.account a on a.id = g.account_id
                where g.role = 'MODERATOR' and not a.disabled and (g.region_code = ? or ? = any(g.departements))""")
                .params(regionCode, departementCode)
                .query(String.class)
                .list();
    }
}
