package fr.essor.juries;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import fr.essor.calls.Dossiers;
import fr.essor.calls.Staff;
import fr.essor.directory.Structure;
import fr.essor.directory.Structures;
import fr.essor.identity.Memberships;
import fr.essor.shared.InvalidInput;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A call's juries. A category gathers the dossiers whose answer « categorie » is its value, a grid of
 * weighted criteria (frozen when scoring opens), its jurors and its president. Opening the scoring detects
 * the conflicts of interest (a juror who is a member of the applicant structure, or of a structure with
 * the same SIREN) and assigns each dossier to {@code reviews_per_dossier} jurors without conflict, spread
 * evenly. A juror may declare a conflict: their assignment and scores on that dossier go, another juror
 * takes their place when one is free. A conflicted juror can neither open, score nor see the scores of
 * that dossier. The ranking is the weighted mean of each juror's weighted score, with its spread and the
 * number of reviews; ties are broken by more reviews, then a smaller spread, then the earlier submission.
 */
@Service
public class Juries {

    private static final Logger SECURITY = LoggerFactory.getLogger("essor.security");
    static final String CATEGORY_KEY = "categorie";

    /** A category of a call's jury. */
    public record Category(
            long id,
            long programmeId,
            String name,
            String answerValue,
            int reviewsPerDossier,
            Long presidentId,
            Instant scoringOpenedAt,
            List<String> hiddenKeys,
            Instant releaseAt) {

        public boolean open() {
            return scoringOpenedAt != null;
        }

        /** Whether its decisions are public at this instant. */
        public boolean released(Instant now) {
            return releaseAt != null && !now.isBefore(releaseAt);
        }
    }

    /** A criterion of a category's grid. */
    public record Criterion(long id, String label, BigDecimal weight, int min, int max) {}

    /** A conflict of interest. */
    public record Conflict(long dossierId, long accountId, String kind, String reason, Instant at) {}

    /** A line of the ranking. */
    public record Ranked(int rank, long dossierId, String reference, BigDecimal mean, BigDecimal spread, int reviews) {}

    /** Why a juror may not see a dossier. */
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

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Staff staff;
    private final Dossiers dossiers;
    private final Structures structures;
    private final Memberships memberships;

    Juries(
            JdbcClient jdbc,
            Clock clock,
            Staff staff,
            Dossiers dossiers,
            Structures structures,
            Memberships memberships) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.staff = staff;
        this.dossiers = dossiers;
        this.structures = structures;
        this.memberships = memberships;
    }

    // ---------------------------------------------------------------- setting up (the call's managers)

    /**
     * Adds a category to a call's jury.
     *
     * @param answerValue the answer « categorie » of its dossiers, or null for all the call's dossiers
     */
    @Transactional
    public long createCategory(
            long programmeId, long managerId, boolean admin, String name, String answerValue, int reviews) {
        manages(programmeId, managerId, admin);
        String label = name == null ? "" : name.strip();
        if (label.isEmpty() || label.length() > 120) {
            throw new InvalidInput("name", "juries.error.name");
        }
        if (reviews < 1 || reviews > 20) {
            throw new InvalidInput("reviews", "juries.error.reviews");
        }
        return jdbc.sql("insert into juries.category (programme_id, name, answer_value, reviews_per_dossier) "
                        + "values (?, ?, ?, ?) returning id")
                .params(
                        programmeId,
                        label,
                        answerValue == null || answerValue.isBlank() ? null : answerValue.strip(),
                        reviews)
                .query(Long.class)
                .single();
    }

    /** Adds a criterion to a category's grid, while the scoring is not open. */
    @Transactional
    public long addCriterion(
            long categoryId, long managerId, boolean admin, String label, BigDecimal weight, int min, int max) {
        Category c = managed(categoryId, managerId, admin);
        if (c.open()) {
            throw new InvalidInput("grid", "juries.error.frozen");
        }
        if (label == null || label.isBlank() || label.length() > 200) {
            throw new InvalidInput("label", "juries.error.label");
        }
        if (weight == null || weight.signum() <= 0 || weight.compareTo(BigDecimal.valueOf(100)) > 0 || min >= max) {
            throw new InvalidInput("weight", "juries.error.criterion");
        }
        return jdbc.sql("insert into juries.criterion (category_id, label, weight, scale_min, scale_max, position) "
                        + "select ?, ?, ?, ?, ?, coalesce(max(position), 0) + 1 from juries.criterion where category_id = ? "
                        + "returning id")
                .params(categoryId, label.strip(), weight, min, max, categoryId)
                .query(Long.class)
                .single();
    }

    /** Puts a person in a category's jury (the president too when {@code president}). */
    @Transactional
    public void addJuror(long categoryId, long managerId, boolean admin, long accountId, boolean president) {
        managed(categoryId, managerId, admin);
        jdbc.sql("insert into juries.juror (category_id, account_id) values (?, ?) on conflict do nothing")
                .params(categoryId, accountId)
                .update();
        if (president) {
            jdbc.sql("update juries.category set president_id = ? where id = ?")
                    .params(accountId, categoryId)
                    .update();
        }
        SECURITY.info("account {} put in jury category {} by account {}", accountId, categoryId, managerId);
    }

    /**
     * Opens the scoring of a category: freezes its grid, detects the conflicts and assigns the dossiers.
     *
     * @throws InvalidInput without criteria, or with fewer jurors than the reviews each dossier needs
     */
    @Transactional
    public void openScoring(long categoryId, long managerId, boolean admin) {
        Category c = managed(categoryId, managerId, admin);
        if (c.open()) {
            return;
        }
        if (criteria(categoryId).isEmpty()) {
            throw new InvalidInput("grid", "juries.error.noCriterion");
        }
        List<Long> jurors = jurors(categoryId);
        if (jurors.size() < c.reviewsPerDossier()) {
            throw new InvalidInput("jurors", "juries.error.fewJurors");
        }
        Instant now = clock.instant();
        jdbc.sql("update juries.category set scoring_opened_at = ? where id = ?")
                .params(Timestamp.from(now), categoryId)
                .update();
        // the SIRENs each juror acts for
        Map<Long, Set<String>> sirens = new HashMap<>();
        for (long juror : jurors) {
            Set<String> of = new HashSet<>();
            structures
                    .all(memberships.structuresOf(juror))
                    .forEach(s -> of.add(s.siret().siren()));
            sirens.put(juror, of);
        }
        Map<Long, Integer> load = new HashMap<>();
        jurors.forEach(j -> load.put(j, 0));
        for (Dossiers.Dossier d : dossiersOf(c)) {
            String siren = d.structureId() == null
                    ? null
                    : structures
                            .find(d.structureId())
                            .map(Structure::siret)
                            .map(s -> s.siren())
                            .orElse(null);
            List<Long> free = new ArrayList<>();
            for (long juror : jurors) {
                if (siren != null && sirens.get(juror).contains(siren)) {
                    conflict(
                            categoryId,
                            d.id(),
                            juror,
                            "DETECTED",
                            "membre d’une structure du même SIREN (" + siren + ")",
                            now);
                } else {
                    free.add(juror);
                }
            }
            free.sort(Comparator.comparingInt((Long j) -> load.get(j)).thenComparingLong(j -> j));
            for (long juror : free.subList(0, Math.min(c.reviewsPerDossier(), free.size()))) {
                assign(categoryId, d.id(), juror);
                load.merge(juror, 1, Integer::sum);
            }
        }
        SECURITY.info("scoring of jury category {} opened by account {}", categoryId, managerId);
    }

    // ---------------------------------------------------------------- the jurors

    /** The dossiers a juror has to score in a category, by their id. */
    public List<Long> assigned(long categoryId, long jurorId) {
        return jdbc.sql(
                        "select dossier_id from juries.assignment where category_id = ? and account_id = ? order by dossier_id")
                .params(categoryId, jurorId)
                .query(Long.class)
                .list();
    }

    /**
     * A dossier for a juror of its category, to read and score.
     *
     * @throws Refused when the person is not a juror of the category, the dossier is not of it, or they are in
     *     conflict on it
     */
    public Dossiers.Dossier open(long categoryId, long dossierId, long jurorId) {
        Category c = category(categoryId).orElseThrow(() -> new Refused("juries.error.unknown"));
        if (!jurors(categoryId).contains(jurorId)) {
            throw new Refused("juries.error.notJuror");
        }
        if (conflicted(categoryId, dossierId, jurorId)) {
            throw new Refused("juries.error.conflict");
        }
        return dossiersOf(c).stream()
                .filter(d -> d.id() == dossierId)
                .findFirst()
                .orElseThrow(() -> new Refused("juries.error.unknown"));
    }

    /**
     * A juror declares a conflict of interest on a dossier: their assignment and scores on it go, and the
     * least loaded juror free of conflict on it takes the place, if any.
     */
    @Transactional
    public void declareConflict(long categoryId, long dossierId, long jurorId, String reason) {
        open(categoryId, dossierId, jurorId);
        String text = reason == null ? "" : reason.strip();
        if (text.isEmpty() || text.length() > 1000) {
            throw new InvalidInput("reason", "juries.error.reason");
        }
        conflict(categoryId, dossierId, jurorId, "DECLARED", text, clock.instant());
        boolean wasAssigned =
                jdbc.sql("delete from juries.assignment where category_id = ? and dossier_id = ? and account_id = ?")
                                .params(categoryId, dossierId, jurorId)
                                .update()
                        == 1;
        jdbc.sql("delete from juries.score where category_id = ? and dossier_id = ? and account_id = ?")
                .params(categoryId, dossierId, jurorId)
                .update();
        if (wasAssigned) {
            List<Long> replacement = jdbc.sql("""
                    select j.account_id from juries.juror j
                    where j.category_id = ?
                      and not exists (select 1 from juries.assignment a where a.category_id = j.category_id
                                      and a.dossier_id = ? and a.account_id = j.account_id)
                      and not exists (select 1 from juries.conflict k where k.category_id = j.category_id
                                      and k.dossier_id = ? and k.account_id = j.account_id)
                    order by (select count(*) from juries.assignment a where a.category_id = j.category_id
                              and a.account_id = j.account_id), j.account_id
                    limit 1""")
                    .params(categoryId, dossierId, dossierId)
                    .query(Long.class)
                    .list();
            replacement.forEach(r -> assign(categoryId, dossierId, r));
        }
        SECURITY.info(
                "account {} declared a conflict on dossier {} in jury category {}", jurorId, dossierId, categoryId);
    }

    /**
     * Records a juror's scores of an assigned dossier, one per criterion of the grid.
     *
     * @throws InvalidInput for a criterion missing or out of its scale, or a score at an extreme without its comment
     * @throws Refused as {@link #open}, or when the dossier is not assigned to them or the scoring is not open
     */
    @Transactional
    public void score(
            long categoryId, long dossierId, long jurorId, Map<Long, Integer> values, Map<Long, String> comments) {
        open(categoryId, dossierId, jurorId);
        Category c = category(categoryId).orElseThrow();
        if (!c.open() || !assigned(categoryId, jurorId).contains(dossierId)) {
            throw new Refused("juries.error.notAssigned");
        }
        Instant now = clock.instant();
        List<Criterion> grid = criteria(categoryId);
        for (Criterion k : grid) {
            Integer v = values.get(k.id());
            if (v == null || v < k.min() || v > k.max()) {
                throw new InvalidInput("score." + k.id(), "juries.error.scale");
            }
            String comment = comments.getOrDefault(k.id(), "");
            comment = comment == null ? "" : comment.strip();
            if ((v == k.min() || v == k.max()) && comment.isEmpty()) {
                throw new InvalidInput("comment." + k.id(), "juries.error.extremeComment");
            }
        }
        for (Criterion k : grid) {
            String comment = comments.getOrDefault(k.id(), "");
            jdbc.sql("insert into juries.score (category_id, dossier_id, account_id, criterion_id, value, comment, at) "
                            + "values (?, ?, ?, ?, ?, ?, ?) on conflict (dossier_id, account_id, criterion_id) do update "
                            + "set value = excluded.value, comment = excluded.comment, at = excluded.at")
                    .params(
                            categoryId,
                            dossierId,
                            jurorId,
                            k.id(),
                            values.get(k.id()),
                            comment == null || comment.isBlank() ? null : comment.strip(),
                            Timestamp.from(now))
                    .update();
        }
    }

    // ---------------------------------------------------------------- the ranking

    /**
     * The ranking of a category: for each dossier, each of its jurors' weighted score (Σ weight × score ÷
     * Σ weight), their mean (2 decimals, half up), their spread (highest minus lowest) and how many there
     * are; the highest mean first, ties broken by more reviews, then a smaller spread, then the earlier
     * submission. The scores of a conflicted juror never count.
     */
    public List<Ranked> ranking(long categoryId) {
        return ranking(categoryId, false);
    }

    /**
     * The ranking, its scores optionally <em>normalised for each juror's severity</em>: each juror's weighted
     * scores in the category become their distance to that juror's own mean in units of that juror's spread
     * (z-scores, population standard deviation; 0 for a juror with a single score or the same score
     * everywhere), so that a harsh juror and a lenient one weigh alike; the rest as {@link #ranking(long)}.
     */
    public List<Ranked> ranking(long categoryId, boolean normalised) {
        Category c = category(categoryId).orElseThrow();
        Map<Long, Criterion> grid = new LinkedHashMap<>();
        criteria(categoryId).forEach(k -> grid.put(k.id(), k));
        record Row(long dossier, long juror, long criterion, int value) {}
        List<Row> rows = jdbc.sql("""
                select s.dossier_id, s.account_id, s.criterion_id, s.value from juries.score s
                where s.category_id = ? and not exists (select 1 from juries.conflict k where k.category_id = s.category_id
                      and k.dossier_id = s.dossier_id and k.account_id = s.account_id)""")
                .param(categoryId)
                .query((rs, n) -> new Row(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getInt(4)))
                .list();
        Map<Long, Map<Long, BigDecimal[]>> sums = new HashMap<>(); // dossier → juror → [Σ w·s, Σ w]
        for (Row r : rows) {
            Criterion k = grid.get(r.criterion());
            if (k == null) {
                continue;
            }
            BigDecimal[] acc = sums.computeIfAbsent(r.dossier(), x -> new HashMap<>())
                    .computeIfAbsent(r.juror(), x -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
            acc[0] = acc[0].add(k.weight().multiply(BigDecimal.valueOf(r.value())));
            acc[1] = acc[1].add(k.weight());
        }
        // dossier → juror → the juror's weighted score of it
        Map<Long, Map<Long, BigDecimal>> scores = new HashMap<>();
        sums.forEach((dossier, byJuror) -> byJuror.forEach((juror, acc) -> {
            if (acc[1].signum() > 0) {
                scores.computeIfAbsent(dossier, x -> new HashMap<>())
                        .put(juror, acc[0].divide(acc[1], 10, RoundingMode.HALF_UP));
            }
        }));
        if (normalised) {
            Map<Long, List<BigDecimal>> byJuror = new HashMap<>();
            scores.values()
                    .forEach(m -> m.forEach((j, v) ->
                            byJuror.computeIfAbsent(j, x -> new ArrayList<>()).add(v)));
            Map<Long, BigDecimal[]> meanAndDeviation = new HashMap<>();
            byJuror.forEach((j, values) -> {
                double mean = values.stream()
                        .mapToDouble(BigDecimal::doubleValue)
                        .average()
                        .orElse(0);
                double variance = values.stream()
                        .mapToDouble(v -> Math.pow(v.doubleValue() - mean, 2))
                        .average()
                        .orElse(0);
                meanAndDeviation.put(
                        j, new BigDecimal[] {BigDecimal.valueOf(mean), BigDecimal.valueOf(Math.sqrt(variance))});
            });
            scores.values()
                    .forEach(m -> m.replaceAll((j, v) -> {
                        BigDecimal[] md = meanAndDeviation.get(j);
                        return md[1].compareTo(new BigDecimal("1e-9")) < 0
                                ? BigDecimal.ZERO
                                : v.subtract(md[0]).divide(md[1], 10, RoundingMode.HALF_UP);
                    }));
        }
        record Line(Dossiers.Dossier dossier, BigDecimal mean, BigDecimal spread, int reviews) {}
        List<Line> lines = new ArrayList<>();
        for (Dossiers.Dossier d : dossiersOf(c)) {
            List<BigDecimal> weighted =
                    List.copyOf(scores.getOrDefault(d.id(), Map.of()).values());
            if (weighted.isEmpty()) {
                lines.add(new Line(d, null, null, 0));
                continue;
            }
            BigDecimal total = weighted.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal mean = total.divide(BigDecimal.valueOf(weighted.size()), 2, RoundingMode.HALF_UP);
            BigDecimal spread = weighted.stream()
                    .max(Comparator.naturalOrder())
                    .orElseThrow()
                    .subtract(weighted.stream().min(Comparator.naturalOrder()).orElseThrow())
                    .setScale(2, RoundingMode.HALF_UP);
            lines.add(new Line(d, mean, spread, weighted.size()));
        }
        lines.sort(Comparator.comparing((Line l) -> l.mean() == null ? BigDecimal.valueOf(-1_000_000) : l.mean())
                .reversed()
                .thenComparing(Comparator.comparingInt(Line::reviews).reversed())
                .thenComparing(l -> l.spread() == null ? BigDecimal.valueOf(Long.MAX_VALUE) : l.spread())
                .thenComparing(l -> l.dossier().submittedAt()));
        List<Ranked> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Line l = lines.get(i);
            out.add(new Ranked(i + 1, l.dossier().id(), l.dossier().reference(), l.mean(), l.spread(), l.reviews()));
        }
        return out;
    }

    // ---------------------------------------------------------------- reading

    public Optional<Category> category(long categoryId) {
        return jdbc.sql(
                        "select id, programme_id, name, answer_value, reviews_per_dossier, president_id, scoring_opened_at, "
                                + "hidden_keys, release_at from juries.category where id = ?")
                .param(categoryId)
                .query((rs, n) -> new Category(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getInt(5),
                        rs.getObject(6, Long.class),
                        rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toInstant(),
                        List.of((String[]) rs.getArray(8).getArray()),
                        rs.getTimestamp(9) == null ? null : rs.getTimestamp(9).toInstant()))
                .optional();
    }

    /**
     * Makes a category's review blind: these answers (by key) are hidden from its jurors wherever they read
     * its dossiers. Set before the scoring opens.
     */
    @Transactional
    public void hide(long categoryId, long managerId, boolean admin, List<String> keys) {
        Category c = managed(categoryId, managerId, admin);
        if (c.open()) {
            throw new InvalidInput("hidden", "juries.error.frozen");
        }
        jdbc.sql("update juries.category set hidden_keys = ? where id = ?")
                .params(
                        keys.stream()
                                .filter(k -> k != null && !k.isBlank())
                                .distinct()
                                .toArray(String[]::new),
                        categoryId)
                .update();
    }

    /**
     * A dossier's answers as a juror of the category may read them: those the blind review hides taken out.
     * The same checks as {@link #open}.
     */
    public Map<String, Object> answersFor(long categoryId, long dossierId, long jurorId) {
        Dossiers.Dossier d = open(categoryId, dossierId, jurorId);
        Category c = category(categoryId).orElseThrow();
        Map<String, Object> answers = new LinkedHashMap<>(d.answers());
        c.hiddenKeys().forEach(answers::remove);
        return answers;
    }

    /** The categories of a call's jury, in their order of creation. */
    public List<Category> categoriesOf(long programmeId) {
        return jdbc
                .sql("select id from juries.category where programme_id = ? order by id")
                .param(programmeId)
                .query(Long.class)
                .list()
                .stream()
                .map(id -> category(id).orElseThrow())
                .toList();
    }

    /** Whether a person sits on any jury. */
    public boolean sitsOnAJury(long accountId) {
        return jdbc.sql("select exists (select 1 from juries.juror where account_id = ?)")
                .param(accountId)
                .query(Boolean.class)
                .single();
    }

    /** The categories a person sits on as a juror. */
    public List<Category> categoriesOfJuror(long accountId) {
        return jdbc
                .sql("select category_id from juries.juror where account_id = ? order by category_id")
                .param(accountId)
                .query(Long.class)
                .list()
                .stream()
                .map(id -> category(id).orElseThrow())
                .toList();
    }

    /** The dossiers a juror has scored in a category. */
    public Set<Long> scoredBy(long categoryId, long jurorId) {
        return Set.copyOf(
                jdbc.sql("select distinct dossier_id from juries.score where category_id = ? and account_id = ?")
                        .params(categoryId, jurorId)
                        .query(Long.class)
                        .list());
    }

    /** A juror's own scores of a dossier, by criterion (value, comment). */
    public Map<Long, String[]> scoresOf(long categoryId, long dossierId, long jurorId) {
        Map<Long, String[]> out = new HashMap<>();
        jdbc.sql(
                        "select criterion_id, value, comment from juries.score where category_id = ? and dossier_id = ? and account_id = ?")
                .params(categoryId, dossierId, jurorId)
                .query((rs, n) -> out.put(rs.getLong(1), new String[] {String.valueOf(rs.getInt(2)), rs.getString(3)}))
                .list();
        return out;
    }

    public List<Criterion> criteria(long categoryId) {
        return jdbc.sql(
                        "select id, label, weight, scale_min, scale_max from juries.criterion where category_id = ? order by position, id")
                .param(categoryId)
                .query((rs, n) ->
                        new Criterion(rs.getLong(1), rs.getString(2), rs.getBigDecimal(3), rs.getInt(4), rs.getInt(5)))
                .list();
    }

    public List<Long> jurors(long categoryId) {
        return jdbc.sql("select account_id from juries.juror where category_id = ? order by account_id")
                .param(categoryId)
                .query(Long.class)
                .list();
    }

    public List<Conflict> conflicts(long categoryId) {
        return jdbc.sql(
                        "select dossier_id, account_id, kind, reason, at from juries.conflict where category_id = ? order by at, dossier_id")
                .param(categoryId)
                .query((rs, n) -> new Conflict(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getTimestamp(5).toInstant()))
                .list();
    }

    /** The dossiers of a category: the call's submitted dossiers whose « categorie » answer is its value. */
    public List<Dossiers.Dossier> dossiersOf(Category c) {
        return dossiers.submittedDossiers(c.programmeId()).stream()
                .filter(d -> c.answerValue() == null
                        || Objects.equals(c.answerValue(), d.answers().get(CATEGORY_KEY)))
                .toList();
    }

    private boolean conflicted(long categoryId, long dossierId, long jurorId) {
        return jdbc.sql(
                        "select exists (select 1 from juries.conflict where category_id = ? and dossier_id = ? and account_id = ?)")
                .params(categoryId, dossierId, jurorId)
                .query(Boolean.class)
                .single();
    }

    private void conflict(long categoryId, long dossierId, long jurorId, String kind, String reason, Instant at) {
        jdbc.sql(
                        "insert into juries.conflict (category_id, dossier_id, account_id, kind, reason, at) values (?, ?, ?, ?, ?, ?) "
                                + "on conflict do nothing")
                .params(categoryId, dossierId, jurorId, kind, reason, Timestamp.from(at))
                .update();
    }

    private void assign(long categoryId, long dossierId, long jurorId) {
        jdbc.sql(
                        "insert into juries.assignment (category_id, dossier_id, account_id) values (?, ?, ?) on conflict do nothing")
                .params(categoryId, dossierId, jurorId)
                .update();
    }

    private Category managed(long categoryId, long managerId, boolean admin) {
        Category c = category(categoryId).orElseThrow(() -> new Refused("juries.error.unknown"));
        manages(c.programmeId(), managerId, admin);
        return c;
    }

    private void manages(long programmeId, long managerId, boolean admin) {
        if (!staff.mayManage(managerId, admin, programmeId)) {
            throw new Refused("juries.error.notManager");
        }
    }
}
