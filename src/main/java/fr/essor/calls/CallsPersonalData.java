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
                .map(account -> {
                    List<Map<String, Object>> rows = new java.util.ArrayList<>(
                            jdbc.sql("""
                            select 'dossier' as type, d.id::text as id, p.name as appel, d.reference as reference,
                                   d.state as etat, d.answers::text as reponses, d.created_at::text as commence_le,
                                   d.submitted_at::text as depose_le, d.decided_at::text as decide_le,
                                   case when d.state = 'DRAFT' then 'effacé à votre demande'
                                        else 'conservé ' || p.retention_months || ' mois après la décision' end as conservation
                            from calls.dossier d join calls.programme p on p.id = d.programme_id
                            where d.applicant_id = ? order by d.created_at""").param(account.id()).query().listOfRows());
                    rows.addAll(jdbc.sql("""
                            select 'message' as type, m.id::text as id, d.reference as dossier, m.body as texte,
                                   m.at::text as ecrit_le
                            from calls.message m join calls.dossier d on d.id = m.dossier_id
                            where m.author_id = ? and not m.from_staff order by m.id""").param(account.id()).query().listOfRows());
                    rows.addAll(jdbc.sql("""
                            select 'document' as type, c.id::text as id, c.label as libelle, c.filename as fichier,
                                   c.media_type as format, c.size_bytes as octets, c.uploaded_at::text as joint_le,
                                   case when c.structure_id is null then 'coffre personnel'
                                        else 'coffre de la structure ' || c.structure_id end as coffre
                            from calls.document c where c.owner_id = ? order by c.id""").param(account.id()).query().listOfRows());
                    return rows;
                })
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

    /**
     * Deletes the person's drafts, then the documents of their own vault that none of their dossiers joins
     * (a structure's documents are the structure's, and stay for its other members).
     */
    private int deleteDrafts(long accountId) {
        int drafts = jdbc.sql("delete from calls.dossier where applicant_id = ? and state = 'DRAFT'")
                .param(accountId)
                .update();
        // a joined document is an answer holding its id as a text: an answer that merely holds the same
        // digits keeps the document too, which errs on the side of the dossier's record
        int documents = jdbc.sql("delete from calls.document c where c.owner_id = ? and c.structure_id is null "
                        + "and not exists (select 1 from calls.dossier d where d.applicant_id = ? "
                        + "and jsonb_path_exists(d.answers, '$.** ? (@ == $id)', jsonb_build_object('id', c.id::text))) "
                        // nor one joined to a message of a dossier's thread
                        + "and not exists (select 1 from calls.message m where m.document_id = c.id)")
                .params(accountId, accountId)
                .update();
        return drafts + documents;
    }
}
