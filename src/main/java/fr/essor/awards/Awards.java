package fr.essor.awards;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import fr.essor.calls.AidAccepted;
import fr.essor.calls.DossierFlow.Role;
import fr.essor.calls.Staff;
import fr.essor.shared.InvalidInput;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
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
            String letterNumber) {}

    /** Where a payment stands. */
    public enum State {
        PLANNED,
        REQUESTED,
        CHECKED,
        VALIDATED
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
            Instant validatedAt) {}

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Staff staff;
    private final int advancePercent;

    Awards(JdbcClient jdbc, Clock clock, Staff staff, @Value("${essor.awards.advance-percent:30}") int advancePercent) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.staff = staff;
        this.advancePercent = advancePercent;
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
                    beneficiary_name, beneficiary_siret, amount_cents, decided_at, letter_number, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (dossier_id) do nothing returning id""")
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
                        Timestamp.from(clock.instant()))
                .query(Long.class)
                .optional();
        if (id.isEmpty()) {
            return;
        }
        long advance = event.amountCents() * advancePercent / 100;
        long balance = event.amountCents() - advance;
        if (advance > 0) {
            tranche(id.get(), 1, "Avance (" + advancePercent + " %)", advance, "Signature de la convention");
        }
        tranche(id.get(), 2, "Solde", balance, "Compte rendu final et justificatifs des dépenses");
    }

    private void tranche(long awardId, int position, String label, long cents, String milestone) {
        jdbc.sql(
                        "insert into awards.tranche (award_id, position, label, amount_cents, milestone) values (?, ?, ?, ?, ?)")
                .params(awardId, position, label, cents, milestone)
                .update();
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

    public List<Tranche> schedule(long awardId) {
        return jdbc.sql("select * from awards.tranche where award_id = ? order by position")
                .param(awardId)
                .query((rs, n) -> new Tranche(
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
                                : rs.getTimestamp("validated_at").toInstant()))
                .list();
    }

    /**
     * The beneficiary requests a payment, with its evidence (what was done, the report).
     *
     * @throws Refused when the award is not theirs, or the tranche is not planned
     */
    @Transactional
    public void request(long trancheId, long applicantId, String evidence) {
        String text = evidence == null ? "" : evidence.strip();
        if (text.isEmpty() || text.length() > 5000) {
            throw new InvalidInput("evidence", "awards.error.evidence");
        }
        int updated = jdbc.sql(
                        "update awards.tranche t set state = 'REQUESTED', evidence = ?, requested_at = ? "
                                + "from awards.award a where t.id = ? and a.id = t.award_id and a.applicant_id = ? and t.state = 'PLANNED'")
                .params(text, Timestamp.from(clock.instant()), trancheId, applicantId)
                .update();
        if (updated == 0) {
            throw new Refused("awards.error.request");
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
                rs.getString("letter_number"));
    }
}
