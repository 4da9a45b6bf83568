package fr.essor.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

import fr.essor.WebUser;

import org.junit.jupiter.api.Test;

/**
 * A structure registered on Essor is unverified until a moderator of its territory confirms it: the
 * spreadsheet import attaches nothing to it until then; a moderator of another territory, or one who
 * is a member, cannot decide; a second person claiming its SIRET gets a claim the moderators decide.
 */
class StructureVerificationTests extends PublishingTestSupport {

    private static final String HEADER =
            "titre;resume;type;themes;publics;date;debut;fin;participation;lieu;commune;gratuit;tarif;inscription;organisateur;siret";

    private String siretOf(long id) {
        return jdbc.sql("select siret from directory.structure where id = ?")
                .param(id)
                .query(String.class)
                .single();
    }

    private String importRow(String marker, String siret) {
        String csv = "\uFEFF" + HEADER + "\n" + "Atelier " + marker
                + ";Découvrir les coopératives d’activité et d’emploi.;atelier;cooperation_entrepreneuriat;grand_public;2031-11-14;9:30;12:00;in_person;Maison des coopératives;34000;oui;;none;Relais 34;"
                + siret + "\n";
        moderator.get("/moderation/import");
        var r = moderator.postFile(
                "/moderation/import",
                Map.of("editionId", String.valueOf(edition)),
                "file",
                "evenements.csv",
                "text/csv",
                csv.getBytes(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    private boolean verified(long id) {
        return jdbc.sql("select verified_at is not null from directory.structure where id = ?")
                .param(id)
                .query(Boolean.class)
                .single();
    }

    @Test
    void anUnverifiedStructureGetsNoImportedEventUntilAModeratorOfItsTerritoryVerifiesIt() {
        String siret = siretOf(structure);
        assertThat(organizer.get("/structures/" + structure).body()).contains("attend la vérification");
        assertThat(importRow("avant" + s, siret)).contains("pas encore vérifiée");
        assertThat(jdbc.sql("select count(*) from publishing.submission where title = ?")
                        .param("Atelier avant" + s)
                        .query(Long.class)
                        .single())
                .isZero();

        // a moderator of another territory neither sees it nor decides
        ids.moderator("mod-31-" + s + "@example.org", null, Set.of("31"));
        WebUser elsewhere = ids.signIn(port, "mod-31-" + s + "@example.org");
        assertThat(elsewhere.get("/moderation/structures").body()).doesNotContain("Structure " + s);
        elsewhere.get("/moderation/structures");
        assertThat(elsewhere
                        .post("/moderation/structures/" + structure + "/verifier", Map.of())
                        .statusCode())
                .isEqualTo(404);
        // nor does a moderator of the territory who is one of its members
        ids.moderator("mod-membre-" + s + "@example.org", "76", Set.of());
        long member = jdbc.sql("select id from identity.account where email = ?")
                .param("mod-membre-" + s + "@example.org")
                .query(Long.class)
                .single();
        jdbc.sql("insert into identity.membership (account_id, structure_id, joined_at) values (?, ?, now())")
                .params(member, structure)
                .update();
        WebUser insider = ids.signIn(port, "mod-membre-" + s + "@example.org");
        insider.get("/moderation/structures");
        assertThat(insider.post("/moderation/structures/" + structure + "/verifier", Map.of())
                        .statusCode())
                .isEqualTo(403);
        // an organizer is not a moderator
        assertThat(organizer.get("/moderation/structures").statusCode()).isEqualTo(403);
        assertThat(verified(structure)).isFalse();

        String queue = moderator.get("/moderation/structures").body();
        assertThat(queue).contains("Structure " + s, "annuaire-entreprises.data.gouv.fr/etablissement/" + siret);
        moderator.post("/moderation/structures/" + structure + "/verifier", Map.of());
        assertThat(verified(structure)).isTrue();
        // out of the queue; verified but absent from SIRENE's ESS, it waits to be confirmed in the ESS
        assertThat(moderator.get("/moderation/structures").body())
                .doesNotContain("/moderation/structures/" + structure + "/verifier")
                .contains(
                        "/moderation/structures/" + structure + "/ess",
                        "annuaire-entreprises.data.gouv.fr/etablissement/" + siret);
        assertThat(organizer.get("/structures/" + structure).body()).doesNotContain("attend la vérification");
        importRow("apres" + s, siret);
        assertThat(jdbc.sql("select structure_id from publishing.submission where title = ?")
                        .param("Atelier apres" + s)
                        .query(Long.class)
                        .single())
                .isEqualTo(structure);
    }

    @Test
    void aSecondPersonClaimingTheSiretIsHeardByTheModerators() {
        String siret = siretOf(structure);
        ids.organizer("vraie-" + s + "@example.org");
        WebUser rightful = ids.signIn(port, "vraie-" + s + "@example.org");
        var refused = rightful.submit(
                "/structures",
                "/structures",
                Map.of(
                        "name",
                        "La vraie structure " + s,
                        "siret",
                        siret,
                        "legalFamily",
                        "ASSOCIATION",
                        "commune",
                        "34172",
                        "website",
                        ""));
        assertThat(refused.body()).contains("revendiquer ce SIRET", "/structures/" + structure + "/revendiquer");
        // the claim page names the structure, not its members
        String page = rightful.get("/structures/" + structure + "/revendiquer").body();
        assertThat(page).contains("Structure " + s).doesNotContain("orga-" + s);
        assertThat(rightful.post("/structures/" + structure + "/revendiquer", Map.of("message", " "))
                        .body())
                .contains("Dites qui vous êtes");
        rightful.get("/structures/" + structure + "/revendiquer");
        rightful.post(
                "/structures/" + structure + "/revendiquer",
                Map.of("message", "Présidente de l’association depuis 2019, joignable au siège."));
        assertThat(rightful.get("/structures/" + structure).statusCode()).isEqualTo(404);

        String queue = moderator.get("/moderation/structures").body();
        assertThat(queue).contains("Présidente de l’association depuis 2019", "vraie-" + s + "@example.org");
        long claim = jdbc.sql("select id from directory.structure_claim where structure_id = ? and decided_at is null")
                .param(structure)
                .query(Long.class)
                .single();
        moderator.post("/moderation/structures/revendications/" + claim, Map.of("decision", "accepter"));
        assertThat(rightful.get("/structures/" + structure).body()).contains("vraie-" + s);
        assertThat(verified(structure)).isTrue();
        long rightfulId = jdbc.sql("select id from identity.account where email = ?")
                .param("vraie-" + s + "@example.org")
                .query(Long.class)
                .single();
        assertThat(jdbc.sql("select account_id from identity.membership where structure_id = ? and owner")
                        .param(structure)
                        .query(Long.class)
                        .single())
                .isEqualTo(rightfulId);
        // the claim is decided once
        moderator.get("/moderation/structures");
        assertThat(moderator
                        .post("/moderation/structures/revendications/" + claim, Map.of("decision", "refuser"))
                        .statusCode())
                .isEqualTo(404);
    }
}
