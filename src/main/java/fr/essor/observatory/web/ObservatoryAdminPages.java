package fr.essor.observatory.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import fr.essor.observatory.ImportJobs;
import fr.essor.observatory.Observatory;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /admin/observatoire}: the imports done and their reports, and an import started from the web
 * for files placed in the server's import directory ({@code essor.observatory.import-dir}). Only file
 * names listed from that directory are accepted.
 */
@Controller
class ObservatoryAdminPages {

    private final Observatory observatory;
    private final ImportJobs jobs;

    ObservatoryAdminPages(Observatory observatory, ImportJobs jobs) {
        this.observatory = observatory;
        this.jobs = jobs;
    }

    @GetMapping("/admin/observatoire")
    String page(Model model) {
        model.addAttribute("runs", observatory.runs());
        model.addAttribute("status", jobs.status());
        model.addAttribute("files", files());
        model.addAttribute(
                "importDir",
                observatory.settings().importDir().toAbsolutePath().normalize().toString());
        return "observatory/admin";
    }

    /** The state of the running import, for the page to follow it. */
    @GetMapping("/admin/observatoire/etat")
    String status(Model model) {
        model.addAttribute("status", jobs.status());
        return "observatory/admin :: status";
    }

    @PostMapping("/admin/observatoire/import")
    String start(
            @RequestParam(defaultValue = "") String vintage,
            @RequestParam(defaultValue = "") String units,
            @RequestParam(defaultValue = "") String establishments,
            RedirectAttributes redirect) {
        List<String> files = files();
        String error = null;
        if (!vintage.strip().matches("[0-9]{4}-(0[1-9]|1[0-2])")) {
            error = "observatory.admin.error.vintage";
        } else if (!files.contains(units) || !files.contains(establishments)) {
            error = "observatory.admin.error.file";
        } else if (units.equals(establishments)) {
            error = "observatory.admin.error.same";
        }
        if (error != null) {
            redirect.addFlashAttribute("adminError", error);
            return "redirect:/admin/observatoire";
        }
        Path dir = observatory.settings().importDir();
        boolean started = jobs.start(vintage.strip(), dir.resolve(units), dir.resolve(establishments));
        redirect.addFlashAttribute(
                started ? "notice" : "adminError",
                started ? "observatory.admin.started" : "observatory.admin.error.running");
        return "redirect:/admin/observatoire";
    }

    /** The files of the import directory, by name. */
    private List<String> files() {
        Path dir = observatory.settings().importDir();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.list(dir)) {
            return paths.filter(Files::isRegularFile)
                    .map(p -> p.getFileName().toString())
                    .filter(n -> n.toLowerCase(Locale.ROOT).matches(".*\\.(csv|zip|parquet)"))
                    .sorted()
                    .toList();
        } catch (IOException ex) {
            return List.of();
        }
    }
}
