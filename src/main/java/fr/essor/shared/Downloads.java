package fr.essor.shared;

import java.nio.charset.StandardCharsets;

import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * A file someone uploaded, sent back to a reader who may see it: as an attachment (never displayed in
 * Essor's origin), its type not sniffed, never kept by a cache — the name may hold any character.
 */
public final class Downloads {

    private Downloads() {}

    public static ResponseEntity<byte[]> attachment(String filename, String mediaType, byte[] bytes) {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(mediaType))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(filename, StandardCharsets.UTF_8)
                                .build()
                                .toString())
                .header("X-Content-Type-Options", "nosniff")
                .cacheControl(CacheControl.noStore())
                .body(bytes);
    }
}
