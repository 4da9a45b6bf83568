package fr.essor.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Seals the secrets Essor must read back (second-factor keys) with AES-256-GCM, under a key kept
 * outside the database: the setting {@code essor.identity.secret-key} (base64 of 32 bytes, the same on
 * every instance), or else the file {@code essor.identity.secret-key-file} ({@code data/essor-secret.key},
 * beside the database's directory, not in it), made on first start, readable by its owner only. A copy
 * of the database alone thus gives no second factor. A sealed value reads {@code v1:} and the base64
 * of its nonce and ciphertext; a value without the prefix was written before sealing and is read as is.
 */
@Component
class SecretBox {

    private static final Logger LOG = LoggerFactory.getLogger("essor.security");
    private static final String PREFIX = "v1:";
    private static final int NONCE = 12;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    SecretBox(
            @Value("${essor.identity.secret-key:}") String setting,
            @Value("${essor.identity.secret-key-file:data/essor-secret.key}") String file) {
        this.key = new SecretKeySpec(keyBytes(setting, Path.of(file)), "AES");
    }

    private static byte[] keyBytes(String setting, Path file) {
        if (!setting.isBlank()) {
            byte[] bytes = Base64.getDecoder().decode(setting.strip());
            if (bytes.length != 32) {
                throw new IllegalStateException("essor.identity.secret-key must be the base64 of 32 bytes");
            }
            return bytes;
        }
        try {
            if (Files.exists(file)) {
                byte[] bytes = Base64.getDecoder()
                        .decode(Files.readString(file, StandardCharsets.US_ASCII)
                                .strip());
                if (bytes.length != 32) {
                    throw new IllegalStateException(file + " must hold the base64 of 32 bytes");
                }
                return bytes;
            }
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            Files.writeString(file, Base64.getEncoder().encodeToString(fresh), StandardCharsets.US_ASCII);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ex) {
                // not a POSIX file system: its own access rules apply
            }
            LOG.warn(
                    "no essor.identity.secret-key: a key for the second-factor secrets was made in {}; keep it, apart from"
                            + " the database's backups, and give every instance the same (ESSOR_IDENTITY_SECRET_KEY)",
                    file.toAbsolutePath());
            return fresh;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    String seal(String secret) {
        try {
            byte[] nonce = new byte[NONCE];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return PREFIX
                    + Base64.getEncoder()
                            .encodeToString(ByteBuffer.allocate(NONCE + sealed.length)
                                    .put(nonce)
                                    .put(sealed)
                                    .array());
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** The secret, or {@code null} when the value is {@code null} or was sealed under another key. */
    String open(String stored) {
        if (stored == null || !sealed(stored)) {
            return stored;
        }
        try {
            byte[] all = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, NONCE));
            return new String(cipher.doFinal(all, NONCE, all.length - NONCE), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException ex) {
            LOG.error("a second-factor secret cannot be opened with this instance's key (essor.identity.secret-key)");
            return null;
        }
    }

    static boolean sealed(String stored) {
        return stored.startsWith(PREFIX);
    }
}
