package fr.essor.agenda.programme;

import fr.essor.identity.AccountErased;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** The programme of an erased account goes with it: it told what that person meant to attend. */
@Component
class ErasedAccounts {

    private final JdbcClient jdbc;

    ErasedAccounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @ApplicationModuleListener
    void on(AccountErased event) {
        jdbc.sql(
                        "delete from agenda.programme_item where programme_id in (select id from agenda.programme where account_id = ?)")
                .param(event.accountId())
                .update();
        jdbc.sql("delete from agenda.programme where account_id = ?")
                .param(event.accountId())
                .update();
    }
}
