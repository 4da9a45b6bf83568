package fr.essor.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import fr.essor.shared.PersonalData;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The account of an address (never its password hash nor its second-factor key), its roles and
 * structures, the invitations sent to it. Erasure deletes the account (its sessions end), the
 * invitations and the failed sign-ins, and tells the other modules ({@link AccountErased}); the names in
 * the moderation audit trail stay, as the record of decisions taken.
 */
@Component
class IdentityPersonalData implements PersonalData {

    private static final Logger SECURITY = LoggerFactory.getLogger("essor.security");

    private final JdbcClient jdbc;
    private final Sessions sessions;
    private final ApplicationEventPublisher events;

    IdentityPersonalData(JdbcClient jdbc, Sessions sessions, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.sessions = sessions;
        this.events = events;
    }

    @Override
    public String category() {
        return "compte";
    }

    @Override
    public List<Map<String, Object>> export(String email) {
        List<Map<String, Object>> rows =
                new ArrayList<>(jdbc.sql("""
                select a.id, a.email as adresse, a.display_name as nom, a.created_at::text as cree_le,
                       a.email_verified_at::text as adresse_confirmee_le, a.totp_enabled_at is not null as double_authentification,
                       (select string_agg(g.role || coalesce(' ' || g.region_code, '') || coalesce(' ' || array_to_string(g.departements, ','), ''), '; ')
                          from identity.role_grant g where g.account_id = a.id) as roles,
                       (select string_agg(m.structure_id::text, ', ') from identity.membership m where m.account_id = a.id) as structures
                from identity.account a where lower(a.email) = lower(?)""").param(email).query().listOfRows());
        rows.addAll(jdbc.sql("""
                select 'invitation' as type, structure_id as structure, created_at::text as envoyee_le, accepted_at::text as acceptee_le
                from identity.membership_invitation where lower(email) = lower(?)""").param(email).query().listOfRows());
        return rows;
    }

    @Override
    @Transactional
    public int erase(String email) {
        int rows = 0;
        for (Long id : jdbc.sql("select id from identity.account where lower(email) = lower(?)")
                .param(email)
                .query(Long.class)
                .list()) {
            sessions.endAll(id);
            rows += jdbc.sql("delete from identity.account where id = ?")
                    .param(id)
                    .update();
            events.publishEvent(new AccountErased(id));
            SECURITY.info("account {} erased at its owner's request", id);
        }
        rows += jdbc.sql("delete from identity.membership_invitation where lower(email) = lower(?)")
                .param(email)
                .update();
        rows += jdbc.sql("delete from identity.login_failure where email_key = lower(?)")
                .param(email)
                .update();
        return rows;
    }
}
