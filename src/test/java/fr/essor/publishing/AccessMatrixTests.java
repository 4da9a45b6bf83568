package fr.essor.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import fr.essor.HttpTestSupport;
import fr.essor.WebUser;
import fr.essor.agenda.AgendaFixtures;
import fr.essor.identity.IdentityFixtures;
import fr.essor.observatory.ImportJobs;
import fr.essor.observatory.Observatory;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every page and action of accounts, organizers, moderators and admins, tried by every kind of
 * visitor: anonymous, an organizer of another structure, the organizer of the event's structure, a
 * moderator of another territory (Haute-Garonne), the moderator of the event's territory (Hérault),
 * an admin. The answer each gets is written in the table; a change of state is checked in the database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessMatrixTests extends HttpTestSupport {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AgendaFixtures agendaFixtures;

    private final Map<String, WebUser> users = new LinkedHashMap<>();
    private long structure;
    private long version;
    private long submitted;

    private static final List<String> ROLES =
            List.of("anonymous", "organizer", "owner", "moderatorElsewhere", "moderator", "admin");

    @BeforeAll
    void people() {
        agendaFixtures.ensure();
        IdentityFixtures ids = new IdentityFixtures(jdbc);
        String s = Long.toString(System.nanoTime(), 36);
        ids.organizer("autre-" + s + "@example.org");
        ids.organizer("proprio-" + s + "@example.org");
        ids.moderator("relais31-" + s + "@example.org", null, Set.of("31"));
        ids.moderator("relais34-" + s + "@example.org", null, Set.of("34"));
        ids.admin("admin-" + s + "@example.org");
        users.put("anonymous", new WebUser(port));
        users.put("organizer", ids.signIn(port, "autre-" + s + "@example.org"));
        users.put("owner", ids.signIn(port, "proprio-" + s + "@example.org"));
        users.put("moderatorElsewhere", ids.signIn(port, "relais31-" + s + "@example.org"));
        users.put("moderator", ids.signIn(port, "relais34-" + s + "@example.org"));
        users.put("admin", ids.signIn(port, "admin-" + s + "@example.org"));
        PublishingFixtures.structure(users.get("organizer"), "Structure voisine " + s, "34172");
        structure = PublishingFixtures.structure(users.get("owner"), "Structure propriétaire " + s, "34172");
        var created = users.get("owner")
                .submit(
                        "/organisateur/evenements/nouveau",
                        "/organisateur/evenements",
                        PublishingFixtures.form(
                                structure, PublishingFixtures.testEdition(jdbc), "Événement de la matrice " + s));
        version = PublishingFixtures.versionId(WebUser.location(created));
        var other = users.get("owner")
                .submit(
                        "/organisateur/evenements/nouveau",
                        "/organisateur/evenements",
                        PublishingFixtures.form(
                                structure,
                                PublishingFixtures.testEdition(jdbc),
                                "Événement soumis de la matrice " + s));
        submitted = PublishingFixtures.versionId(WebUser.location(other));
        users.get("owner")
                .submit(
                        "/organisateur/versions/" + submitted,
                        "/organisateur/versions/" + submitted + "/soumettre",
                        Map.of());
    }

    /** What a GET answers: the status, or for a redirect its target. */
    private String answer(String role, String path) {
        var r = users.get(role).get(path);
        return r.statusCode() == 302 ? "302 " + WebUser.location(r) : String.valueOf(r.statusCode());
    }

    private void expect(String path, String... answers) {
        for (int i = 0; i < ROLES.size(); i++) {
            assertThat(answer(ROLES.get(i), path))
                    .as(ROLES.get(i) + " GET " + path)
                    .isEqualTo(answers[i]);
        }
    }

    @Test
    void pagesAnswerEachRoleAsTheTableSays() {
        String in = "302 /connexion";
        expect("/compte", in, "200", "200", "200", "200", "200");
        expect("/organisateur", in, "200", "200", "200", "200", "200");
        expect("/structures", in, "200", "200", "200", "200", "200");
        expect("/structures/" + structure, in, "404", "200", "404", "404", "404");
        expect("/organisateur/versions/" + version, in, "404", "200", "404", "404", "404");
        expect("/organisateur/versions/" + version + "/modifier", in, "404", "200", "404", "404", "404");
        expect("/moderation", in, "403", "403", "200", "200", "403");
        expect("/moderation/versions/" + submitted, in, "403", "403", "404", "200", "403");
        expect("/moderation/versions/" + version, in, "403", "403", "404", "404", "403");
        expect("/moderation/journal", in, "403", "403", "200", "200", "403");
        expect("/moderation/structures", in, "403", "403", "200", "200", "403");
        expect("/structures/" + structure + "/revendiquer", in, "200", "200", "200", "200", "200");
        expect("/admin/roles", in, "403", "403", "403", "403", "200");
        expect("/admin/observatoire", in, "403", "403", "403", "403", "200");
        expect("/admin/observatoire/etat", in, "403", "403", "403", "403", "200");
        expect("/agenda", "200", "200", "200", "200", "200", "200");
        expect("/api/v1/events?edition=2030", "200", "200", "200", "200", "200", "200");
    }

    private String state() {
        return jdbc.sql("select state from publishing.submission where id = ?")
                .param(version)
                .query(String.class)
                .single();
    }

    /** Posts from each role but the allowed one; nothing changes; returns the answers. */
    private List<Integer> postFromEveryoneBut(String allowed, String path, Map<String, String> fields) {
        String before = state();
        List<Integer> codes = new java.util.ArrayList<>();
        for (String role : ROLES) {
            if (role.equals(allowed)) {
                continue;
            }
            WebUser user = users.get(role);
            user.get("/");
            user.get("/connexion");
            var r = user.post(path, fields);
            codes.add(r.statusCode());
            assertThat(r.statusCode()).as(role + " POST " + path).isIn(302, 403, 404);
            if (r.statusCode() == 302) {
                assertThat(WebUser.location(r))
                        .as(role + " POST " + path)
                        .isIn(
                                "/connexion",
                                "/organisateur/versions/" + version,
                                "/moderation/versions/" + version,
                                "/moderation");
            }
            assertThat(state()).as(role + " POST " + path).isEqualTo(before);
        }
        return codes;
    }

    /** What a POST answers: the status, or for a redirect its target's first segment. */
    private String postAnswer(String role, String path, Map<String, String> fields) {
        WebUser user = users.get(role);
        user.get("/connexion");
        var r = user.post(path, fields);
        if (r.statusCode() != 302) {
            return String.valueOf(r.statusCode());
        }
        String location = WebUser.location(r);
        return location.equals("/connexion") ? "302 /connexion" : "302";
    }

    private void expectPost(String path, Map<String, String> fields, String... answers) {
        for (int i = 0; i < ROLES.size(); i++) {
            if (answers[i] != null) {
                assertThat(postAnswer(ROLES.get(i), path, fields))
                        .as(ROLES.get(i) + " POST " + path)
                        .isEqualTo(answers[i]);
            }
        }
    }

    private long count(String sql) {
        return jdbc.sql(sql).param(version).query(Long.class).single();
    }

    @Test
    void actionsAnswerEachRoleAsTheTableSays() {
        String in = "302 /connexion";
        String stateBefore = state();
        long messages = count("select count(*) from publishing.submission_message where submission_id = ?");
        long copies = count(
                "select count(*) from publishing.submission where title like (select title from publishing.submission where id = ?) || '%'");
        // null: the allowed role, tried apart below
        expectPost(
                "/organisateur/versions/" + version + "/messages",
                Map.of("body", "Message d’un autre"),
                in,
                "404",
                null,
                "404",
                "404",
                "404");
        expectPost("/organisateur/versions/" + version + "/dupliquer", Map.of(), in, "404", null, "404", "404", "404");
        expectPost("/organisateur/versions/" + version + "/retirer", Map.of(), in, "404", null, "404", "404", "404");
        expectPost(
                "/structures/" + structure + "/membres",
                Map.of("email", "intrus@example.org"),
                in,
                "404",
                null,
                "404",
                "404",
                "404");
        expectPost("/moderation/import", Map.of("editionId", "0"), in, "403", "403", null, null, "403");
        // structure verification: only a moderator of its territory (tried apart in StructureVerificationTests)
        expectPost("/moderation/structures/" + structure + "/verifier", Map.of(), in, "403", "403", "404", null, "403");
        assertThat(jdbc.sql("select verified_at is null from directory.structure where id = ?")
                        .param(structure)
                        .query(Boolean.class)
                        .single())
                .isTrue();
        expectPost(
                "/admin/comptes",
                Map.of("accountEmail", "intrus@example.org", "action", "disable"),
                in,
                "403",
                "403",
                "403",
                "403",
                null);
        assertThat(count("select count(*) from publishing.submission_message where submission_id = ?"))
                .isEqualTo(messages);
        assertThat(
                        count(
                                "select count(*) from publishing.submission where title like (select title from publishing.submission where id = ?) || '%'"))
                .isEqualTo(copies);
        assertThat(state()).isEqualTo(stateBefore);
        // the allowed roles
        assertThat(postAnswer("owner", "/organisateur/versions/" + version + "/messages", Map.of("body", "Bonjour")))
                .isEqualTo("302");
        assertThat(postAnswer("moderator", "/moderation/import", Map.of("editionId", "0")))
                .isEqualTo("200");
        assertThat(postAnswer("moderatorElsewhere", "/moderation/import", Map.of("editionId", "0")))
                .isEqualTo("200");
        // a request without the form's token changes nothing, whoever sends it
        assertThat(users.get("owner")
                        .postRaw("/organisateur/versions/" + version + "/retirer", Map.of())
                        .statusCode())
                .isEqualTo(403);
        assertThat(state()).isEqualTo(stateBefore);
    }

    @Test
    void onlyTheOwnerWritesAndOnlyTheTerritorysModeratorDecides() {
        var form =
                PublishingFixtures.form(structure, PublishingFixtures.testEdition(jdbc), "Titre changé par un autre");
        postFromEveryoneBut("owner", "/organisateur/versions/" + version, form);
        assertThat(jdbc.sql("select title from publishing.submission where id = ?")
                        .param(version)
                        .query(String.class)
                        .single())
                .startsWith("Événement de la matrice");
        postFromEveryoneBut("owner", "/organisateur/versions/" + version + "/soumettre", Map.of());
        users.get("owner")
                .submit(
                        "/organisateur/versions/" + version,
                        "/organisateur/versions/" + version + "/soumettre",
                        Map.of());
        assertThat(state()).isEqualTo("SUBMITTED");

        postFromEveryoneBut("moderator", "/moderation/versions/" + version + "/approuver", Map.of());
        postFromEveryoneBut(
                "moderator",
                "/moderation/versions/" + version + "/refuser",
                Map.of("reason", "AUTRE", "otherReason", "Non."));
        postFromEveryoneBut("moderator", "/moderation/approuver", Map.of("ids", String.valueOf(version)));
        users.get("moderator")
                .submit("/moderation/versions/" + version, "/moderation/versions/" + version + "/approuver", Map.of());
        assertThat(state()).isEqualTo("APPROVED");

        long eventId = jdbc.sql("select event_id from publishing.submission where id = ?")
                .param(version)
                .query(Long.class)
                .single();
        for (String role : List.of("anonymous", "organizer", "moderatorElsewhere", "moderator", "admin")) {
            users.get(role).get("/connexion");
            users.get(role)
                    .post(
                            "/organisateur/evenements/" + eventId + "/statut",
                            Map.of(
                                    "status",
                                    "CANCELLED",
                                    "reason",
                                    "Annulé par un autre",
                                    "version",
                                    String.valueOf(version)));
            users.get(role).post("/organisateur/evenements/" + eventId + "/nouvelle-version", Map.of());
        }
        assertThat(jdbc.sql("select status from agenda.event where id = ?")
                        .param(eventId)
                        .query(String.class)
                        .single())
                .isEqualTo("SCHEDULED");
        assertThat(jdbc.sql("select count(*) from publishing.submission where event_id = ?")
                        .param(eventId)
                        .query(Long.class)
                        .single())
                .as("no new version opened by anyone else")
                .isEqualTo(1);
    }

    @Test
    void onlyAnAdminGrantsRoles() {
        String target = "cible-" + System.nanoTime() + "@example.org";
        new IdentityFixtures(jdbc).organizer(target);
        for (String role : List.of("anonymous", "organizer", "owner", "moderatorElsewhere", "moderator")) {
            users.get(role).get("/connexion");
            users.get(role).post("/admin/roles", Map.of("email", target, "role", "ADMIN"));
        }
        assertThat(jdbc.sql(
                                "select count(*) from identity.role_grant g join identity.account a on a.id = g.account_id where a.email = ?")
                        .param(target)
                        .query(Long.class)
                        .single())
                .isZero();
        users.get("admin")
                .submit(
                        "/admin/roles",
                        "/admin/roles",
                        Map.of("email", target, "role", "MODERATOR", "region", "", "departements", "34, 30"));
        assertThat(jdbc.sql(
                                "select departements from identity.role_grant g join identity.account a on a.id = g.account_id where a.email = ?")
                        .param(target)
                        .query(String.class)
                        .single())
                .isEqualTo("{30,34}");
        var bad = users.get("admin")
                .submit(
                        "/admin/roles",
                        "/admin/roles",
                        Map.of("email", target, "role", "MODERATOR", "region", "", "departements", "99"));
        assertThat(bad.body()).contains("Choisissez soit une région");
    }

    @Autowired
    Observatory observatory;

    @Autowired
    ImportJobs importJobs;

    @Test
    void onlyAnAdminStartsAnObservatoryImport() throws Exception {
        java.nio.file.Path dir =
                java.nio.file.Files.createDirectories(observatory.settings().importDir());
        for (String name : List.of("StockUniteLegale_utf8.csv", "StockEtablissement_utf8.csv")) {
            java.nio.file.Files.copy(
                    java.nio.file.Path.of(
                            getClass().getResource("/observatory/" + name).toURI()),
                    dir.resolve(name),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Map<String, String> form = Map.of(
                "vintage",
                "1998-01",
                "units",
                "StockUniteLegale_utf8.csv",
                "establishments",
                "StockEtablissement_utf8.csv");
        for (String role : List.of("anonymous", "organizer", "owner", "moderatorElsewhere", "moderator")) {
            users.get(role).get("/connexion");
            users.get(role).post("/admin/observatoire/import", form);
        }
        assertThat(importJobs.status() == null
                        || !"1998-01".equals(importJobs.status().month()))
                .isTrue();
        users.get("admin").get("/admin/observatoire");
        users.get("admin").post("/admin/observatoire/import", form);
        assertThat(importJobs.status().month()).isEqualTo("1998-01");
        await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> !importJobs.status().running());
        assertThat(observatory.vintage("1998-01")).isPresent();
    }
}
