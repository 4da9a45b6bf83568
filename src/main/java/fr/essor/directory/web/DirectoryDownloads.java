package fr.essor.directory.web;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import fr.essor.directory.DirectoryQuery;
import fr.essor.directory.DirectoryQueryParser;
import fr.essor.directory.DirectorySearch;
import fr.essor.directory.DirectoryVintages;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * The directory's downloads: any search of {@code /annuaire} as CSV or GeoJSON, streamed from a cursor,
 * INSEE's diffusion rule applied as everywhere (no street, a commune-level position).
 */
@Controller
class DirectoryDownloads {

    /** The most rows one download gives; beyond, the API's pages or INSEE's own files. */
    static final int MAX_ROWS = 100_000;

    private static final List<String> HEADER = List.of(
            "siret",
            "siren",
            "nom",
            "sigle",
            "enseigne",
            "famille",
            "categorie_juridique",
            "naf",
            "activite",
            "section",
            "tranche_effectifs",
            "siege",
            "adresse",
            "code_postal",
            "ville",
            "code_commune",
            "commune",
            "epci",
            "departement",
            "region",
            "latitude",
            "longitude",
            "source_position",
            "millesime",
            "demonstration");

    private final DirectorySearch search;
    private final DirectoryQueryParser parser;
    private final JsonMapper json;

    DirectoryDownloads(DirectorySearch search, DirectoryQueryParser parser, JsonMapper json) {
        this.search = search;
        this.parser = parser;
        this.json = json;
    }

    @GetMapping("/annuaire.csv")
    ResponseEntity<?> csv(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Asked asked = asked(request);
        if (asked.refusal() != null) {
            return asked.refusal();
        }
        DirectoryVintages.Vintage vintage = asked.vintage();
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"annuaire-ess.csv\"");
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        out.write('\ufeff');
        try (CSVPrinter printer = new CSVPrinter(
                out, CSVFormat.DEFAULT.builder().setDelimiter(';').get())) {
            printer.printRecord(HEADER);
            search.forEach(asked.query(), MAX_ROWS, e -> {
                try {
                    printer.printRecord(
                            e.siret(),
                            e.siren(),
                            cell(e.name()),
                            cell(e.acronym()),
                            cell(e.sign()),
                            e.family(),
                            e.categorieJuridique(),
                            e.naf(),
                            e.activityLabel(),
                            e.section(),
                            e.sizeBand(),
                            e.headOffice(),
                            cell(e.street()),
                            e.postcode(),
                            cell(e.city()),
                            e.communeCode(),
                            e.commune(),
                            e.epci(),
                            e.departement(),
                            e.region(),
                            e.latitude(),
                            e.longitude(),
                            e.positionSource(),
                            vintage.month(),
                            vintage.demo());
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            });
        }
        return null;
    }

    @GetMapping("/annuaire.geojson")
    ResponseEntity<?> geojson(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Asked asked = asked(request);
        if (asked.refusal() != null) {
            return asked.refusal();
        }
        DirectoryVintages.Vintage vintage = asked.vintage();
        response.setContentType("application/geo+json");
        response.setHeader("Content-Disposition", "attachment; filename=\"annuaire-ess.geojson\"");
        try (JsonGenerator g = json.createGenerator(response.getOutputStream())) {
            g.writeStartObject();
            g.writeStringProperty("type", "FeatureCollection");
            g.writeName("features");
            g.writeStartArray();
            search.forEach(asked.query(), MAX_ROWS, e -> {
                if (!e.hasPosition()) {
                    return;
                }
                g.writeStartObject();
                g.writeStringProperty("type", "Feature");
                g.writeName("geometry");
                g.writePOJO(Map.of("type", "Point", "coordinates", List.of(e.longitude(), e.latitude())));
                g.writeName("properties");
                g.writeStartObject();
                g.writeStringProperty("siret", e.siret());
                g.writeStringProperty("nom", e.name());
                g.writeStringProperty("famille", e.family());
                g.writeStringProperty("naf", e.naf());
                g.writeStringProperty("activite", e.activityLabel());
                g.writeStringProperty("adresse", e.street());
                g.writeStringProperty("code_postal", e.postcode());
                g.writeStringProperty("ville", e.city());
                g.writeStringProperty("code_commune", e.communeCode());
                g.writeStringProperty("source_position", e.positionSource());
                g.writeStringProperty("millesime", vintage.month());
                g.writeBooleanProperty("demonstration", vintage.demo());
                g.writeEndObject();
                g.writeEndObject();
            });
            g.writeEndArray();
            g.writeEndObject();
        }
        return null;
    }

    /** A download's search and its vintage, or the 400 problem that refuses it. */
    private record Asked(DirectoryQuery query, DirectoryVintages.Vintage vintage, ResponseEntity<?> refusal) {}

    private Asked asked(HttpServletRequest request) {
        var parsed = parser.parse(request.getParameterMap(), true);
        if (!parsed.valid()) {
            return new Asked(null, null, DirectoryApi.badRequest(parsed.problems()));
        }
        try {
            return new Asked(parsed.query(), search.vintageOf(parsed.query()).orElse(null), null);
        } catch (DirectorySearch.Refused refused) {
            return new Asked(
                    null,
                    null,
                    DirectoryApi.badRequest(
                            List.of(new DirectoryQueryParser.Problem(refused.parameter(), refused.getMessage()))));
        }
    }

    /** A cell that a spreadsheet would take for a formula gets a leading quote. */
    private static String cell(String value) {
        if (value != null && !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0) {
            return "'" + value;
        }
        return value;
    }
}
