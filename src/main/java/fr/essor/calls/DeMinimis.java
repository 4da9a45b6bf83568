package fr.essor.calls;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The de minimis total of a beneficiary: the aids accepted for its SIREN over the last three years
 * (Commission Regulation (EU) 2023/2831 counts any period of three years; the ceiling, 300,000 € there, is
 * {@code essor.calls.de-minimis-ceiling-euros}), shown beside a decision with a warning when the decision
 * would take it above the ceiling.
 */
@Service
public class DeMinimis {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    /**
     * A beneficiary's total.
     *
     * @param acceptedCents the aids accepted for this SIREN over the three years, this dossier aside
     * @param withThisCents the same with this dossier's amount (decided, proposed, else asked for)
     */
    public record Total(String siren, long acceptedCents, long withThisCents, long ceilingCents) {

        public boolean above() {
            return withThisCents > ceilingCents;
        }
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Instruction instruction;
    private final long ceilingCents;

    DeMinimis(
            JdbcClient jdbc,
            Clock clock,
            Instruction instruction,
            @Value("${essor.calls.de-minimis-ceiling-euros:300000}") long ceilingEuros) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.instruction = instruction;
        this.ceilingCents = ceilingEuros * 100;
    }

    /** The total for a dossier of an aid with a known beneficiary; empty otherwise. */
    public Optional<Total> of(Dossiers.Dossier d, Programme programme) {
        if (programme.kind() != ProgrammeKind.AID) {
            return Optional.empty();
        }
        String siren = jdbc.sql("select beneficiary_siren from calls.dossier where id = ?")
                .param(d.id())
                .query(String.class)
                .optional()
                .orElse(null);
        if (siren == null) {
            return Optional.empty();
        }
        Timestamp since =
                Timestamp.from(clock.instant().atZone(PARIS).minusYears(3).toInstant());
        long accepted = jdbc.sql("select coalesce(sum(d.decision_cents), 0) from calls.dossier d "
                        + "join calls.programme p on p.id = d.programme_id "
                        + "where d.beneficiary_siren = ? and d.state = 'ACCEPTED' and p.kind = 'AID' "
                        + "and d.decided_at > ? and d.id <> ?")
                .params(siren, since, d.id())
                .query(Long.class)
                .single();
        Long own = d.decisionCents() != null ? d.decisionCents() : instruction.requestedCents(d);
        return Optional.of(new Total(siren, accepted, accepted + (own == null ? 0 : own), ceilingCents));
    }
}
