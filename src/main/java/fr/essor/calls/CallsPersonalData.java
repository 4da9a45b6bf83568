package fr.essor.calls;

import java.util.List;
import java.util.Map;

import fr.essor.identity.AccountErased;
import fr.essor.identity.Accounts;
import fr.essor.shared.PersonalData;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The dossiers of a person. Erasure deletes their drafts; a submitted dossier is kept for its programme's
 * retention period (public funds are accounted for), which the export says.
 */
@Component
class CallsPersonalData implements PersonalData {

    private final JdbcClient jdbc;
    private final Accounts accounts;

    CallsPersonalData(JdbcClient jdbc, Accounts accounts) {
        this.jdbc = jdbc;
        this.accounts = accounts;
    }

    @Override
    public String category() {
        return "dossiers";
    }

    @Override
    public List<Map<String, Object>> export(String email) {
        return accounts.byEmail(email)
                .map(account -> jdbc.sql("""
                        select d.id::text as id, p.name as appel, d.reference as reference, d.state as etat,
                               d.answers::text as reponses, d.created_at::text as commence_le,
                               d.submitted_at::text as depose_le, d.decided_at::text as decide_le,
                               case when d.state = 'DRAFT' then 'effacé à votre demande'
                                    else 'conservé ' || p.retention_months || ' mois après la décision' end as conservation
                        from calls.dossier d join calls.programme p on p.id = d.programme_id
                        where d.applicant_id = ? order by d.created_at""").param(account.id()).query().listOfRows())
                .orElse(List.of());
    }

    @Override
    @Transactional
    public int erase(String email) {
        return accounts.byEmail(email)
                .map(account -> deleteDrafts(account.id()))
                .orElse(0);
    }

    @ApplicationModuleListener
    void on(AccountErased event) {
        deleteDrafts(event.accountId());
    }

    private int deleteDrafts(long accountId) {
        return jdbc.sql("delete from calls.dossier where applicant_id = ? and state = 'DRAFT'")
                .param(accountId)
                .update();
    }
}
