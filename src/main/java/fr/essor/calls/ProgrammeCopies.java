package fr.essor.calls;

import java.time.Instant;

import fr.essor.calls.DossierFlow.Role;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A programme cloned for its next edition: a new slug and new dates, the rest as it stands — texts,
 * amounts, documents, retention, four-eyes rule, the current form (as the copy's first version), the
 * private annotations, the team and its instructor groups with their rules and members. No dossier is
 * copied.
 */
@Service
public class ProgrammeCopies {

    private static final Logger SECURITY = LoggerFactory.getLogger("essor.security");

    private final Programmes programmes;
    private final Annotations annotations;
    private final Staff staff;
    private final JdbcClient jdbc;

    ProgrammeCopies(Programmes programmes, Annotations annotations, Staff staff, JdbcClient jdbc) {
        this.programmes = programmes;
        this.annotations = annotations;
        this.staff = staff;
        this.jdbc = jdbc;
    }

    /**
     * Copies a programme, as its manager (or an administrator).
     *
     * @return the copy's id
     * @throws fr.essor.shared.InvalidInput for a slug taken or malformed, or dates out of order
     * @throws DossierFlow.IllegalTransition when the person does not manage the programme
     */
    @Transactional
    public long copy(long programmeId, long managerId, boolean admin, String slug, Instant opensAt, Instant closesAt) {
        if (!staff.mayManage(managerId, admin, programmeId)) {
            throw new DossierFlow.IllegalTransition("calls.dossier.error.role", "not a manager of " + programmeId);
        }
        Programme p = programmes.byId(programmeId).orElseThrow();
        long copy = programmes.create(
                new Programmes.Draft(
                        slug == null ? null : slug.strip(),
                        p.name(),
                        p.kind(),
                        p.owner(),
                        p.summary(),
                        p.description(),
                        p.whoCanApply(),
                        p.capCents(),
                        opensAt,
                        closesAt,
                        p.documents(),
                        p.retentionMonths(),
                        p.fourEyes(),
                        p.demo()),
                programmes.currentForm(programmeId).form());
        annotations.define(copy, annotations.fields(programmeId));
        staff.members(programmeId).forEach(m -> m.roles().forEach(r -> staff.grant(copy, m.accountId(), r, managerId)));
        // the person who copies manages the copy, whoever they are (an administrator included)
        staff.grant(copy, managerId, Role.MANAGER, managerId);
        jdbc.sql("insert into calls.instructor_group (programme_id, name, rule, position) "
                        + "select ?, name, rule, position from calls.instructor_group where programme_id = ?")
                .params(copy, programmeId)
                .update();
        jdbc.sql("insert into calls.group_member (group_id, account_id) "
                        + "select n.id, m.account_id from calls.group_member m "
                        + "join calls.instructor_group o on o.id = m.group_id and o.programme_id = ? "
                        + "join calls.instructor_group n on n.programme_id = ? and n.name = o.name")
                .params(programmeId, copy)
                .update();
        SECURITY.info("programme {} copied as {} by account {}", programmeId, copy, managerId);
        return copy;
    }
}
