package fr.essor.directory;

import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import fr.essor.shared.FieldError;
import fr.essor.shared.InvalidInput;
import fr.essor.territory.Territories;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The directory's API: register and find ESS structures. */
@Service
public class Structures {

    private static final org.slf4j.Logger SECURITY = org.slf4j.LoggerFactory.getLogger("essor.security");

    private final JdbcClient jdbc;
    private final Territories territories;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    Structures(JdbcClient jdbc, Territories territories, Clock clock, ApplicationEventPublisher events) {
        this.events = events;
        this.jdbc = jdbc;
        this.territories = territories;
        this.clock = clock;
    }

    /** What a person types to register a structure. */
    public record Registration(
            String name, String siret, LegalFamily legalFamily, String communeCode, String website) {}

    /**
     * Registers a structure after checking every field: a name, a SIRET with a valid key and not yet
     * registered, a legal family, an existing commune, an http(s) website if any.
     *
     * @throws InvalidInput naming each rejected field; nothing is written then
     */
    // nothing is written when the input is refused: a caller's transaction stays usable
    @Transactional(noRollbackFor = InvalidInput.class)
    public Structure register(Registration r) {
        List<FieldError> errors = new ArrayList<>();
        String name = r.name() == null ? "" : r.name().strip();
        if (name.isEmpty() || name.length() > 200) {
            errors.add(new FieldError("name", "structure.error.name"));
        }
        Optional<Siret> siret = Siret.parse(r.siret());
        if (siret.isEmpty()) {
            errors.add(new FieldError("siret", "structure.error.siret"));
        }
        if (r.legalFamily() == null) {
            errors.add(new FieldError("legalFamily", "structure.error.legalFamily"));
        }
        var commune = territories.commune(r.communeCode());
        if (commune.isEmpty()) {
            errors.add(new FieldError("communeCode", "structure.error.commune"));
        }
        String website = r.website() == null || r.website().isBlank()
                ? null
                : r.website().strip();
        if (website != null && !isWebAddress(website)) {
            errors.add(new FieldError("website", "structure.error.website"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        // "on conflict do nothing" rather than a caught error: the caller's transaction stays usable
        Optional<Long> id = jdbc.sql("""
                insert into directory.structure (name, siret, siren, legal_family, commune_code, website, created_at)
                values (?, ?, ?, ?, ?, ?, ?) on conflict (siret) do nothing returning id""")
                .params(
                        name,
                        siret.get().value(),
                        siret.get().siren(),
                        r.legalFamily().name(),
                        commune.get().code(),
                        website,
                        clock.instant().atOffset(ZoneOffset.UTC))
                .query(Long.class)
                .optional();
        Structure structure = id.flatMap(this::find)
                .orElseThrow(() -> new InvalidInput(List.of(new FieldError("siret", "structure.error.siret.taken"))));
        events.publishEvent(new StructureRegistered(
                structure.id(), structure.name(), siret.get().value(), r.legalFamily(), structure.communeCode()));
        return structure;
    }

    // ---- verification

    /** A structure waiting for a moderator, with the claims on its SIRET still open. */
    public record ToVerify(
            Structure structure, String communeName, String departement, String region, List<Claim> claims) {}

    /** A second person's claim on a structure's SIRET. */
    public record Claim(long id, long structureId, long accountId, String message, java.time.Instant createdAt) {}

    /**
     * The structures a moderator of these territories has to look at: unverified ones, and verified
     * ones with an open claim, oldest first.
     *
     * @param moderates whether the moderator covers a (région, département)
     */
    public List<ToVerify> toVerify(java.util.function.BiPredicate<String, String> moderates) {
        return queue("""
                (s.verified_at is null
                   or exists (select 1 from directory.structure_claim c where c.structure_id = s.id and c.decided_at is null))""", moderates);
    }

    /**
     * The verified structures of these territories that no published vintage of the directory has
     * (SIRENE does not flag them as ESS) and that no moderator has yet confirmed as ESS, oldest first.
     */
    public List<ToVerify> toConfirmEss(java.util.function.BiPredicate<String, String> moderates) {
        return queue("""
                s.verified_at is not null and s.ess_confirmed_at is null
                and not exists (select 1 from directory.establishment e join directory.vintage v on v.id = e.vintage_id
                   where v.state = 'PUBLISHED' and e.siret = s.siret)""", moderates);
    }

    /**
     * A moderator confirms that a verified structure belongs to the ESS though SIRENE does not flag it:
     * it enters the directory's searches and maps.
     *
     * @return false when it was not verified, or already confirmed
     */
    public boolean confirmEss(long structureId, long moderatorId) {
        boolean done = jdbc.sql("update directory.structure set ess_confirmed_at = ?, ess_confirmed_by = ? "
                                + "where id = ? and verified_at is not null and ess_confirmed_at is null")
                        .params(clock.instant().atOffset(ZoneOffset.UTC), moderatorId, structureId)
                        .update()
                == 1;
        if (done) {
            SECURITY.info("structure {} confirmed as ESS by account {}", structureId, moderatorId);
        }
        return done;
    }

    private List<ToVerify> queue(String condition, java.util.function.BiPredicate<String, String> moderates) {
        // the territory is the commune's (territory module): read in batches, oldest first, until
        // the page is full, so that other territories' structures never hide this moderator's
        List<ToVerify> result = new ArrayList<>();
        long afterId = 0;
        while (result.size() < QUEUE_PAGE) {
            List<Structure> batch = jdbc.sql("select * from directory.structure s where s.id > ? and " + condition
                            + " order by s.id limit 500")
                    .param(afterId)
                    .query(Structures::row)
                    .list();
            if (batch.isEmpty()) {
                break;
            }
            afterId = batch.getLast().id();
            List<Structure> mine = new ArrayList<>();
            for (Structure s : batch) {
                var commune = territories.commune(s.communeCode());
                if (moderates.test(
                        commune.map(c -> c.region()).orElse(null),
                        commune.map(c -> c.departement()).orElse(null))) {
                    mine.add(s);
                }
            }
            java.util.Map<Long, List<Claim>> claims =
                    openClaims(mine.stream().map(Structure::id).toList());
            for (Structure s : mine) {
                if (result.size() == QUEUE_PAGE) {
                    break;
                }
                var commune = territories.commune(s.communeCode());
                result.add(new ToVerify(
                        s,
                        commune.map(c -> c.name()).orElse(s.communeCode()),
                        commune.map(c -> c.departement()).orElse(null),
                        commune.map(c -> c.region()).orElse(null),
                        claims.getOrDefault(s.id(), List.of())));
            }
        }
        return result;
    }

    /** How many structures the moderators' queue shows at once, oldest first. */
    static final int QUEUE_PAGE = 200;

    /** Whether a moderator of these territories may decide about this structure. */
    public boolean inTerritory(Structure s, java.util.function.BiPredicate<String, String> moderates) {
        var commune = territories.commune(s.communeCode());
        return commune.isPresent()
                && moderates.test(commune.get().region(), commune.get().departement());
    }

    /**
     * A moderator confirms that the structure is who it says (its SIRET, name and address match the
     * public registry). Publishes {@link StructureVerified}.
     *
     * @return false when it was already verified
     */
    @Transactional
    public boolean verify(long structureId, long moderatorId) {
        boolean done = jdbc.sql(
                                "update directory.structure set verified_at = ?, verified_by = ? where id = ? and verified_at is null")
                        .params(clock.instant().atOffset(ZoneOffset.UTC), moderatorId, structureId)
                        .update()
                == 1;
        if (done) {
            SECURITY.info("structure {} verified by account {}", structureId, moderatorId);
            events.publishEvent(new StructureVerified(structureId, moderatorId));
        }
        return done;
    }

    /**
     * A second person says the SIRET of a registered structure is theirs: a claim the moderators of
     * its territory decide (the first registrant does not learn who claims). One open claim per person.
     *
     * @throws InvalidInput on an empty or too long message
     */
    @Transactional(noRollbackFor = InvalidInput.class)
    public void claim(long structureId, long accountId, String message) {
        String text = message == null ? "" : message.strip();
        if (text.isEmpty() || text.length() > 2000) {
            throw new InvalidInput("message", "structure.claim.error.message");
        }
        int filed = jdbc.sql("""
                insert into directory.structure_claim (structure_id, account_id, message, created_at)
                values (?, ?, ?, ?) on conflict (structure_id, account_id) where decided_at is null do nothing""")
                .params(structureId, accountId, text, clock.instant().atOffset(ZoneOffset.UTC))
                .update();
        if (filed == 1) {
            SECURITY.info("claim on structure {} by account {}", structureId, accountId);
        }
    }

    /**
     * A moderator decides a claim. Accepted, the claimant becomes a member of the structure — and its
     * owner, when {@code owner} (the first registrant had no right to it).
     *
     * @return the claim decided, or empty when it was not open
     */
    @Transactional
    public Optional<Claim> decide(long claimId, boolean accepted, long moderatorId) {
        Optional<Claim> claim = jdbc.sql("""
                update directory.structure_claim set decided_at = ?, decided_by = ?, accepted = ?
                where id = ? and decided_at is null
                returning id, structure_id, account_id, message, created_at""")
                .params(clock.instant().atOffset(ZoneOffset.UTC), moderatorId, accepted, claimId)
                .query(Structures::claim)
                .optional();
        claim.ifPresent(c -> SECURITY.info(
                "claim {} on structure {} {} by account {}",
                c.id(),
                c.structureId(),
                accepted ? "accepted" : "refused",
                moderatorId));
        return claim;
    }

    public Optional<Claim> findClaim(long claimId) {
        return jdbc.sql("""
                select id, structure_id, account_id, message, created_at from directory.structure_claim
                where id = ? and decided_at is null""").param(claimId).query(Structures::claim).optional();
    }

    /** The open claims on these structures, oldest first, by structure. */
    private java.util.Map<Long, List<Claim>> openClaims(List<Long> structureIds) {
        if (structureIds.isEmpty()) {
            return java.util.Map.of();
        }
        return jdbc.sql("""
                select id, structure_id, account_id, message, created_at from directory.structure_claim
                where structure_id = any(?) and decided_at is null order by created_at""").param(structureIds.toArray(Long[]::new)).query(Structures::claim).list().stream()
                .collect(java.util.stream.Collectors.groupingBy(
                        Claim::structureId, java.util.LinkedHashMap::new, java.util.stream.Collectors.toList()));
    }

    private static Claim claim(ResultSet rs, int n) throws SQLException {
        return new Claim(
                rs.getLong(1),
                rs.getLong(2),
                rs.getLong(3),
                rs.getString(4),
                rs.getObject(5, OffsetDateTime.class).toInstant());
    }

    /** The structures of these ids, by name. */
    public List<Structure> all(java.util.Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select * from directory.structure where id = any(?) order by name")
                .param(ids.toArray(Long[]::new))
                .query(Structures::row)
                .list();
    }

    public Optional<Structure> find(long id) {
        return jdbc.sql("select * from directory.structure where id = ?")
                .param(id)
                .query(Structures::row)
                .optional();
    }

    public Optional<Structure> bySiret(String siret) {
        return Siret.parse(siret)
                .flatMap(s -> jdbc.sql("select * from directory.structure where siret = ?")
                        .param(s.value())
                        .query(Structures::row)
                        .optional());
    }

    private static boolean isWebAddress(String url) {
        try {
            URI uri = URI.create(url);
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
                    && uri.getHost() != null
                    && url.length() <= 500;
        } catch (IllegalArgumentException ex) {
            return false;
        }
    }

    private static Structure row(ResultSet rs, int n) throws SQLException {
        return new Structure(
                rs.getLong("id"),
                rs.getString("name"),
                new Siret(rs.getString("siret")),
                LegalFamily.valueOf(rs.getString("legal_family")),
                rs.getString("commune_code"),
                rs.getString("website"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                java.util.Optional.ofNullable(rs.getObject("verified_at", OffsetDateTime.class))
                        .map(OffsetDateTime::toInstant)
                        .orElse(null));
    }
}
