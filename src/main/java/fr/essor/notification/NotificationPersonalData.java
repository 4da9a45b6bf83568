package fr.essor.notification;

import java.util.List;
import java.util.Map;

import fr.essor.shared.PersonalData;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The mails sent (or waiting to be sent) to an address: their kind, state and dates (the text of a
 * delivered mail is not kept). Erasure deletes them.
 */
@Component
class NotificationPersonalData implements PersonalData {

    private final JdbcClient jdbc;

    NotificationPersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String category() {
        return "courriels";
    }

    @Override
    public List<Map<String, Object>> export(String email) {
        return jdbc.sql("""
                        select coalesce(kind, '') as type, nullif(subject, '') as objet, status as etat,
                               created_at::text as cree_le, sent_at::text as envoye_le
                        from notification.outbox where lower(recipient) = lower(?) order by created_at""").param(email).query().listOfRows();
    }

    @Override
    public int erase(String email) {
        return jdbc.sql("delete from notification.outbox where lower(recipient) = lower(?)")
                .param(email)
                .update();
    }
}
