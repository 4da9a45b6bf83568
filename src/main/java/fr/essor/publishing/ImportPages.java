package fr.essor.publishing;

import java.io.IOException;

import fr.essor.identity.Person;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * Spreadsheet import for relays: the templates, the upload, the validation report (line, column,
 * message) and the choice to import only the valid rows.
 */
@Controller
class ImportPages {

    private final SpreadsheetImports imports;
    private final DraftRules rules;

    ImportPages(SpreadsheetImports imports, DraftRules rules) {
        this.imports = imports;
        this.rules = rules;
    }

    @GetMapping("/moderation/import")
    String form(Model model) {
        model.addAttribute("editions", rules.openEditions());
        model.addAttribute("columns", EventImport.COLUMNS);
        model.addAttribute("values", EventImport.VALUES);
        return "publishing/import";
    }

    @GetMapping("/moderation/import/modele.xlsx")
    ResponseEntity<byte[]> xlsxTemplate() {
        return ResponseEntity.ok()
                .contentType(
                        MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"essor-evenements-modele.xlsx\"")
                .body(EventImport.xlsxTemplate());
    }

    @GetMapping("/moderation/import/modele.csv")
    ResponseEntity<byte[]> csvTemplate() {
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"essor-evenements-modele.csv\"")
                .body(EventImport.csvTemplate());
    }

    static final long MAX_SPREADSHEET_BYTES = 6L * 1024 * 1024;

    @PostMapping("/moderation/import")
    String upload(
            @AuthenticationPrincipal Person person,
            @RequestParam(required = false) MultipartFile file,
            @RequestParam(defaultValue = "0") long editionId,
            @RequestParam(defaultValue = "false") boolean validOnly,
            Model model)
            throws IOException {
        if (file != null && file.getSize() > MAX_SPREADSHEET_BYTES) {
            // the uploads' limit is a dossier's document's (10 MB); a spreadsheet keeps its own
            throw new org.springframework.web.server.ResponseStatusException(
                    org.springframework.http.HttpStatus.PAYLOAD_TOO_LARGE);
        }
        byte[] content = file == null ? new byte[0] : file.getBytes();
        SpreadsheetImports.ImportReport report;
        if (rules.openEditions().stream().noneMatch(e -> e.id() == editionId)) {
            report = new SpreadsheetImports.ImportReport(
                    java.util.List.of(new EventImport.Problem(0, "", "draft.error.edition", "")), 0, 0, 0);
        } else {
            report = imports.importRows(person, EventImport.read(content, editionId), validOnly);
        }
        model.addAttribute("report", report);
        model.addAttribute("editionId", editionId);
        return form(model);
    }
}
