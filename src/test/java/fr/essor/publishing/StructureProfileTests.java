package fr.essor.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.imageio.ImageIO;

import fr.essor.WebUser;
import fr.essor.directory.DirectoryVintages;
import fr.essor.observatory.HandCheckedFiles;
import fr.essor.observatory.ImportProgress;
import fr.essor.observatory.Observatory;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The profile of a structure in the directory: written only by the members of a verified structure
 * (the access matrix), shown beside the SIRENE facts, in the API and in search; every bad input refused;
 * the whole path from a claim of the SIRET to the profile on the establishment's page.
 */
class StructureProfileTests extends PublishingTestSupport {

    private static final String MONTH = "1994-03";
    /** E1 of the hand-checked stock files, in the directory of every vintage imported from them. */
    private static final String E1 = "11111111100011";

    @Autowired
    Observatory observatory;

    @Autowired
    DirectoryVintages vintages;

    private void importVintage() {
        if (vintages.ofMonth(MONTH).isEmpty()) {
            observatory.importVintage(
                    MONTH, HandCheckedFiles.UNITS, HandCheckedFiles.ESTABLISHMENTS, false, ImportProgress.NONE);
        }
    }

    private void verify(long id) {
        moderator.get("/moderation/structures");
        assertThat(moderator
                        .post("/moderation/structures/" + id + "/verifier", Map.of())
                        .statusCode())
                .isIn(200, 302, 303);
    }

    private static byte[] png(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        var g = image.createGraphics();
        g.setColor(new Color(10, 92, 82));
        g.fillOval(0, 0, width, height);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
        return out.toByteArray();
    }

    private HttpResponse<byte[]> anonymousBytes(String path) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        }
    }

    @Test
    void onlyTheMembersOfAVerifiedStructureWriteItsProfile() {
        String page = "/structures/" + structure + "/profil";
        Map<String, String> texts = Map.of("description", "Ateliers de réparation " + s);
        // a stranger is sent to sign in; another organizer and a moderator who is not a member are told it does not
        // exist
        WebUser anonymous = new WebUser(port);
        HttpResponse<String> signIn = anonymous.get(page);
        assertThat(signIn.statusCode()).isIn(302, 303);
        assertThat(WebUser.location(signIn)).contains("/connexion");
        ids.organizer("autre-" + s + "@example.org");
        WebUser other = ids.signIn(port, "autre-" + s + "@example.org");
        assertThat(other.get(page).statusCode()).isEqualTo(404);
        other.get("/structures");
        assertThat(other.post(page, texts).statusCode()).isEqualTo(404);
        assertThat(moderator.get(page).statusCode()).isEqualTo(404);
        // a member of an unverified structure sees why it cannot write yet, and cannot
        assertThat(organizer.get(page).body()).contains("une fois la structure vérifiée");
        assertThat(organizer.post(page, texts).statusCode()).isEqualTo(403);
        assertThat(jdbc.sql("select count(*) from directory.profile where structure_id = ?")
                        .param(structure)
                        .query(Long.class)
                        .single())
                .isZero();
        // once verified, it can
        verify(structure);
        organizer.get(page);
        HttpResponse<String> saved = organizer.post(page, texts);
        assertThat(saved.statusCode()).isIn(302, 303);
        assertThat(organizer.get(page).body()).contains("Ateliers de réparation " + s, "Historique");
        // and the other organizer still cannot, even with a token of its own
        other.get("/structures");
        assertThat(other.post(page, Map.of("description", "vandalisme")).statusCode())
                .isEqualTo(404);
        other.get("/structures");
        assertThat(other.postFile(page + "/logo", Map.of(), "logo", "logo.png", "image/png", png(20, 20))
                        .statusCode())
                .isEqualTo(404);
        assertThat(jdbc.sql("select count(*) from directory.profile_image where structure_id = ?")
                        .param(structure)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void badInputIsRefusedFieldByFieldAndNothingIsWritten() {
        verify(structure);
        String page = "/structures/" + structure + "/profil";
        organizer.get(page);
        HttpResponse<String> refused = organizer.post(
                page,
                Map.of(
                        "description",
                        "x".repeat(2001),
                        "website",
                        "javascript:alert(1)",
                        "email",
                        "pas une adresse",
                        "phone",
                        "appelez-nous",
                        "social",
                        "https://reseau.example.org/a\nftp://reseau.example.org/b",
                        "keywords",
                        "a, " + "b".repeat(41)));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body())
                .contains(
                        "dépasse 2 000 caractères",
                        "doit commencer par https:// ou http://",
                        "adresse électronique n’est pas valide",
                        "numéro de téléphone n’est pas valide",
                        "40 caractères au plus")
                .doesNotContain("href=\"javascript:");
        assertThat(jdbc.sql("select count(*) from directory.profile_change where structure_id = ?")
                        .param(structure)
                        .query(Long.class)
                        .single())
                .isZero();
        // a file that is not an image, whatever its name, and an empty one
        organizer.get(page);
        HttpResponse<String> notImage = organizer.postFile(
                page + "/logo",
                Map.of(),
                "logo",
                "logo.png",
                "image/png",
                "<svg onload=alert(1)>".getBytes(StandardCharsets.UTF_8));
        assertThat(notImage.statusCode()).isEqualTo(400);
        assertThat(notImage.body()).contains("n’est pas une image JPEG, PNG ou GIF");
        organizer.get(page);
        assertThat(organizer
                        .postFile(page + "/logo", Map.of(), "logo", "vide.png", "image/png", new byte[0])
                        .body())
                .contains("Le fichier est vide");
        // a photo needs its text alternative
        organizer.get(page);
        HttpResponse<String> noAlt =
                organizer.postFile(page + "/photos", Map.of("alt", " "), "photo", "p.png", "image/png", png(40, 30));
        assertThat(noAlt.statusCode()).isEqualTo(400);
        assertThat(noAlt.body()).contains("Dites en quelques mots ce que montre la photo");
        assertThat(jdbc.sql("select count(*) from directory.profile_image where structure_id = ?")
                        .param(structure)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void fromAClaimOfTheSiretToTheProfileOnTheEstablishmentsPageInSearchAndInTheApi() throws Exception {
        importVintage();
        // the structure, registered by someone else, is in the directory as E1 is (same facts, its own SIRET;
        // the hand-checked files' SIRETs have no valid key), then claimed by its rightful member
        String siret = jdbc.sql("select siret from directory.structure where id = ?")
                .param(structure)
                .query(String.class)
                .single();
        long vintage = vintages.ofMonth(MONTH).orElseThrow().id();
        // in every published vintage: the establishment's page shows the one shown by default
        for (long into : jdbc.sql("select id from directory.vintage where state = 'PUBLISHED'")
                .query(Long.class)
                .list()) {
            jdbc.sql("insert into directory.establishment_" + into + " (vintage_id, siret, siren, name, usual_name, "
                            + "sign, acronym, categorie_juridique, family, naf, section, size_band, head_office, created_on, "
                            + "unit_created_on, rna, ess_flag, mission, diffusible, street, complement, postcode, city, "
                            + "commune_code, commune, epci, departement, region, latitude, longitude, position_source) "
                            + "select ?, ?, ?, name, usual_name, sign, acronym, categorie_juridique, family, naf, "
                            + "section, size_band, head_office, created_on, unit_created_on, rna, ess_flag, mission, "
                            + "diffusible, street, complement, postcode, city, commune_code, commune, epci, departement, "
                            + "region, latitude, longitude, position_source from directory.establishment "
                            + "where vintage_id = ? and siret = ? on conflict do nothing")
                    .params(into, siret, siret.substring(0, 9), vintage, E1)
                    .update();
        }
        // it already publishes an event in the agenda
        long version = create(PublishingFixtures.form(structure, edition, "Atelier du profil " + s));
        submit(version);
        moderator.get("/moderation/versions/" + version);
        moderator.post("/moderation/versions/" + version + "/approuver", Map.of());
        long event = jdbc.sql("select id from agenda.event where structure_id = ?")
                .param(structure)
                .query(Long.class)
                .single();
        ids.organizer("vraie-" + s + "@example.org");
        WebUser rightful = ids.signIn(port, "vraie-" + s + "@example.org");
        rightful.get("/structures/" + structure + "/revendiquer");
        HttpResponse<String> claimed = rightful.post(
                "/structures/" + structure + "/revendiquer",
                Map.of("message", "Présidente de l’association, joignable au siège."));
        assertThat(claimed.statusCode()).as(claimed.body()).isIn(302, 303);
        long claim = jdbc.sql("select id from directory.structure_claim where structure_id = ? and decided_at is null")
                .param(structure)
                .query(Long.class)
                .single();
        moderator.get("/moderation/structures");
        moderator.post("/moderation/structures/revendications/" + claim, Map.of("decision", "accepter"));

        String page = "/structures/" + structure + "/profil";
        rightful.get(page);
        assertThat(rightful.post(
                                page,
                                Map.of(
                                        "description",
                                        "Nous tenons un atelier de zythologie solidaire " + s + ".",
                                        "website",
                                        "https://amis-du-quartier.example.org/",
                                        "email",
                                        "contact@amis-du-quartier.example.org",
                                        "social",
                                        "https://social.example.org/@amis",
                                        "keywords",
                                        "brasserie, lien social"))
                        .statusCode())
                .isIn(302, 303);
        rightful.get(page);
        HttpResponse<String> logoSent =
                rightful.postFile(page + "/logo", Map.of(), "logo", "logo.png", "image/png", png(900, 600));
        assertThat(logoSent.statusCode())
                .as(logoSent.headers().map() + logoSent.body())
                .isIn(302, 303);
        assertThat(WebUser.location(logoSent))
                .as(logoSent.headers().map().toString())
                .endsWith("/profil");
        rightful.get(page);
        rightful.postFile(
                page + "/photos",
                Map.of("alt", "L'atelier un samedi matin"),
                "photo",
                "p.png",
                "image/png",
                png(300, 200));

        // the establishment's page shows the profile beside the SIRENE facts, with its JSON-LD
        String entry = new WebUser(port).get("/annuaire/" + siret).body();
        assertThat(entry)
                .contains(
                        "Présentation par la structure",
                        "atelier de zythologie solidaire " + s,
                        "https://amis-du-quartier.example.org/",
                        "brasserie",
                        "L&#39;atelier un samedi matin",
                        "Fiche SIRENE",
                        "\"sameAs\":[\"https://social.example.org/@amis\"]");
        // with the structure's events, whose page links to the organizer's profile
        assertThat(entry).contains("Ses événements dans l’agenda", "Atelier du profil " + s);
        WebUser visitor = new WebUser(port);
        HttpResponse<String> eventPage = visitor.get("/evenements/" + event);
        if (eventPage.statusCode() / 100 == 3) {
            eventPage = visitor.get(WebUser.location(eventPage));
        }
        assertThat(eventPage.body()).contains("/annuaire/structure/" + structure);
        HttpResponse<String> organizerLink = visitor.get("/annuaire/structure/" + structure);
        assertThat(WebUser.location(organizerLink)).isEqualTo("/annuaire/" + siret);
        // the logo was re-encoded: a JPEG at most 400 pixels wide, served to anyone
        String logoId = jdbc.sql("select logo_id::text from directory.profile where structure_id = ?")
                .param(structure)
                .query(String.class)
                .single();
        HttpResponse<byte[]> logo = anonymousBytes("/annuaire/images/" + logoId + ".jpg");
        assertThat(logo.statusCode()).isEqualTo(200);
        assertThat(logo.headers().firstValue("Content-Type")).contains("image/jpeg");
        BufferedImage decoded = ImageIO.read(new java.io.ByteArrayInputStream(logo.body()));
        assertThat(decoded.getWidth()).isEqualTo(400);
        assertThat(decoded.getHeight()).isEqualTo(267);

        // the profile's words find the establishment; the API gives the profile with the entry
        String found =
                get("/api/v1/structures?vintage=" + MONTH + "&q=zythologie").body();
        assertThat(found).contains(siret);
        assertThat(get("/api/v1/structures?vintage=" + MONTH + "&q=brasserie").body())
                .contains(siret);
        String api = get("/api/v1/structures/" + siret + "?vintage=" + MONTH).body();
        assertThat(api)
                .contains(
                        "\"profile\":{",
                        "zythologie",
                        "\"keywords\":[\"brasserie\",\"lien social\"]",
                        "/annuaire/images/");

        // a change written by another instance (straight in the database here) reaches this one's searches,
        // including the answers it keeps, within a few seconds
        jdbc.sql("update directory.profile set keywords = '{lien social}' where structure_id = ?")
                .param(structure)
                .update();
        jdbc.sql("insert into directory.profile_change (structure_id, account_id, changed_at, field, before, after) "
                        + "values (?, 0, now(), 'keywords', 'brasserie, lien social', 'lien social')")
                .param(structure)
                .update();
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .pollInterval(java.time.Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(get("/api/v1/structures?vintage=" + MONTH + "&q=brasserie")
                                .body())
                        .doesNotContain(siret));
        jdbc.sql("delete from directory.profile_change where account_id = 0 and structure_id = ?")
                .param(structure)
                .update();

        // every change is in the history, with who made it
        String history = rightful.get(page).body();
        assertThat(history).contains("Présentation", "Logo", "Photo", "Activités et mots-clés");
        assertThat(jdbc.sql("select count(*) from directory.profile_change where structure_id = ?")
                        .param(structure)
                        .query(Long.class)
                        .single())
                .isEqualTo(7L); // description, website, email, social, keywords, logo, photo
    }

    @Test
    void aVerifiedStructureThatSireneDoesNotFlagEntersTheDirectoryOnceAModeratorConfirmsIt() throws Exception {
        // a vintage of its own, whose index no other test reads
        String month = "1994-04";
        if (vintages.ofMonth(month).isEmpty()) {
            observatory.importVintage(
                    month, HandCheckedFiles.UNITS, HandCheckedFiles.ESTABLISHMENTS, false, ImportProgress.NONE);
        }
        String siret = jdbc.sql("select siret from directory.structure where id = ?")
                .param(structure)
                .query(String.class)
                .single();
        String name = "Recyclerie Quetzalcoatl " + s;
        jdbc.sql("update directory.structure set name = ? where id = ?")
                .params(name, structure)
                .update();
        String search = "/api/v1/structures?vintage=" + month + "&q=quetzalcoatl";
        assertThat(get(search).body()).doesNotContain(siret);
        verify(structure);
        // verified, not in SIRENE's ESS: the moderators of its territory are asked to confirm it
        assertThat(moderator.get("/moderation/structures").body())
                .contains("Structures de l’ESS absentes du répertoire SIRENE", name);
        assertThat(organizer
                        .post("/moderation/structures/" + structure + "/ess", Map.of())
                        .statusCode())
                .isEqualTo(403);
        try {
            confirmedThenSearched(siret, name, search, month);
        } finally {
            // no longer confirmed: out again (the other tests count the vintages' establishments)
            jdbc.sql("update directory.structure set ess_confirmed_at = null where id = ?")
                    .param(structure)
                    .update();
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(30))
                    .pollInterval(java.time.Duration.ofMillis(500))
                    .untilAsserted(() -> assertThat(get(search).body()).doesNotContain(siret));
        }
    }

    private void confirmedThenSearched(String siret, String name, String search, String month) throws Exception {
        assertThat(moderator
                        .post("/moderation/structures/" + structure + "/ess", Map.of())
                        .statusCode())
                .isIn(302, 303);
        assertThat(moderator.get("/moderation/structures").body()).doesNotContain(name);
        // then every instance's index takes it within seconds: search, its entry, the map
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .pollInterval(java.time.Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(get(search).body()).contains(siret));
        String found = get(search).body();
        assertThat(found).contains(name, "\"communeCode\":\"34172\"", "\"positionSource\":\"commune\"");
        String clusters = get("/api/v1/structures/clusters?vintage=" + month
                        + "&q=quetzalcoatl&bbox=3.0,43.0,4.5,44.0&zoom=8")
                .body();
        assertThat(clusters).contains("\"total\":1");
        HttpResponse<String> entry = new WebUser(port).get("/annuaire/" + siret);
        assertThat(WebUser.location(entry)).isEqualTo("/annuaire/structure/" + structure);
    }

    private HttpResponse<String> get(String path) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                            .header("Accept", "application/json")
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }
}
