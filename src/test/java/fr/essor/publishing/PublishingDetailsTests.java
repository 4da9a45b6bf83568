package fr.essor.publishing;

import static fr.essor.publishing.PublishingFixtures.form;
import static fr.essor.publishing.PublishingFixtures.versionId;
import static fr.essor.publishing.PublishingFixtures.with;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.imageio.ImageIO;

import fr.essor.WebUser;

import org.junit.jupiter.api.Test;

/** Images, duplicates, bulk approval, the conversation, withdrawal and postponement. */
class PublishingDetailsTests extends PublishingTestSupport {

    private static byte[] png(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(1, 1, 0xff0a5c52);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    @Test
    void anImageIsCheckedByContentReencodedAndServedAsAnAttachment() throws IOException {
        organizer.get("/organisateur/evenements/nouveau");
        var fields = with(form(structure, edition, "Avec image " + s), "imageAlt", "Le jardin partagé au printemps");
        var fake = organizer.postFile(
                "/organisateur/evenements",
                fields,
                "imageFile",
                "photo.jpg",
                "image/jpeg",
                "<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8));
        assertThat(fake.statusCode()).isEqualTo(200);
        assertThat(fake.body()).contains("n’est pas une image JPEG, PNG ou GIF lisible");
        var tooBig = organizer.postFile(
                "/organisateur/evenements",
                fields,
                "imageFile",
                "grande.png",
                "image/png",
                new byte[5 * 1024 * 1024 + 10]);
        assertThat(tooBig.statusCode()).isEqualTo(200);
        assertThat(tooBig.body()).contains("L’image dépasse 5 Mo");
        var noAlt = organizer.postFile(
                "/organisateur/evenements",
                with(fields, "imageAlt", ""),
                "imageFile",
                "ok.png",
                "image/png",
                png(2400, 1200));
        assertThat(noAlt.body()).contains("Décrivez l’image");
        assertThat(noAlt.body()).as("the stored image is kept for the next try").contains("name=\"imageId\" value=\"");
        var ok = organizer.postFile(
                "/organisateur/evenements", fields, "imageFile", "image.gif", "image/png", png(2400, 1200));
        long version = versionId(WebUser.location(ok));
        String imageId = jdbc.sql("select content->>'imageId' from publishing.submission where id = ?")
                .param(version)
                .query(String.class)
                .single();
        assertThat(imageId).matches("[0-9a-f-]{36}");
        HttpResponse<byte[]> served = organizer.sendBytes(
                HttpRequest.newBuilder(URI.create(url("/images/" + imageId))).build());
        assertThat(served.headers().firstValue("Content-Type")).contains("image/jpeg");
        assertThat(served.headers().firstValue("Content-Disposition").orElse(""))
                .startsWith("attachment");
        assertThat(served.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        BufferedImage stored = ImageIO.read(new ByteArrayInputStream(served.body()));
        assertThat(stored.getWidth()).isEqualTo(1600);
        assertThat(stored.getHeight()).isEqualTo(800);
        assertThat(get("/images/not-an-id").statusCode()).isEqualTo(404);

        submit(version);
        moderator.submit("/moderation/versions/" + version, "/moderation/versions/" + version + "/approuver", Map.of());
        long eventId = jdbc.sql("select event_id from publishing.submission where id = ?")
                .param(version)
                .query(Long.class)
                .single();
        assertThat(get("/api/v1/events/" + eventId).body())
                .contains("/images/" + imageId, "Le jardin partagé au printemps");
    }

    @Test
    void likelyDuplicatesAreFlaggedAndBulkApprovalPublishesTheSelection() {
        long first = create(form(structure, edition, "Forum des monnaies locales " + s));
        long twin = create(form(structure, edition, "Forum des monnaies locales " + s + " !"));
        long other = create(with(form(structure, edition, "Conférence sur l’habitat " + s), "commune", "Sète"));
        submit(first);
        submit(twin);
        submit(other);
        String queue = moderator.get("/moderation").body();
        assertThat(queue).contains("doublon probable");
        assertThat(moderator.get("/moderation/versions/" + twin).body())
                .contains("Doublons probables", "/moderation/versions/" + first);
        assertThat(moderator.get("/moderation/versions/" + other).body()).doesNotContain("Doublons probables");

        moderator.get("/moderation");
        var bulk = moderator.send(HttpRequest.newBuilder(URI.create(url("/moderation/approuver")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "ids=" + first + "&ids=" + other + "&ids=999999999&_csrf=" + moderator.csrf()))
                .build());
        assertThat(WebUser.location(bulk)).isEqualTo("/moderation");
        assertThat(moderator.get("/moderation").body()).contains("2 version(s) approuvée(s) sur 3");
        assertThat(state(first)).isEqualTo("APPROVED");
        assertThat(state(other)).isEqualTo("APPROVED");
        assertThat(state(twin)).isEqualTo("SUBMITTED");
    }

    @Test
    void organizersAndModeratorsTalkWithdrawDuplicateAndPostpone() {
        long version = create(form(structure, edition, "Atelier vélo " + s));
        submit(version);
        organizer.get("/organisateur/versions/" + version);
        organizer.post(
                "/organisateur/versions/" + version + "/messages",
                Map.of("body", "Le lieu est accessible de plain-pied."));
        assertThat(moderator.get("/moderation/versions/" + version).body())
                .contains("Le lieu est accessible de plain-pied.");
        organizer.get("/organisateur/versions/" + version);
        var empty = organizer.post("/organisateur/versions/" + version + "/messages", Map.of("body", "  "));
        assertThat(organizer.get(WebUser.location(empty)).body()).contains("Le message doit compter");

        var copy = organizer.post("/organisateur/versions/" + version + "/dupliquer", Map.of());
        long copyId = versionId(WebUser.location(copy));
        assertThat(jdbc.sql("select title from publishing.submission where id = ?")
                        .param(copyId)
                        .query(String.class)
                        .single())
                .isEqualTo("Atelier vélo " + s + " (copie)");
        assertThat(state(copyId)).isEqualTo("DRAFT");

        organizer.get("/organisateur/versions/" + version);
        organizer.post("/organisateur/versions/" + version + "/retirer", Map.of());
        assertThat(state(version)).isEqualTo("WITHDRAWN");
        moderator.get("/moderation/versions/" + version);
        moderator.post("/moderation/versions/" + version + "/approuver", Map.of());
        assertThat(state(version)).as("a withdrawn version cannot be approved").isEqualTo("WITHDRAWN");

        submit(copyId);
        moderator.submit(
                "/moderation/versions/" + copyId,
                "/moderation/versions/" + copyId + "/refuser",
                Map.of("reason", "L’événement a lieu en dehors des dates du Mois de l’ESS."));
        assertThat(state(copyId)).isEqualTo("REFUSED");
        assertThat(organizer.get("/organisateur/versions/" + copyId).body()).contains("en dehors des dates du Mois");

        long published = create(form(structure, edition, "Visite de ferme " + s));
        submit(published);
        moderator.submit(
                "/moderation/versions/" + published, "/moderation/versions/" + published + "/approuver", Map.of());
        long eventId = jdbc.sql("select event_id from publishing.submission where id = ?")
                .param(published)
                .query(Long.class)
                .single();
        int sequence = jdbc.sql("select sequence from agenda.event where id = ?")
                .param(eventId)
                .query(Integer.class)
                .single();
        organizer.get("/organisateur/versions/" + published);
        organizer.post(
                "/organisateur/evenements/" + eventId + "/statut",
                Map.of(
                        "status",
                        "POSTPONED",
                        "reason",
                        "Reporté au printemps pour cause de travaux.",
                        "version",
                        String.valueOf(published)));
        assertThat(get("/evenements/" + eventId + "/calendrier.ics").body())
                .contains("STATUS:TENTATIVE", "Reporté au printemps");
        assertThat(jdbc.sql("select sequence from agenda.event where id = ?")
                        .param(eventId)
                        .query(Integer.class)
                        .single())
                .isGreaterThan(sequence);
        organizer.get("/organisateur/versions/" + published);
        organizer.post(
                "/organisateur/evenements/" + eventId + "/statut",
                Map.of("status", "FULL", "reason", "complet", "version", String.valueOf(published)));
        assertThat(jdbc.sql("select status from agenda.event where id = ?")
                        .param(eventId)
                        .query(String.class)
                        .single())
                .isEqualTo("POSTPONED");
    }
}
