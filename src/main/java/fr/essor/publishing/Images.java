package fr.essor.publishing;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import fr.essor.shared.ImageUploads;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Images of events, checked and re-encoded by {@link ImageUploads} as JPEGs at most {@value #MAX_WIDTH}
 * pixels wide, and kept in the database under a generated name, so that every instance serves them.
 */
@Component
class Images {

    static final int MAX_WIDTH = 1600;

    private final JdbcClient jdbc;
    private final Clock clock;

    Images(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A stored image. */
    record Stored(byte[] content, String mediaType) {}

    /**
     * Checks, re-encodes and stores an upload.
     *
     * @return the image's generated id
     * @throws InvalidInput on {@code image} when the file is empty, too large, or not an image we read
     */
    String store(byte[] upload, long accountId) {
        ImageUploads.Reencoded image = ImageUploads.reencode(upload, MAX_WIDTH, "image");
        byte[] jpeg = image.jpeg();
        UUID id = UUID.randomUUID();
        jdbc.sql(
                        "insert into publishing.image (id, content, media_type, width, height, created_by, created_at) values (?, ?, 'image/jpeg', ?, ?, ?, ?)")
                .params(
                        id,
                        jpeg,
                        image.width(),
                        image.height(),
                        accountId,
                        clock.instant().atOffset(ZoneOffset.UTC))
                .update();
        return id.toString();
    }

    /**
     * Forgets images that no version uses, a day after their upload (a form left unfinished). A public
     * event shows only the image of an approved version, which stays.
     */
    @Scheduled(fixedDelayString = "PT6H", initialDelayString = "PT10M")
    void forgetUnused() {
        jdbc.sql("""
                delete from publishing.image i where i.created_at < ?
                  and not exists (select 1 from publishing.submission s where s.content->>'imageId' = i.id::text)""")
                .param(clock.instant().minusSeconds(86_400).atOffset(ZoneOffset.UTC))
                .update();
    }

    boolean exists(String id) {
        return DraftRules.isUuid(id)
                && jdbc.sql("select count(*) from publishing.image where id = ?::uuid")
                                .param(id)
                                .query(Long.class)
                                .single()
                        > 0;
    }

    Optional<Stored> find(String id) {
        if (!DraftRules.isUuid(id)) {
            return Optional.empty();
        }
        return jdbc.sql("select content, media_type from publishing.image where id = ?::uuid")
                .param(id)
                .query((rs, n) -> new Stored(rs.getBytes(1), rs.getString(2)))
                .optional();
    }
}
