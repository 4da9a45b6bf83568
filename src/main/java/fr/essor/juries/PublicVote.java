package fr.essor.juries;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import fr.essor.calls.Dossiers;
import fr.essor.calls.Programmes;
import fr.essor.calls.Staff;
import fr.essor.notification.Notifications;
import fr.essor.shared.EmailAddresses;
import fr.essor.shared.InvalidInput;
import fr.essor.shared.Tokens;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ClassPathResource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The public vote (« prix du public ») of a category: anyone votes for a dossier of the category with an
 * address, which receives a link; the vote counts once the link is opened (double opt-in), and one vote
 * per address counts per category — a unique index on the confirmed votes decides between two
 * confirmations racing, so that each valid vote counts exactly once. Throwaway domains are refused; the
 * votes are counted per client address (rate limit) and their mails per recipient. The excluded votes
 * keep their reason and, with the counts, are published once the decisions are. The vote's weight in the
 * final result is fixed before the vote opens.
 */
@Service
public class PublicVote {

    /** What the vote says of a category. */
    public record Settings(BigDecimal weight, Instant opensAt, Instant closesAt) {}

    /** The published log: counted votes per dossier, excluded votes by reason. */
    public record Log(Map<Long, Long> counted, Map<String, Long> excluded) {}

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Juries juries;
    private final Staff staff;
    private final Programmes programmes;
    private final Notifications notifications;
    private final String publicUrl;
    private final Set<String> disposable;

    PublicVote(
            JdbcClient jdbc,
            Clock clock,
            Juries juries,
            Staff staff,
            Programmes programmes,
            Notifications notifications,
            @Value("${essor.public-url}") String publicUrl) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.juries = juries;
        this.staff = staff;
        this.programmes = programmes;
        this.notifications = notifications;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        try (InputStream in = new ClassPathResource("juries/disposable-domains.txt").getInputStream()) {
            this.disposable = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .collect(Collectors.toUnmodifiableSet());
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Opens a category to the public's vote, as the call's manager: its weight in the final result (from 0
     * to 1) and its dates, fixed once it has opened.
     */
    @Transactional
    public void configure(
            long categoryId, long managerId, boolean admin, BigDecimal weight, Instant opensAt, Instant closesAt) {
        Juries.Category c = juries.category(categoryId).orElseThrow(() -> new Juries.Refused("juries.error.unknown"));
        if (!staff.mayManage(managerId, admin, c.programmeId())) {
            throw new Juries.Refused("juries.error.notManager");
        }
        Optional<Settings> current = settings(categoryId);
        if (current.isPresent() && !clock.instant().isBefore(current.get().opensAt())) {
            throw new InvalidInput("weight", "juries.vote.error.opened");
        }
        if (weight == null || weight.signum() < 0 || weight.compareTo(BigDecimal.ONE) > 0) {
            throw new InvalidInput("weight", "juries.vote.error.weight");
        }
        if (opensAt == null || closesAt == null || !closesAt.isAfter(opensAt)) {
            throw new InvalidInput("closesAt", "juries.vote.error.dates");
        }
        jdbc.sql("update juries.category set vote_weight = ?, vote_opens_at = ?, vote_closes_at = ? where id = ?")
                .params(weight, Timestamp.from(opensAt), Timestamp.from(closesAt), categoryId)
                .update();
    }

    public Optional<Settings> settings(long categoryId) {
        return jdbc.sql("select vote_weight, vote_opens_at, vote_closes_at from juries.category where id = ? "
                        + "and vote_weight is not null")
                .param(categoryId)
                .query((rs, n) -> new Settings(
                        rs.getBigDecimal(1),
                        rs.getTimestamp(2).toInstant(),
                        rs.getTimestamp(3).toInstant()))
                .optional();
    }

    /** Whether the category takes votes at this instant. */
    public boolean open(long categoryId) {
        Instant now = clock.instant();
        return settings(categoryId)
                .map(s -> !now.isBefore(s.opensAt()) && now.isBefore(s.closesAt()))
                .orElse(false);
    }

    /**
     * Asks a vote for a dossier of the category: a link is mailed to the address. Says nothing of whether
     * the address already voted (the confirmation will). A throwaway domain's vote is kept as excluded.
     *
     * @throws InvalidInput for a malformed address, a dossier not of the category, or a closed vote
     */
    @Transactional(noRollbackFor = InvalidInput.class)
    public void ask(long categoryId, long dossierId, String email) {
        if (!open(categoryId)) {
            throw new InvalidInput("vote", "juries.vote.error.closed");
        }
        String address = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        if (address.length() > 254 || !EmailAddresses.valid(address)) {
            throw new InvalidInput("email", "juries.vote.error.email");
        }
        Juries.Category c = juries.category(categoryId).orElseThrow();
        Dossiers.Dossier d = juries.dossiersOf(c).stream()
                .filter(x -> x.id() == dossierId)
                .findFirst()
                .orElseThrow(() -> new InvalidInput("dossier", "juries.vote.error.dossier"));
        String domain = address.substring(address.lastIndexOf('@') + 1);
        String token = Tokens.random();
        boolean throwaway = disposable.contains(domain);
        jdbc.sql(
                        "insert into juries.vote (category_id, dossier_id, email, token_hash, asked_at, excluded) values (?, ?, ?, ?, ?, ?)")
                .params(
                        categoryId,
                        dossierId,
                        address,
                        Tokens.hash(token),
                        Timestamp.from(clock.instant()),
                        throwaway ? "DISPOSABLE" : null)
                .update();
        if (throwaway) {
            throw new InvalidInput("email", "juries.vote.error.disposable");
        }
        notifications.send(
                address,
                "juries-vote",
                Map.of(
                        "category",
                        c.name(),
                        "programme",
                        programmes.byId(c.programmeId()).map(p -> p.name()).orElse(""),
                        "project",
                        d.answers().get("titre") instanceof String t ? t : d.reference(),
                        "baseUrl",
                        publicUrl,
                        "token",
                        token));
    }

    /** What confirming a vote gave. */
    public enum Confirmation {
        COUNTED,
        ALREADY_VOTED,
        CLOSED,
        UNKNOWN
    }

    /**
     * Confirms a vote from its link: it counts unless the address already has a counted vote in the
     * category (then it is kept as excluded) or the vote has closed. Safe against any number of confirmations
     * at once: the unique index on counted votes admits one per address.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public Confirmation confirm(String token) {
        if (!Tokens.plausible(token)) {
            return Confirmation.UNKNOWN;
        }
        record Pending(long id, long categoryId) {}
        Optional<Pending> vote = jdbc.sql("select id, category_id from juries.vote where token_hash = ? "
                        + "and confirmed_at is null and excluded is null")
                .param(Tokens.hash(token))
                .query((rs, n) -> new Pending(rs.getLong(1), rs.getLong(2)))
                .optional();
        if (vote.isEmpty()) {
            return Confirmation.UNKNOWN;
        }
        if (!open(vote.get().categoryId())) {
            jdbc.sql(
                            "update juries.vote set excluded = 'CLOSED' where id = ? and confirmed_at is null and excluded is null")
                    .param(vote.get().id())
                    .update();
            return Confirmation.CLOSED;
        }
        // the unique index decides between racing confirmations of the same address
        int counted = jdbc.sql("""
                update juries.vote v set confirmed_at = ?
                where v.id = ? and v.confirmed_at is null and v.excluded is null
                  and not exists (select 1 from juries.vote o where o.category_id = v.category_id
                                  and o.email = v.email and o.confirmed_at is not null)""")
                .params(Timestamp.from(clock.instant()), vote.get().id())
                .update();
        if (counted == 1) {
            return Confirmation.COUNTED;
        }
        jdbc.sql(
                        "update juries.vote set excluded = 'ALREADY_VOTED' where id = ? and confirmed_at is null and excluded is null")
                .param(vote.get().id())
                .update();
        return Confirmation.ALREADY_VOTED;
    }

    /**
     * {@link #confirm}, retried once when a racing confirmation of the same address committed between the
     * check and the update (the unique index refused this one).
     */
    public Confirmation confirmOnce(String token) {
        try {
            return self().confirm(token);
        } catch (DuplicateKeyException race) {
            return self().confirm(token);
        }
    }

    /** The counted votes per dossier and the excluded ones by reason. */
    public Log log(long categoryId) {
        Map<Long, Long> counted = new LinkedHashMap<>();
        jdbc.sql("select dossier_id, count(*) from juries.vote where category_id = ? and confirmed_at is not null "
                        + "group by dossier_id order by count(*) desc, dossier_id")
                .param(categoryId)
                .query((rs, n) -> counted.put(rs.getLong(1), rs.getLong(2)))
                .list();
        Map<String, Long> excluded = new LinkedHashMap<>();
        jdbc.sql(
                        "select excluded, count(*) from juries.vote where category_id = ? and excluded is not null group by excluded order by excluded")
                .param(categoryId)
                .query((rs, n) -> excluded.put(rs.getString(1), rs.getLong(2)))
                .list();
        return new Log(counted, excluded);
    }

    /**
     * The final result of each dossier: (1 − weight) × the jury's mean brought to 0–1 by the grid's
     * scale + weight × the dossier's share of the counted votes; the jury's mean alone without a vote.
     */
    public Map<Long, BigDecimal> finalResults(long categoryId) {
        List<Juries.Ranked> ranking = juries.ranking(categoryId);
        List<Juries.Criterion> grid = juries.criteria(categoryId);
        int min = grid.stream().mapToInt(Juries.Criterion::min).min().orElse(0);
        int max = grid.stream().mapToInt(Juries.Criterion::max).max().orElse(1);
        BigDecimal weight = settings(categoryId).map(Settings::weight).orElse(BigDecimal.ZERO);
        Map<Long, Long> votes = log(categoryId).counted();
        long total = votes.values().stream().mapToLong(Long::longValue).sum();
        Map<Long, BigDecimal> out = new LinkedHashMap<>();
        for (Juries.Ranked r : ranking) {
            BigDecimal jury = r.mean() == null
                    ? BigDecimal.ZERO
                    : r.mean()
                            .subtract(BigDecimal.valueOf(min))
                            .divide(BigDecimal.valueOf(max - min), 6, java.math.RoundingMode.HALF_UP);
            BigDecimal share = total == 0
                    ? BigDecimal.ZERO
                    : BigDecimal.valueOf(votes.getOrDefault(r.dossierId(), 0L))
                            .divide(BigDecimal.valueOf(total), 6, java.math.RoundingMode.HALF_UP);
            out.put(
                    r.dossierId(),
                    BigDecimal.ONE
                            .subtract(weight)
                            .multiply(jury)
                            .add(weight.multiply(share))
                            .setScale(4, java.math.RoundingMode.HALF_UP));
        }
        return out;
    }

    // the transactional proxy, for a confirmation retried in a transaction of its own
    private PublicVote self;

    @org.springframework.beans.factory.annotation.Autowired
    void self(@org.springframework.context.annotation.Lazy PublicVote self) {
        this.self = self;
    }

    private PublicVote self() {
        return self;
    }
}
