package fr.essor.juries;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import fr.essor.calls.Dossiers;
import fr.essor.calls.Programmes;
import fr.essor.identity.Accounts;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * The minutes (procès-verbal) of a category's deliberation, as a PDF written from the recorded data only:
 * the call, the category, the jurors and the president, the grid, the withdrawals for conflicts of
 * interest, the ranking and the decisions with their motivation. Its dates are the data's (the latest
 * decision), its document identifier is drawn from its content: the same data gives the same bytes.
 */
@Service
public class Minutes {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final DateTimeFormatter WHEN = fr.essor.shared.FrenchDates.ofPattern("d MMMM yyyy 'à' H 'h' mm");

    private final Juries juries;
    private final Laureates laureates;
    private final Programmes programmes;
    private final Dossiers dossiers;
    private final Accounts accounts;
    private final ITemplateEngine templates;
    private final JdbcClient jdbc;
    private final PublicVote publicVote;

    Minutes(
            Juries juries,
            Laureates laureates,
            Programmes programmes,
            Dossiers dossiers,
            Accounts accounts,
            ITemplateEngine templates,
            JdbcClient jdbc,
            PublicVote publicVote) {
        this.publicVote = publicVote;
        this.juries = juries;
        this.laureates = laureates;
        this.programmes = programmes;
        this.dossiers = dossiers;
        this.accounts = accounts;
        this.templates = templates;
        this.jdbc = jdbc;
    }

    /** A line of the minutes' conflicts. */
    public record Withdrawal(String reference, String juror, String kind, String reason) {}

    /** A line of the minutes' ranking, with the jury's decision. */
    public record Line(
            int rank, String reference, String mean, String spread, int reviews, String decision, String motivation) {}

    /** A line of the public vote's part: the votes counted for a dossier and its final result. */
    public record VoteLine(String reference, long votes, String result) {}

    /** The minutes of a category as a PDF. */
    public byte[] pdf(long categoryId) {
        Juries.Category c = juries.category(categoryId).orElseThrow();
        Map<Long, String[]> decisions = laureates.decisions(categoryId);
        List<Line> lines = new ArrayList<>();
        for (Juries.Ranked r : juries.ranking(categoryId)) {
            String[] d = decisions.get(r.dossierId());
            lines.add(new Line(
                    r.rank(),
                    r.reference(),
                    r.mean() == null ? "—" : r.mean().toPlainString().replace('.', ','),
                    r.spread() == null ? "—" : r.spread().toPlainString().replace('.', ','),
                    r.reviews(),
                    d == null ? "" : ("PRIZE".equals(d[0]) ? "Prix" : "Mention"),
                    d == null ? "" : d[1]));
        }
        List<Withdrawal> withdrawals = juries.conflicts(categoryId).stream()
                .map(k -> new Withdrawal(
                        dossiers.submitted(k.dossierId())
                                .map(Dossiers.Dossier::reference)
                                .orElse("—"),
                        name(k.accountId()),
                        "DECLARED".equals(k.kind()) ? "déclaré" : "détecté",
                        k.reason()))
                .toList();
        // before any decision, the minutes are dated by the scoring's opening
        Instant last = jdbc.sql("select max(decided_at) from juries.award where category_id = ?")
                .param(categoryId)
                .query((rs, n) ->
                        java.util.Optional.ofNullable(rs.getTimestamp(1)).map(java.sql.Timestamp::toInstant))
                .single()
                .orElse(null);
        Instant dated = last != null ? last : c.scoringOpenedAt() != null ? c.scoringOpenedAt() : Instant.EPOCH;
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put(
                "programme", programmes.byId(c.programmeId()).map(p -> p.name()).orElse(""));
        variables.put("category", c);
        variables.put(
                "jurors", juries.jurors(categoryId).stream().map(this::name).toList());
        variables.put("president", c.presidentId() == null ? "—" : name(c.presidentId()));
        variables.put("criteria", juries.criteria(categoryId));
        variables.put("withdrawals", withdrawals);
        variables.put("lines", lines);
        variables.put("dated", WHEN.format(dated.atZone(PARIS)));
        variables.put(
                "released",
                c.releaseAt() == null ? null : WHEN.format(c.releaseAt().atZone(PARIS)));
        // the public vote, where there was one: its weight, the votes counted, the final result
        publicVote.settings(categoryId).ifPresent(vote -> {
            PublicVote.Log log = publicVote.log(categoryId);
            Map<Long, java.math.BigDecimal> results = publicVote.finalResults(categoryId);
            List<VoteLine> voteLines = new ArrayList<>();
            for (Juries.Ranked r : juries.ranking(categoryId)) {
                voteLines.add(new VoteLine(
                        r.reference(),
                        log.counted().getOrDefault(r.dossierId(), 0L),
                        results.get(r.dossierId()) == null
                                ? "—"
                                : results.get(r.dossierId()).toPlainString().replace('.', ',')));
            }
            variables.put(
                    "voteWeight",
                    vote.weight().stripTrailingZeros().toPlainString().replace('.', ','));
            variables.put("voteLines", voteLines);
            variables.put(
                    "voteExcluded",
                    log.excluded().values().stream().mapToLong(Long::longValue).sum());
        });
        Context context = new Context(Locale.FRANCE);
        context.setVariables(variables);
        String html = templates.process("juries/minutes-pdf", context);
        return fr.essor.shared.DeterministicPdf.render(html, dated);
    }

    private String name(long accountId) {
        return accounts.account(accountId).map(Accounts.Account::displayName).orElse("—");
    }
}
