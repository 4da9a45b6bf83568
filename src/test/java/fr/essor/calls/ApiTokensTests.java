package fr.essor.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import fr.essor.HttpTestSupport;
import fr.essor.WebUser;
import fr.essor.calls.DossierFlow.Role;
import fr.essor.directory.LegalFamily;
import fr.essor.directory.Structures;
import fr.essor.identity.Accounts;
import fr.essor.identity.IdentityFixtures;
import fr.essor.identity.Memberships;
import fr.essor.shared.InvalidInput;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Staff API tokens: made once and kept hashed, scoped to programmes, refused when revoked, expired, out of
 * scope, or when their owner left the programme's staff or was disabled.
 */
class ApiTokensTests extends HttpTestSupport {

    @Autowired
    Dossiers dossiers;

    @Autowired
    Programmes programmes;

    @Autowired
    Staff staff;

    @Autowired
    Structures structures;

    @Autowired
    Memberships memberships;

    @Autowired
    ApiTokens tokens;

    @Autowired
    Accounts accounts;

    @Autowired
    JdbcClient jdbc;

    private record Call(long programme, long dossier, String reference) {}

    private Call call(String unique, long applicant, long structure, long instructor) {
        long programme = programmes.create(
                CallsFixtures.draft(
                        "jetons-" + UUID.randomUUID().toString().substring(0, 8),
                        Instant.now().minus(Duration.ofDays(1)),
                        Instant.now().plus(Duration.ofDays(3))),
                CallsFixtures.form());
        staff.grant(programme, instructor, Role.INSTRUCTOR, instructor);
        long id = dossiers.start(programme, applicant, structure);
        dossiers.save(
                id,
                applicant,
                0,
                Map.of("statut", "Coopérative", "budget", List.of(Map.of("poste", "Four " + unique, "cout", "900"))));
        return new Call(programme, id, dossiers.submit(id, applicant, 1).reference());
    }

    private HttpResponse<String> api(String path, String token) {
        return token == null ? get(path, "Accept", "application/json") : get(path, "Authorization", "Bearer " + token);
    }

    @Test
    void aTokenReadsTheDossiersOfItsProgrammesOnlyWhileItsOwnerMayAndIsActive() {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        IdentityFixtures fixtures = new IdentityFixtures(jdbc);
        long applicant = fixtures.organizer(unique + "@boulangerie.test");
        long structure = structures
                .register(new Structures.Registration(
                        "Fournil " + unique, CallsFixtures.siret(), LegalFamily.COOPERATIVE, "34172", null))
                .id();
        memberships.register(applicant, structure);
        String instructorEmail = unique + "@instruction.test";
        long instructor = fixtures.organizer(instructorEmail);
        structures.verify(structure, instructor);
        Call x = call(unique, applicant, structure, instructor);
        Call y = call(unique, applicant, structure, instructor);

        // made over HTTP, shown once
        WebUser user = fixtures.signIn(port, instructorEmail);
        var made = user.submit(
                "/instruction/jetons",
                "/instruction/jetons",
                Map.of("name", "Tableau de suivi", "appels", String.valueOf(x.programme())));
        assertThat(made.statusCode()).isIn(302, 303);
        String page = user.get("/instruction/jetons").body();
        Matcher m = Pattern.compile("essor_[A-Za-z0-9_-]{43}").matcher(page);
        assertThat(m.find()).isTrue();
        String token = m.group();
        assertThat(user.get("/instruction/jetons").body()).doesNotContain(token).contains("Tableau de suivi");
        assertThat(jdbc.sql("select count(*) from calls.api_token where token_hash = ? or prefix = ?")
                        .params(token, token)
                        .query(Long.class)
                        .single())
                .as("kept hashed")
                .isZero();

        // in scope
        var list = api("/api/v1/staff/programmes/" + x.programme() + "/dossiers?state=SUBMITTED", token);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("\"totalItems\":1", x.reference(), "\"state\":\"SUBMITTED\"");
        var one = api("/api/v1/staff/dossiers/" + x.dossier(), token);
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(one.body()).contains("Four " + unique, "\"action\":\"SUBMIT\"", x.reference());
        assertThat(jdbc.sql("select count(*) from calls.audit where dossier_id = ? and detail like 'api token %'")
                        .param(x.dossier())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        // out of scope: as if it did not exist
        for (String path : List.of(
                "/api/v1/staff/programmes/" + y.programme() + "/dossiers",
                "/api/v1/staff/dossiers/" + y.dossier(),
                "/api/v1/staff/dossiers/" + (y.dossier() + 1_000_000))) {
            var refused = api(path, token);
            assertThat(refused.statusCode()).as(path).isEqualTo(404);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
        // bad input
        assertThat(api("/api/v1/staff/programmes/" + x.programme() + "/dossiers?state=DRAFT", token)
                        .statusCode())
                .isEqualTo(400);
        assertThat(api("/api/v1/staff/programmes/" + x.programme() + "/dossiers?size=5000", token)
                        .statusCode())
                .isEqualTo(400);
        // no token, a made-up one
        var none = api("/api/v1/staff/dossiers/" + x.dossier(), null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(h -> assertThat(h).startsWith("Bearer"));
        assertThat(api("/api/v1/staff/dossiers/" + x.dossier(), "essor_" + "A".repeat(43))
                        .statusCode())
                .isEqualTo(401);

        // its owner leaves the programme's staff: out of scope at once
        staff.revoke(x.programme(), instructor, Role.INSTRUCTOR);
        assertThat(api("/api/v1/staff/dossiers/" + x.dossier(), token).statusCode())
                .isEqualTo(404);
        staff.grant(x.programme(), instructor, Role.INSTRUCTOR, instructor);
        assertThat(api("/api/v1/staff/dossiers/" + x.dossier(), token).statusCode())
                .isEqualTo(200);
        // expired, then revoked
        jdbc.sql("update calls.api_token set expires_at = now() - interval '1 minute' where prefix = ?")
                .param(token.substring(0, 12))
                .update();
        assertThat(api("/api/v1/staff/dossiers/" + x.dossier(), token).statusCode())
                .isEqualTo(401);
        jdbc.sql("update calls.api_token set expires_at = now() + interval '1 day' where prefix = ?")
                .param(token.substring(0, 12))
                .update();
        long id = tokens.of(instructor).getFirst().id();
        assertThat(tokens.revoke(applicant, id))
                .as("not the applicant's to revoke")
                .isFalse();
        assertThat(api("/api/v1/staff/dossiers/" + x.dossier(), token).statusCode())
                .isEqualTo(200);
        assertThat(tokens.revoke(instructor, id)).isTrue();
        assertThat(api("/api/v1/staff/dossiers/" + x.dossier(), token).statusCode())
                .isEqualTo(401);

        // a disabled account's tokens read nothing
        ApiTokens.Created second = tokens.create(instructor, "Second", Set.of(x.programme()));
        assertThat(api("/api/v1/staff/dossiers/" + x.dossier(), second.secret()).statusCode())
                .isEqualTo(200);
        accounts.disable(instructor, fixtures.admin(unique + "@admin.test"));
        assertThat(api("/api/v1/staff/dossiers/" + x.dossier(), second.secret()).statusCode())
                .isEqualTo(401);
    }

    @Test
    void aTokenIsScopedToProgrammesItsOwnerWorksOn() {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        IdentityFixtures fixtures = new IdentityFixtures(jdbc);
        long person = fixtures.organizer(unique + "@curieux.test");
        long pass = programmes.bySlug("pass-occitanie").orElseThrow().id();
        assertThatThrownBy(() -> tokens.create(person, "Lecture", Set.of(pass)))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("calls.tokens.error.programmes");
        staff.grant(pass, person, Role.INSTRUCTOR, person);
        assertThatThrownBy(() -> tokens.create(person, "  ", Set.of(pass))).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> tokens.create(person, "Lecture", Set.of())).isInstanceOf(InvalidInput.class);
        assertThat(tokens.create(person, "Lecture", Set.of(pass)).secret()).startsWith("essor_");
    }
}
