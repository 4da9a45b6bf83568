package fr.essor.directory;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import fr.essor.shared.EmailAddresses;
import fr.essor.shared.FieldError;
import fr.essor.shared.ImageUploads;
import fr.essor.shared.InvalidInput;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The profiles that the members of verified structures write: a description, links and contacts,
 * keywords, a logo and photos. Every change is kept with who made it and when; the SIRENE facts are
 * not part of it and stay read-only. A profile is shown only while its structure is verified.
 */
@Service
public class Profiles {

    public static final int MAX_DESCRIPTION = 2000;
    public static final int MAX_URL = 300;
    public static final int MAX_SOCIAL = 5;
    public static final int MAX_KEYWORDS = 10;
    public static final int MAX_KEYWORD = 40;
    public static final int MAX_PHOTOS = 6;
    public static final int MAX_ALT = 200;
    static final int LOGO_WIDTH = 400;
    static final int PHOTO_WIDTH = 1200;
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9 .()-]{6,20}");
    private static final int HISTORY_TEXT = 500;

    /** A profile as shown. */
    public record Profile(
            long structureId,
            String description,
            String website,
            String email,
            String phone,
            List<String> social,
            List<String> keywords,
            UUID logoId,
            List<Photo> photos,
            Instant updatedAt) {

        public static Profile empty(long structureId) {
            return new Profile(structureId, null, null, null, null, List.of(), List.of(), null, List.of(), null);
        }

        public boolean blank() {
            return description == null
                    && website == null
                    && email == null
                    && phone == null
                    && social.isEmpty()
                    && keywords.isEmpty()
                    && logoId == null
                    && photos.isEmpty();
        }
    }

    /** A photo of a profile, with its text alternative. */
    public record Photo(UUID id, String alt) {}

    /** What a member sends to change the profile's texts. */
    public record Edit(String description, String website, String email, String phone, String social, String keywords) {

        /** The form of a profile as it is. */
        public static Edit of(Profile p) {
            return new Edit(
                    p.description(),
                    p.website(),
                    p.email(),
                    p.phone(),
                    String.join("\n", p.social()),
                    String.join(", ", p.keywords()));
        }
    }

    /** One change of a profile. */
    public record Change(Instant at, long accountId, String field, String before, String after) {}

    /** A stored image. */
    public record Image(byte[] content) {}

    private final JdbcClient jdbc;
    private final Clock clock;
    /** Raised at every change made here, so that searches read the profiles again. */
    private final java.util.concurrent.atomic.AtomicLong version = new java.util.concurrent.atomic.AtomicLong();

    /** The version of the profiles on this instance. */
    long version() {
        return version.get();
    }

    /** The last change seen in the database, by any instance. */
    private final java.util.concurrent.atomic.AtomicLong lastChange = new java.util.concurrent.atomic.AtomicLong(-1);

    /**
     * Raises the version when another instance has changed a profile: what searches keep of the profiles
     * is read again within two seconds everywhere.
     */
    @org.springframework.scheduling.annotation.Scheduled(fixedDelayString = "PT2S", initialDelayString = "PT2S")
    void followOtherInstances() {
        long last = jdbc.sql("select coalesce(max(id), 0) from directory.profile_change")
                .query(Long.class)
                .single();
        if (lastChange.getAndSet(last) != last) {
            version.incrementAndGet();
        }
    }

    Profiles(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The profile of a structure (empty fields when none was written). */
    public Profile of(long structureId) {
        List<Photo> photos = jdbc.sql("select id, alt from directory.profile_image where structure_id = ? "
                        + "and kind = 'PHOTO' order by created_at, id")
                .param(structureId)
                .query((rs, n) -> new Photo(rs.getObject(1, UUID.class), rs.getString(2)))
                .list();
        return jdbc.sql("select description, website, email, phone, social, keywords, logo_id, updated_at "
                        + "from directory.profile where structure_id = ?")
                .param(structureId)
                .query((rs, n) -> new Profile(
                        structureId,
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        List.of((String[]) rs.getArray(5).getArray()),
                        List.of((String[]) rs.getArray(6).getArray()),
                        rs.getObject(7, UUID.class),
                        photos,
                        rs.getObject(8, java.time.OffsetDateTime.class).toInstant()))
                .optional()
                .orElseGet(() ->
                        new Profile(structureId, null, null, null, null, List.of(), List.of(), null, photos, null));
    }

    /**
     * Replaces the profile's texts after checking each of them, and records what changed.
     *
     * @throws InvalidInput naming every refused field; nothing is written then
     */
    @Transactional
    public Profile update(long structureId, long accountId, Edit edit) {
        List<FieldError> errors = new ArrayList<>();
        String description = text(edit.description(), MAX_DESCRIPTION, "description", errors);
        String website = url(edit.website(), "website", errors);
        String email = blankToNull(edit.email());
        if (email != null && !EmailAddresses.valid(email)) {
            errors.add(new FieldError("email", "profile.error.email"));
        }
        String phone = blankToNull(edit.phone());
        if (phone != null && !PHONE.matcher(phone).matches()) {
            errors.add(new FieldError("phone", "profile.error.phone"));
        }
        List<String> social = new ArrayList<>();
        for (String line : lines(edit.social())) {
            String link = url(line, "social", errors);
            if (link != null && !social.contains(link)) {
                social.add(link);
            }
        }
        if (social.size() > MAX_SOCIAL) {
            errors.add(new FieldError("social", "profile.error.social.count"));
        }
        LinkedHashSet<String> keywords = new LinkedHashSet<>();
        for (String k : (edit.keywords() == null ? "" : edit.keywords()).split("[,;\\n]")) {
            String keyword = k.strip().replaceAll("\\s+", " ");
            if (keyword.isEmpty()) {
                continue;
            }
            if (keyword.length() > MAX_KEYWORD || keyword.chars().anyMatch(Character::isISOControl)) {
                errors.add(new FieldError("keywords", "profile.error.keyword"));
                break;
            }
            keywords.add(keyword);
        }
        if (keywords.size() > MAX_KEYWORDS) {
            errors.add(new FieldError("keywords", "profile.error.keywords.count"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors.stream().distinct().toList());
        }
        Profile before = of(structureId);
        Map<String, String[]> changes = new LinkedHashMap<>();
        compare(changes, "description", before.description(), description);
        compare(changes, "website", before.website(), website);
        compare(changes, "email", before.email(), email);
        compare(changes, "phone", before.phone(), phone);
        compare(changes, "social", String.join("\n", before.social()), String.join("\n", social));
        compare(changes, "keywords", String.join(", ", before.keywords()), String.join(", ", keywords));
        if (changes.isEmpty()) {
            return before;
        }
        Instant now = clock.instant();
        jdbc.sql("insert into directory.profile (structure_id, description, website, email, phone, social, keywords, "
                        + "updated_at, updated_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (structure_id) do update "
                        + "set description = excluded.description, website = excluded.website, email = excluded.email, "
                        + "phone = excluded.phone, social = excluded.social, keywords = excluded.keywords, "
                        + "updated_at = excluded.updated_at, updated_by = excluded.updated_by")
                .params(
                        structureId,
                        description,
                        website,
                        email,
                        phone,
                        social.toArray(String[]::new),
                        keywords.toArray(String[]::new),
                        now.atOffset(ZoneOffset.UTC),
                        accountId)
                .update();
        changes.forEach((field, values) -> record(structureId, accountId, now, field, values[0], values[1]));
        return of(structureId);
    }

    /** Replaces the logo by an upload, checked by its content and re-encoded. */
    @Transactional
    public void setLogo(long structureId, long accountId, byte[] upload) {
        ImageUploads.Reencoded image = ImageUploads.reencode(upload, LOGO_WIDTH, "logo");
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        insertImage(id, structureId, "LOGO", image, null, now);
        ensureRow(structureId, accountId, now);
        UUID old = jdbc.sql("select logo_id from directory.profile where structure_id = ?")
                .param(structureId)
                .query(UUID.class)
                .optional()
                .orElse(null);
        jdbc.sql("update directory.profile set logo_id = ?, updated_at = ?, updated_by = ? where structure_id = ?")
                .params(id, now.atOffset(ZoneOffset.UTC), accountId, structureId)
                .update();
        if (old != null) {
            jdbc.sql("delete from directory.profile_image where id = ?")
                    .param(old)
                    .update();
        }
        record(structureId, accountId, now, "logo", old == null ? null : old.toString(), id.toString());
    }

    /** Adds a photo with its text alternative (required). */
    @Transactional
    public UUID addPhoto(long structureId, long accountId, byte[] upload, String alt) {
        String text = blankToNull(alt);
        if (text == null || text.length() > MAX_ALT) {
            throw new InvalidInput("alt", "profile.error.alt");
        }
        Long count = jdbc.sql("select count(*) from directory.profile_image where structure_id = ? and kind = 'PHOTO'")
                .param(structureId)
                .query(Long.class)
                .single();
        if (count >= MAX_PHOTOS) {
            throw new InvalidInput("photo", "profile.error.photos.count");
        }
        ImageUploads.Reencoded image = ImageUploads.reencode(upload, PHOTO_WIDTH, "photo");
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        insertImage(id, structureId, "PHOTO", image, text, now);
        ensureRow(structureId, accountId, now);
        record(structureId, accountId, now, "photo", null, text);
        return id;
    }

    /** Removes a photo of the structure; false when it has no such photo. */
    @Transactional
    public boolean removePhoto(long structureId, long accountId, UUID photoId) {
        Optional<String> alt = jdbc.sql("delete from directory.profile_image where id = ? and structure_id = ? "
                        + "and kind = 'PHOTO' returning alt")
                .params(photoId, structureId)
                .query(String.class)
                .optional();
        alt.ifPresent(text -> record(structureId, accountId, clock.instant(), "photo", text, null));
        return alt.isPresent();
    }

    /** The changes of a profile, the latest first (at most {@code limit}). */
    public List<Change> history(long structureId, int limit) {
        return jdbc.sql("select changed_at, account_id, field, before, after from directory.profile_change "
                        + "where structure_id = ? order by changed_at desc, id desc limit ?")
                .params(structureId, limit)
                .query((rs, n) -> new Change(
                        rs.getObject(1, java.time.OffsetDateTime.class).toInstant(),
                        rs.getLong(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5)))
                .list();
    }

    /** An image of a verified structure's profile. */
    public Optional<Image> image(UUID id) {
        return jdbc.sql(
                        "select i.content from directory.profile_image i join directory.structure s on s.id = i.structure_id "
                                + "where i.id = ? and s.verified_at is not null")
                .param(id)
                .query((rs, n) -> new Image(rs.getBytes(1)))
                .optional();
    }

    /** The SIRETs of the verified structures whose profile has a word (a text-search term). */
    List<String> siretsMatching(String term) {
        return jdbc.sql("select s.siret from directory.profile p join directory.structure s on s.id = p.structure_id "
                        + "where s.verified_at is not null and p.search @@ to_tsquery('french', ?)")
                .param(term)
                .query(String.class)
                .list();
    }

    private void insertImage(
            UUID id, long structureId, String kind, ImageUploads.Reencoded image, String alt, Instant now) {
        jdbc.sql(
                        "insert into directory.profile_image (id, structure_id, kind, content, width, height, alt, created_at) "
                                + "values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        id,
                        structureId,
                        kind,
                        image.jpeg(),
                        image.width(),
                        image.height(),
                        alt,
                        now.atOffset(ZoneOffset.UTC))
                .update();
    }

    private void ensureRow(long structureId, long accountId, Instant now) {
        jdbc.sql("insert into directory.profile (structure_id, updated_at, updated_by) values (?, ?, ?) "
                        + "on conflict (structure_id) do update set updated_at = excluded.updated_at, "
                        + "updated_by = excluded.updated_by")
                .params(structureId, now.atOffset(ZoneOffset.UTC), accountId)
                .update();
    }

    private void record(long structureId, long accountId, Instant at, String field, String before, String after) {
        // searches read the profiles again once the change is committed
        if (org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()) {
            org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                    new org.springframework.transaction.support.TransactionSynchronization() {
                        @Override
                        public void afterCommit() {
                            version.incrementAndGet();
                        }
                    });
        } else {
            version.incrementAndGet();
        }
        jdbc.sql("insert into directory.profile_change (structure_id, account_id, changed_at, field, before, after) "
                        + "values (?, ?, ?, ?, ?, ?)")
                .params(structureId, accountId, at.atOffset(ZoneOffset.UTC), field, cut(before), cut(after))
                .update();
    }

    private static void compare(Map<String, String[]> changes, String field, String before, String after) {
        String b = before == null || before.isEmpty() ? null : before;
        String a = after == null || after.isEmpty() ? null : after;
        if (!Objects.equals(b, a)) {
            changes.put(field, new String[] {b, a});
        }
    }

    private static String cut(String text) {
        return text == null || text.length() <= HISTORY_TEXT ? text : text.substring(0, HISTORY_TEXT) + "…";
    }

    private static String text(String value, int max, String field, List<FieldError> errors) {
        String text = blankToNull(value);
        if (text == null) {
            return null;
        }
        text = text.replace("\r\n", "\n");
        if (text.length() > max) {
            errors.add(new FieldError(field, "profile.error." + field + ".length"));
        }
        return text;
    }

    /** An address of the web: http or https, with a host, at most {@value #MAX_URL} characters. */
    static String url(String value, String field, List<FieldError> errors) {
        String text = blankToNull(value);
        if (text == null) {
            return null;
        }
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (text.length() > MAX_URL
                    || !(scheme.equals("http") || scheme.equals("https"))
                    || uri.getHost() == null
                    || !uri.getHost().contains(".")
                    || uri.getRawUserInfo() != null) {
                errors.add(new FieldError(field, "profile.error.url"));
                return null;
            }
            return uri.toString();
        } catch (URISyntaxException ex) {
            errors.add(new FieldError(field, "profile.error.url"));
            return null;
        }
    }

    private static List<String> lines(String text) {
        return text == null
                ? List.of()
                : Arrays.stream(text.split("\\R"))
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .toList();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
