package fr.essor.publishing;

import static fr.essor.publishing.PublishingFixtures.form;
import static fr.essor.publishing.PublishingFixtures.versionId;
import static fr.essor.publishing.PublishingFixtures.with;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import fr.essor.WebUser;
import fr.essor.notification.Notifications;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The edges of publishing: drafts stay private, decisions on a version changed meanwhile are refused,
 * an approved revision keeps the calendar identities of its dates, an online event keeps its
 * moderators, structures grow by invitation only, oversized uploads get a clear page.
 */
class ReviewFixesTests extends PublishingTestSupport {

    @Autowired
    Notifications notifications;

    private String seen(long version) {
        String page = moderator.get("/moderation/versions/" + version).body();
        Matcher m = Pattern.compile("name=\"seen\" value=\"([^\"]+)\"").matcher(page);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    @Test
    void draftsStayWithTheirStructure() {
        long draft = create(form(structure, edition, "Brouillon privé " + s));
        assertThat(moderator.get("/moderation/versions/" + draft).statusCode()).isEqualTo(404);
        assertThat(moderator.get("/moderation?etat=DRAFT").body()).doesNotContain("Brouillon privé " + s);
        assertThat(moderator.get("/moderation/journal").body()).doesNotContain("Brouillon privé " + s);
        submit(draft);
        assertThat(moderator.get("/moderation/versions/" + draft).statusCode()).isEqualTo(200);
    }

    @Test
    void aModeratorDoesNotApproveTheirOwnStructuresEvent() {
        long version = create(form(structure, edition, "Événement maison " + s));
        submit(version);
        long moderatorId = jdbc.sql("select id from identity.account where email = ?")
                .param("mod-" + s + "@example.org")
                .query(Long.class)
                .single();
        jdbc.sql("insert into identity.membership (account_id, structure_id, joined_at) values (?, ?, now())")
                .params(moderatorId, structure)
                .update();
        var refused = moderator.post("/moderation/versions/" + version + "/approuver", Map.of("seen", seen(version)));
        assertThat(moderator.get(WebUser.location(refused)).body()).contains("un autre modérateur du territoire doit");
        assertThat(state(version)).isEqualTo("SUBMITTED");
        moderator.get("/moderation");
        moderator.post("/moderation/approuver", Map.of("ids", version + "@" + seen(version)));
        assertThat(state(version)).as("nor in a bulk approval").isEqualTo("SUBMITTED");
        // another moderator of the territory can
        ids.moderator("autre-mod-" + s + "@example.org", "76", Set.of());
        WebUser other = ids.signIn(port, "autre-mod-" + s + "@example.org");
        String page = other.get("/moderation/versions/" + version).body();
        Matcher m = Pattern.compile("name=\"seen\" value=\"([^\"]+)\"").matcher(page);
        assertThat(m.find()).isTrue();
        other.post("/moderation/versions/" + version + "/approuver", Map.of("seen", m.group(1)));
        assertThat(state(version)).isEqualTo("APPROVED");
    }

    @Test
    void aDecisionOnAVersionChangedSinceItWasReadIsRefused() {
        long version = create(form(structure, edition, "Version mouvante " + s));
        submit(version);
        String before = seen(version);
        moderator.post(
                "/moderation/versions/" + version + "/modifications",
                Map.of("message", "Ajoutez l’adresse.", "seen", before));
        organizer.submit(
                "/organisateur/versions/" + version + "/modifier",
                "/organisateur/versions/" + version,
                with(form(structure, edition, "Version mouvante " + s), "venueAddress", "1 place de la Comédie"));
        submit(version);
        // a second moderator's page, opened before the changes, approves nothing
        moderator.get("/moderation/versions/" + version);
        var stale = moderator.post("/moderation/versions/" + version + "/approuver", Map.of("seen", before));
        assertThat(moderator.get(WebUser.location(stale)).body())
                .contains("Cette version a changé depuis que vous l’avez ouverte");
        assertThat(state(version)).isEqualTo("SUBMITTED");
        moderator.get("/moderation");
        var bulk = moderator.post("/moderation/approuver", Map.of("ids", version + "@" + before));
        assertThat(WebUser.location(bulk)).isEqualTo("/moderation");
        assertThat(state(version)).isEqualTo("SUBMITTED");
        moderator.post("/moderation/versions/" + version + "/approuver", Map.of("seen", seen(version)));
        assertThat(state(version)).isEqualTo("APPROVED");
    }

    @Test
    void anApprovedRevisionKeepsTheCalendarIdentityOfEachDate() {
        long version = create(with(form(structure, edition, "Deux dates " + s), "dateDay", "2031-11-14"));
        // a second date line: the form's lists are parallel
        organizer.submit(
                "/organisateur/versions/" + version + "/modifier", "/organisateur/versions/" + version, Map.of());
        jdbc.sql("""
                update publishing.submission set content = jsonb_set(jsonb_set(jsonb_set(content, '{dateDay}', '["2031-11-14","2031-11-21"]'),
                    '{dateStart}', '["10:00","10:00"]'), '{dateEnd}', '["12:00","12:00"]') where id = ?""").param(version).update();
        submit(version);
        moderator.post("/moderation/versions/" + version + "/approuver", Map.of("seen", seen(version)));
        long eventId = jdbc.sql("select event_id from publishing.submission where id = ?")
                .param(version)
                .query(Long.class)
                .single();
        String before = get("/evenements/" + eventId + "/calendrier.ics").body();
        List<Long> occurrences = jdbc.sql("select id from agenda.occurrence where event_id = ? order by starts_at")
                .param(eventId)
                .query(Long.class)
                .list();
        int sequence = jdbc.sql("select sequence from agenda.event where id = ?")
                .param(eventId)
                .query(Integer.class)
                .single();

        organizer.get("/organisateur/versions/" + version);
        long second = versionId(WebUser.location(
                organizer.post("/organisateur/evenements/" + eventId + "/nouvelle-version", Map.of())));
        jdbc.sql(
                        "update publishing.submission set content = jsonb_set(content, '{dateStart}', '[\"10:00\",\"14:00\"]') where id = ?")
                .param(second)
                .update();
        jdbc.sql(
                        "update publishing.submission set content = jsonb_set(content, '{dateEnd}', '[\"12:00\",\"16:00\"]') where id = ?")
                .param(second)
                .update();
        submit(second);
        moderator.post("/moderation/versions/" + second + "/approuver", Map.of("seen", seen(second)));
        assertThat(state(second)).isEqualTo("APPROVED");
        assertThat(jdbc.sql("select id from agenda.occurrence where event_id = ? order by starts_at")
                        .param(eventId)
                        .query(Long.class)
                        .list())
                .isEqualTo(occurrences);
        String after = get("/evenements/" + eventId + "/calendrier.ics").body();
        assertThat(uids(after)).isEqualTo(uids(before)).hasSize(2);
        assertThat(jdbc.sql("select sequence from agenda.event where id = ?")
                        .param(eventId)
                        .query(Integer.class)
                        .single())
                .as("a middle date moved")
                .isGreaterThan(sequence);
        assertThat(after).contains("DTSTART;TZID=Europe/Paris:20311121T140000");
    }

    private static List<String> uids(String ics) {
        return ics.lines().filter(l -> l.startsWith("UID:")).toList();
    }

    @Test
    void aRevisionOfAnOnlineEventGoesToTheModeratorsOfItsStructure() {
        long version = create(with(
                form(structure, edition, "Webinaire " + s),
                "attendance",
                "ONLINE",
                "commune",
                "",
                "venueName",
                "",
                "venueAddress",
                "",
                "onlineUrl",
                "https://visio.example.org/webinaire"));
        submit(version);
        moderator.post("/moderation/versions/" + version + "/approuver", Map.of("seen", seen(version)));
        assertThat(state(version)).isEqualTo("APPROVED");
        long eventId = jdbc.sql("select event_id from publishing.submission where id = ?")
                .param(version)
                .query(Long.class)
                .single();
        organizer.get("/organisateur/versions/" + version);
        long second = versionId(WebUser.location(
                organizer.post("/organisateur/evenements/" + eventId + "/nouvelle-version", Map.of())));
        submit(second);
        assertThat(jdbc.sql("select departement_code from publishing.submission where id = ?")
                        .param(second)
                        .query(String.class)
                        .single())
                .isEqualTo("34");
        assertThat(moderator.get("/moderation").body()).contains("Webinaire " + s);
    }

    /** The token of the invitation mailed to this address. */
    private String invitationToken(String email) {
        return notifications.localMailbox(300).stream()
                .filter(m -> m.to().equals(email))
                .findFirst()
                .map(m -> m.body().replaceAll("(?s).*/structures/invitation\\?jeton=([A-Za-z0-9_-]+).*", "$1"))
                .orElseThrow();
    }

    @Test
    void aStructureGrowsByInvitationWithoutTellingWhoHasAnAccount() {
        ids.organizer("invitee-" + s + "@example.org");
        organizer.get("/structures/" + structure);
        var known = organizer.post(
                "/structures/" + structure + "/membres", Map.of("email", "invitee-" + s + "@example.org"));
        organizer.get("/structures/" + structure);
        var unknown = organizer.post(
                "/structures/" + structure + "/membres", Map.of("email", "personne-" + s + "@example.org"));
        assertThat(WebUser.location(known)).isEqualTo(WebUser.location(unknown)).isEqualTo("/structures/" + structure);
        assertThat(organizer.get("/structures/" + structure).body()).doesNotContain("invitee-" + s);

        var mail = notifications.localMailbox(300).stream()
                .filter(m -> m.to().equals("invitee-" + s + "@example.org"))
                .findFirst()
                .orElseThrow();
        Matcher link = Pattern.compile("/structures/invitation\\?jeton=([A-Za-z0-9_-]+)")
                .matcher(mail.body());
        assertThat(link.find()).isTrue();
        assertThat(WebUser.location(new WebUser(port).get(link.group())))
                .as("signed in first")
                .isEqualTo("/connexion");
        WebUser invitee = ids.signIn(port, "invitee-" + s + "@example.org");
        assertThat(invitee.get(link.group()).body()).contains("Structure " + s);
        assertThat(WebUser.location(invitee.post("/structures/invitation", Map.of("jeton", link.group(1)))))
                .isEqualTo("/structures/" + structure);
        assertThat(invitee.get("/structures/" + structure).statusCode()).isEqualTo(200);
        assertThat(invitee.post("/structures/invitation", Map.of("jeton", link.group(1)))
                        .body())
                .contains("n’est plus valable");

        // members leave, the last one stays
        long inviteeId = jdbc.sql("select id from identity.account where email = ?")
                .param("invitee-" + s + "@example.org")
                .query(Long.class)
                .single();
        long ownerId = jdbc.sql("select id from identity.account where email = ?")
                .param("orga-" + s + "@example.org")
                .query(Long.class)
                .single();
        // the person who registered the structure is its owner: another member cannot remove them
        assertThat(invitee.get("/structures/" + structure).body()).contains("responsable");
        invitee.post("/structures/" + structure + "/membres/" + ownerId + "/retirer", Map.of());
        assertThat(invitee.get("/structures/" + structure).body()).contains("elle seule peut la quitter");
        assertThat(organizer.get("/structures/" + structure).statusCode()).isEqualTo(200);
        // a member who invites someone, then is removed: their invitation no longer opens the door
        invitee.get("/structures/" + structure);
        invitee.post("/structures/" + structure + "/membres", Map.of("email", "troisieme-" + s + "@example.org"));
        String third = invitationToken("troisieme-" + s + "@example.org");
        organizer.get("/structures/" + structure);
        organizer.post("/structures/" + structure + "/membres/" + inviteeId + "/retirer", Map.of());
        assertThat(invitee.get("/structures/" + structure).statusCode()).isEqualTo(404);
        ids.organizer("troisieme-" + s + "@example.org");
        WebUser thirdPerson = ids.signIn(port, "troisieme-" + s + "@example.org");
        assertThat(thirdPerson.get("/structures/invitation?jeton=" + third).body())
                .contains("n’est plus valable");
        assertThat(thirdPerson
                        .post("/structures/invitation", Map.of("jeton", third))
                        .body())
                .contains("n’est plus valable");
        assertThat(thirdPerson.get("/structures/" + structure).statusCode()).isEqualTo(404);

        // a new password ends the invitations its account sent
        organizer.get("/structures/" + structure);
        organizer.post("/structures/" + structure + "/membres", Map.of("email", "quatrieme-" + s + "@example.org"));
        String fourth = invitationToken("quatrieme-" + s + "@example.org");
        organizer.get("/compte");
        organizer.post(
                "/compte/mot-de-passe",
                Map.of(
                        "currentPassword",
                        fr.essor.identity.IdentityFixtures.PASSWORD,
                        "newPassword",
                        "une nouvelle phrase pour ce compte"));
        ids.organizer("quatrieme-" + s + "@example.org");
        assertThat(ids.signIn(port, "quatrieme-" + s + "@example.org")
                        .get("/structures/invitation?jeton=" + fourth)
                        .body())
                .contains("n’est plus valable");
        organizer.get("/structures/" + structure);
        organizer.post("/structures/" + structure + "/membres/" + ownerId + "/retirer", Map.of());
        assertThat(organizer.get("/structures/" + structure).body()).contains("Une structure garde au moins un membre");
    }

    @Test
    void aFileAboveTheUploadLimitGetsAClearPageAndPublicAddressesAnswerHead() {
        organizer.get("/organisateur/evenements/nouveau");
        var r = organizer.postFile(
                "/organisateur/evenements?_csrf=" + organizer.csrf(),
                form(structure, edition, "Trop lourd " + s),
                "imageFile",
                "photo.png",
                "image/png",
                new byte[13 * 1024 * 1024]);
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.body()).contains("Fichier trop lourd");
        var head = organizer.send(HttpRequest.newBuilder(URI.create(url("/agenda.ics")))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build());
        assertThat(head.statusCode()).isEqualTo(200);
    }
}
