package fr.essor.registration;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The signed private link of a registration: HMAC-SHA256 of its id under a key kept in the database
 * (made once, shared by every instance). Any mail about a registration — confirmation, promotion,
 * reminder — can carry the same link; the database keeps only its hash, so that the link can be
 * disabled (an erased registration's is).
 */
@Component
class RegistrationLinks {

    private final JdbcClient jdbc;
    private volatile byte[] key;

    RegistrationLinks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    String token(UUID registrationId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(), "HmacSHA256"));
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(mac.doFinal(registrationId.toString().getBytes()));
        } catch (NoSuchAlgorithmException | InvalidKeyException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private byte[] key() {
        if (key == null) {
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            jdbc.sql("insert into registration.link_key (id, key) values (1, ?) on conflict do nothing")
                    .param(fresh)
                    .update();
            key = jdbc.sql("select key from registration.link_key where id = 1")
                    .query(byte[].class)
                    .single();
        }
        return key;
    }
}
