package fr.essor.agenda.programme;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import fr.essor.shared.Tokens;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * "Mon programme": events saved by a visitor, in a programme found by its private token (the
 * anonymous visitor's cookie, and the address of its calendar feed) or by the signed-in person's
 * account. The token is shown once to its owner and kept as a hash.
 */
@Service
public class Programmes {

    private final JdbcClient jdbc;
    private final Clock clock;

    Programmes(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A programme and the token of its private links. */
    public record Programme(long id, String token) {}

    /** The programme of this token, if any. */
    public Optional<Long> byToken(String token) {
        if (!Tokens.plausible(token)) {
            return Optional.empty();
        }
        return jdbc.sql("select id from agenda.programme where token_hash = ?")
                .param(Tokens.hash(token))
                .query(Long.class)
                .optional();
    }

    /**
     * The programme to add to: the account's (made on first use), else the token's, else a new anonymous
     * one. Returns its token when it is new or when the account's programme was made now (else null:
     * the caller already has it).
     */
    @Transactional
    public Programme programmeFor(Long accountId, String token) {
        if (accountId != null) {
            Optional<Long> mine = jdbc.sql("select id from agenda.programme where account_id = ?")
                    .param(accountId)
                    .query(Long.class)
                    .optional();
            if (mine.isPresent()) {
                return new Programme(mine.get(), null);
            }
        } else {
            Optional<Long> existing = byToken(token);
            if (existing.isPresent()) {
                return new Programme(existing.get(), null);
            }
        }
        String fresh = Tokens.random();
        long id = jdbc.sql(
                        "insert into agenda.programme (token_hash, account_id, created_at) values (?, ?, ?) returning id")
                .params(Tokens.hash(fresh), accountId, clock.instant().atOffset(ZoneOffset.UTC))
                .query(Long.class)
                .single();
        return new Programme(id, fresh);
    }

    /** A new private token for a programme (the old links stop working); returned once. */
    @Transactional
    public String renewToken(long programmeId) {
        String fresh = Tokens.random();
        jdbc.sql("update agenda.programme set token_hash = ? where id = ?")
                .params(Tokens.hash(fresh), programmeId)
                .update();
        return fresh;
    }

    public Optional<Long> ofAccount(long accountId) {
        return jdbc.sql("select id from agenda.programme where account_id = ?")
                .param(accountId)
                .query(Long.class)
                .optional();
    }

    public void add(long programmeId, long eventId) {
        jdbc.sql("""
                insert into agenda.programme_item (programme_id, event_id, added_at)
                select ?, id, ? from agenda.event where id = ? on conflict do nothing""")
                .params(programmeId, clock.instant().atOffset(ZoneOffset.UTC), eventId)
                .update();
    }

    public void remove(long programmeId, long eventId) {
        jdbc.sql("delete from agenda.programme_item where programme_id = ? and event_id = ?")
                .params(programmeId, eventId)
                .update();
    }

    public List<Long> events(long programmeId) {
        return jdbc.sql("""
                select i.event_id from agenda.programme_item i join agenda.event e on e.id = i.event_id
                where i.programme_id = ? order by e.first_start, e.id""").param(programmeId).query(Long.class).list();
    }
}
