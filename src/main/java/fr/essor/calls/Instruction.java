package fr.essor.calls;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import fr.essor.calls.DossierFlow.Action;
import fr.essor.calls.DossierFlow.IllegalTransition;
import fr.essor.calls.DossierFlow.Role;
import fr.essor.calls.DossierFlow.State;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The staff's side of the dossiers: a person acts on a dossier of a programme in the role they hold on it
 * ({@link Staff}), through {@link DossierFlow}; the move is made by one conditional update on the state
 * and revision the person saw, so that of two persons acting on the same page, one wins and the other is
 * told. Every move is appended to the dossier's transitions.
 */
@Service
public class Instruction {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Programmes programmes;
    private final Staff staff;
    private final Dossiers dossiers;
    private final Decisions decisions;
    private final Audit audit;
    private final Documents documents;
    private final Routing routing;
    private final Annotations annotations;

    Instruction(
            Routing routing,
            Annotations annotations,
            JdbcClient jdbc,
            Clock clock,
            Programmes programmes,
            Staff staff,
            Dossiers dossiers,
            Decisions decisions,
            Audit audit,
            Documents documents) {
        this.routing = routing;
        this.annotations = annotations;
        this.decisions = decisions;
        this.audit = audit;
        this.documents = documents;
        this.jdbc = jdbc;
        this.clock = clock;
        this.programmes = programmes;
        this.staff = staff;
        this.dossiers = dossiers;
    }

    /** A submitted dossier of a programme the person works on; empty for a draft, another programme's, or none. */
    public Optional<Dossiers.Dossier> dossier(long dossierId, long staffId) {
        return dossiers.byId(dossierId)
                .filter(d -> d.state() != State.DRAFT)
                .filter(d -> !staff.rolesOf(staffId, d.programmeId()).isEmpty())
                .filter(d -> routing.sees(staffId, d.programmeId(), d.groupId()));
    }

    /** A dossier opened by a member of its programme's staff: the read is written in its audit trail. */
    @Transactional
    public Optional<Dossiers.Dossier> open(long dossierId, long staffId) {
        Optional<Dossiers.Dossier> d = dossier(dossierId, staffId);
        d.ifPresent(x -> audit.append(dossierId, staffId, Audit.Kind.READ, "dossier", clock.instant()));
        return d;
    }

    /**
     * A document joined to a dossier, for a member of its programme's staff; the read is written in the
     * dossier's audit trail. Empty for a document the dossier's answers do not join.
     */
    @Transactional
    public Optional<Documents.Content> document(long dossierId, long documentId, long staffId) {
        Optional<Dossiers.Dossier> d = dossier(dossierId, staffId);
        if (d.isEmpty() || !joins(d.get().answers(), String.valueOf(documentId))) {
            return Optional.empty();
        }
        audit.append(dossierId, staffId, Audit.Kind.READ, "document " + documentId, clock.instant());
        return documents.contentOf(documentId);
    }

    /** Whether the answers join this document id, at any depth. */
    static boolean joins(Object answers, String id) {
        if (answers instanceof java.util.Map<?, ?> map) {
            return map.values().stream().anyMatch(v -> joins(v, id));
        }
        if (answers instanceof java.util.Collection<?> list) {
            return list.stream().anyMatch(v -> joins(v, id));
        }
        return id.equals(answers);
    }

    /**
     * Moves a dossier as a member of its programme's staff.
     *
     * @param reason the motivation, message or reason the action needs
     * @param amountCents for an acceptance (or its proposal), the amount granted: at most the programme's
     *     cap; ignored otherwise
     * @param revision the revision the person's page showed
     * @return the dossier as moved
     * @throws IllegalTransition when the person holds no role that takes this action on this programme, the
     *     move is not allowed (see {@link DossierFlow#apply}), the amount is missing or above the cap, or the
     *     dossier changed since the person's page
     */
    // its own transaction: the overload below is called from here, past the proxy
    @Transactional
    public Dossiers.Dossier act(
            long dossierId, long staffId, Action action, String reason, Long amountCents, int revision) {
        return act(dossierId, staffId, action, reason, amountCents, revision, null);
    }

    /**
     * What a request for corrections reopens: the keys of the form's fields (a repeatable block as a whole),
     * and the last day (in Paris) the applicant may answer.
     */
    public record Corrections(Set<String> fields, java.time.LocalDate due) {}

    /** How far ahead a reply deadline may be set, in days. */
    static final int CORRECTIONS_MAX_DAYS = 90;

    /**
     * Moves a dossier, as {@link #act(long, long, Action, String, Long, int)}; a request for corrections
     * names the fields it reopens and the reply deadline.
     *
     * @throws IllegalTransition also for a request for corrections without fields, with a field the form does
     *     not have, or without a deadline between today and {@value #CORRECTIONS_MAX_DAYS} days
     */
    @Transactional
    public Dossiers.Dossier act(
            long dossierId,
            long staffId,
            Action action,
            String reason,
            Long amountCents,
            int revision,
            Corrections corrections) {
        Dossiers.Dossier d = dossier(dossierId, staffId)
                .orElseThrow(() -> new IllegalTransition("calls.dossier.error.unknown", "not a dossier of this staff"));
        Programme programme = programmes.byId(d.programmeId()).orElseThrow();
        Set<Role> held = staff.rolesOf(staffId, programme.id());
        Role role = DossierFlow.rolesFor(action).stream()
                .filter(held::contains)
                .findFirst()
                .orElseThrow(() -> new IllegalTransition("calls.dossier.error.role", action + " by " + held));
        Instant now = clock.instant();
        DossierFlow.Transition move = DossierFlow.apply(
                d.state(),
                action,
                role,
                staffId,
                reason,
                new DossierFlow.Context(
                        programme.fourEyes(), d.proposal(), d.proposedBy(), now.isBefore(programme.closesAt())),
                now);
        if ((action == Action.ACCEPT
                        || action == Action.REFUSE
                        || action == Action.PROPOSE_ACCEPTANCE
                        || action == Action.PROPOSE_REFUSAL)
                && !annotations.missing(d).isEmpty()) {
            throw new IllegalTransition(
                    "calls.dossier.error.annotations", "missing annotations " + annotations.missing(d));
        }
        boolean grants = action == Action.ACCEPT || action == Action.PROPOSE_ACCEPTANCE;
        Long amount = null;
        if (grants && programme.capCents() != null) {
            if (amountCents == null || amountCents < 0 || amountCents > programme.capCents()) {
                throw new IllegalTransition("calls.dossier.error.amount", "amount " + amountCents);
            }
            // nor more than the applicant asked for, when the form asks (its « montant » amount)
            Long requested = requestedCents(d);
            if (requested != null && amountCents > requested) {
                throw new IllegalTransition("calls.dossier.error.amountRequested", "amount " + amountCents);
            }
            amount = amountCents;
        }
        String[] reopened = null;
        java.time.LocalDate due = null;
        if (action == Action.REQUEST_CORRECTIONS) {
            java.util.Set<String> keys = dossiers.formOf(d).sections().stream()
                    .flatMap(section -> section.fields().stream())
                    .map(FormField::key)
                    .collect(java.util.stream.Collectors.toSet());
            if (corrections == null
                    || corrections.fields() == null
                    || corrections.fields().isEmpty()
                    || !keys.containsAll(corrections.fields())) {
                throw new IllegalTransition("calls.dossier.error.correctionsFields", "fields " + corrections);
            }
            java.time.LocalDate today =
                    now.atZone(java.time.ZoneId.of("Europe/Paris")).toLocalDate();
            if (corrections.due() == null
                    || corrections.due().isBefore(today)
                    || corrections.due().isAfter(today.plusDays(CORRECTIONS_MAX_DAYS))) {
                throw new IllegalTransition("calls.dossier.error.correctionsDue", "due " + corrections.due());
            }
            reopened = corrections.fields().stream().sorted().toArray(String[]::new);
            due = corrections.due();
        }
        boolean proposing = action == Action.PROPOSE_ACCEPTANCE || action == Action.PROPOSE_REFUSAL;
        boolean confirming = action == Action.CONFIRM;
        int updated = jdbc.sql("update calls.dossier set state = ?, revision = revision + 1, updated_at = ?, "
                        + "proposal = ?, proposed_by = ?, "
                        + "decision_cents = case when ? then ? when ? then decision_cents when ? then null else decision_cents end, "
                        + "decided_at = case when ? then ? else decided_at end, "
                        + "reopened = ?::text[], corrections_due = ? "
                        + "where id = ? and state = ? and revision = ?")
                .params(
                        move.to().name(),
                        Timestamp.from(now),
                        proposing ? action.name() : null,
                        proposing ? staffId : null,
                        grants,
                        amount,
                        confirming,
                        action == Action.REOPEN || action == Action.SEND_BACK,
                        move.to().decided(),
                        Timestamp.from(now),
                        reopened,
                        due,
                        dossierId,
                        d.state().name(),
                        revision)
                .update();
        if (updated == 0) {
            throw new IllegalTransition("calls.dossier.error.transition", "stale revision " + revision);
        }
        // a decision, or its proposal, keeps the eligibility rules' results as they are at that moment
        boolean decides = action == Action.ACCEPT
                || action == Action.REFUSE
                || action == Action.PROPOSE_ACCEPTANCE
                || action == Action.PROPOSE_REFUSAL
                || action == Action.CONFIRM;
        dossiers.record(dossierId, move, decides ? dossiers.eligibility(d) : null);
        Dossiers.Dossier after = dossiers.byId(dossierId).orElseThrow();
        decisions.moved(after, programme, move, after.decisionCents());
        return after;
    }

    /** The amount the applicant asked for: the answer to the form's « montant » amount field, if any. */
    Long requestedCents(Dossiers.Dossier d) {
        boolean asked = dossiers.formOf(d).sections().stream()
                .flatMap(s -> s.fields().stream())
                .anyMatch(f -> f.key().equals(REQUESTED) && f.type() == FieldType.AMOUNT);
        if (!asked || !(d.answers().get(REQUESTED) instanceof String value)) {
            return null;
        }
        try {
            return new java.math.BigDecimal(value).movePointRight(2).longValueExact();
        } catch (NumberFormatException | ArithmeticException ex) {
            return null;
        }
    }

    /** The key of the field that holds the amount an applicant asks for. */
    static final String REQUESTED = "montant";

    /** How the instructors' list is ordered. */
    public enum Sort {
        SUBMITTED("submitted_at, id"),
        SUBMITTED_DESC("submitted_at desc, id desc"),
        UPDATED_DESC("updated_at desc, id desc"),
        REFERENCE("reference, id");

        private final String sql;

        Sort(String sql) {
            this.sql = sql;
        }
    }

    /** A dossier as the instructors' list shows it. */
    public record Row(long id, String reference, State state, Instant submittedAt, Instant updatedAt) {}

    /** A page of the instructors' list. */
    public record Page(List<Row> dossiers, long total, int page, int size) {
        public int pages() {
            return (int) Math.max(1, (total + size - 1) / size);
        }
    }

    /**
     * The submitted dossiers of a programme the person works on, filtered and ordered, a page at a time: the
     * page read along its index, the total counted apart, the answers left in the database.
     *
     * @param states the states to keep, all the submitted ones when empty
     * @param reference a part of the reference to look for, or null
     * @param page from 1
     */
    public Page list(
            long programmeId, long staffId, Set<State> states, String reference, Sort sort, int page, int size) {
        Set<Role> roles = staff.rolesOf(staffId, programmeId);
        if (roles.isEmpty()) {
            return new Page(List.of(), 0, 1, size);
        }
        String[] wanted = states.stream().map(State::name).toArray(String[]::new);
        String like = reference == null || reference.isBlank()
                ? null
                : "%"
                        + reference
                                .strip()
                                .toUpperCase(java.util.Locale.ROOT)
                                .replace("\\", "")
                                .replace("%", "")
                                .replace("_", "")
                        + "%";
        // an instructor of some groups sees their dossiers only
        Long[] groups = routing.restriction(staffId, programmeId, roles)
                .map(g -> g.toArray(Long[]::new))
                .orElse(new Long[0]);
        String where =
                "programme_id = ? and state <> 'DRAFT' and (cardinality(?::text[]) = 0 or state = any(?::text[])) "
                        + "and (?::text is null or reference like ?) "
                        + "and (cardinality(?::bigint[]) = 0 or group_id = any(?::bigint[]))";
        int number = Math.max(1, page);
        // the page along its index, then the count apart: a window count over the rows would read and sort
        // every matching dossier at each page (6 ms at 10,000, against 0.2 + 0.9 ms)
        List<Row> rows = jdbc.sql("select id, reference, state, submitted_at, updated_at " + "from calls.dossier where "
                        + where + " order by " + sort.sql + " limit ? offset ?")
                .params(programmeId, wanted, wanted, like, like, groups, groups, size, (long) (number - 1) * size)
                .query((rs, n) -> new Row(
                        rs.getLong("id"),
                        rs.getString("reference"),
                        State.valueOf(rs.getString("state")),
                        rs.getTimestamp("submitted_at").toInstant(),
                        rs.getTimestamp("updated_at").toInstant()))
                .list();
        long[] total = {
            number == 1 && rows.size() < size
                    ? rows.size()
                    : jdbc.sql("select count(*) from calls.dossier where " + where)
                            .params(programmeId, wanted, wanted, like, like, groups, groups)
                            .query(Long.class)
                            .single()
        };
        return new Page(rows, total[0], number, size);
    }

    /** The submitted dossiers of a programme, the oldest submission first (the instructors' list, plain). */
    public List<Dossiers.Dossier> ofProgramme(long programmeId, long staffId) {
        if (staff.rolesOf(staffId, programmeId).isEmpty()) {
            return List.of();
        }
        return dossiers.submittedOf(programmeId).stream()
                .filter(d -> routing.sees(staffId, programmeId, d.groupId()))
                .toList();
    }
}
