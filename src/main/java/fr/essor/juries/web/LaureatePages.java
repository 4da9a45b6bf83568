package fr.essor.juries.web;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import fr.essor.juries.Laureates;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import io.swagger.v3.oas.annotations.Operation;

/** The laureates of the prizes, once released: a public page per year and the API. */
@Controller
class LaureatePages {

    private final Laureates laureates;

    LaureatePages(Laureates laureates) {
        this.laureates = laureates;
    }

    @GetMapping("/prix")
    String page(@RequestParam(name = "annee", required = false) Integer year, Model model) {
        List<Laureates.Laureate> all = laureates.released(year, null);
        // by year (the latest first), then by category
        Map<Integer, Map<String, List<Laureates.Laureate>>> byYear = new TreeMap<>(java.util.Comparator.reverseOrder());
        for (Laureates.Laureate l : all) {
            byYear.computeIfAbsent(l.year(), y -> new java.util.LinkedHashMap<>())
                    .computeIfAbsent(l.category(), c -> new java.util.ArrayList<>())
                    .add(l);
        }
        model.addAttribute("years", byYear);
        return "juries/laureates";
    }

    /** A laureate in the API. */
    record LaureateJson(
            int year,
            String programme,
            String category,
            String structureName,
            String siret,
            String projectTitle,
            String summary,
            String distinction,
            String motivation) {}

    @GetMapping(path = "/api/v1/laureates", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    @Operation(
            summary = "Lauréats des prix",
            description =
                    "Une fois la date de publication passée (la cérémonie), et seulement alors : year, programme, "
                            + "category, structureName, siret, projectTitle, summary, distinction (prize ou mention), motivation. "
                            + "Filtres year= et category= (nom de la catégorie).")
    ResponseEntity<List<LaureateJson>> api(
            @RequestParam(required = false) Integer year, @RequestParam(required = false) String category) {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noCache())
                .body(laureates.released(year, category == null || category.length() > 120 ? null : category).stream()
                        .map(l -> new LaureateJson(
                                l.year(),
                                l.programme(),
                                l.category(),
                                l.structureName(),
                                l.siret(),
                                l.projectTitle(),
                                l.summary(),
                                l.kind() == Laureates.Kind.PRIZE ? "prize" : "mention",
                                l.motivation()))
                        .toList());
    }
}
