package fr.essor.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import fr.essor.agenda.AccessibilityFeature;
import fr.essor.agenda.Attendance;
import fr.essor.agenda.Audience;
import fr.essor.agenda.Coded;
import fr.essor.agenda.EventStatus;
import fr.essor.agenda.EventType;
import fr.essor.agenda.RegistrationMode;
import fr.essor.agenda.Theme;

import org.junit.jupiter.api.Test;

/** Every text a page or the code asks for has its French message: no "??key??" reaches a visitor. */
class MessagesTests {

    private static final Pattern TEMPLATE_KEY = Pattern.compile("#\\{([a-zA-Z0-9_.]+)[}(]");
    /** A string literal that is a whole dotted key ({@code "registration.error.event"}). */
    private static final Pattern JAVA_KEY = Pattern.compile("\"([a-z][a-zA-Z0-9]*(?:\\.[a-zA-Z0-9_]+)+)\"");

    private final Properties messages = load();

    private static Properties load() {
        Properties p = new Properties();
        try (var in = MessagesTests.class.getResourceAsStream("/messages.properties")) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
        return p;
    }

    /**
     * Every {@code #{key}} of the page and mail templates, and every string literal of the code that
     * has the shape of a key and begins like one of the bundle's keys (whatever that beginning is:
     * {@code registration.}, {@code observatory.}…), has its message.
     */
    @Test
    void everyKeyOfTheTemplatesAndCodeHasAMessage() throws IOException {
        Set<String> prefixes = messages.stringPropertyNames().stream()
                .map(k -> k.substring(0, k.indexOf('.') < 0 ? k.length() : k.indexOf('.')))
                .collect(Collectors.toSet());
        assertThat(prefixes).contains("registration", "publishing", "observatory", "attendees");
        List<String> missing = new ArrayList<>();
        for (Path root : List.of(
                Path.of("src/main/resources/templates"),
                Path.of("src/main/resources/mail"),
                Path.of("src/main/java"))) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    String text = Files.readString(file);
                    boolean code = file.toString().endsWith(".java");
                    Matcher m = (code ? JAVA_KEY : TEMPLATE_KEY).matcher(text);
                    while (m.find()) {
                        String key = m.group(1);
                        boolean looksLikeAKey = !code || prefixes.contains(key.substring(0, key.indexOf('.')));
                        if (looksLikeAKey && !messages.containsKey(key)) {
                            missing.add(file.getFileName() + ": " + key);
                        }
                    }
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void everyValueOfTheAgendasListsHasALabel() {
        TreeSet<String> missing = new TreeSet<>();
        for (Class<? extends Coded> type : List.of(
                EventType.class,
                Theme.class,
                Audience.class,
                Attendance.class,
                EventStatus.class,
                RegistrationMode.class,
                AccessibilityFeature.class)) {
            for (Coded value : type.getEnumConstants()) {
                if (!messages.containsKey(value.labelKey())) {
                    missing.add(value.labelKey());
                }
            }
        }
        assertThat(missing).isEmpty();
        assertThat(messages.getProperty("filter.error.date")).contains("{0}");
    }
}
