package fr.essor.identity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The 38,000 most common passwords of 8 characters or more (see {@code identity/NOTICE.md}), which
 * nobody may choose. Read once; case is ignored.
 */
@Component
class CommonPasswords {

    private final Set<String> passwords;

    CommonPasswords() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(new ClassPathResource("identity/common-passwords.txt.gz").getInputStream()),
                StandardCharsets.UTF_8))) {
            passwords = reader.lines().collect(Collectors.toUnmodifiableSet());
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    boolean contains(String password) {
        return passwords.contains(password.toLowerCase(Locale.ROOT));
    }

    int size() {
        return passwords.size();
    }
}
