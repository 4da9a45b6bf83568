package fr.essor.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import fr.essor.EssorApplication;

import org.junit.jupiter.api.Test;

/**
 * Every mail is written from a template of {@code src/main/resources/mail}: each template the code
 * names exists, each template is used, and each renders a subject and a body from the variables the
 * code gives, without a Java string building French sentences.
 */
class MailTemplatesTests {

    private static final Pattern SENT = Pattern.compile("\\.send\\([^;]*?\"([a-z]+(?:-[a-z]+)+)\"", Pattern.DOTALL);
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([a-zA-Z]+)");

    private final MailTemplates templates = new MailTemplates("https://essor.example");

    private static Set<String> templateNames() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/mail"))) {
            return new TreeSet<>(files.map(f -> f.getFileName().toString().replaceFirst("\\.txt$", ""))
                    .toList());
        }
    }

    @Test
    void everyTemplateTheCodeNamesExistsAndEveryTemplateIsUsed() throws IOException {
        Set<String> sent = new TreeSet<>();
        StringBuilder code = new StringBuilder();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String text = Files.readString(file);
                code.append(text);
                Matcher m = SENT.matcher(text);
                while (m.find()) {
                    sent.add(m.group(1));
                }
            }
        }
        assertThat(sent).isNotEmpty();
        assertThat(templateNames()).containsAll(sent);
        assertThat(templateNames())
                .allSatisfy(name -> assertThat(code).as("a use of %s", name).contains("\"" + name + "\""));
    }

    @Test
    void everyTemplateWritesASubjectAndABody() throws IOException {
        ZonedDateTime start = ZonedDateTime.of(2031, 11, 14, 10, 0, 0, 0, EssorApplication.ZONE);
        Map<String, Object> sample = new HashMap<>();
        sample.putAll(Map.of(
                "name",
                "Camille",
                "title",
                "Atelier vélo",
                "startsAt",
                start,
                "endsAt",
                start.plusHours(2),
                "previousStart",
                start.minusDays(1),
                "previousEnd",
                start.minusDays(1).plusHours(2),
                "link",
                "https://essor.example/inscriptions/1?jeton=abc",
                "seats",
                2,
                "holdMinutes",
                30L));
        sample.putAll(Map.of(
                "reason",
                "La salle est inondée.",
                "confirmToken",
                "jeton-confirmation",
                "token",
                "jeton",
                "baseUrl",
                "https://essor.example",
                "structure",
                "Coopérative des Arceaux",
                "inviter",
                "Dominique",
                "days",
                7,
                "hours",
                48,
                "minutes",
                60,
                "eventId",
                42L));
        sample.putAll(Map.of(
                "versionId",
                7L,
                "message",
                "Précisez l’adresse.",
                "alreadyPublished",
                true,
                "status",
                "CANCELLED",
                "subject",
                "Objet",
                "body",
                "Corps du message"));
        sample.put("queued", true);
        sample.put("programme", "Pass Occitanie");
        sample.put("reference", "PASS-OCCITANIE-2026-000042");
        sample.put("submittedAt", "mardi 1 décembre 2026 à 10 h 42");
        sample.put("url", "https://essor.example/dossiers/42");
        sample.put("outcome", "accepté");
        sample.put("number", "DEC-2026-000007");
        sample.put("fields", "- Budget prévisionnel");
        sample.put("due", "mardi 15 décembre 2026");
        sample.put("question", "Le budget est-il réaliste ?");
        sample.put("until", "vendredi 8 janvier 2027 à 12 h 00");
        sample.put("role", "instruire ses dossiers");
        sample.put("state", "pris en instruction");
        sample.put("category", "Utilité sociale");
        sample.put("project", "Des vélos réparés");
        sample.put("distinction", "le prix");
        sample.put("motivation", "Un projet exemplaire.");
        sample.put("tranche", "Avance (30 %)");
        sample.put("dueOn", "1 mars 2027");
        sample.put("lapsesOn", "31 mars 2027");
        for (String name : templateNames()) {
            String source = Files.readString(Path.of("src/main/resources/mail", name + ".txt"));
            Matcher variables = VARIABLE.matcher(source);
            while (variables.find()) {
                assertThat(sample)
                        .as("%s uses ${%s}", name, variables.group(1))
                        .containsKey(variables.group(1).equals("publicUrl") ? "title" : variables.group(1));
            }
            Mail mail = templates.write("camille@example.org", name, sample);
            assertThat(mail.subject()).as(name).isNotBlank().doesNotContain("\n", "[(", "${");
            assertThat(mail.body()).as(name).isNotBlank().doesNotContain("[(", "${", "[#", "[/]");
        }
        Mail moved = templates.write("camille@example.org", "registration-date-moved", sample);
        assertThat(moved.subject()).isEqualTo("Changement d’horaire\u00a0: Atelier vélo");
        assertThat(moved.body())
                .contains("avant\u00a0: le jeudi 13 novembre 2031 de 10h00 à 12h00")
                .contains("désormais\u00a0: le vendredi 14 novembre 2031 de 10h00 à 12h00")
                .contains("jeton=abc");
        sample.put("reason", null);
        assertThat(templates
                        .write("x@example.org", "registration-event-cancelled", sample)
                        .body())
                .contains("annulé par son organisateur.")
                .doesNotContain("null");
    }
}
