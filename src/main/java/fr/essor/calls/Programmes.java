package fr.essor.calls;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import fr.essor.shared.FieldError;
import fr.essor.shared.InvalidInput;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The programmes (calls for applications) and their forms: created with every problem reported at once,
 * listed for the public pages and the API.
 */
@Service("callProgrammes")
public class Programmes {

    private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final String COLUMNS = "id, slug, name, kind, owner, summary, description, who_can_apply, "
            + "cap_cents, opens_at, closes_at, documents, retention_months, four_eyes, demo";

    /** What a programme manager writes to create a programme. */
    public record Draft(
            String slug,
            String name,
            ProgrammeKind kind,
            String owner,
            String summary,
            String description,
            String whoCanApply,
            Long capCents,
            Instant opensAt,
            Instant closesAt,
            List<String> documents,
            int retentionMonths,
            boolean fourEyes,
            boolean demo) {}

    /** A version of a programme's form. */
    public record VersionedForm(int version, Form form) {}

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;

    Programmes(JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Creates a programme with the first version of its form.
     *
     * @return its id
     * @throws InvalidInput naming each rejected field (the form's by their path); nothing is written then
     */
    @Transactional
    public long create(Draft draft, Form form) {
        List<FieldError> errors = new ArrayList<>(problems(draft));
        errors.addAll(form.problems());
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        Optional<Long> id = jdbc.sql(
                        "insert into calls.programme (slug, name, kind, owner, summary, description, "
                                + "who_can_apply, cap_cents, opens_at, closes_at, documents, retention_months, four_eyes, demo) "
                                + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (slug) do nothing returning id")
                .params(
                        draft.slug(),
                        draft.name().strip(),
                        draft.kind().name(),
                        draft.owner().strip(),
                        draft.summary().strip(),
                        draft.description().strip(),
                        draft.whoCanApply().strip(),
                        draft.capCents(),
                        // calls open and close at a minute
                        java.sql.Timestamp.from(draft.opensAt().truncatedTo(ChronoUnit.MINUTES)),
                        java.sql.Timestamp.from(draft.closesAt().truncatedTo(ChronoUnit.MINUTES)),
                        draft.documents().toArray(String[]::new),
                        draft.retentionMonths(),
                        draft.fourEyes(),
                        draft.demo())
                .query(Long.class)
                .optional();
        if (id.isEmpty()) {
            throw new InvalidInput("slug", "calls.programme.error.slugTaken");
        }
        jdbc.sql("insert into calls.form_version (programme_id, version, definition) values (?, 1, ?::jsonb)")
                .params(id.get(), json.writeValueAsString(form))
                .update();
        return id.get();
    }

    /**
     * Changes a programme's description, amounts, dates, documents, retention and four-eyes rule (its slug,
     * kind and demonstration flag stay). Dossiers already submitted keep what they were submitted under;
     * a new closing instant applies to the drafts at once.
     *
     * @throws InvalidInput naming each rejected field; nothing is written then
     */
    @Transactional
    public void update(long programmeId, Draft draft) {
        Programme current = byId(programmeId).orElseThrow();
        Draft d = new Draft(
                current.slug(),
                draft.name(),
                current.kind(),
                draft.owner(),
                draft.summary(),
                draft.description(),
                draft.whoCanApply(),
                draft.capCents(),
                draft.opensAt(),
                draft.closesAt(),
                draft.documents(),
                draft.retentionMonths(),
                draft.fourEyes(),
                current.demo());
        List<FieldError> errors = problems(d);
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        jdbc.sql("update calls.programme set name = ?, owner = ?, summary = ?, description = ?, who_can_apply = ?, "
                        + "cap_cents = ?, opens_at = ?, closes_at = ?, documents = ?, retention_months = ?, four_eyes = ? "
                        + "where id = ?")
                .params(
                        d.name().strip(),
                        d.owner().strip(),
                        d.summary().strip(),
                        d.description().strip(),
                        d.whoCanApply().strip(),
                        d.capCents(),
                        java.sql.Timestamp.from(d.opensAt().truncatedTo(ChronoUnit.MINUTES)),
                        java.sql.Timestamp.from(d.closesAt().truncatedTo(ChronoUnit.MINUTES)),
                        d.documents().toArray(String[]::new),
                        d.retentionMonths(),
                        d.fourEyes(),
                        programmeId)
                .update();
    }

    /**
     * Writes a new version of a programme's form: the dossiers started from now on use it, those started
     * before keep theirs.
     *
     * @return the new version's number
     * @throws InvalidInput naming each problem of the form by its path
     */
    @Transactional
    public int newVersion(long programmeId, Form form) {
        List<FieldError> errors = form.problems();
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        // one version at a time per programme
        jdbc.sql("select id from calls.programme where id = ? for update")
                .param(programmeId)
                .query(Long.class)
                .single();
        int version = currentForm(programmeId).version() + 1;
        jdbc.sql("insert into calls.form_version (programme_id, version, definition) values (?, ?, ?::jsonb)")
                .params(programmeId, version, json.writeValueAsString(form))
                .update();
        return version;
    }

    private static List<FieldError> problems(Draft d) {
        List<FieldError> errors = new ArrayList<>();
        if (d.slug() == null
                || d.slug().length() > 80
                || !SLUG.matcher(d.slug()).matches()) {
            errors.add(new FieldError("slug", "calls.programme.error.slug"));
        }
        if (outOfLength(d.name(), 1, 200)) {
            errors.add(new FieldError("name", "calls.programme.error.name"));
        }
        if (d.kind() == null) {
            errors.add(new FieldError("kind", "calls.programme.error.kind"));
        }
        if (outOfLength(d.owner(), 1, 200)) {
            errors.add(new FieldError("owner", "calls.programme.error.owner"));
        }
        if (outOfLength(d.summary(), 1, 500)) {
            errors.add(new FieldError("summary", "calls.programme.error.summary"));
        }
        if (outOfLength(d.description(), 0, 10_000)) {
            errors.add(new FieldError("description", "calls.programme.error.description"));
        }
        if (outOfLength(d.whoCanApply(), 0, 5_000)) {
            errors.add(new FieldError("whoCanApply", "calls.programme.error.whoCanApply"));
        }
        if (d.capCents() != null && d.capCents() <= 0) {
            errors.add(new FieldError("cap", "calls.programme.error.cap"));
        }
        if (d.opensAt() == null || d.closesAt() == null || !d.closesAt().isAfter(d.opensAt())) {
            errors.add(new FieldError("closesAt", "calls.programme.error.dates"));
        }
        if (d.documents() == null
                || d.documents().size() > 30
                || d.documents().stream().anyMatch(doc -> outOfLength(doc, 1, 200))) {
            errors.add(new FieldError("documents", "calls.programme.error.documents"));
        }
        if (d.retentionMonths() < 1 || d.retentionMonths() > 600) {
            errors.add(new FieldError("retentionMonths", "calls.programme.error.retention"));
        }
        return errors;
    }

    private static boolean outOfLength(String s, int min, int max) {
        return s == null || s.strip().length() < min || s.strip().length() > max;
    }

    /** The SIRET of who awards the programme's aids, when set (the open data's « idAttribuant »). */
    public Optional<String> ownerSiret(long programmeId) {
        return jdbc.sql("select owner_siret from calls.programme where id = ?")
                .param(programmeId)
                .query(String.class)
                .optional()
                .flatMap(Optional::ofNullable);
    }

    /**
     * Sets (or clears, with a blank) the SIRET of who awards the programme's aids.
     *
     * @throws InvalidInput for a text that is not a SIRET with a valid key
     */
    @Transactional
    public void ownerSiret(long programmeId, String siret) {
        String digits = siret == null ? "" : siret.replaceAll("\\s", "");
        if (!digits.isEmpty() && fr.essor.directory.Siret.parse(digits).isEmpty()) {
            throw new InvalidInput("ownerSiret", "calls.programme.error.ownerSiret");
        }
        jdbc.sql("update calls.programme set owner_siret = ? where id = ?")
                .params(digits.isEmpty() ? null : digits, programmeId)
                .update();
    }

    /** Every programme: the open ones first (closing soonest first), then the upcoming, then the closed. */
    public List<Programme> all() {
        Instant now = clock.instant();
        List<Programme> list = new ArrayList<>(jdbc.sql("select " + COLUMNS + " from calls.programme")
                .query(Programmes::programme)
                .list());
        list.sort(java.util.Comparator.comparing((Programme p) -> p.state(now))
                // the open closing soonest, the upcoming opening soonest, the closed closed most recently
                .thenComparingLong(p -> switch (p.state(now)) {
                    case OPEN -> p.closesAt().getEpochSecond();
                    case UPCOMING -> p.opensAt().getEpochSecond();
                    case CLOSED -> -p.closesAt().getEpochSecond();
                })
                .thenComparing(Programme::name));
        return list;
    }

    public Optional<Programme> bySlug(String slug) {
        if (slug == null || slug.length() > 80 || !SLUG.matcher(slug).matches()) {
            return Optional.empty();
        }
        return jdbc.sql("select " + COLUMNS + " from calls.programme where slug = ?")
                .param(slug)
                .query(Programmes::programme)
                .optional();
    }

    public Optional<Programme> byId(long id) {
        return jdbc.sql("select " + COLUMNS + " from calls.programme where id = ?")
                .param(id)
                .query(Programmes::programme)
                .optional();
    }

    /** A version of a programme's form. */
    public Form form(long programmeId, int version) {
        return versions.get(
                new FormKey(programmeId, version),
                k -> jdbc.sql("select definition::text from calls.form_version where programme_id = ? and version = ?")
                        .params(k.programmeId(), k.version())
                        .query((rs, n) -> json.readValue(rs.getString(1), Form.class))
                        .single());
    }

    private record FormKey(long programmeId, int version) {}

    /** A form's version never changes once written: read once per instance. */
    private final com.github.benmanes.caffeine.cache.Cache<FormKey, Form> versions =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder()
                    .maximumSize(1_000)
                    .build();

    /** The current (latest) version of a programme's form. */
    public VersionedForm currentForm(long programmeId) {
        return jdbc.sql("select version, definition::text from calls.form_version where programme_id = ? "
                        + "order by version desc limit 1")
                .param(programmeId)
                .query((rs, n) -> new VersionedForm(rs.getInt(1), json.readValue(rs.getString(2), Form.class)))
                .single();
    }

    /** Whether any programme exists (the demonstration data load only into an empty module). */
    boolean any() {
        return jdbc.sql("select exists (select 1 from calls.programme)")
                .query(Boolean.class)
                .single();
    }

    private static Programme programme(ResultSet rs, int n) throws SQLException {
        Array documents = rs.getArray("documents");
        long cap = rs.getLong("cap_cents");
        Long capCents = rs.wasNull() ? null : cap;
        return new Programme(
                rs.getLong("id"),
                rs.getString("slug"),
                rs.getString("name"),
                ProgrammeKind.valueOf(rs.getString("kind")),
                rs.getString("owner"),
                rs.getString("summary"),
                rs.getString("description"),
                rs.getString("who_can_apply"),
                capCents,
                rs.getTimestamp("opens_at").toInstant(),
                rs.getTimestamp("closes_at").toInstant(),
                Arrays.asList((String[]) documents.getArray()),
                rs.getInt("retention_months"),
                rs.getBoolean("four_eyes"),
                rs.getBoolean("demo"));
    }
}
