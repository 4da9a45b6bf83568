package fr.essor.observatory.web;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import fr.essor.observatory.Family;
import fr.essor.observatory.Labels;
import fr.essor.observatory.Level;
import fr.essor.observatory.Observatory;
import fr.essor.observatory.Perimeter;
import fr.essor.observatory.SizeBand;
import fr.essor.observatory.TerritoryFigures;
import fr.essor.observatory.Vintage;
import fr.essor.territory.Commune;
import fr.essor.territory.Territories;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The observatory's public pages: its home (the region's key figures, the regions' ranking and map), a
 * page per territory with charts, a choropleth map and the tables behind them, their CSV and JSON
 * downloads, the search of a territory and the methodology.
 */
@Controller
class ObservatoryPages {

    private final Observatory observatory;
    private final Territories territories;
    private final JsonMapper json;

    ObservatoryPages(Observatory observatory, Territories territories, JsonMapper json) {
        this.observatory = observatory;
        this.territories = territories;
        this.json = json;
    }

    @GetMapping("/observatoire")
    String home(@RequestParam(required = false) String millesime, Model model) {
        Optional<Vintage> vintage = vintageOrNotFound(millesime);
        model.addAttribute("vintages", observatory.vintages());
        vintage.ifPresent(v -> {
            String region = observatory.settings().region();
            model.addAttribute("vintage", v);
            observatory.figures(Level.REGION, region, v.month()).ifPresent(f -> model.addAttribute("figures", f));
            observatory.figures(Level.FRANCE, "FR", v.month()).ifPresent(f -> model.addAttribute("france", f));
            model.addAttribute("ranking", observatory.ranking(v, Level.REGION, null));
            model.addAttribute("departements", observatory.ranking(v, Level.DEPARTEMENT, region));
        });
        model.addAttribute("allDepartements", territories.departements());
        model.addAttribute("regions", territories.regions());
        return "observatory/home";
    }

    @GetMapping("/observatoire/{level}/{code}")
    String territory(
            @PathVariable String level,
            @PathVariable String code,
            @RequestParam(required = false) String millesime,
            Model model) {
        Level l = Level.ofKey(level).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        Vintage v = vintageOrNotFound(millesime).orElse(null);
        model.addAttribute("vintages", observatory.vintages());
        model.addAttribute("allDepartements", territories.departements());
        model.addAttribute("level", l.key());
        model.addAttribute("code", code);
        if (v == null) {
            model.addAttribute(
                    "territoryName",
                    observatory.name(l, code).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
            return "observatory/territory";
        }
        TerritoryFigures figures = observatory
                .figures(l, code, v.month())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("vintage", v);
        model.addAttribute("figures", figures);
        model.addAttribute("territoryName", figures.name());
        switch (l) {
            case FRANCE -> {
                model.addAttribute("ranking", observatory.ranking(v, Level.REGION, null));
                model.addAttribute("mapLevel", "region");
            }
            case REGION -> {
                model.addAttribute("ranking", observatory.ranking(v, Level.DEPARTEMENT, code));
                model.addAttribute("mapLevel", "departement");
            }
            case DEPARTEMENT -> {
                String region =
                        territories.departement(code).map(d -> d.region()).orElse(null);
                model.addAttribute("ranking", observatory.ranking(v, Level.DEPARTEMENT, region));
                model.addAttribute("mapLevel", "departement");
                model.addAttribute("communes", observatory.largestCommunes(v, code, 20));
            }
            default -> model.addAttribute("ranking", List.of());
        }
        return "observatory/territory";
    }

    /** A commune by name, postcode or code; a département by code. */
    @GetMapping("/observatoire/recherche")
    String search(
            @RequestParam(required = false) String q, @RequestParam(required = false) String departement, Model model) {
        if (departement != null && territories.departement(departement).isPresent()) {
            return "redirect:/observatoire/departement/" + departement;
        }
        String text = q == null ? "" : q.strip();
        if (!text.isEmpty() && text.length() <= 100) {
            Optional<Commune> commune = territories.place(text);
            if (commune.isPresent()) {
                return "redirect:/observatoire/commune/" + commune.get().code();
            }
        }
        model.addAttribute("q", text);
        model.addAttribute("allDepartements", territories.departements());
        model.addAttribute("searchError", text.isEmpty() ? "observatory.search.empty" : "observatory.search.none");
        return "observatory/search";
    }

    @GetMapping("/observatoire/methodologie")
    String methodology(Model model) {
        Perimeter perimeter = observatory.perimeter();
        Map<String, String> families = new LinkedHashMap<>();
        for (Family f : Family.values()) {
            if (f != Family.ESS_COMPANY) {
                families.put(Labels.family(f.key()), perimeter.categoriesText(f).replaceAll("\\s*,\\s*", ", "));
            }
        }
        model.addAttribute("families", families);
        model.addAttribute("perimeter", perimeter);
        model.addAttribute(
                "bands",
                SizeBand.ordered().stream()
                        .map(b -> new BandRow(b.code(), Labels.band(b.code()), b.low(), b.high(), b.estimate()))
                        .toList());
        model.addAttribute("vintages", observatory.vintages());
        return "observatory/methodology";
    }

    public record BandRow(String code, String label, int low, int high, double estimate) {}

    /** The tables of a territory page as CSV (semicolons, UTF-8 with BOM: opens in a spreadsheet) or JSON. */
    @GetMapping("/observatoire/{level}/{code}/{table}.{format:csv|json}")
    ResponseEntity<byte[]> download(
            @PathVariable String level,
            @PathVariable String code,
            @PathVariable String table,
            @PathVariable String format,
            @RequestParam(required = false) String millesime) {
        Level l = Level.ofKey(level).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        Vintage v = vintageOrNotFound(millesime).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        TerritoryFigures f = observatory
                .figures(l, code, v.month())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        List<Map<String, Object>> rows = rows(f, v, l, code, table);
        String base = "essor-observatoire-" + l.key() + "-" + f.code() + "-" + table + "-" + v.month()
                + (v.demo() ? "-demonstration" : "");
        byte[] body = format.equals("json") ? json.writeValueAsBytes(rows) : csv(rows);
        return ResponseEntity.ok()
                .contentType(
                        format.equals("json")
                                ? MediaType.APPLICATION_JSON
                                : new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(base + "." + format)
                                .build()
                                .toString())
                .cacheControl(CacheControl.noCache())
                .body(body);
    }

    private List<Map<String, Object>> rows(TerritoryFigures f, Vintage v, Level level, String code, String table) {
        List<Map<String, Object>> rows = new ArrayList<>();
        switch (table) {
            case "chiffres" ->
                rows.add(row(
                        v,
                        f,
                        "essEstablishments",
                        f.essEstablishments(),
                        "essEmployerEstablishments",
                        f.essEmployerEstablishments(),
                        "allEstablishments",
                        f.allEstablishments(),
                        "allEmployerEstablishments",
                        f.allEmployerEstablishments(),
                        "essEmployeesLow",
                        f.essEmployeesLow(),
                        "essEmployeesHigh",
                        f.essEmployeesHigh(),
                        "essEmployeesEstimate",
                        f.essEmployeesEstimate(),
                        "allEmployeesEstimate",
                        f.allEmployeesEstimate(),
                        "essShareOfEstablishments",
                        f.essShareOfEstablishments(),
                        "essShareOfEmployment",
                        f.essShareOfEmployment()));
            case "familles" ->
                f.byFamily()
                        .forEach((key, x) -> rows.add(row(
                                v,
                                f,
                                "family",
                                key,
                                "label",
                                x.label(),
                                "establishments",
                                x.establishments(),
                                "employerEstablishments",
                                x.employerEstablishments(),
                                "employeesLow",
                                x.employeesLow(),
                                "employeesHigh",
                                x.employeesHigh(),
                                "employeesEstimate",
                                x.employeesEstimate())));
            case "secteurs" ->
                f.bySection()
                        .forEach(x -> rows.add(row(
                                v,
                                f,
                                "section",
                                x.section(),
                                "label",
                                x.label(),
                                "essEstablishments",
                                x.essEstablishments(),
                                "essEmployeesEstimate",
                                x.essEmployeesEstimate(),
                                "allEstablishments",
                                x.allEstablishments(),
                                "allEmployeesEstimate",
                                x.allEmployeesEstimate(),
                                "essShareOfEmployment",
                                x.essShareOfEmployment())));
            case "tranches" ->
                f.bySizeBand()
                        .forEach(x -> rows.add(row(
                                v,
                                f,
                                "band",
                                x.band(),
                                "label",
                                x.label(),
                                "essEstablishments",
                                x.essEstablishments(),
                                "allEstablishments",
                                x.allEstablishments())));
            case "classement" -> {
                Level ranked = level == Level.FRANCE ? Level.REGION : Level.DEPARTEMENT;
                String parent = switch (level) {
                    case REGION -> code;
                    case DEPARTEMENT ->
                        territories.departement(code).map(d -> d.region()).orElse(null);
                    default -> null;
                };
                if (level != Level.FRANCE && parent == null) {
                    throw new ResponseStatusException(HttpStatus.NOT_FOUND);
                }
                observatory
                        .ranking(v, ranked, parent)
                        .forEach(r -> rows.add(row(
                                v,
                                f,
                                "rank",
                                r.position(),
                                "level",
                                ranked.key(),
                                "code",
                                r.code(),
                                "name",
                                r.name(),
                                "essEstablishments",
                                r.essEstablishments(),
                                "essEmployerEstablishments",
                                r.essEmployerEstablishments(),
                                "essEmployeesEstimate",
                                r.essEmployeesEstimate(),
                                "essShareOfEmployment",
                                r.essShareOfEmployment())));
            }
            case "communes" -> {
                if (level != Level.DEPARTEMENT) {
                    throw new ResponseStatusException(HttpStatus.NOT_FOUND);
                }
                observatory
                        .largestCommunes(v, code, 20)
                        .forEach(c -> rows.add(row(
                                v,
                                f,
                                "rank",
                                c.position(),
                                "code",
                                c.code(),
                                "name",
                                c.name(),
                                "essEstablishments",
                                c.essEstablishments(),
                                "essEmployerEstablishments",
                                c.essEmployerEstablishments(),
                                "essEmployeesEstimate",
                                c.essEmployeesEstimate(),
                                "essShareOfEmployment",
                                c.essShareOfEmployment())));
            }
            default -> throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return rows;
    }

    /** A row of a download: the territory and vintage first, then the given pairs. */
    private static Map<String, Object> row(Vintage v, TerritoryFigures f, Object... pairs) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("territoryLevel", f.level());
        row.put("territoryCode", f.code());
        row.put("territoryName", f.name());
        row.put("vintage", v.month());
        row.put("demonstration", v.demo());
        for (int i = 0; i < pairs.length; i += 2) {
            row.put((String) pairs[i], pairs[i + 1]);
        }
        return row;
    }

    private static byte[] csv(List<Map<String, Object>> rows) {
        StringWriter out = new StringWriter();
        out.write('\uFEFF');
        try (CSVPrinter printer = new CSVPrinter(
                out, CSVFormat.DEFAULT.builder().setDelimiter(';').get())) {
            if (!rows.isEmpty()) {
                printer.printRecord(rows.getFirst().keySet());
            }
            for (Map<String, Object> row : rows) {
                List<Object> values = new ArrayList<>();
                for (Object value : row.values()) {
                    values.add(value instanceof Double d ? String.format(Locale.ROOT, "%.6f", d) : value);
                }
                printer.printRecord(values);
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private Optional<Vintage> vintageOrNotFound(String month) {
        if (month == null || month.isBlank()) {
            return observatory.latest();
        }
        return Optional.of(
                observatory.vintage(month).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
    }
}
