package fr.essor.calls.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import fr.essor.calls.DossierFlow;
import fr.essor.calls.Form;
import fr.essor.calls.FormField;
import fr.essor.calls.FormSection;
import fr.essor.calls.Programme;
import fr.essor.calls.ProgrammeCopies;
import fr.essor.calls.ProgrammeKind;
import fr.essor.calls.Programmes;
import fr.essor.calls.Staff;
import fr.essor.identity.Person;
import fr.essor.shared.FieldError;
import fr.essor.shared.InvalidInput;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A call's settings, for its managers: its texts, amounts, dates (in Paris time), documents, retention and
 * four-eyes rule; its form, written as JSON and saved as a new version; its copy for the next edition.
 * An administrator also creates a call, with a first form to complete.
 */
@Controller
class SettingsPages {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private final Programmes programmes;
    private final ProgrammeCopies copies;
    private final Staff staff;
    private final JsonMapper json;
    private final fr.essor.calls.Graces graces;

    SettingsPages(
            Programmes programmes, ProgrammeCopies copies, Staff staff, JsonMapper json, fr.essor.calls.Graces graces) {
        this.graces = graces;
        this.programmes = programmes;
        this.copies = copies;
        this.staff = staff;
        this.json = json;
    }

    /** What the settings' form posts, as typed. */
    record Fields(
            String name,
            String owner,
            String summary,
            String description,
            String whoCanApply,
            String cap,
            String opensAt,
            String closesAt,
            String documents,
            String retentionMonths,
            boolean fourEyes)
            implements java.io.Serializable {

        static Fields of(Programme p) {
            return new Fields(
                    p.name(),
                    p.owner(),
                    p.summary(),
                    p.description(),
                    p.whoCanApply(),
                    p.capCents() == null
                            ? ""
                            : BigDecimal.valueOf(p.capCents(), 2)
                                    .stripTrailingZeros()
                                    .toPlainString(),
                    local(p.opensAt()),
                    local(p.closesAt()),
                    String.join("\n", p.documents()),
                    String.valueOf(p.retentionMonths()),
                    p.fourEyes());
        }
    }

    @GetMapping("/instruction/appels/{programmeId}/parametres")
    String page(@AuthenticationPrincipal Person person, @PathVariable long programmeId, Model model) {
        Programme p = managed(person, programmeId);
        Programmes.VersionedForm form = programmes.currentForm(programmeId);
        model.addAttribute("programme", p);
        if (!model.containsAttribute("fields")) {
            model.addAttribute("fields", Fields.of(p));
        }
        if (!model.containsAttribute("formJson")) {
            model.addAttribute("formJson", pretty(form.form()));
        }
        model.addAttribute("formVersion", form.version());
        model.addAttribute("errors", new fr.essor.shared.FormErrors(errorsOf(model, "settingsErrors")));
        model.addAttribute("formProblems", errorsOf(model, "formErrors"));
        model.addAttribute("copyProblems", errorsOf(model, "copyErrors"));
        model.addAttribute("graces", graces.of(programmeId));
        model.addAttribute("ownerSiret", programmes.ownerSiret(programmeId).orElse(""));
        if (!model.containsAttribute("copySlug")) {
            model.addAttribute("copySlug", nextSlug(p.slug()));
        }
        return "calls/settings";
    }

    @PostMapping("/instruction/appels/{programmeId}/parametres")
    String save(
            @AuthenticationPrincipal Person person,
            @PathVariable long programmeId,
            @RequestParam(required = false) String name,
            @RequestParam(required = false) String owner,
            @RequestParam(required = false) String summary,
            @RequestParam(required = false) String description,
            @RequestParam(required = false) String whoCanApply,
            @RequestParam(required = false) String cap,
            @RequestParam(required = false) String opensAt,
            @RequestParam(required = false) String closesAt,
            @RequestParam(required = false) String documents,
            @RequestParam(required = false) String retentionMonths,
            @RequestParam(required = false) String fourEyes,
            RedirectAttributes redirect) {
        Programme p = managed(person, programmeId);
        Fields fields = new Fields(
                name,
                owner,
                summary,
                description,
                whoCanApply,
                cap,
                opensAt,
                closesAt,
                documents,
                retentionMonths,
                fourEyes != null);
        try {
            programmes.update(programmeId, draft(p.slug(), p.kind(), fields));
            redirect.addFlashAttribute("notice", "calls.settings.saved");
        } catch (InvalidInput ex) {
            redirect.addFlashAttribute("settingsErrors", ex.errors());
            redirect.addFlashAttribute("fields", fields);
        }
        return "redirect:/instruction/appels/" + programmeId + "/parametres";
    }

    @PostMapping("/instruction/appels/{programmeId}/formulaire")
    String form(
            @AuthenticationPrincipal Person person,
            @PathVariable long programmeId,
            @RequestParam(name = "form", required = false) String text,
            RedirectAttributes redirect) {
        managed(person, programmeId);
        try {
            if (text == null || text.isBlank() || text.length() > 200_000) {
                throw new InvalidInput("form", "calls.settings.error.json");
            }
            Form form;
            try {
                form = json.readValue(text, Form.class);
            } catch (JacksonException ex) {
                throw new InvalidInput("form", "calls.settings.error.json");
            }
            int version = programmes.newVersion(programmeId, form);
            redirect.addFlashAttribute("formSaved", version);
        } catch (InvalidInput ex) {
            redirect.addFlashAttribute("formErrors", ex.errors());
            redirect.addFlashAttribute("formJson", text == null || text.length() > 200_000 ? "" : text);
        }
        return "redirect:/instruction/appels/" + programmeId + "/parametres#formulaire";
    }

    @PostMapping("/instruction/appels/{programmeId}/copier")
    String copy(
            @AuthenticationPrincipal Person person,
            @PathVariable long programmeId,
            @RequestParam(required = false) String slug,
            @RequestParam(required = false) String opensAt,
            @RequestParam(required = false) String closesAt,
            RedirectAttributes redirect) {
        managed(person, programmeId);
        try {
            long copy =
                    copies.copy(programmeId, person.id(), person.admin(), slug, instant(opensAt), instant(closesAt));
            redirect.addFlashAttribute("notice", "calls.settings.copied");
            return "redirect:/instruction/appels/" + copy + "/parametres";
        } catch (InvalidInput ex) {
            redirect.addFlashAttribute("copyErrors", ex.errors());
            redirect.addFlashAttribute("copySlug", slug == null || slug.length() > 80 ? "" : slug);
            return "redirect:/instruction/appels/" + programmeId + "/parametres#copie";
        }
    }

    @PostMapping("/instruction/appels/{programmeId}/graces")
    String grace(
            @AuthenticationPrincipal Person person,
            @PathVariable long programmeId,
            @RequestParam(required = false) String email,
            @RequestParam(required = false) String until,
            @RequestParam(required = false) String reason,
            RedirectAttributes redirect) {
        managed(person, programmeId);
        try {
            graces.grant(programmeId, person.id(), person.admin(), email, instant(until), reason);
            redirect.addFlashAttribute("notice", "calls.graces.granted");
        } catch (InvalidInput ex) {
            redirect.addFlashAttribute("graceError", ex.errors().getFirst().messageKey());
        }
        return "redirect:/instruction/appels/" + programmeId + "/parametres#graces";
    }

    @PostMapping("/instruction/appels/{programmeId}/attribuant")
    String ownerSiret(
            @AuthenticationPrincipal Person person,
            @PathVariable long programmeId,
            @RequestParam(required = false) String siret,
            RedirectAttributes redirect) {
        managed(person, programmeId);
        try {
            programmes.ownerSiret(programmeId, siret == null || siret.length() > 40 ? "x" : siret);
            redirect.addFlashAttribute("notice", "calls.settings.ownerSiretSaved");
        } catch (InvalidInput ex) {
            redirect.addFlashAttribute("ownerSiretError", ex.errors().getFirst().messageKey());
        }
        return "redirect:/instruction/appels/" + programmeId + "/parametres#attribuant";
    }

    @GetMapping("/instruction/appels/nouveau")
    String creation(@AuthenticationPrincipal Person person, Model model) {
        admin(person);
        model.addAttribute("kinds", ProgrammeKind.values());
        model.addAttribute("errors", new fr.essor.shared.FormErrors(List.of()));
        model.addAttribute("posted", java.util.Map.of());
        return "calls/new-programme";
    }

    @PostMapping("/instruction/appels/nouveau")
    String create(
            @AuthenticationPrincipal Person person,
            @RequestParam(required = false) String slug,
            @RequestParam(required = false) String name,
            @RequestParam(required = false) String kind,
            @RequestParam(required = false) String owner,
            @RequestParam(required = false) String summary,
            @RequestParam(required = false) String opensAt,
            @RequestParam(required = false) String closesAt,
            Model model) {
        admin(person);
        ProgrammeKind k = Arrays.stream(ProgrammeKind.values())
                .filter(v -> v.name().equalsIgnoreCase(kind == null ? "" : kind))
                .findFirst()
                .orElse(null);
        Fields fields = new Fields(name, owner, summary, "", "", "", opensAt, closesAt, "", "120", false);
        try {
            long id = programmes.create(
                    draft(slug == null ? null : slug.strip().toLowerCase(Locale.ROOT), k, fields),
                    // a first form to complete in the settings
                    new Form(List.of(new FormSection(
                            "Votre projet",
                            List.of(
                                    FormField.of("titre", "Titre du projet", fr.essor.calls.FieldType.TEXT, true),
                                    FormField.of(
                                            "resume",
                                            "Description du projet",
                                            fr.essor.calls.FieldType.LONG_TEXT,
                                            true))))));
            staff.grant(id, person.id(), DossierFlow.Role.MANAGER, person.id());
            return "redirect:/instruction/appels/" + id + "/parametres";
        } catch (InvalidInput ex) {
            model.addAttribute("kinds", ProgrammeKind.values());
            model.addAttribute("errors", new fr.essor.shared.FormErrors(ex.errors()));
            model.addAttribute(
                    "posted",
                    java.util.Map.of(
                            "slug", slug == null ? "" : slug,
                            "name", name == null ? "" : name,
                            "owner", owner == null ? "" : owner,
                            "summary", summary == null ? "" : summary,
                            "opensAt", opensAt == null ? "" : opensAt,
                            "closesAt", closesAt == null ? "" : closesAt));
            return "calls/new-programme";
        }
    }

    private static Programmes.Draft draft(String slug, ProgrammeKind kind, Fields f) {
        Long capCents;
        try {
            capCents = f.cap() == null || f.cap().isBlank()
                    ? null
                    : new BigDecimal(
                                    f.cap().replaceAll("[\\s\u00a0\u202f€]", "").replace(',', '.'))
                            .movePointRight(2)
                            .longValueExact();
        } catch (NumberFormatException | ArithmeticException ex) {
            capCents = -1L; // refused as a cap out of bounds
        }
        int retention;
        try {
            retention = Integer.parseInt(
                    f.retentionMonths() == null ? "" : f.retentionMonths().strip());
        } catch (NumberFormatException ex) {
            retention = -1;
        }
        List<String> documents = f.documents() == null
                ? List.of()
                : f.documents()
                        .lines()
                        .map(String::strip)
                        .filter(l -> !l.isEmpty())
                        .toList();
        return new Programmes.Draft(
                slug,
                f.name(),
                kind,
                f.owner(),
                f.summary(),
                f.description() == null ? "" : f.description(),
                f.whoCanApply() == null ? "" : f.whoCanApply(),
                capCents,
                instant(f.opensAt()),
                instant(f.closesAt()),
                documents,
                retention,
                f.fourEyes(),
                false);
    }

    /** A date and time typed in Paris time, to the minute; null when it is not one. */
    static Instant instant(String local) {
        if (local == null || local.isBlank() || local.length() > 20) {
            return null;
        }
        try {
            return LocalDateTime.parse(local.strip()).atZone(PARIS).toInstant();
        } catch (DateTimeParseException ex) {
            return null;
        }
    }

    static String local(Instant instant) {
        return LocalDateTime.ofInstant(instant, PARIS)
                .truncatedTo(ChronoUnit.MINUTES)
                .toString();
    }

    /** pass-occitanie-2026 → pass-occitanie-2027; pass-occitanie → pass-occitanie-2. */
    static String nextSlug(String slug) {
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("^(.*-)(\\d{4})$").matcher(slug);
        return m.matches() ? m.group(1) + (Integer.parseInt(m.group(2)) + 1) : slug + "-2";
    }

    private String pretty(Form form) {
        return json.rebuild().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(form);
    }

    private Programme managed(Person person, long programmeId) {
        if (!staff.mayManage(person.id(), person.admin(), programmeId)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return programmes.byId(programmeId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private static void admin(Person person) {
        if (!person.admin()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<FieldError> errorsOf(Model model, String name) {
        Object errors = model.getAttribute(name);
        return errors == null ? List.of() : (List<FieldError>) errors;
    }
}
