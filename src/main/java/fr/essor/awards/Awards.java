package fr.essor.awards;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import fr.essor.calls.AidAccepted;
import fr.essor.calls.DossierFlow.Role;
import fr.essor.calls.Staff;
import fr.essor.identity.Accounts;
import fr.essor.notification.Notifications;
import fr.essor.shared.FieldError;
import fr.essor.shared.InvalidInput;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The awards and their payments. An aid accepted becomes an award with its schedule: an advance of
 * {@code essor.awards.advance-percent} (30 % by default) on signature, the balance on the final report.
 * A payment is requested by the beneficiary (the dossier's applicant) with its evidence, checked by an
 * instructor of the call, then validated by a second person who holds the signing role — never the one
 * who checked it (two levels, enforced in the database too).
 */
@Service
public class Awards {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Awards.class);

    /** An award. */
    public record Award(
            long id,
            long dossierId,
            long programmeId,
            String programmeName,
            String reference,
            long applicantId,
            String beneficiaryName,
            String beneficiarySiret,
            long amountCents,
            Instant decidedAt,
            String letterNumber,
            AwardState state,
            Instant agreementSignedAt,
            Instant lapsedAt) {

        /** The agreement's number, drawn from the dossier's reference. */
        public String agreementNumber() {
            return "CONV-" + reference;
        }
    }

    /** Where an award stands. */
    public enum AwardState {
        ACTIVE,
        LAPSED,
        CLOSED
    }

    /** An amount recorded for recovery. */
    public record Recovery(
            long id, long awardId, long amountCents, String reason, long recordedBy, Instant recordedAt) {}

    /** Where a payment stands. */
    public enum State {
        PLANNED,
        REQUESTED,
        CHECKED,
        VALIDATED,
        CANCELLED
    }

    /** A tranche of an award's schedule. */
    public record Tranche(
            long id,
            long awardId,
            int position,
            String label,
            long amountCents,
            String milestone,
            State state,
            String evidence,
            Long checkedBy,
            Long validatedBy,
            Instant validatedAt,
            LocalDate dueOn,
            LocalDate lapsesOn,
            Long evidenceDocumentId) {}

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Staff staff;
    private final Accounts accounts;
    private final Notifications notifications;
    private final int advancePercent;
    private final int termMonths;
    private final int noticeDays;
    private final String publicUrl;

    Awards(
            JdbcClient jdbc,
            Clock clock,
            Staff staff,
            Accounts accounts,
            Notifications notifications,
            @Value("${essor.awards.advance-percent:30}") int advancePercent,
            @Value("${essor.awards.term-months:18}") int termMonths,
            @Value("${essor.awards.notice-days:30}") int noticeDays,
            @Value("${essor.public-url}") String publicUrl) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.staff = staff;
        this.accounts = accounts;
        this.notifications = notifications;
        this.advancePercent = advancePercent;
        this.termMonths = termMonths;
        this.noticeDays = noticeDays;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    /**
     * An aid accepted: its award and its schedule, once (a repeated event changes nothing: one award per
     * dossier), after the decision's commit, through the event publication registry (delivered again if
     * this fails).
     */
    @ApplicationModuleListener
    void on(AidAccepted event) {
        LOG.debug("award of dossier {} ({} cents)", event.dossierId(), event.amountCents());
        Optional<Long> id = jdbc.sql("""
                insert into awards.award (dossier_id, programme_id, programme_name, reference, applicant_id,
                    beneficiary_name, beneficiary_siret, amount_cents, decided_at, letter_number, created_at, object, rna)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (dossier_id) do nothing returning id""")
                .params(
                        event.dossierId(),
                        event.programmeId(),
                        event.programmeName(),
                        event.reference(),
                        event.applicantId(),
                        event.beneficiaryName(),
                        event.beneficiarySiret(),
                        event.amountCents(),
                        Timestamp.from(event.decidedAt()),
                        event.letterNumber(),
                        Timestamp.from(clock.instant()),
                        event.object(),
                        event.rna())
                .query(Long.class)
                .optional();
        if (id.isEmpty()) {
            return;
        }
        long advance = event.amountCents() * advancePercent / 100;
        long balance = event.amountCents() - advance;
        LocalDate decided = event.decidedAt().atZone(PARIS).toLocalDate();
        if (advance > 0) {
            tranche(
                    id.get(),
                    1,
                    "Avance (" + advancePercent + " %)",
                    advance,
                    "Signature de la convention",
                    decided.plusMonths(3));
        }
        tranche(
                id.get(),
                2,
                "Solde",
                balance,
                "Compte rendu final et justificatifs des dépenses",
                decided.plusMonths(termMonths));
    }

    private void tranche(long awardId, int position, String label, long cents, String milestone, LocalDate dueOn) {
        jdbc.sql("insert into awards.tranche (award_id, position, label, amount_cents, milestone, due_on) "
                        + "values (?, ?, ?, ?, ?, ?)")
                .params(awardId, position, label, cents, milestone, Date.valueOf(dueOn))
                .update();
    }

    /**
     * The beneficiary signs the award's agreement online (once, while the award is active); the advance can
     * be requested from then on.
     */
    @Transactional
    public void signAgreement(long awardId, long applicantId) {
        int updated = jdbc.sql("update awards.award set agreement_signed_at = ?, agreement_signed_by = ? "
                        + "where id = ? and applicant_id = ? and agreement_signed_at is null and state = 'ACTIVE'")
                .params(Timestamp.from(clock.instant()), applicantId, awardId, applicantId)
                .update();
        if (updated == 0) {
            throw new Refused("awards.error.agreement");
        }
    }

    /**
     * A milestone tranche taken from the balance (a staff member of the call who instructs or manages it),
     * due before the balance: the award's total does not change.
     *
     * @throws InvalidInput on a label, milestone, amount or date that does not fit
     */
    @Transactional
    public long addMilestone(long awardId, long staffId, String label, String milestone, long cents, LocalDate dueOn) {
        Award award = byId(awardId).orElseThrow(() -> new Refused("awards.error.unknown"));
        var roles = staff.rolesOf(staffId, award.programmeId());
        if (!roles.contains(Role.INSTRUCTOR) && !roles.contains(Role.MANAGER)) {
            throw new Refused("awards.error.role");
        }
        Tranche balance = jdbc.sql(
                        "select * from awards.tranche where award_id = ? order by position desc limit 1 for update")
                .param(awardId)
                .query((rs, n) -> tranche(rs))
                .single();
        List<FieldError> errors = new ArrayList<>();
        String l = label == null ? "" : label.strip();
        String m = milestone == null ? "" : milestone.strip();
        if (l.isEmpty() || l.length() > 120) {
            errors.add(new FieldError("label", "awards.error.label"));
        }
        if (m.isEmpty() || m.length() > 500) {
            errors.add(new FieldError("milestone", "awards.error.milestone"));
        }
        if (cents <= 0 || cents >= balance.amountCents()) {
            errors.add(new FieldError("amount", "awards.error.milestoneAmount"));
        }
        LocalDate today = LocalDate.now(clock.withZone(PARIS));
        if (dueOn == null || !dueOn.isAfter(today) || (balance.dueOn() != null && !dueOn.isBefore(balance.dueOn()))) {
            errors.add(new FieldError("dueOn", "awards.error.dueOn"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        if (award.state() != AwardState.ACTIVE || balance.state() != State.PLANNED) {
            throw new Refused("awards.error.state");
        }
        jdbc.sql("update awards.tranche set amount_cents = amount_cents - ? where id = ?")
                .params(cents, balance.id())
                .update();
        return jdbc.sql("insert into awards.tranche (award_id, position, label, amount_cents, milestone, due_on) "
                        + "values (?, ?, ?, ?, ?, ?) returning id")
                .params(awardId, balance.position() + 1, l, cents, m, Date.valueOf(dueOn))
                .query(Long.class)
                .single();
    }

    /**
     * The daily watch over the milestones, once per tranche whatever the number of instances (each step is
     * one conditional statement): a milestone whose date passed without a request gets a notice, with the
     * date after which the award lapses; an award with a tranche still not requested after that date lapses,
     * its remaining tranches cancelled, and its beneficiary is told. Returns the notices and lapses sent.
     */
    @Scheduled(cron = "${essor.awards.watch-cron:0 20 6 * * *}", zone = "Europe/Paris")
    @Transactional
    public int watchMilestones() {
        LocalDate today = LocalDate.now(clock.withZone(PARIS));
        LocalDate lapsesOn = today.plusDays(noticeDays);
        record Notice(long applicantId, String reference, String programme, String label, LocalDate dueOn) {}
        List<Notice> notices = jdbc.sql("""
                update awards.tranche t set notice_sent_at = ?, lapses_on = ?
                from awards.award a
                where a.id = t.award_id and a.state = 'ACTIVE' and t.state = 'PLANNED'
                  and t.due_on < ? and t.notice_sent_at is null
                returning a.applicant_id, a.reference, a.programme_name, t.label, t.due_on""")
                .params(Timestamp.from(clock.instant()), Date.valueOf(lapsesOn), Date.valueOf(today))
                .query((rs, n) -> new Notice(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getDate(5).toLocalDate()))
                .list();
        int sent = 0;
        for (Notice n : notices) {
            sent += mail(
                    n.applicantId(),
                    "awards-milestone-notice",
                    Map.of(
                            "programme", n.programme(),
                            "reference", n.reference(),
                            "tranche", n.label(),
                            "dueOn", DAY.format(n.dueOn()),
                            "lapsesOn", DAY.format(lapsesOn),
                            "url", publicUrl + "/dossiers/aides"));
        }
        record Lapse(long id, long applicantId, String reference, String programme) {}
        List<Lapse> lapses = jdbc.sql("""
                update awards.award a set state = 'LAPSED', lapsed_at = ?
                where a.state = 'ACTIVE' and exists (select 1 from awards.tranche t
                    where t.award_id = a.id and t.state = 'PLANNED' and t.lapses_on < ?)
                returning a.id, a.applicant_id, a.reference, a.programme_name""")
                .params(Timestamp.from(clock.instant()), Date.valueOf(today))
                .query((rs, n) -> new Lapse(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4)))
                .list();
        for (Lapse l : lapses) {
            jdbc.sql("update awards.tranche set state = 'CANCELLED' where award_id = ? and state = 'PLANNED'")
                    .param(l.id())
                    .update();
            sent += mail(
                    l.applicantId(),
                    "awards-lapsed",
                    Map.of(
                            "programme", l.programme(),
                            "reference", l.reference(),
                            "url", publicUrl + "/dossiers/aides"));
        }
        return sent;
    }

    private static final java.time.format.DateTimeFormatter DAY = fr.essor.shared.FrenchDates.ofPattern("d MMMM yyyy");

    private int mail(long accountId, String template, Map<String, ?> variables) {
        String email = accounts.account(accountId).map(Accounts.Account::email).orElse(null);
        if (email == null) {
            return 0;
        }
        notifications.send(email, template, variables);
        return 1;
    }

    /**
     * An amount paid beyond what is due, recorded for its recovery by a staff member of the call; the
     * amounts recorded never exceed what was paid.
     */
    @Transactional
    public long recordRecovery(long awardId, long staffId, long cents, String reason) {
        Award award = jdbc.sql("select * from awards.award where id = ? for update")
                .param(awardId)
                .query((rs, n) -> award(rs))
                .optional()
                .orElseThrow(() -> new Refused("awards.error.unknown"));
        if (staff.rolesOf(staffId, award.programmeId()).isEmpty()) {
            throw new Refused("awards.error.role");
        }
        String r = reason == null ? "" : reason.strip();
        List<FieldError> errors = new ArrayList<>();
        if (r.isEmpty() || r.length() > 2000) {
            errors.add(new FieldError("reason", "awards.error.reason"));
        }
        long paid = paidCents(awardId);
        long recovered =
                recoveries(awardId).stream().mapToLong(Recovery::amountCents).sum();
        if (cents <= 0 || cents > paid - recovered) {
            errors.add(new FieldError("amount", "awards.error.recoveryAmount"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        return jdbc.sql("insert into awards.recovery (award_id, amount_cents, reason, recorded_by, recorded_at) "
                        + "values (?, ?, ?, ?, ?) returning id")
                .params(awardId, cents, r, staffId, Timestamp.from(clock.instant()))
                .query(Long.class)
                .single();
    }

    /** What was paid on an award: its validated tranches. */
    public long paidCents(long awardId) {
        return jdbc.sql(
                        "select coalesce(sum(amount_cents), 0) from awards.tranche where award_id = ? and state = 'VALIDATED'")
                .param(awardId)
                .query(Long.class)
                .single();
    }

    public List<Recovery> recoveries(long awardId) {
        return jdbc.sql("select * from awards.recovery where award_id = ? order by recorded_at, id")
                .param(awardId)
                .query((rs, n) -> new Recovery(
                        rs.getLong("id"),
                        rs.getLong("award_id"),
                        rs.getLong("amount_cents"),
                        rs.getString("reason"),
                        rs.getLong("recorded_by"),
                        rs.getTimestamp("recorded_at").toInstant()))
                .list();
    }

    /** The evidence document of a tranche, if its request joined one. */
    public Optional<Long> evidenceDocument(long trancheId) {
        return jdbc.sql(
                        "select evidence_document_id from awards.tranche where id = ? and evidence_document_id is not null")
                .param(trancheId)
                .query(Long.class)
                .optional();
    }

    public Optional<Award> ofDossier(long dossierId) {
        return jdbc.sql("select * from awards.award where dossier_id = ?")
                .param(dossierId)
                .query((rs, n) -> award(rs))
                .optional();
    }

    public Optional<Award> byId(long awardId) {
        return jdbc.sql("select * from awards.award where id = ?")
                .param(awardId)
                .query((rs, n) -> award(rs))
                .optional();
    }

    /** The awards of a programme, the latest decision first. */
    public List<Award> ofProgramme(long programmeId) {
        return jdbc.sql("select * from awards.award where programme_id = ? order by decided_at desc, id desc")
                .param(programmeId)
                .query((rs, n) -> award(rs))
                .list();
    }

    /** The awards of a beneficiary (the dossiers' applicant). */
    public List<Award> ofApplicant(long applicantId) {
        return jdbc.sql("select * from awards.award where applicant_id = ? order by decided_at desc, id desc")
                .param(applicantId)
                .query((rs, n) -> award(rs))
                .list();
    }

    /** An award's schedule, in the order of its due dates. */
    public List<Tranche> schedule(long awardId) {
        return jdbc.sql("select * from awards.tranche where award_id = ? order by due_on nulls last, position")
                .param(awardId)
                .query((rs, n) -> tranche(rs))
                .list();
    }

    private static Tranche tranche(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Tranche(
                rs.getLong("id"),
                rs.getLong("award_id"),
                rs.getInt("position"),
                rs.getString("label"),
                rs.getLong("amount_cents"),
                rs.getString("milestone"),
                State.valueOf(rs.getString("state")),
                rs.getString("evidence"),
                rs.getObject("checked_by", Long.class),
                rs.getObject("validated_by", Long.class),
                rs.getTimestamp("validated_at") == null
                        ? null
                        : rs.getTimestamp("validated_at").toInstant(),
                rs.getDate("due_on") == null ? null : rs.getDate("due_on").toLocalDate(),
                rs.getDate("lapses_on") == null ? null : rs.getDate("lapses_on").toLocalDate(),
                rs.getObject("evidence_document_id", Long.class));
    }

    /**
     * The beneficiary requests a payment, with its evidence (what was done, the report) and optionally a
     * document of their vault, once the agreement is signed.
     *
     * @throws Refused when the award is not theirs or not active, the agreement not signed, or the tranche
     *     not planned
     */
    @Transactional
    public void request(long trancheId, long applicantId, String evidence, Long documentId) {
        String text = evidence == null ? "" : evidence.strip();
        if (text.isEmpty() || text.length() > 5000) {
            throw new InvalidInput("evidence", "awards.error.evidence");
        }
        int updated = jdbc.sql("update awards.tranche t set state = 'REQUESTED', evidence = ?, requested_at = ?, "
                        + "evidence_document_id = ? from awards.award a where t.id = ? and a.id = t.award_id "
                        + "and a.applicant_id = ? and t.state = 'PLANNED' and a.state = 'ACTIVE' "
                        + "and a.agreement_signed_at is not null")
                .params(text, Timestamp.from(clock.instant()), documentId, trancheId, applicantId)
                .update();
        if (updated == 0) {
            boolean unsigned =
                    jdbc.sql("select count(*) from awards.tranche t join awards.award a on a.id = t.award_id "
                                            + "where t.id = ? and a.applicant_id = ? and a.agreement_signed_at is null")
                                    .params(trancheId, applicantId)
                                    .query(Long.class)
                                    .single()
                            > 0;
            throw new Refused(unsigned ? "awards.error.unsigned" : "awards.error.request");
        }
    }

    /** An instructor of the call checks a requested payment (first level). */
    @Transactional
    public void check(long trancheId, long instructorId) {
        long programme = programmeOf(trancheId);
        if (!staff.rolesOf(instructorId, programme).contains(Role.INSTRUCTOR)) {
            throw new Refused("awards.error.role");
        }
        int updated = jdbc.sql(
                        "update awards.tranche set state = 'CHECKED', checked_by = ?, checked_at = ? where id = ? and state = 'REQUESTED'")
                .params(instructorId, Timestamp.from(clock.instant()), trancheId)
                .update();
        if (updated == 0) {
            throw new Refused("awards.error.state");
        }
    }

    /** A person with the signing role validates a checked payment (second level), not the one who checked it. */
    @Transactional
    public void validate(long trancheId, long signerId) {
        long programme = programmeOf(trancheId);
        if (!staff.rolesOf(signerId, programme).contains(Role.SIGNER)) {
            throw new Refused("awards.error.role");
        }
        int updated = jdbc.sql("update awards.tranche set state = 'VALIDATED', validated_by = ?, validated_at = ? "
                        + "where id = ? and state = 'CHECKED' and checked_by <> ?")
                .params(signerId, Timestamp.from(clock.instant()), trancheId, signerId)
                .update();
        if (updated == 0) {
            throw new Refused("awards.error.secondPerson");
        }
        // the last payment validated: the award is closed
        jdbc.sql("update awards.award a set state = 'CLOSED' where a.id = (select award_id from awards.tranche "
                        + "where id = ?) and a.state = 'ACTIVE' and not exists (select 1 from awards.tranche t "
                        + "where t.award_id = a.id and t.state <> 'VALIDATED')")
                .param(trancheId)
                .update();
    }

    /** The programme of a tranche's award. */
    public long programmeOf(long trancheId) {
        return jdbc.sql(
                        "select a.programme_id from awards.tranche t join awards.award a on a.id = t.award_id where t.id = ?")
                .param(trancheId)
                .query(Long.class)
                .optional()
                .orElseThrow(() -> new Refused("awards.error.unknown"));
    }

    /** Why a payment's step was refused. */
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

    private static Award award(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Award(
                rs.getLong("id"),
                rs.getLong("dossier_id"),
                rs.getLong("programme_id"),
                rs.getString("programme_name"),
                rs.getString("reference"),
                rs.getLong("applicant_id"),
                rs.getString("beneficiary_name"),
                rs.getString("beneficiary_siret"),
                rs.getLong("amount_cents"),
                rs.getTimestamp("decided_at").toInstant(),
                rs.getString("letter_number"),
                AwardState.valueOf(rs.getString("state")),
                rs.getTimestamp("agreement_signed_at") == null
                        ? null
                        : rs.getTimestamp("agreement_signed_at").toInstant(),
                rs.getTimestamp("lapsed_at") == null
                        ? null
                        : rs.getTimestamp("lapsed_at").toInstant());
    }
}
