package fr.essor.calls;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import fr.essor.HttpTestSupport;
import fr.essor.WebUser;
import fr.essor.calls.DossierFlow.Role;
import fr.essor.identity.IdentityFixtures;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.util.HtmlUtils;

/** The form builder: parts and fields added, moved and removed on the page, saved as a new version. */
class FormBuilderTests extends HttpTestSupport {

    private static final Pattern DRAFT = Pattern.compile("name=\"brouillon\" value=\"([^\"]*)\"");

    @Autowired
    Programmes programmes;

    @Autowired
    Staff staff;

    @Autowired
    JdbcClient jdbc;

    private static String draft(String page) {
        Matcher m = DRAFT.matcher(page);
        assertThat(m.find()).isTrue();
        return HtmlUtils.htmlUnescape(m.group(1));
    }

    @Test
    void aManagerBuildsTheFormFieldByFieldAndSavesItAsANewVersion() {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        IdentityFixtures fixtures = new IdentityFixtures(jdbc);
        String email = "gestion@" + unique + ".test";
        long manager = fixtures.organizer(email);
        long programme = programmes.create(
                CallsFixtures.draft(
                        "editeur-" + unique,
                        Instant.now().minus(Duration.ofDays(1)),
                        Instant.now().plus(Duration.ofDays(3))),
                CallsFixtures.form());
        staff.grant(programme, manager, Role.MANAGER, manager);
        WebUser user = fixtures.signIn(port, email);
        String path = "/instruction/appels/" + programme + "/formulaire/editeur";
        String page = user.get(path).body();
        assertThat(page).contains("Le projet", "Forme juridique", "statut == &#39;Association&#39;");

        // a part, then a field in it, a block of lines and a field of that block
        page = user.post(path, Map.of("brouillon", draft(page), "action", "section", "titrePartie", "Le financement"))
                .body();
        assertThat(page).contains("Le financement", "Aucun champ dans cette partie");
        Map<String, String> field = new HashMap<>(Map.of(
                "brouillon", draft(page),
                "action", "field",
                "partie", "1",
                "libelle", "Montant demandé",
                "cle", "montant",
                "type", "amount",
                "obligatoire", "on"));
        page = user.post(path, field).body();
        page = user.post(
                        path,
                        Map.of(
                                "brouillon", draft(page),
                                "action", "field",
                                "partie", "1",
                                "libelle", "Cofinanceurs",
                                "cle", "cofinanceurs",
                                "type", "repeatable",
                                "lignesMin", "1",
                                "lignesMax", "5"))
                .body();
        page = user.post(
                        path,
                        Map.of(
                                "brouillon", draft(page),
                                "action", "field",
                                "partie", "1",
                                "bloc", "cofinanceurs",
                                "libelle", "Financeur",
                                "cle", "financeur",
                                "type", "text",
                                "obligatoire", "on"))
                .body();
        assertThat(page)
                .contains("Montant demandé", "Cofinanceurs", "Financeur")
                .doesNotContain("À corriger");
        // a second field with a key already taken is reported, and the form cannot be saved as it is
        page = user.post(
                        path,
                        Map.of(
                                "brouillon", draft(page),
                                "action", "field",
                                "partie", "1",
                                "libelle", "Encore",
                                "cle", "montant",
                                "type", "text"))
                .body();
        assertThat(page).contains("À corriger avant d’enregistrer", "Deux champs portent le même nom technique.");
        page = user.post(path, Map.of("brouillon", draft(page), "action", "remove:1:2"))
                .body();
        assertThat(page).doesNotContain("À corriger").doesNotContain(">Encore<");
        // moved down: the amount after the block of co-funders
        page = user.post(path, Map.of("brouillon", draft(page), "action", "down:1:0"))
                .body();
        String saved = draft(page);
        assertThat(saved.indexOf("cofinanceurs")).isLessThan(saved.indexOf("\"montant\""));
        // a tampered page starts again from the saved version
        assertThat(user.post(path, Map.of("brouillon", "{ cassé", "action", "up:0:1"))
                        .body())
                .doesNotContain("Le financement");

        // nothing is saved until it is
        assertThat(programmes.currentForm(programme).version()).isEqualTo(1);
        user.post("/instruction/appels/" + programme + "/formulaire", Map.of("form", saved));
        Programmes.VersionedForm current = programmes.currentForm(programme);
        assertThat(current.version()).isEqualTo(2);
        assertThat(current.form().sections()).hasSize(2);
        assertThat(current.form().sections().get(1).fields())
                .extracting(FormField::key)
                .containsExactly("cofinanceurs", "montant");
        assertThat(current.form().sections().get(1).fields().getFirst().fields())
                .extracting(FormField::key)
                .containsExactly("financeur");

        // the builder is the managers' only
        String instructorEmail = "instruction@" + unique + ".test";
        long instructor = fixtures.organizer(instructorEmail);
        staff.grant(programme, instructor, Role.INSTRUCTOR, manager);
        assertThat(fixtures.signIn(port, instructorEmail).get(path).statusCode())
                .isEqualTo(404);
    }
}
