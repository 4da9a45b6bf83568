package fr.essor.juries;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import fr.essor.calls.Dossiers;
import fr.essor.calls.Programmes;
import fr.essor.calls.Staff;
import fr.essor.directory.Structure;
import fr.essor.directory.Structures;
import fr.essor.shared.InvalidInput;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The jury's decisions and their release. The president of a category records its prizes and mentions,
 * each with its motivation; the call's managers set the release instant (the ceremony). Until that
 * instant nothing of the decisions is public — neither the laureates' page nor the API says anything of
 * the category —, then they appear together.
 */
@Service
public class Laureates {

    private static final Logger SECURITY = LoggerFactory.getLogger("essor.security");
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    /** What a prize or mention is. */
    public enum Kind {
        PRIZE,
        MENTION
    }

    /** A laureate, as the public page and the API show it. */
    public record Laureate(
            int year,
            String programme,
            String category,
            String structureName,
            String siret,
            String projectTitle,
            String summary,
            Kind kind,
            String motivation) {}

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Juries juries;
    private final Staff staff;
    private final Dossiers dossiers;
    private final Programmes programmes;
    private final Structures structures;
    private final fr.essor.identity.Accounts accounts;
    private final fr.essor.notification.Notifications notifications;
    private final String publicUrl;

    Laureates(
            fr.essor.identity.Accounts accounts,
            fr.essor.notification.Notifications notifications,
            @org.springframework.beans.factory.annotation.Value("${essor.public-url}") String publicUrl,
            JdbcClient jdbc,
            Clock clock,
            Juries juries,
            Staff staff,
            Dossiers dossiers,
            Programmes programmes,
            Structures structures) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.juries = juries;
        this.staff = staff;
        this.dossiers = dossiers;
        this.programmes = programmes;
        this.structures = structures;
        this.accounts = accounts;
        this.notifications = notifications;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    /**
     * Tells the laureates of every category whose release instant has come, once: each category is taken by
     * one instance ({@code skip locked}) and marked as announced in the same transaction as its mails.
     * Returns how many mails were queued.
     */
    @org.springframework.scheduling.annotation.Scheduled(
            fixedDelayString = "${essor.juries.announce-poll:PT1M}",
            initialDelayString = "PT1M")
    @Transactional
    public int announce() {
        Instant now = clock.instant();
        List<Long> due = jdbc.sql("select id from juries.category where release_at is not null and release_at <= ? "
                        + "and announced_at is null for update skip locked")
                .param(Timestamp.from(now))
                .query(Long.class)
                .list();
        int sent = 0;
        for (long categoryId : due) {
            jdbc.sql("update juries.category set announced_at = ? where id = ?")
                    .params(Timestamp.from(now), categoryId)
                    .update();
            Juries.Category c = juries.category(categoryId).orElseThrow();
            String programme =
                    programmes.byId(c.programmeId()).map(p -> p.name()).orElse("");
            for (var e : decisions(categoryId).entrySet()) {
                Dossiers.Dossier d = dossiers.submitted(e.getKey()).orElse(null);
                if (d == null) {
                    continue;
                }
                String email = accounts.account(d.applicantId())
                        .map(fr.essor.identity.Accounts.Account::email)
                        .orElse(null);
                if (email == null) {
                    continue;
                }
                notifications.send(
                        email,
                        "juries-laureate",
                        java.util.Map.of(
                                "programme",
                                programme,
                                "category",
                                c.name(),
                                "distinction",
                                "PRIZE".equals(e.getValue()[0]) ? "le prix" : "une mention",
                                "motivation",
                                e.getValue()[1],
                                "url",
                                publicUrl + "/prix"));
                sent++;
            }
        }
        return sent;
    }

    /**
     * Records the jury's decision on a dossier of the category, as its president (or withdraws it with a
     * null kind), before the release.
     *
     * @throws Juries.Refused when the person does not preside, the dossier is not of the category, or the
     *     decisions are already public
     * @throws InvalidInput without a motivation
     */
    @Transactional
    public void decide(long categoryId, long presidentId, long dossierId, Kind kind, String motivation) {
        Juries.Category c = juries.category(categoryId).orElseThrow(() -> new Juries.Refused("juries.error.unknown"));
        if (!Objects.equals(c.presidentId(), presidentId)) {
            throw new Juries.Refused("juries.error.notPresident");
        }
        if (c.released(clock.instant())) {
            throw new Juries.Refused("juries.error.released");
        }
        if (juries.dossiersOf(c).stream().noneMatch(d -> d.id() == dossierId)) {
            throw new Juries.Refused("juries.error.unknown");
        }
        if (kind == null) {
            jdbc.sql("delete from juries.award where category_id = ? and dossier_id = ?")
                    .params(categoryId, dossierId)
                    .update();
            return;
        }
        String text = motivation == null ? "" : motivation.strip();
        if (text.isEmpty() || text.length() > 2000) {
            throw new InvalidInput("motivation", "juries.error.motivation");
        }
        jdbc.sql(
                        "insert into juries.award (category_id, dossier_id, kind, motivation, decided_by, decided_at) "
                                + "values (?, ?, ?, ?, ?, ?) on conflict (category_id, dossier_id) do update set kind = excluded.kind, "
                                + "motivation = excluded.motivation, decided_by = excluded.decided_by, decided_at = excluded.decided_at")
                .params(categoryId, dossierId, kind.name(), text, presidentId, Timestamp.from(clock.instant()))
                .update();
        SECURITY.info(
                "jury decision {} on dossier {} of category {} by account {}",
                kind,
                dossierId,
                categoryId,
                presidentId);
    }

    /** Sets the instant the category's decisions become public, as the call's manager. */
    @Transactional
    public void release(long categoryId, long managerId, boolean admin, Instant at) {
        Juries.Category c = juries.category(categoryId).orElseThrow(() -> new Juries.Refused("juries.error.unknown"));
        if (!staff.mayManage(managerId, admin, c.programmeId())) {
            throw new Juries.Refused("juries.error.notManager");
        }
        if (at == null) {
            throw new InvalidInput("releaseAt", "juries.error.release");
        }
        jdbc.sql("update juries.category set release_at = ? where id = ?")
                .params(Timestamp.from(at), categoryId)
                .update();
    }

    /** A category's decisions for its president and the managers, whatever the embargo: dossier → kind and motivation. */
    public java.util.Map<Long, String[]> decisions(long categoryId) {
        java.util.Map<Long, String[]> out = new java.util.HashMap<>();
        jdbc.sql("select dossier_id, kind, motivation from juries.award where category_id = ?")
                .param(categoryId)
                .query((rs, n) -> out.put(rs.getLong(1), new String[] {rs.getString(2), rs.getString(3)}))
                .list();
        return out;
    }

    /**
     * The public laureates: those of the categories released at this instant, the latest year first, then by
     * category, prizes before mentions.
     *
     * @param year a year, or null for all
     * @param category a category's name, or null for all
     */
    public List<Laureate> released(Integer year, String category) {
        Instant now = clock.instant();
        record Row(long categoryId, long dossierId, String kind, String motivation) {}
        List<Row> rows = jdbc.sql("""
                select a.category_id, a.dossier_id, a.kind, a.motivation from juries.award a
                join juries.category c on c.id = a.category_id
                where c.release_at is not null and c.release_at <= ?
                order by c.release_at desc, c.name, case a.kind when 'PRIZE' then 0 else 1 end, a.dossier_id""")
                .param(Timestamp.from(now))
                .query((rs, n) -> new Row(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4)))
                .list();
        List<Laureate> out = new ArrayList<>();
        for (Row r : rows) {
            Juries.Category c = juries.category(r.categoryId()).orElseThrow();
            int y = c.releaseAt().atZone(PARIS).getYear();
            if ((year != null && year != y) || (category != null && !category.equalsIgnoreCase(c.name()))) {
                continue;
            }
            Dossiers.Dossier d = dossiers.submitted(r.dossierId()).orElse(null);
            if (d == null) {
                continue;
            }
            Structure s = d.structureId() == null
                    ? null
                    : structures.find(d.structureId()).orElse(null);
            out.add(new Laureate(
                    y,
                    programmes.byId(c.programmeId()).map(p -> p.name()).orElse(""),
                    c.name(),
                    s == null ? "" : s.name(),
                    s == null ? null : s.siret().value(),
                    text(d, "titre"),
                    text(d, "resume"),
                    Kind.valueOf(r.kind()),
                    r.motivation()));
        }
        return out;
    }

    private static String text(Dossiers.Dossier d, String key) {
        return d.answers().get(key) instanceof String s ? s : "";
    }
}
