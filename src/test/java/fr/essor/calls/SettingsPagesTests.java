package fr.essor.calls;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import fr.essor.HttpTestSupport;
import fr.essor.WebUser;
import fr.essor.calls.DossierFlow.Role;
import fr.essor.directory.LegalFamily;
import fr.essor.directory.Structures;
import fr.essor.identity.IdentityFixtures;
import fr.essor.identity.Memberships;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A call's settings: its texts and dates changed by its manager, a new version of its form that new dossiers
 * follow while a draft keeps its own, its copy for the next edition; a call created by an administrator.
 */
class SettingsPagesTests extends HttpTestSupport {

    @Autowired
    Programmes programmes;

    @Autowired
    Dossiers dossiers;

    @Autowired
    Staff staff;

    @Autowired
    Routing routing;

    @Autowired
    Annotations annotations;

    @Autowired
    Structures structures;

    @Autowired
    Memberships memberships;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theManagerChangesTheCallWritesANewFormVersionAndCopiesItForNextYear() {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        IdentityFixtures fixtures = new IdentityFixtures(jdbc);
        String managerEmail = "gestion@" + unique + ".test";
        long manager = fixtures.organizer(managerEmail);
        long instructor = fixtures.organizer("instruction@" + unique + ".test");
        String slug = "reglages-" + unique + "-2026";
        long programme = programmes.create(
                CallsFixtures.draft(
                        slug,
                        Instant.now().minus(Duration.ofDays(1)),
                        Instant.now().plus(Duration.ofDays(3))),
                CallsFixtures.form());
        staff.grant(programme, manager, Role.MANAGER, manager);
        staff.grant(programme, instructor, Role.INSTRUCTOR, manager);
        long group = routing.create(
                programme, manager, false, "Hérault", "structureDepartement == '34'", CallsFixtures.form());
        routing.join(group, instructor, manager, false);
        annotations.define(programme, List.of(FormField.of("note", "Note", FieldType.NUMBER, true)));

        // an applicant's draft on version 1
        long applicant = fixtures.organizer("porteur@" + unique + ".test");
        long structure = structures
                .register(new Structures.Registration(
                        "Atelier " + unique, CallsFixtures.siret(), LegalFamily.COOPERATIVE, "34172", null))
                .id();
        memberships.register(applicant, structure);
        structures.verify(structure, manager);
        long draft = dossiers.start(programme, applicant, structure);

        WebUser user = fixtures.signIn(port, managerEmail);
        assertThat(user.get("/instruction/appels/" + programme + "/parametres").body())
                .contains(
                        "Paramètres de l’appel",
                        "Formulaire (version 1)",
                        "&quot;budget&quot;",
                        slug.replace("2026", "2027"));
        // bad values are refused, each beside its field, nothing written
        var refused = user.post(
                "/instruction/appels/" + programme + "/parametres",
                Map.of(
                        "name", "Appel réglé",
                        "owner", "Région Occitanie",
                        "summary", "Un résumé.",
                        "cap", "-5",
                        "opensAt", "2026-12-10T09:00",
                        "closesAt", "2026-12-01T09:00",
                        "retentionMonths", "120"));
        assertThat(refused.statusCode()).isIn(302, 303);
        String page =
                user.get("/instruction/appels/" + programme + "/parametres").body();
        assertThat(page).contains("Le montant maximal doit être positif.", "La clôture doit venir après l’ouverture.");
        assertThat(programmes.byId(programme).orElseThrow().name()).isNotEqualTo("Appel réglé");
        user.post(
                "/instruction/appels/" + programme + "/parametres",
                Map.ofEntries(
                        Map.entry("name", "Appel réglé"),
                        Map.entry("owner", "Région Occitanie"),
                        Map.entry("summary", "Un résumé."),
                        Map.entry("description", "Ce qu’il finance."),
                        Map.entry("whoCanApply", "Les coopératives."),
                        Map.entry("cap", "40 000"),
                        Map.entry("opensAt", "2026-11-01T09:00"),
                        Map.entry("closesAt", "2027-01-15T12:30"),
                        Map.entry("documents", "Statuts\n\nComptes 2025\n"),
                        Map.entry("retentionMonths", "60"),
                        Map.entry("fourEyes", "on")));
        // the redirection followed, as a browser does
        assertThat(user.get("/instruction/appels/" + programme + "/parametres").body())
                .contains("Paramètres enregistrés.");
        Programme changed = programmes.byId(programme).orElseThrow();
        assertThat(changed.name()).isEqualTo("Appel réglé");
        assertThat(changed.capCents()).isEqualTo(4_000_000L);
        assertThat(changed.closesAt())
                .isEqualTo(LocalDateTime.parse("2027-01-15T12:30")
                        .atZone(ZoneId.of("Europe/Paris"))
                        .toInstant());
        assertThat(changed.documents()).containsExactly("Statuts", "Comptes 2025");
        assertThat(changed.fourEyes()).isTrue();
        assertThat(changed.slug()).isEqualTo(slug);

        // the form: unreadable JSON, then a form with problems, then a good one as version 2
        user.post("/instruction/appels/" + programme + "/formulaire", Map.of("form", "{ pas du json"));
        assertThat(user.get("/instruction/appels/" + programme + "/parametres").body())
                .contains("n’est pas un JSON de formulaire lisible");
        user.post(
                "/instruction/appels/" + programme + "/formulaire",
                Map.of("form", "{\"sections\": [{\"title\": \"\", \"fields\": []}]}"));
        assertThat(user.get("/instruction/appels/" + programme + "/parametres").body())
                .contains("Chaque partie a un titre.", "sections[0].title");
        assertThat(programmes.currentForm(programme).version()).isEqualTo(1);
        user.post(
                "/instruction/appels/" + programme + "/formulaire",
                Map.of(
                        "form",
                        "{\"sections\": [{\"title\": \"Le projet\", \"fields\": [{\"key\": \"titre\", \"label\": "
                                + "\"Titre\", \"type\": \"text\", \"required\": true}]}]}"));
        assertThat(programmes.currentForm(programme).version()).isEqualTo(2);
        assertThat(user.get("/instruction/appels/" + programme + "/parametres").body())
                .contains("Version 2 du formulaire enregistrée");
        // the draft keeps version 1; a new dossier follows version 2
        assertThat(dossiers.byId(draft).orElseThrow().formVersion()).isEqualTo(1);
        assertThat(dossiers.formOf(dossiers.byId(draft).orElseThrow()).allFields())
                .extracting(FormField::key)
                .contains("budget");
        long other = fixtures.organizer("autre@" + unique + ".test");
        memberships.register(other, structure);
        long second = dossiers.start(programme, other, structure);
        assertThat(dossiers.byId(second).orElseThrow().formVersion()).isEqualTo(2);

        // the copy for next year: form, annotations, team and groups; no dossier
        var copied = user.post(
                "/instruction/appels/" + programme + "/copier",
                Map.of(
                        "slug", slug.replace("2026", "2027"),
                        "opensAt", "2027-11-01T09:00",
                        "closesAt", "2028-01-15T12:00"));
        String location = copied.headers().firstValue("Location").orElseThrow();
        assertThat(location).matches(".*/instruction/appels/\\d+/parametres$");
        long copy = Long.parseLong(location.replaceAll(".*/appels/(\\d+)/parametres$", "$1"));
        Programme next = programmes.byId(copy).orElseThrow();
        assertThat(next.slug()).isEqualTo(slug.replace("2026", "2027"));
        assertThat(next.name()).isEqualTo("Appel réglé");
        assertThat(next.capCents()).isEqualTo(4_000_000L);
        assertThat(programmes.currentForm(copy).version()).isEqualTo(1);
        assertThat(programmes.currentForm(copy).form().allFields())
                .extracting(FormField::key)
                .containsExactly("titre");
        assertThat(annotations.fields(copy)).extracting(FormField::key).containsExactly("note");
        assertThat(staff.rolesOf(instructor, copy)).containsExactly(Role.INSTRUCTOR);
        assertThat(routing.groups(copy)).singleElement().satisfies(g -> {
            assertThat(g.rule()).isEqualTo("structureDepartement == '34'");
            assertThat(g.members()).containsExactly(instructor);
        });
        assertThat(jdbc.sql("select count(*) from calls.dossier where programme_id = ?")
                        .param(copy)
                        .query(Long.class)
                        .single())
                .isZero();
        // the same slug twice is refused
        user.post(
                "/instruction/appels/" + programme + "/copier",
                Map.of(
                        "slug",
                        slug.replace("2026", "2027"),
                        "opensAt",
                        "2027-11-01T09:00",
                        "closesAt",
                        "2028-01-15T12:00"));
        assertThat(user.get("/instruction/appels/" + programme + "/parametres").body())
                .contains("Un autre appel porte déjà cette adresse.");

        // an instructor has no settings; only an administrator creates a call
        WebUser instructorUser = fixtures.signIn(port, "instruction@" + unique + ".test");
        assertThat(instructorUser
                        .get("/instruction/appels/" + programme + "/parametres")
                        .statusCode())
                .isEqualTo(404);
        instructorUser.get("/instruction");
        assertThat(instructorUser
                        .post("/instruction/appels/" + programme + "/formulaire", Map.of("form", "{}"))
                        .statusCode())
                .isEqualTo(404);
        assertThat(user.get("/instruction/appels/nouveau").statusCode()).isEqualTo(404);
    }

    @Test
    void anAdministratorCreatesACallAndManagesIt() {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        IdentityFixtures fixtures = new IdentityFixtures(jdbc);
        String email = "admin@" + unique + ".test";
        long admin = fixtures.admin(email);
        fixtures.enableTotp(admin);
        WebUser user = fixtures.signIn(port, email);
        assertThat(user.get("/instruction").body()).contains("Créer un appel");
        var refused = user.submit(
                "/instruction/appels/nouveau",
                "/instruction/appels/nouveau",
                Map.of("slug", "Pas Une Adresse!", "name", "", "kind", "AID", "owner", "Région", "summary", "Résumé"));
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("L’adresse de l’appel s’écrit en minuscules", "Donnez un nom");
        var made = user.submit(
                "/instruction/appels/nouveau",
                "/instruction/appels/nouveau",
                Map.of(
                        "slug", "nouvel-appel-" + unique,
                        "name", "Nouvel appel",
                        "kind", "INCUBATOR",
                        "owner", "Catalis",
                        "summary", "Sélection de porteurs de projet.",
                        "opensAt", "2027-01-04T09:00",
                        "closesAt", "2027-02-26T12:00"));
        assertThat(made.statusCode()).isIn(302, 303);
        Programme p = programmes.bySlug("nouvel-appel-" + unique).orElseThrow();
        assertThat(p.kind()).isEqualTo(ProgrammeKind.INCUBATOR);
        assertThat(staff.rolesOf(admin, p.id())).containsExactly(Role.MANAGER);
        assertThat(programmes.currentForm(p.id()).form().allFields())
                .extracting(FormField::key)
                .contains("titre");
    }
}
