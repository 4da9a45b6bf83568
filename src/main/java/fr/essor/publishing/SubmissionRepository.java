package fr.essor.publishing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import fr.essor.publishing.moderation.Moderation;
import fr.essor.publishing.moderation.Moderation.State;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The versions of events, their log and their conversation (tables of the agenda schema). */
@Repository
class SubmissionRepository {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    SubmissionRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Where a version takes place and when it starts, for the queues. */
    record Placement(Instant firstStart, String communeCode, String departementCode, String regionCode) {}

    long insert(
            Long eventId,
            Long structureId,
            long editionId,
            State state,
            EventDraft draft,
            Placement p,
            boolean imported,
            long createdBy,
            Instant now) {
        return jdbc.sql("""
                insert into publishing.submission (event_id, structure_id, edition_id, state, content, title, first_start,
                    commune_code, departement_code, region_code, imported, created_by, created_at, updated_at, submitted_at)
                values (?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(
                        eventId,
                        structureId,
                        editionId,
                        state.name(),
                        json.writeValueAsString(draft),
                        draft.title(),
                        utc(p.firstStart()),
                        p.communeCode(),
                        p.departementCode(),
                        p.regionCode(),
                        imported,
                        createdBy,
                        utc(now),
                        utc(now),
                        state == State.SUBMITTED ? utc(now) : null)
                .query(Long.class)
                .single();
    }

    /** A new draft of a published event, unless one is already open for it (then empty). */
    Optional<Long> insertUnlessOpen(
            long eventId,
            long structureId,
            long editionId,
            EventDraft draft,
            Placement p,
            long createdBy,
            Instant now) {
        return jdbc.sql("""
                insert into publishing.submission (event_id, structure_id, edition_id, state, content, title, first_start,
                    commune_code, departement_code, region_code, imported, created_by, created_at, updated_at)
                values (?, ?, ?, 'DRAFT', ?::jsonb, ?, ?, ?, ?, ?, false, ?, ?, ?)
                on conflict (event_id) where event_id is not null and state in """ + State.IN_PROGRESS_SQL + " " + """
                do nothing returning id""")
                .params(
                        eventId,
                        structureId,
                        editionId,
                        json.writeValueAsString(draft),
                        draft.title(),
                        utc(p.firstStart()),
                        p.communeCode(),
                        p.departementCode(),
                        p.regionCode(),
                        createdBy,
                        utc(now),
                        utc(now))
                .query(Long.class)
                .optional();
    }

    /** Saves a draft's content, only while the version is still in the state the organizer saw. */
    boolean updateContent(long id, State expected, EventDraft draft, long editionId, Placement p, Instant now) {
        return jdbc.sql("""
                update publishing.submission set content = ?::jsonb, title = ?, edition_id = ?, first_start = ?, commune_code = ?,
                    departement_code = ?, region_code = ?, updated_at = ?
                where id = ? and state = ?""")
                        .params(
                                json.writeValueAsString(draft),
                                draft.title(),
                                editionId,
                                utc(p.firstStart()),
                                p.communeCode(),
                                p.departementCode(),
                                p.regionCode(),
                                utc(now),
                                id,
                                expected.name())
                        .update()
                == 1;
    }

    /**
     * Moves a version if it is still as it was read: same state, not changed since (two moderators
     * cannot both decide, nor decide on content changed meanwhile).
     */
    boolean move(long id, State from, Instant readUpdatedAt, State to, Instant now) {
        return jdbc.sql("""
                update publishing.submission set state = ?, updated_at = ?,
                    submitted_at = case when ? = 'SUBMITTED' then ? else submitted_at end,
                    decided_at = case when ? in ('APPROVED', 'REFUSED') then ? else decided_at end
                where id = ? and state = ? and updated_at = ?""")
                        .params(
                                to.name(),
                                utc(now),
                                to.name(),
                                utc(now),
                                to.name(),
                                utc(now),
                                id,
                                from.name(),
                                utc(readUpdatedAt))
                        .update()
                == 1;
    }

    void linkEvent(long id, long eventId) {
        jdbc.sql("update publishing.submission set event_id = ? where id = ?")
                .params(eventId, id)
                .update();
    }

    Optional<Submission> find(long id) {
        return jdbc.sql("select * from publishing.submission where id = ?")
                .param(id)
                .query(this::row)
                .optional();
    }

    Optional<Submission> openVersionOf(long eventId) {
        return jdbc.sql("select * from publishing.submission where event_id = ? and state in " + State.IN_PROGRESS_SQL)
                .param(eventId)
                .query(this::row)
                .optional();
    }

    /** The version now public for this event, to compare a new one with. */
    Optional<Submission> lastApproved(long eventId) {
        return jdbc.sql(
                        "select * from publishing.submission where event_id = ? and state = 'APPROVED' order by decided_at desc, id desc limit 1")
                .param(eventId)
                .query(this::row)
                .optional();
    }

    /** The latest version of each event of these structures, and their drafts never published, newest first. */
    List<Submission> latestOf(Collection<Long> structureIds) {
        if (structureIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                select * from (
                    select distinct on (coalesce(event_id, -id)) * from publishing.submission
                    where structure_id = any(?) order by coalesce(event_id, -id), id desc) latest
                order by updated_at desc limit 500""")
                .param(structureIds.toArray(Long[]::new))
                .query(this::row)
                .list();
    }

    /** Filters of the moderation queue. */
    record QueueFilter(
            Collection<String> regions,
            Collection<String> departements,
            Long editionId,
            String departement,
            State state,
            Integer olderThanDays) {}

    /** The versions a moderator covers, oldest submission first. */
    List<Submission> queue(QueueFilter f, Instant now) {
        List<String> where = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        where.add("(region_code = any(?) or departement_code = any(?))");
        params.add(f.regions().toArray(String[]::new));
        params.add(f.departements().toArray(String[]::new));
        where.add("state = ?");
        params.add((f.state() == null ? State.SUBMITTED : f.state()).name());
        // a draft is its structure's own until sent; a version withdrawn before it was sent too
        where.add("submitted_at is not null");
        if (f.editionId() != null) {
            where.add("edition_id = ?");
            params.add(f.editionId());
        }
        if (f.departement() != null && !f.departement().isBlank()) {
            where.add("departement_code = ?");
            params.add(f.departement());
        }
        if (f.olderThanDays() != null) {
            where.add("coalesce(submitted_at, updated_at) <= ?");
            params.add(utc(now.minusSeconds(86_400L * f.olderThanDays())));
        }
        return jdbc.sql("select * from publishing.submission where " + String.join(" and ", where)
                        + " order by coalesce(submitted_at, updated_at), id limit 500")
                .params(params)
                .query(this::row)
                .list();
    }

    /** Published events and versions that look like this one: a similar title on the same day in the same commune. */
    record Duplicate(String kind, long id, String title, double similarity) {}

    /** Versions under moderation that look like this one: a similar title on the same day in the same commune. */
    List<Duplicate> duplicates(Submission s) {
        if (s.communeCode() == null) {
            return List.of();
        }
        return jdbc.sql("""
                select 'submission', s.id, s.title, similarity(publishing.fold(s.title), publishing.fold(?)) as sim
                from publishing.submission s
                where s.commune_code = ? and (s.first_start at time zone 'Europe/Paris')::date = (?::timestamptz at time zone 'Europe/Paris')::date
                  and publishing.fold(s.title) % publishing.fold(?) and s.id <> ? and s.state in """ + State.UNDER_MODERATION_SQL + " " + """
                  and (s.event_id is null or s.event_id is distinct from ?)
                order by sim desc limit 5""")
                .params(s.title(), s.communeCode(), utc(s.firstStart()), s.title(), s.id(), s.eventId())
                .query((rs, n) -> new Duplicate(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getDouble(4)))
                .list();
    }

    void log(
            Long submissionId,
            Long eventId,
            String action,
            Moderation.Transition t,
            String role,
            long actorId,
            String actorName,
            String message,
            Instant at) {
        jdbc.sql("""
                insert into publishing.moderation_log (submission_id, event_id, action, from_state, to_state, role, actor_id,
                    actor_name, message, at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        submissionId,
                        eventId,
                        action,
                        t == null ? null : t.from().name(),
                        t == null ? null : t.to().name(),
                        role,
                        actorId,
                        actorName,
                        message,
                        utc(at))
                .update();
    }

    /** A line of the log about a public event rather than a version: its title and territory go with it. */
    void logEvent(
            long eventId,
            String title,
            String regionCode,
            String departementCode,
            String action,
            String role,
            long actorId,
            String actorName,
            String message,
            Instant at) {
        jdbc.sql("""
                insert into publishing.moderation_log (event_id, title, region_code, departement_code, action, role, actor_id,
                    actor_name, message, at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(eventId, title, regionCode, departementCode, action, role, actorId, actorName, message, utc(at))
                .update();
    }

    void message(long submissionId, long authorId, String authorName, String role, String body, Instant at) {
        jdbc.sql(
                        "insert into publishing.submission_message (submission_id, author_id, author_name, role, body, at) values (?, ?, ?, ?, ?, ?)")
                .params(submissionId, authorId, authorName, role, body, utc(at))
                .update();
    }

    /** The log and the conversation of a version (and of its event), in time order. */
    List<Submission.Entry> history(Submission s) {
        return jdbc.sql("""
                select 'log' as kind, action, from_state, to_state, role, actor_name, message, at from publishing.moderation_log
                where submission_id = ? or (event_id is not null and event_id = ? and submission_id is null)
                union all
                select 'message', null, null, null, role, author_name, body, at from publishing.submission_message where submission_id = ?
                order by at, kind""")
                .params(s.id(), s.eventId(), s.id())
                .query((rs, n) -> new Submission.Entry(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getObject(8, OffsetDateTime.class).toInstant()))
                .list();
    }

    /** The audit trail of a territory, newest first. */
    record AuditLine(
            long id,
            Long submissionId,
            Long eventId,
            String title,
            String action,
            String fromState,
            String toState,
            String role,
            String actorName,
            String message,
            Instant at) {}

    List<AuditLine> audit(Collection<String> regions, Collection<String> departements, int limit) {
        return jdbc.sql("""
                select l.id, l.submission_id, l.event_id, coalesce(s.title, l.title), l.action, l.from_state, l.to_state,
                       l.role, l.actor_name, l.message, l.at
                from publishing.moderation_log l
                left join publishing.submission s on s.id = l.submission_id
                where (coalesce(s.region_code, l.region_code) = any(?) or coalesce(s.departement_code, l.departement_code) = any(?))
                  and (s.id is null or s.submitted_at is not null)
                order by l.at desc, l.id desc limit ?""")
                .params(regions.toArray(String[]::new), departements.toArray(String[]::new), limit)
                .query((rs, n) -> new AuditLine(
                        rs.getLong(1),
                        (Long) rs.getObject(2),
                        (Long) rs.getObject(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getString(8),
                        rs.getString(9),
                        rs.getString(10),
                        rs.getObject(11, OffsetDateTime.class).toInstant()))
                .list();
    }

    List<String> refusalReasons() {
        return jdbc.sql("select label from publishing.refusal_reason order by position")
                .query(String.class)
                .list();
    }

    private Submission row(ResultSet rs, int n) throws SQLException {
        return new Submission(
                rs.getLong("id"),
                (Long) rs.getObject("event_id"),
                (Long) rs.getObject("structure_id"),
                rs.getLong("edition_id"),
                State.valueOf(rs.getString("state")),
                json.readValue(rs.getString("content"), EventDraft.class),
                rs.getString("title"),
                instant(rs, "first_start"),
                rs.getString("commune_code"),
                rs.getString("departement_code"),
                rs.getString("region_code"),
                rs.getBoolean("imported"),
                rs.getLong("created_by"),
                instant(rs, "created_at"),
                instant(rs, "updated_at"),
                instant(rs, "submitted_at"),
                instant(rs, "decided_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime utc(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }
}
