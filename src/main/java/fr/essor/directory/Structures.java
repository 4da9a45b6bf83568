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
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
