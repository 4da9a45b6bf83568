package fr.essor.calls;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import fr.essor.calls.DossierFlow.Action;
import fr.essor.calls.DossierFlow.IllegalTransition;
import fr.essor.calls.DossierFlow.Role;
import fr.essor.calls.DossierFlow.State;
import fr.essor.directory.Structure;
import fr.essor.directory.Structures;
import fr.essor.identity.Memberships;
import fr.essor.shared.InvalidInput;
import fr.essor.territory.Territories;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The applicants' side of the dossiers: a draft started in the name of a verified structure (or, for an
 * incubator's call, as a project leader), its answers saved as they come, its submission before the
 * closing instant. Every move goes through {@link DossierFlow} and is appended to the dossier's
 * transitions; a move on a stale page (another revision) is refused.
 */
@Service
public class Dossiers {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final String COLUMNS = "id, programme_id, form_version, applicant_id, structure_id, state, "
            + "answers::text as answers, reference, proposal, proposed_by, submitted_at, decided_at, updated_at, "
            + "revision, decision_cents, reopened, corrections_due, group_id";

    /** A dossier as its applicant and its instructors see it. */
    public record Dossier(
            long id,
            long programmeId,
            int formVersion,
            long applicantId,
            Long structureId,
            State state,
            Map<String, Object> answers,
            String reference,
            Action proposal,
            Long proposedBy,
            Instant submittedAt,
            Instant decidedAt,
            Instant updatedAt,
            int revision,
            Long decisionCents,
            java.util.Set<String> reopened,
            java.time.LocalDate correctionsDue,
            Long groupId) {

        /** Whether the applicant may change this answer now: any in a draft, the flagged ones under correction. */
        public boolean open(String key) {
            return state == State.DRAFT || (state == State.CORRECTIONS_REQUESTED && reopened.contains(key));
        }
    }

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;
    private final Programmes programmes;
    private final Structures structures;
    private final Memberships memberships;
    private final AnswerCheck check;
    private final Documents documents;
    private final fr.essor.identity.Accounts accounts;
    private final fr.essor.notification.Notifications notifications;
    private final org.springframework.context.ApplicationEventPublisher events;
    private final String publicUrl;
    private final fr.essor.directory.DirectorySearch directory;
    private final Acknowledgments acknowledgments;
    private final Audit audit;
    private final Territories territories;
    private final Routing routing;

    Dossiers(
            JdbcClient jdbc,
            JsonMapper json,
            Clock clock,
            Programmes programmes,
            Structures structures,
            Memberships memberships,
            Territories territories,
            Documents documents,
            fr.essor.identity.Accounts accounts,
            fr.essor.notification.Notifications notifications,
            org.springframework.context.ApplicationEventPublisher events,
            fr.essor.directory.DirectorySearch directory,
            Acknowledgments acknowledgments,
            Audit audit,
            Routing routing,
            @org.springframework.beans.factory.annotation.Value("${essor.public-url}") String publicUrl) {
        this.routing = routing;
        this.accounts = accounts;
        this.directory = directory;
        this.acknowledgments = acknowledgments;
        this.audit = audit;
        this.territories = territories;
        this.notifications = notifications;
        this.events = events;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.programmes = programmes;
        this.structures = structures;
        this.memberships = memberships;
        this.documents = documents;
        this.check = new AnswerCheck(code -> territories.commune(code).isPresent(), id -> false);
    }

    /**
     * The applicant's draft for this programme and structure: the one in progress, else a new one on the
     * form's current version.
     *
     * @param structureId the structure it applies for, of which the applicant is a member and which a
     *     moderator verified; null to apply as a project leader, which only incubators' calls accept
     * @throws InvalidInput when the call is not open, or the structure is not the applicant's or not verified
     */
    @Transactional
    public long start(long programmeId, long applicantId, Long structureId) {
        Programme programme = programmes
                .byId(programmeId)
                .orElseThrow(() -> new InvalidInput("programme", "calls.dossier.error.unknownProgramme"));
        if (programme.state(clock.instant()) != Programme.State.OPEN) {
            throw new InvalidInput("programme", "calls.dossier.error.notOpen");
        }
        if (structureId == null) {
            if (programme.kind() != ProgrammeKind.INCUBATOR) {
                throw new InvalidInput("structure", "calls.dossier.error.structureRequired");
            }
        } else if (!memberships.isMember(applicantId, structureId)
                || !structures.find(structureId).map(Structure::verified).orElse(false)) {
            throw new InvalidInput("structure", "calls.dossier.error.structure");
        }
        int version = programmes.currentForm(programmeId).version();
        Optional<Long> created = jdbc.sql("insert into calls.dossier (programme_id, form_version, applicant_id, "
                        + "structure_id, state) values (?, ?, ?, ?, 'DRAFT') on conflict do nothing returning id")
                .params(programmeId, version, applicantId, structureId)
                .query(Long.class)
                .optional();
        return created.orElseGet(
                () -> jdbc.sql("select id from calls.dossier where programme_id = ? and applicant_id = ? "
                                + "and coalesce(structure_id, 0) = coalesce(?::bigint, 0) and state = 'DRAFT'")
                        .params(programmeId, applicantId, structureId)
                        .query(Long.class)
                        .single());
    }

    /** A dossier of this applicant; empty for another's (or none), so that a forged id learns nothing. */
    public Optional<Dossier> ofApplicant(long dossierId, long applicantId) {
        return jdbc.sql("select " + COLUMNS + " from calls.dossier where id = ? and applicant_id = ?")
                .params(dossierId, applicantId)
                .query(this::dossier)
                .optional();
    }

    /** A dossier, whoever asks: for the modules' own checks, never shown without one. */
    Optional<Dossier> byId(long dossierId) {
        return jdbc.sql("select " + COLUMNS + " from calls.dossier where id = ?")
                .param(dossierId)
                .query(this::dossier)
                .optional();
    }

    /**
     * The submitted dossiers of a programme, the oldest submission first, for another module that checks
     * who may see them (a jury).
     */
    public List<Dossier> submittedDossiers(long programmeId) {
        return submittedOf(programmeId);
    }

    /** A submitted dossier, for another module that checks who may see it; empty for a draft or none. */
    public Optional<Dossier> submitted(long dossierId) {
        return byId(dossierId).filter(d -> d.state() != State.DRAFT);
    }

    /** The submitted dossiers of a programme, the oldest submission first. */
    List<Dossier> submittedOf(long programmeId) {
        return jdbc.sql("select " + COLUMNS + " from calls.dossier where programme_id = ? and state <> 'DRAFT' "
                        + "order by submitted_at, id")
                .param(programmeId)
                .query(this::dossier)
                .list();
    }

    /** The applicant's dossiers, the latest changed first. */
    public List<Dossier> ofApplicant(long applicantId) {
        return jdbc.sql("select " + COLUMNS + " from calls.dossier where applicant_id = ? order by updated_at desc")
                .param(applicantId)
                .query(this::dossier)
                .list();
    }

    /**
     * Saves a draft's answers (or those of a dossier whose corrections were asked): what is well formed is kept (an answer to a hidden field is dropped), what
     * is not is reported, and nothing is asked yet.
     *
     * @return the check, its errors to show beside the fields
     * @throws IllegalTransition when the dossier is no longer a draft of this applicant, or the page is stale
     */
    @Transactional
    public AnswerCheck.Checked save(long dossierId, long applicantId, int revision, Map<String, ?> raw) {
        Dossier d = ofApplicant(dossierId, applicantId).orElseThrow(Dossiers::gone);
        if (!DossierFlow.editable(d.state())) {
            throw new IllegalTransition("calls.dossier.error.transition", "not editable");
        }
        Map<String, ?> posted = raw;
        if (d.state() == State.CORRECTIONS_REQUESTED) {
            // only the flagged answers change; the others stay as submitted, whatever is posted
            Map<String, Object> merged = new java.util.LinkedHashMap<>(d.answers());
            for (String key : d.reopened()) {
                if (raw.containsKey(key)) {
                    merged.put(key, raw.get(key));
                } else {
                    merged.remove(key);
                }
            }
            posted = merged;
        }
        AnswerCheck.Checked checked = checkOf(d).check(formOf(d), posted, false);
        int updated = jdbc.sql("update calls.dossier set answers = ?::jsonb, revision = revision + 1, updated_at = ? "
                        + "where id = ? and applicant_id = ? and state = ? and revision = ?")
                .params(
                        json.writeValueAsString(checked.answers()),
                        Timestamp.from(clock.instant()),
                        dossierId,
                        applicantId,
                        d.state().name(),
                        revision)
                .update();
        if (updated == 0) {
            throw new IllegalTransition("calls.dossier.error.transition", "stale revision " + revision);
        }
        return checked;
    }

    /**
     * Submits a draft: every required answer given and well formed, before the programme's closing
     * instant (as the server's clock reads it when the request is handled).
     *
     * @return the dossier as submitted, with its reference
     * @throws InvalidInput naming every missing or malformed answer
     * @throws IllegalTransition after the closing instant, or on a stale page or a dossier that is not a draft
     */
    @Transactional(noRollbackFor = InvalidInput.class)
    public Dossier submit(long dossierId, long applicantId, int revision) {
        ApplicantMove m = applicantMove(dossierId, applicantId, Action.SUBMIT);
        Instant now = m.move().at();
        Dossier d = m.dossier();
        Programme programme = m.programme();
        DossierFlow.Transition move = m.move();
        List<Eligibility.Result> eligibility = eligibility(d);
        if (!Eligibility.eligible(eligibility)) {
            throw new InvalidInput("eligibility", "calls.dossier.error.ineligible");
        }
        String reference = programme.slug().toUpperCase(Locale.ROOT) + "-"
                + now.atZone(PARIS).getYear() + "-" + String.format("%06d", dossierId);
        // the closing instant checked again in the same statement as the move: one instant decides
        int updated = jdbc.sql("update calls.dossier d set state = 'SUBMITTED', reference = ?, submitted_at = ?, "
                        + "updated_at = ?, revision = d.revision + 1 from calls.programme p "
                        + "where d.id = ? and d.applicant_id = ? and d.state = 'DRAFT' and d.revision = ? "
                        + "and p.id = d.programme_id and (p.closes_at > ? or exists (select 1 from calls.grace g "
                        + "where g.dossier_id = d.id and g.until > ?))")
                .params(
                        reference,
                        Timestamp.from(now),
                        Timestamp.from(now),
                        dossierId,
                        applicantId,
                        revision,
                        Timestamp.from(now),
                        Timestamp.from(now))
                .update();
        if (updated == 0) {
            throw new IllegalTransition("calls.dossier.error.transition", "stale revision " + revision);
        }
        record(dossierId, move, eligibility);
        Map<String, Object> names = new java.util.HashMap<>(check.typed(formOf(d), d.answers()));
        names.putAll(facts(d.structureId()));
        routing.route(dossierId, programme.id(), names, applicantId, now);
        // the beneficiary as the directory knows it at submission, for the open data and the de minimis sums
        if (d.structureId() != null) {
            structures
                    .find(d.structureId())
                    .ifPresent(s -> jdbc.sql("update calls.dossier set beneficiary_name = ?, beneficiary_siret = ?, "
                                    + "beneficiary_siren = ? where id = ?")
                            .params(s.name(), s.siret().value(), s.siret().siren(), dossierId)
                            .update());
        }
        Dossier submitted = ofApplicant(dossierId, applicantId).orElseThrow();
        acknowledgments.issue(submitted);
        // the acknowledgment's mail leaves only if the submission commits
        accounts.account(applicantId)
                .ifPresent(a -> notifications.send(
                        a.email(),
                        "calls-received",
                        Map.of(
                                "programme",
                                programme.name(),
                                "reference",
                                reference,
                                "submittedAt",
                                Acknowledgments.when(now),
                                "url",
                                publicUrl + "/dossiers/" + dossierId)));
        events.publishEvent(
                new DossierSubmitted(dossierId, programme.id(), reference, applicantId, submitted.structureId(), now));
        return submitted;
    }

    /**
     * The applicant sends back a dossier whose corrections were asked, with its answers as they stand.
     *
     * @throws InvalidInput naming every missing or malformed answer
     * @throws IllegalTransition when no correction is asked, or on a stale page
     */
    @Transactional(noRollbackFor = InvalidInput.class)
    public Dossier answerCorrections(long dossierId, long applicantId, int revision) {
        ApplicantMove m = applicantMove(dossierId, applicantId, Action.ANSWER_CORRECTIONS);
        DossierFlow.Transition move = m.move();
        Instant now = move.at();
        LocalDate due = m.dossier().correctionsDue();
        if (due != null && now.atZone(PARIS).toLocalDate().isAfter(due)) {
            throw new IllegalTransition("calls.dossier.error.correctionsLate", "answered after " + due);
        }
        int updated = jdbc.sql("update calls.dossier set state = 'UNDER_INSTRUCTION', updated_at = ?, "
                        + "reopened = null, corrections_due = null, "
                        + "revision = revision + 1 where id = ? and applicant_id = ? and state = 'CORRECTIONS_REQUESTED' "
                        + "and revision = ?")
                .params(Timestamp.from(now), dossierId, applicantId, revision)
                .update();
        if (updated == 0) {
            throw new IllegalTransition("calls.dossier.error.transition", "stale revision " + revision);
        }
        record(dossierId, move);
        return ofApplicant(dossierId, applicantId).orElseThrow();
    }

    /** An applicant's move allowed by the flow, on a dossier whose answers are complete and well formed. */
    private record ApplicantMove(Dossier dossier, Programme programme, DossierFlow.Transition move) {}

    private ApplicantMove applicantMove(long dossierId, long applicantId, Action action) {
        Instant now = clock.instant();
        Dossier d = ofApplicant(dossierId, applicantId).orElseThrow(Dossiers::gone);
        Programme programme = programmes.byId(d.programmeId()).orElseThrow();
        DossierFlow.Transition move = DossierFlow.apply(
                d.state(),
                action,
                Role.APPLICANT,
                applicantId,
                null,
                new DossierFlow.Context(
                        programme.fourEyes(),
                        null,
                        null,
                        now.isBefore(programme.closesAt())
                                || graceUntil(dossierId).filter(now::isBefore).isPresent()),
                now);
        AnswerCheck.Checked checked = checkOf(d).check(formOf(d), d.answers(), true);
        if (!checked.valid()) {
            throw new InvalidInput(checked.errors());
        }
        return new ApplicantMove(d, programme, move);
    }

    /** The latest instant a grace lets this draft be submitted until, if any was granted. */
    public Optional<Instant> graceUntil(long dossierId) {
        return jdbc.sql("select max(until) from calls.grace where dossier_id = ?")
                .param(dossierId)
                .query((rs, n) ->
                        rs.getTimestamp(1) == null ? null : rs.getTimestamp(1).toInstant())
                .optional()
                .flatMap(Optional::ofNullable);
    }

    /** The moves of a dossier, oldest first. */
    public List<DossierFlow.Transition> transitions(long dossierId) {
        return jdbc.sql("select from_state, to_state, action, role, actor_id, reason, at from calls.dossier_transition "
                        + "where dossier_id = ? order by id")
                .param(dossierId)
                .query((rs, n) -> new DossierFlow.Transition(
                        State.valueOf(rs.getString(1)),
                        State.valueOf(rs.getString(2)),
                        Action.valueOf(rs.getString(3)),
                        Role.valueOf(rs.getString(4)),
                        rs.getLong(5),
                        rs.getString(6),
                        rs.getTimestamp(7).toInstant()))
                .list();
    }

    /** The checks of a dossier's answers, its documents from its applicant's vault for its structure. */
    private AnswerCheck checkOf(Dossier d) {
        return check.withDocuments(id -> documents.usable(id, d.applicantId(), d.structureId()));
    }

    /** The eligibility rules of a dossier's form, checked on its answers and its applicant's registry facts. */
    public List<Eligibility.Result> eligibility(Dossier d) {
        Form form = formOf(d);
        if (form.rules().isEmpty()) {
            return List.of();
        }
        return Eligibility.evaluate(form.rules(), check.typed(form, d.answers()), facts(d.structureId()));
    }

    /** The registry's facts about a structure ({@link Eligibility#FACTS}); the flags false and the rest null without one. */
    Map<String, Object> facts(Long structureId) {
        Map<String, Object> facts = new java.util.HashMap<>();
        Eligibility.FACTS.forEach(f -> facts.put(f, null));
        facts.put("structureVerifiee", false);
        facts.put("structureEss", false);
        facts.put("structureSiege", false);
        if (structureId == null) {
            return facts;
        }
        structures.find(structureId).ifPresent(s -> {
            facts.put("structureVerifiee", s.verified());
            facts.put("structureFamille", s.legalFamily().name().toLowerCase(Locale.ROOT));
            facts.put("structureCommune", s.communeCode());
            territories.commune(s.communeCode()).ifPresent(c -> {
                facts.put("structureDepartement", c.departement());
                facts.put("structureRegion", c.region());
            });
            directory.establishment(s.siret().value()).ifPresent(e -> {
                facts.put("structureEss", true);
                facts.put("structureNaf", e.naf());
                facts.put("structureTranche", e.sizeBand());
                facts.put("structureSiege", Boolean.TRUE.equals(e.headOffice()));
                if (e.unitCreatedOn() != null) {
                    facts.put(
                            "structureAnnees",
                            java.math.BigDecimal.valueOf(java.time.Period.between(
                                            e.unitCreatedOn(), java.time.LocalDate.now(clock.withZone(PARIS)))
                                    .getYears()));
                }
            });
        });
        return facts;
    }

    /** The form a dossier was started on. */
    public Form formOf(Dossier d) {
        return programmes.form(d.programmeId(), d.formVersion());
    }

    void record(long dossierId, DossierFlow.Transition t) {
        record(dossierId, t, null);
    }

    /** Appends a move, with the eligibility rules' results when it checked them. */
    void record(long dossierId, DossierFlow.Transition t, List<Eligibility.Result> eligibility) {
        audit.append(
                dossierId,
                t.actorId(),
                Audit.Kind.MOVE,
                t.action() + " " + t.from() + " -> " + t.to() + " (" + t.role() + ")"
                        + (t.reason() == null ? "" : " : " + t.reason()),
                t.at());
        jdbc.sql("insert into calls.dossier_transition (dossier_id, from_state, to_state, action, role, actor_id, "
                        + "reason, at, eligibility) values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)")
                .params(
                        dossierId,
                        t.from().name(),
                        t.to().name(),
                        t.action().name(),
                        t.role().name(),
                        t.actorId(),
                        t.reason(),
                        Timestamp.from(t.at()),
                        eligibility == null ? null : json.writeValueAsString(eligibility))
                .update();
    }

    private static IllegalTransition gone() {
        return new IllegalTransition("calls.dossier.error.unknown", "no such dossier of this applicant");
    }

    private Dossier dossier(ResultSet rs, int n) throws SQLException {
        long structure = rs.getLong("structure_id");
        Long structureId = rs.wasNull() ? null : structure;
        long proposer = rs.getLong("proposed_by");
        Long proposedBy = rs.wasNull() ? null : proposer;
        String proposal = rs.getString("proposal");
        return new Dossier(
                rs.getLong("id"),
                rs.getLong("programme_id"),
                rs.getInt("form_version"),
                rs.getLong("applicant_id"),
                structureId,
                State.valueOf(rs.getString("state")),
                json.readValue(rs.getString("answers"), new TypeReference<Map<String, Object>>() {}),
                rs.getString("reference"),
                proposal == null ? null : Action.valueOf(proposal),
                proposedBy,
                instant(rs, "submitted_at"),
                instant(rs, "decided_at"),
                instant(rs, "updated_at"),
                rs.getInt("revision"),
                rs.getObject("decision_cents", Long.class),
                reopened(rs.getArray("reopened")),
                rs.getObject("corrections_due", java.time.LocalDate.class),
                rs.getObject("group_id", Long.class));
    }

    private static java.util.Set<String> reopened(java.sql.Array keys) throws SQLException {
        return keys == null
                ? java.util.Set.of()
                : java.util.Set.copyOf(java.util.Arrays.asList((String[]) keys.getArray()));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
