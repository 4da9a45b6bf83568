package fr.essor.registration;

import java.util.List;
import java.util.Map;

import fr.essor.shared.PersonalData;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registrations of an address. Erasure cancels the live ones (their seats go to the waitlist) and makes
 * every one anonymous: the counts of each date stay right.
 */
@Component
class RegistrationPersonalData implements PersonalData {

    private final JdbcClient jdbc;
    private final Registrations registrations;

    RegistrationPersonalData(JdbcClient jdbc, Registrations registrations) {
        this.jdbc = jdbc;
        this.registrations = registrations;
    }

    @Override
    public String category() {
        return "inscriptions";
    }

    @Override
    public List<Map<String, Object>> export(String email) {
        return jdbc.sql("""
                select r.id::text as id, o.title as evenement, s.starts_at::text as date, r.name as nom, r.email as adresse,
                       r.seats as places, r.status as etat, r.answers::text as reponses, r.created_at::text as inscrit_le,
                       r.consent_at::text as accord_le, r.checked_in_at::text as present_le
                from registration.registration r
                join registration.slot s on s.occurrence_id = r.occurrence_id
                join registration.offer o on o.event_id = r.event_id
                where lower(r.email) = lower(?) order by r.created_at""").param(email).query().listOfRows();
    }

    @Override
    @Transactional
    public int erase(String email) {
        for (Registration r : jdbc.sql("select * from registration.registration where lower(email) = lower(?)")
                .param(email)
                .query(Registrations::row)
                .list()) {
            if (r.status().live()) {
                registrations.cancel(r, "ERASURE");
            }
        }
        return jdbc.sql("""
                update registration.registration set name = 'Personne effacée', email = 'efface-' || id || '@effacement.invalid',
                    answers = '{}', confirm_token_hash = null, manage_token_hash = 'efface'
                where lower(email) = lower(?)""").param(email).update();
    }
}
