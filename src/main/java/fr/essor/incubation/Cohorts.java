package fr.essor.incubation;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import fr.essor.calls.Dossiers;
import fr.essor.calls.Programmes;
import fr.essor.calls.ProjectSelected;
import fr.essor.calls.Staff;
import fr.essor.shared.FieldError;
import fr.essor.shared.InvalidInput;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The cohorts of the incubators: each project selected through an incubator's call joins its call's
 * cohort (from the calls' event, once), followed by the call's team — meetings with their notes, milestones,
 * indicators — and read by its project leader, who at the end prepares a Pass Occitanie dossier pre-filled
 * from the incubator's dossier.
 */
@Service
public class Cohorts {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    /** A project of a cohort. */
    public record Member(
            long id,
            long dossierId,
            long programmeId,
            String programmeName,
            String reference,
            long applicantId,
            String leaderName,
            String title,
            String summary,
            String communeCode,
            String email,
            String phone,
            Instant selectedAt,
            Instant endedAt,
            Long handedOverDossier) {}

    public record Meeting(long id, LocalDate heldOn, String notes, Instant writtenAt) {}

    public record Milestone(long id, String label, LocalDate dueOn, LocalDate reachedOn) {}

    public record Indicator(long id, String name, BigDecimal value, LocalDate measuredOn) {}

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Staff staff;
    private final Programmes programmes;
    private final Dossiers dossiers;
    private final String handoverSlug;

    Cohorts(
            JdbcClient jdbc,
            Clock clock,
            Staff staff,
            Programmes programmes,
            Dossiers dossiers,
            @Value("${essor.incubation.handover-programme:pass-occitanie}") String handoverSlug) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.staff = staff;
        this.programmes = programmes;
        this.dossiers = dossiers;
        this.handoverSlug = handoverSlug;
    }

    /** A project selected: it joins its call's cohort, once, after the decision's commit. */
    @ApplicationModuleListener
    void on(ProjectSelected event) {
        jdbc.sql("""
                insert into incubation.member (dossier_id, programme_id, programme_name, reference, applicant_id,
                    leader_name, title, summary, commune_code, email, phone, selected_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (dossier_id) do nothing""")
                .params(
                        event.dossierId(),
                        event.programmeId(),
                        event.programmeName(),
                        event.reference(),
                        event.applicantId(),
                        event.leaderName(),
                        event.title(),
                        event.summary(),
                        event.communeCode(),
                        event.email(),
                        event.phone(),
                        Timestamp.from(event.selectedAt()))
                .update();
    }

    /** A call's cohort, the earliest selected first. */
    public List<Member> cohort(long programmeId) {
        return jdbc.sql("select * from incubation.member where programme_id = ? order by selected_at, id")
                .param(programmeId)
                .query((rs, n) -> member(rs))
                .list();
    }

    /** The projects a person leads. */
    public List<Member> ledBy(long applicantId) {
        return jdbc.sql("select * from incubation.member where applicant_id = ? order by selected_at desc, id desc")
                .param(applicantId)
                .query((rs, n) -> member(rs))
                .list();
    }

    public Optional<Member> member(long memberId) {
        return jdbc.sql("select * from incubation.member where id = ?")
                .param(memberId)
                .query((rs, n) -> member(rs))
                .optional();
    }

    /** Whether this person follows the project: a member of its call's team, or an administrator. */
    public boolean follows(long accountId, boolean admin, Member m) {
        return admin || !staff.rolesOf(accountId, m.programmeId()).isEmpty();
    }

    public List<Meeting> meetings(long memberId) {
        return jdbc.sql("select * from incubation.meeting where member_id = ? order by held_on desc, id desc")
                .param(memberId)
                .query((rs, n) -> new Meeting(
                        rs.getLong("id"),
                        rs.getDate("held_on").toLocalDate(),
                        rs.getString("notes"),
                        rs.getTimestamp("written_at").toInstant()))
                .list();
    }

    public List<Milestone> milestones(long memberId) {
        return jdbc.sql("select * from incubation.milestone where member_id = ? order by due_on, id")
                .param(memberId)
                .query((rs, n) -> new Milestone(
                        rs.getLong("id"),
                        rs.getString("label"),
                        rs.getDate("due_on").toLocalDate(),
                        rs.getDate("reached_on") == null
                                ? null
                                : rs.getDate("reached_on").toLocalDate()))
                .list();
    }

    /** The indicators' values, by indicator, the latest measure last. */
    public Map<String, List<Indicator>> indicators(long memberId) {
        Map<String, List<Indicator>> out = new java.util.LinkedHashMap<>();
        jdbc.sql("select * from incubation.indicator where member_id = ? order by name, measured_on, id")
                .param(memberId)
                .query((rs, n) -> new Indicator(
                        rs.getLong("id"),
                        rs.getString("name"),
                        rs.getBigDecimal("value"),
                        rs.getDate("measured_on").toLocalDate()))
                .list()
                .forEach(i ->
                        out.computeIfAbsent(i.name(), k -> new ArrayList<>()).add(i));
        return out;
    }

    /**
     * A follow-up meeting and its notes, by the call's team.
     *
     * @throws InvalidInput on a date in the future or missing, or notes empty or too long
     */
    @Transactional
    public long addMeeting(long memberId, long staffId, boolean admin, LocalDate heldOn, String notes) {
        Member m = followed(memberId, staffId, admin);
        String text = notes == null ? "" : notes.strip();
        List<FieldError> errors = new ArrayList<>();
        if (heldOn == null
                || heldOn.isAfter(today())
                || heldOn.isBefore(m.selectedAt().atZone(PARIS).toLocalDate().minusYears(1))) {
            errors.add(new FieldError("heldOn", "incubation.error.heldOn"));
        }
        if (text.isEmpty() || text.length() > 10_000) {
            errors.add(new FieldError("notes", "incubation.error.notes"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        return jdbc.sql("insert into incubation.meeting (member_id, held_on, notes, written_by, written_at) "
                        + "values (?, ?, ?, ?, ?) returning id")
                .params(
                        memberId,
                        Date.valueOf(heldOn),
                        text.replace("\r\n", "\n"),
                        staffId,
                        Timestamp.from(clock.instant()))
                .query(Long.class)
                .single();
    }

    /** A milestone of the project, by the call's team. */
    @Transactional
    public long addMilestone(long memberId, long staffId, boolean admin, String label, LocalDate dueOn) {
        followed(memberId, staffId, admin);
        String l = label == null ? "" : label.strip();
        List<FieldError> errors = new ArrayList<>();
        if (l.isEmpty() || l.length() > 200) {
            errors.add(new FieldError("label", "incubation.error.label"));
        }
        if (dueOn == null || dueOn.isAfter(today().plusYears(5))) {
            errors.add(new FieldError("dueOn", "incubation.error.dueOn"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        return jdbc.sql("insert into incubation.milestone (member_id, label, due_on) values (?, ?, ?) returning id")
                .params(memberId, l, Date.valueOf(dueOn))
                .query(Long.class)
                .single();
    }

    /** A milestone reached, today, by the call's team; once. */
    @Transactional
    public void reach(long milestoneId, long staffId, boolean admin) {
        long memberId = jdbc.sql("select member_id from incubation.milestone where id = ?")
                .param(milestoneId)
                .query(Long.class)
                .optional()
                .orElseThrow(() -> new Refused("incubation.error.unknown"));
        followed(memberId, staffId, admin);
        jdbc.sql("update incubation.milestone set reached_on = ? where id = ? and reached_on is null")
                .params(Date.valueOf(today()), milestoneId)
                .update();
    }

    /** An indicator's value at a date, by the call's team. */
    @Transactional
    public long record(long memberId, long staffId, boolean admin, String name, BigDecimal value, LocalDate on) {
        followed(memberId, staffId, admin);
        String n = name == null ? "" : name.strip();
        List<FieldError> errors = new ArrayList<>();
        if (n.isEmpty() || n.length() > 120) {
            errors.add(new FieldError("name", "incubation.error.indicator"));
        }
        if (value == null || value.abs().compareTo(new BigDecimal("1000000000000")) >= 0 || value.scale() > 2) {
            errors.add(new FieldError("value", "incubation.error.value"));
        }
        if (on == null || on.isAfter(today())) {
            errors.add(new FieldError("measuredOn", "incubation.error.measuredOn"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        return jdbc.sql("insert into incubation.indicator (member_id, name, value, measured_on, recorded_by) "
                        + "values (?, ?, ?, ?, ?) returning id")
                .params(memberId, n, value, Date.valueOf(on), staffId)
                .query(Long.class)
                .single();
    }

    /** The accompaniment ends, by the call's team: the leader can then hand the project over. */
    @Transactional
    public void end(long memberId, long staffId, boolean admin) {
        followed(memberId, staffId, admin);
        jdbc.sql("update incubation.member set ended_at = ? where id = ? and ended_at is null")
                .params(Timestamp.from(clock.instant()), memberId)
                .update();
    }

    /**
     * The hand-over: the project leader prepares a dossier of the Region's aid (Pass Occitanie) for one of
     * their verified structures, pre-filled with the project's name, summary, commune, e-mail and phone and
     * the structure's SIRET; once per project (a second call returns the same draft).
     *
     * @return the draft's id
     * @throws Refused when the project is not theirs, its accompaniment not ended, or the aid's call missing
     * @throws InvalidInput when the aid's call is not open or the structure is not theirs and verified
     */
    @Transactional
    public long handOver(long memberId, long applicantId, long structureId, String structureSiret) {
        Member m = jdbc.sql("select * from incubation.member where id = ? and applicant_id = ? for update")
                .params(memberId, applicantId)
                .query((rs, n) -> member(rs))
                .optional()
                .orElseThrow(() -> new Refused("incubation.error.unknown"));
        if (m.endedAt() == null) {
            throw new Refused("incubation.error.notEnded");
        }
        if (m.handedOverDossier() != null) {
            return m.handedOverDossier();
        }
        long programme = programmes
                .bySlug(handoverSlug)
                .orElseThrow(() -> new Refused("incubation.error.noAid"))
                .id();
        long draft = dossiers.start(programme, applicantId, structureId);
        Map<String, Object> answers = new HashMap<>();
        answers.put("titre", m.title());
        if (m.summary() != null) {
            answers.put("resume", m.summary());
        }
        if (m.communeCode() != null) {
            answers.put("commune", m.communeCode());
        }
        if (m.email() != null) {
            answers.put("courriel", m.email());
        }
        if (m.phone() != null) {
            answers.put("telephone", m.phone());
        }
        if (structureSiret != null) {
            answers.put("siret", structureSiret);
        }
        int revision = dossiers.ofApplicant(draft, applicantId).orElseThrow().revision();
        dossiers.save(draft, applicantId, revision, answers);
        jdbc.sql("update incubation.member set handed_over_dossier = ? where id = ?")
                .params(draft, memberId)
                .update();
        return draft;
    }

    private Member followed(long memberId, long staffId, boolean admin) {
        Member m = member(memberId).orElseThrow(() -> new Refused("incubation.error.unknown"));
        if (!follows(staffId, admin, m)) {
            throw new Refused("incubation.error.unknown");
        }
        return m;
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(PARIS));
    }

    /** Why a step was refused. */
    public static final class Refused extends RuntimeException {

        private final String messageKey;

        Refused(String messageKey) {
            super(messageKey);
            this.messageKey = messageKey;
        }

        public String messageKey() {
            return messageKey;
        }
    }

    private static Member member(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Member(
                rs.getLong("id"),
                rs.getLong("dossier_id"),
                rs.getLong("programme_id"),
                rs.getString("programme_name"),
                rs.getString("reference"),
                rs.getLong("applicant_id"),
                rs.getString("leader_name"),
                rs.getString("title"),
                rs.getString("summary"),
                rs.getString("commune_code"),
                rs.getString("email"),
                rs.getString("phone"),
                rs.getTimestamp("selected_at").toInstant(),
                rs.getTimestamp("ended_at") == null
                        ? null
                        : rs.getTimestamp("ended_at").toInstant(),
                rs.getObject("handed_over_dossier", Long.class));
    }
}
