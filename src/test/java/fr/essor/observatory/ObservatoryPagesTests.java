package fr.essor.observatory;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import fr.essor.HttpTestSupport;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The observatory's pages, downloads and API over HTTP, on the hand-checked vintage. */
class ObservatoryPagesTests extends HttpTestSupport {

    private static final String MONTH = "1995-01";

    @Autowired
    Observatory observatory;

    @Autowired
    JsonMapper json;

    @BeforeEach
    void hasTheHandCheckedVintage() {
        if (observatory.vintage(MONTH).isEmpty()) {
            observatory.importVintage(
                    MONTH, HandCheckedFiles.UNITS, HandCheckedFiles.ESTABLISHMENTS, false, ImportProgress.NONE);
        }
    }

    @Test
    void theApiGivesTheFiguresOfATerritory() {
        HttpResponse<String> response = get("/api/v1/observatory/departement/34?vintage=" + MONTH);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonNode body = json.readTree(response.body());
        assertThat(body.get("name").asString()).isEqualTo("Hérault");
        assertThat(body.get("vintage").asString()).isEqualTo(MONTH);
        assertThat(body.get("demonstration").asBoolean()).isFalse();
        assertThat(body.get("essEstablishments").asLong()).isEqualTo(6);
        assertThat(body.get("allEstablishments").asLong()).isEqualTo(9);
        assertThat(body.get("essEmployeesLow").asLong()).isEqualTo(121);
        assertThat(body.get("essEmployeesHigh").asLong()).isEqualTo(250);
        assertThat(body.get("essEmployeesEstimate").asLong()).isEqualTo(186);
        assertThat(body.get("essShareOfEstablishments").asDouble()).isEqualTo(6.0 / 9);
        assertThat(body.get("essShareOfEmployment").asDouble()).isEqualTo(185.5 / 267.5);
        assertThat(body.get("byFamily").get("mutuelle").get("establishments").asLong())
                .isEqualTo(1);
        assertThat(body.get("byFamily").get("mutuelle").get("employeesEstimate").asLong())
                .isEqualTo(150);
        assertThat(body.get("byFamily").get("ess_company").get("establishments").asLong())
                .isZero();

        JsonNode montpellier = json.readTree(
                get("/api/v1/observatory/commune/34172?vintage=" + MONTH).body());
        assertThat(montpellier.get("essEmployeesEstimate").asLong()).isEqualTo(151);
        JsonNode corsica = json.readTree(
                get("/api/v1/observatory/departement/2a?vintage=" + MONTH).body());
        assertThat(corsica.get("name").asString()).isEqualTo("Corse-du-Sud");
        assertThat(corsica.get("allEstablishments").asLong()).isZero();
        assertThat(json.readTree(get("/api/v1/observatory/france/FR?vintage=" + MONTH)
                                .body())
                        .get("essEstablishments")
                        .asLong())
                .isEqualTo(8);
    }

    @Test
    void theApiRefusesBadRequestsWithProblems() {
        assertProblem(get("/api/v1/observatory/canton/34?vintage=" + MONTH), 400, "Niveau inconnu");
        assertProblem(get("/api/v1/observatory/region/76?vintage=2026-13"), 400, "AAAA-MM");
        assertProblem(get("/api/v1/observatory/region/76?vintage=1800-01"), 404, "n’est pas publié");
        assertProblem(get("/api/v1/observatory/region/99?vintage=" + MONTH), 404, "Territoire inconnu");
        assertProblem(get("/api/v1/observatory/commune/%27OR1?vintage=" + MONTH), 404, "Territoire inconnu");
        assertThat(get("/v3/api-docs").body()).contains("/api/v1/observatory/{level}/{code}");
    }

    @Test
    void theTerritoryPagesShowTheFiguresTheirTablesAndDownloads() {
        HttpResponse<String> page = get("/observatoire/departement/34?millesime=" + MONTH);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains(
                        "Hérault",
                        "69,3\u202f%",
                        "Les communes",
                        "Montpellier",
                        "table-families",
                        "data-source=\"table-ranking\"",
                        "/observatoire/departement/34/familles.csv?millesime=" + MONTH);
        HttpResponse<String> commune = get("/observatoire/commune/34172?millesime=" + MONTH);
        assertThat(commune.statusCode()).isEqualTo(200);
        assertThat(commune.body()).contains("Montpellier Méditerranée Métropole", "151", "34 — Hérault</option>");
        assertThat(get("/observatoire/region/76?millesime=" + MONTH).body()).contains("2e", "région sur 2");
        assertThat(get("/observatoire/epci/243400017?millesime=" + MONTH).statusCode())
                .isEqualTo(200);
        assertThat(get("/observatoire/commune/99999?millesime=" + MONTH).statusCode())
                .isEqualTo(404);
        assertThat(get("/observatoire/canton/34").statusCode()).isEqualTo(404);
        assertThat(get("/observatoire/region/76?millesime=1800-01").statusCode())
                .isEqualTo(404);
        assertThat(get("/observatoire/methodologie").body())
                .contains("9210, 9220-9224", "94.11Z", "milieu de sa tranche");

        HttpResponse<String> csv = get("/observatoire/departement/34/familles.csv?millesime=" + MONTH);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        assertThat(csv.headers().firstValue("Content-Disposition"))
                .hasValueSatisfying(
                        d -> assertThat(d).contains("essor-observatoire-departement-34-familles-" + MONTH + ".csv"));
        assertThat(csv.body().lines().toList()).hasSize(6);
        assertThat(csv.body().lines().toList().get(3))
                .isEqualTo("departement;34;Hérault;" + MONTH + ";false;mutuelle;Mutuelles;1;1;100;199;150");
        JsonNode sections = json.readTree(get("/observatoire/departement/34/secteurs.json?millesime=" + MONTH)
                .body());
        // Hérault: G, J, K, M, P, Q, S (the cooperative in section A is in Haute-Garonne)
        assertThat(sections.size()).isEqualTo(7);
        JsonNode ranking = json.readTree(get("/observatoire/region/76/classement.json?millesime=" + MONTH)
                .body());
        assertThat(ranking.get(0).get("name").asString()).isEqualTo("Haute-Garonne");
        assertThat(ranking.get(1).get("code").asString()).isEqualTo("34");
        assertThat(get("/observatoire/departement/34/inconnu.csv?millesime=" + MONTH)
                        .statusCode())
                .isEqualTo(404);
        JsonNode communes = json.readTree(get("/observatoire/departement/34/communes.json?millesime=" + MONTH)
                .body());
        assertThat(communes.get(0).get("name").asString()).isEqualTo("Montpellier");
        assertThat(communes.get(0).get("essEmployeesEstimate").asLong()).isEqualTo(151);
        assertThat(communes.get(1).get("name").asString()).isEqualTo("Sète");
        assertThat(get("/observatoire/region/76/communes.csv?millesime=" + MONTH)
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void theSearchLeadsToACommuneOrADepartement() {
        HttpResponse<String> byName = get("/observatoire/recherche?q=montpellier");
        assertThat(byName.statusCode()).isEqualTo(302);
        assertThat(byName.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/observatoire/commune/34172"));
        assertThat(get("/observatoire/recherche?q=34200").headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/observatoire/commune/34301"));
        assertThat(get("/observatoire/recherche?departement=2A").headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/observatoire/departement/2A"));
        HttpResponse<String> none = get("/observatoire/recherche?q=zzzzqqq");
        assertThat(none.statusCode()).isEqualTo(200);
        assertThat(none.body()).contains("Aucune commune ne correspond à «\u00a0zzzzqqq\u00a0»");
        assertThat(get("/observatoire/recherche?q=" + "a".repeat(500)).statusCode())
                .isEqualTo(200);
    }

    @Test
    void theImportPageIsForAdminsOnly() {
        assertThat(get("/admin/observatoire").statusCode()).isIn(302, 403);
    }

    private void assertProblem(HttpResponse<String> response, int status, String detail) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json.readTree(response.body()).get("detail").asString()).contains(detail);
    }
}
