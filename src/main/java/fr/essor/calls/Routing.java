package fr.essor.calls;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import fr.essor.calls.DossierFlow.IllegalTransition;
import fr.essor.calls.DossierFlow.Role;
import fr.essor.shared.InvalidInput;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The instructor groups of a programme and the routing of its dossiers. A group has a rule, an expression
 * of the forms' condition language over the dossier's answers and its applicant's registry facts (the
 * département {@code structureDepartement == '34'}, a category {@code categorie == 'Transition
 * écologique'}, an amount band {@code montant >= 10000 and montant < 50000}…), or none (it takes what
 * reaches it). At submission a dossier goes to the first group, by position, whose rule holds; to none
 * when none does. An instructor who belongs to groups of the programme sees the dossiers of those groups
 * only; an instructor in no group, the signers and the managers see every dossier. A manager reassigns a
 * dossier with a reason; routings and reassignments are in the dossier's audit trail.
 */
@Service
public class Routing {

    private static final Logger SECURITY = LoggerFactory.getLogger("essor.security");

    /** A group of a programme. */
    public record Group(long id, long programmeId, String name, String rule, int position, List<Long> members) {}

    private final JdbcClient jdbc;
    private final Staff staff;
    private final Audit audit;
    private final Clock clock;

    Routing(JdbcClient jdbc, Staff staff, Audit audit, Clock clock) {
        this.jdbc = jdbc;
        this.staff = staff;
        this.audit = audit;
        this.clock = clock;
    }

    /** The groups of a programme, by position, with their members. */
    public List<Group> groups(long programmeId) {
        Map<Long, List<Long>> members = new java.util.HashMap<>();
        jdbc.sql("select m.group_id, m.account_id from calls.group_member m join calls.instructor_group g "
                        + "on g.id = m.group_id where g.programme_id = ? order by m.account_id")
                .param(programmeId)
                .query((rs, n) -> members.computeIfAbsent(rs.getLong(1), k -> new java.util.ArrayList<>())
                        .add(rs.getLong(2)))
                .list();
        return jdbc.sql("select id, programme_id, name, rule, position from calls.instructor_group "
                        + "where programme_id = ? order by position, id")
                .param(programmeId)
                .query((rs, n) -> new Group(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getInt(5),
                        List.copyOf(members.getOrDefault(rs.getLong(1), List.of()))))
                .list();
    }

    /**
     * Adds a group after the others, as the programme's manager.
     *
     * @param rule an expression over the form's keys and the registry's facts, or blank for none
     * @throws InvalidInput for an empty or taken name, or a rule that is not a valid condition over those names
     * @throws IllegalTransition when the person does not manage the programme
     */
    @Transactional
    public long create(long programmeId, long managerId, boolean admin, String name, String rule, Form form) {
        managed(programmeId, managerId, admin);
        String label = name == null ? "" : name.strip();
        if (label.isEmpty() || label.length() > 120) {
            throw new InvalidInput("name", "calls.groups.error.name");
        }
        String expression = rule == null || rule.isBlank() ? null : rule.strip();
        if (expression != null) {
            Set<String> names = new HashSet<>(Eligibility.FACTS);
            form.sections().forEach(s -> s.fields().forEach(f -> names.add(f.key())));
            if (Condition.problem(expression, names, null).isPresent()) {
                throw new InvalidInput("rule", "calls.groups.error.rule");
            }
        }
        int taken = jdbc.sql(
                        "select count(*) from calls.instructor_group where programme_id = ? and lower(name) = lower(?)")
                .params(programmeId, label)
                .query(Integer.class)
                .single();
        if (taken > 0) {
            throw new InvalidInput("name", "calls.groups.error.taken");
        }
        long id = jdbc.sql("insert into calls.instructor_group (programme_id, name, rule, position) "
                        + "select ?, ?, ?, coalesce(max(position), 0) + 1 from calls.instructor_group "
                        + "where programme_id = ? returning id")
                .params(programmeId, label, expression, programmeId)
                .query(Long.class)
                .single();
        SECURITY.info("instructor group {} of programme {} created by account {}", id, programmeId, managerId);
        return id;
    }

    /**
     * Puts an instructor of the programme in one of its groups, as its manager.
     *
     * @throws InvalidInput when the person is not an instructor of the programme
     */
    @Transactional
    public void join(long groupId, long accountId, long managerId, boolean admin) {
        long programmeId = programmeOf(groupId);
        managed(programmeId, managerId, admin);
        if (!staff.rolesOf(accountId, programmeId).contains(Role.INSTRUCTOR)) {
            throw new InvalidInput("email", "calls.groups.error.notInstructor");
        }
        jdbc.sql("insert into calls.group_member (group_id, account_id) values (?, ?) on conflict do nothing")
                .params(groupId, accountId)
                .update();
        SECURITY.info("account {} put in instructor group {} by account {}", accountId, groupId, managerId);
    }

    /** Takes a person out of a group, as the programme's manager. */
    @Transactional
    public void leave(long groupId, long accountId, long managerId, boolean admin) {
        managed(programmeOf(groupId), managerId, admin);
        jdbc.sql("delete from calls.group_member where group_id = ? and account_id = ?")
                .params(groupId, accountId)
                .update();
        SECURITY.info("account {} taken out of instructor group {} by account {}", accountId, groupId, managerId);
    }

    /**
     * The groups whose dossiers a person sees in a programme: empty when they see them all (a signer, a
     * manager, an instructor in no group), else the groups they belong to.
     */
    public Optional<Set<Long>> restriction(long accountId, long programmeId) {
        return restriction(accountId, programmeId, staff.rolesOf(accountId, programmeId));
    }

    /** {@link #restriction(long, long)}, the person's roles on the programme already read. */
    public Optional<Set<Long>> restriction(long accountId, long programmeId, Set<Role> roles) {
        if (roles.contains(Role.SIGNER) || roles.contains(Role.MANAGER)) {
            return Optional.empty();
        }
        List<Long> groups = jdbc.sql("select m.group_id from calls.group_member m join calls.instructor_group g "
                        + "on g.id = m.group_id where g.programme_id = ? and m.account_id = ?")
                .params(programmeId, accountId)
                .query(Long.class)
                .list();
        return groups.isEmpty() ? Optional.empty() : Optional.of(Set.copyOf(groups));
    }

    /** Whether a person sees a dossier of a programme they are staff of, given its group. */
    public boolean sees(long accountId, long programmeId, Long groupId) {
        return restriction(accountId, programmeId)
                .map(groups -> groupId != null && groups.contains(groupId))
                .orElse(true);
    }

    /** The first group whose rule holds on these names (answers and facts), if any. */
    static Optional<Group> choose(List<Group> groups, Map<String, Object> names) {
        return groups.stream().filter(g -> Condition.holds(g.rule(), names)).findFirst();
    }

    /** Routes a dossier just submitted (in the submission's transaction). */
    void route(long dossierId, long programmeId, Map<String, Object> names, long actorId, Instant at) {
        Optional<Group> group = choose(groups(programmeId), names);
        if (group.isEmpty()) {
            return;
        }
        jdbc.sql("update calls.dossier set group_id = ? where id = ?")
                .params(group.get().id(), dossierId)
                .update();
        audit.append(
                dossierId,
                actorId,
                Audit.Kind.ROUTING,
                "group " + group.get().id() + " " + group.get().name(),
                at);
    }

    /**
     * Reassigns a submitted dossier to another group of its programme (or none), as its manager, with a
     * reason written in the trail.
     *
     * @throws InvalidInput without a reason, or for a group of another programme
     * @throws IllegalTransition when the person does not manage the programme, or the dossier is a draft
     */
    @Transactional
    public void reassign(long dossierId, Long groupId, long managerId, boolean admin, String reason) {
        record Found(long programmeId, String state, Long groupId) {}
        Found d = jdbc.sql("select programme_id, state, group_id from calls.dossier where id = ? for update")
                .param(dossierId)
                .query((rs, n) -> new Found(rs.getLong(1), rs.getString(2), rs.getObject(3, Long.class)))
                .optional()
                .filter(f -> !"DRAFT".equals(f.state()))
                .orElseThrow(() -> new IllegalTransition("calls.dossier.error.unknown", "no such dossier"));
        managed(d.programmeId(), managerId, admin);
        String text = reason == null ? "" : reason.strip();
        if (text.isEmpty() || text.length() > DossierFlow.REASON_MAX) {
            throw new InvalidInput("reason", "calls.groups.error.reason");
        }
        if (groupId != null && programmeOf(groupId) != d.programmeId()) {
            throw new InvalidInput("group", "calls.groups.error.group");
        }
        if (java.util.Objects.equals(groupId, d.groupId())) {
            return;
        }
        jdbc.sql("update calls.dossier set group_id = ?, revision = revision + 1 where id = ?")
                .params(groupId, dossierId)
                .update();
        audit.append(
                dossierId,
                managerId,
                Audit.Kind.ROUTING,
                "reassigned from " + d.groupId() + " to " + groupId + ": " + text,
                clock.instant());
    }

    private long programmeOf(long groupId) {
        return jdbc.sql("select programme_id from calls.instructor_group where id = ?")
                .param(groupId)
                .query(Long.class)
                .optional()
                .orElseThrow(() -> new InvalidInput("group", "calls.groups.error.group"));
    }

    private void managed(long programmeId, long accountId, boolean admin) {
        if (!staff.mayManage(accountId, admin, programmeId)) {
            throw new IllegalTransition("calls.dossier.error.role", "not a manager of " + programmeId);
        }
    }
}
