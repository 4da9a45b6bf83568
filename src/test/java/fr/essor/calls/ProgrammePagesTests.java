package fr.essor.calls;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import fr.essor.HttpTestSupport;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The public pages and the API of the calls, on the demonstration programmes. */
class ProgrammePagesTests extends HttpTestSupport {

    @Autowired
    JsonMapper json;

    @Test
    void theApiListsTheProgrammesWithTheirStatesAndInstantsWithParisOffset() {
        HttpResponse<String> response = get("/api/v1/programmes");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode list = json.readTree(response.body());
        JsonNode pass = null;
        for (JsonNode p : list) {
            assertThat(p.get("kind").asString()).isIn("aid", "incubator", "prize");
            assertThat(p.get("state").asString()).isIn("upcoming", "open", "closed");
            assertThat(p.get("closesAt").asString()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2})?\\+0[12]:00");
            if (p.get("slug").asString().equals("pass-occitanie")) {
                pass = p;
            }
        }
        assertThat(pass).isNotNull();
        assertThat(pass.get("name").asString()).isEqualTo("Pass Occitanie");
        assertThat(pass.get("kind").asString()).isEqualTo("aid");
        assertThat(pass.get("state").asString()).isEqualTo("open");
        assertThat(pass.get("capEuros").asLong()).isEqualTo(50_000);
        assertThat(pass.get("demonstration").asBoolean()).isTrue();
        assertThat(pass.get("url").asString()).endsWith("/appels/pass-occitanie");
        assertThat(list.findValuesAsString("slug"))
                .contains(
                        "contrat-occitanie",
                        "fiso",
                        "catalis-incubation",
                        "alter-incub-selection",
                        "prix-regionaux-ess");
    }

    @Test
    void theApiGivesAProgrammesFormWithItsTypesConditionsAndRepeatableBlocks() {
        HttpResponse<String> response = get("/api/v1/programmes/pass-occitanie");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode p = json.readTree(response.body());
        assertThat(p.get("name").asString()).isEqualTo("Pass Occitanie");
        assertThat(p.get("state").asString()).isEqualTo("open");
        assertThat(p.get("documents").size()).isEqualTo(3);
        assertThat(p.get("formVersion").asInt()).isEqualTo(1);
        assertThat(p.get("form").get("rules").findValuesAsString("expression")).contains("structureVerifiee == true");
        JsonNode sections = p.get("form").get("sections");
        assertThat(sections.size()).isEqualTo(3);
        JsonNode rna = sections.get(0).get("fields").get(3);
        assertThat(rna.get("key").asString()).isEqualTo("numeroRna");
        assertThat(rna.get("condition").asString()).isEqualTo("statut == 'Association'");
        JsonNode budget = sections.get(1).get("fields").get(4);
        assertThat(budget.get("type").asString()).isEqualTo("repeatable");
        assertThat(budget.get("minRows").asInt()).isEqualTo(1);
        assertThat(budget.get("fields").findValuesAsString("type")).containsExactly("text", "amount");
        assertThat(p.findValuesAsString("type"))
                .contains(
                        "siret",
                        "commune",
                        "choice",
                        "number",
                        "longText",
                        "date",
                        "amount",
                        "yesNo",
                        "email",
                        "phone",
                        "iban",
                        "file");
    }

    @Test
    void anUnknownProgrammeIsA404ProblemOnTheApiAndA404Page() {
        HttpResponse<String> api = get("/api/v1/programmes/inconnu");
        assertThat(api.statusCode()).isEqualTo(404);
        assertThat(api.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(json.readTree(api.body()).get("detail").asString()).contains("inconnu");
        assertThat(get("/api/v1/programmes/%3Cscript%3E").statusCode()).isEqualTo(404);
        assertThat(get("/appels/inconnu").statusCode()).isEqualTo(404);
    }

    @Test
    void theListPageGroupsTheCallsByStateAndAProgrammePageSaysWhenItClosesInParis() {
        HttpResponse<String> list = get("/appels");
        assertThat(list.statusCode()).isEqualTo(200);
        String body = list.body();
        assertThat(body).contains("Appels ouverts", "Appels à venir", "Appels clos", "Pass Occitanie", "FISO");
        assertThat(body.indexOf("Pass Occitanie")).isLessThan(body.indexOf("Appels à venir"));
        assertThat(body.indexOf("FISO")).isBetween(body.indexOf("Appels à venir"), body.indexOf("Appels clos"));
        assertThat(body.indexOf("Alter’Incub")).isGreaterThan(body.indexOf("Appels clos"));

        HttpResponse<String> page = get("/appels/pass-occitanie");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("Pass Occitanie", "Démonstration", "50\u202f000\u202f€", "à 12 h 00", "(heure de Paris)")
                .contains("Budget prévisionnel", "selon vos réponses", "Statuts à jour");
        assertThat(get("/appels/alter-incub-selection").body()).contains("Cet appel est clos");
        assertThat(get("/appels/fiso").body()).contains("pas encore ouvert");
    }
}
