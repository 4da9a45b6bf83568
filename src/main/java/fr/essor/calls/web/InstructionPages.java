package fr.essor.calls.web;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import fr.essor.calls.DossierFlow;
import fr.essor.calls.DossierFlow.Action;
import fr.essor.calls.DossierFlow.State;
import fr.essor.calls.Dossiers;
import fr.essor.calls.Instruction;
import fr.essor.calls.Programme;
import fr.essor.calls.Programmes;
import fr.essor.calls.Staff;
import fr.essor.identity.Person;

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

/** The staff's pages: the programmes they work on, a programme's dossiers, a dossier and its actions. */
@Controller
class InstructionPages {

    static final int PAGE_SIZE = 50;

    private final Instruction instruction;
    private final Programmes programmes;
    private final Staff staff;
    private final Dossiers dossiers;

    private final fr.essor.calls.Audit audit;
    private final fr.essor.calls.DossierExport export;
    private final AnswersModel answers;
    private final fr.essor.calls.Experts experts;
    private final fr.essor.calls.Routing routing;
    private final fr.essor.calls.DeMinimis deMinimis;
    private final fr.essor.calls.Messages messages;
    private final fr.essor.calls.Annotations annotations;
    private final fr.essor.identity.Accounts accounts;

    InstructionPages(
            AnswersModel answers,
            fr.essor.calls.Experts experts,
            fr.essor.calls.Routing routing,
            fr.essor.calls.DeMinimis deMinimis,
            fr.essor.calls.Messages messages,
            fr.essor.calls.Annotations annotations,
            fr.essor.identity.Accounts accounts,
            Instruction instruction,
            Programmes programmes,
            Staff staff,
            Dossiers dossiers,
            fr.essor.calls.Audit audit,
            fr.essor.calls.DossierExport export) {
        this.audit = audit;
        this.export = export;
        this.answers = answers;
        this.experts = experts;
        this.routing = routing;
        this.deMinimis = deMinimis;
        this.messages = messages;
        this.annotations = annotations;
        this.accounts = accounts;
        this.instruction = instruction;
        this.programmes = programmes;
        this.staff = staff;
        this.dossiers = dossiers;
    }

    @GetMapping("/instruction")
    String programmes(@AuthenticationPrincipal Person person, Model model) {
        // an administrator sees every call, to name its first manager
        model.addAttribute(
                "programmes",
                person.admin()
                        ? programmes.all()
                        : staff.programmesOf(person.id()).stream()
                                .map(programmes::byId)
                                .flatMap(java.util.Optional::stream)
                                .toList());
        model.addAttribute("admin", person.admin());
        return "calls/instruction-programmes";
    }

    @GetMapping("/instruction/appels/{programmeId}")
    String list(
            @AuthenticationPrincipal Person person,
            @PathVariable long programmeId,
            @RequestParam(name = "etat", required = false) List<String> states,
            @RequestParam(name = "reference", required = false) String reference,
            @RequestParam(name = "tri", defaultValue = "SUBMITTED") String sort,
            @RequestParam(name = "page", defaultValue = "1") String page,
            Model model) {
        var roles = staff.rolesOf(person.id(), programmeId);
        if (roles.isEmpty() && !person.admin()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        model.addAttribute("manages", person.admin() || roles.contains(DossierFlow.Role.MANAGER));
        Set<State> wanted = EnumSet.noneOf(State.class);
        for (String s : states == null ? List.<String>of() : states) {
            try {
                State state = State.valueOf(s.toUpperCase(Locale.ROOT));
                if (state != State.DRAFT) {
                    wanted.add(state);
                }
            } catch (IllegalArgumentException ignored) {
                // an unknown state filters nothing more
            }
        }
        Instruction.Sort order;
        try {
            order = Instruction.Sort.valueOf(sort.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException ex) {
            order = Instruction.Sort.SUBMITTED;
        }
        int number;
        try {
            number = Math.min(Math.max(1, Integer.parseInt(page)), 100_000);
        } catch (NumberFormatException ex) {
            number = 1;
        }
        String ref = reference == null || reference.length() > 60 ? null : reference;
        Instruction.Page result = instruction.list(programmeId, person.id(), wanted, ref, order, number, PAGE_SIZE);
        model.addAttribute("programme", programmes.byId(programmeId).orElseThrow());
        model.addAttribute("result", result);
        model.addAttribute("wanted", wanted.stream().map(State::name).collect(Collectors.toSet()));
        model.addAttribute("reference", ref == null ? "" : ref);
        model.addAttribute("sort", order.name());
        model.addAttribute(
                "states",
                EnumSet.complementOf(EnumSet.of(State.DRAFT)).stream()
                        .map(State::name)
                        .toList());
        model.addAttribute("sorts", List.of(Instruction.Sort.values()));
        return "calls/instruction-list";
    }

    @GetMapping("/instruction/dossiers/{id}")
    String dossier(@AuthenticationPrincipal Person person, @PathVariable long id, Model model) {
        // the annotations' errors of the previous save, handed over as a flash attribute
        @SuppressWarnings("unchecked")
        List<fr.essor.shared.FieldError> annotationErrors =
                (List<fr.essor.shared.FieldError>) model.getAttribute("annotationErrors");
        Dossiers.Dossier d =
                instruction.open(id, person.id()).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        Programme programme = programmes.byId(d.programmeId()).orElseThrow();
        var trail = audit.trail(id);
        model.addAttribute("trailSize", trail.size());
        model.addAttribute(
                "trailKey",
                fr.essor.calls.Audit.verify(trail)
                        ? "calls.instruction.trail.whole"
                        : "calls.instruction.trail.broken");
        var roles = staff.rolesOf(person.id(), programme.id());
        DossierFlow.Context context = new DossierFlow.Context(programme.fourEyes(), d.proposal(), d.proposedBy(), true);
        List<Action> actions = java.util.Arrays.stream(Action.values())
                .filter(a -> a != Action.SUBMIT && a != Action.ANSWER_CORRECTIONS)
                .filter(a -> DossierFlow.target(d.state(), a, context).isPresent())
                .filter(a -> DossierFlow.rolesFor(a).stream().anyMatch(roles::contains))
                .filter(a -> programme.fourEyes()
                        ? a != Action.ACCEPT && a != Action.REFUSE
                        : a != Action.PROPOSE_ACCEPTANCE && a != Action.PROPOSE_REFUSAL)
                .filter(a -> a != Action.CONFIRM || !java.util.Objects.equals(d.proposedBy(), person.id()))
                .toList();
        model.addAttribute("dossier", d);
        model.addAttribute("programme", programme);
        answers.fill(model, d);
        model.addAttribute(
                "formFields",
                dossiers.formOf(d).sections().stream()
                        .flatMap(section -> section.fields().stream())
                        .toList());
        model.addAttribute(
                "correctionsDue",
                d.correctionsDue() != null
                        ? d.correctionsDue()
                        : java.time.LocalDate.now(java.time.ZoneId.of("Europe/Paris"))
                                .plusDays(15));
        model.addAttribute("experts", experts.ofDossier(id, person.id()));
        // the thread, its authors by name, and the private annotations
        var thread = messages.thread(id);
        java.util.Map<Long, String> authors = new java.util.HashMap<>();
        thread.stream()
                .filter(fr.essor.calls.Messages.Message::fromStaff)
                .forEach(m -> authors.computeIfAbsent(
                        m.authorId(),
                        a -> accounts.account(a)
                                .map(fr.essor.identity.Accounts.Account::displayName)
                                .orElse("—")));
        model.addAttribute("thread", thread);
        model.addAttribute("authors", authors);
        model.addAttribute("staffView", true);
        var notes = annotations.fields(programme.id());
        model.addAttribute("hasAnnotations", !notes.isEmpty());
        model.addAttribute(
                "annotationSections",
                DossierForm.view(
                        fr.essor.calls.Annotations.form(notes),
                        annotations.values(id),
                        annotationErrors == null ? List.of() : annotationErrors));
        model.addAttribute("missingAnnotations", annotations.missing(d));
        model.addAttribute("deMinimis", deMinimis.of(d, programme).orElse(null));
        var groups = routing.groups(programme.id());
        model.addAttribute("groups", groups);
        model.addAttribute(
                "group",
                groups.stream()
                        .filter(g -> java.util.Objects.equals(g.id(), d.groupId()))
                        .findFirst()
                        .orElse(null));
        model.addAttribute("manages", staff.mayManage(person.id(), person.admin(), programme.id()));
        model.addAttribute("instructs", roles.contains(fr.essor.calls.DossierFlow.Role.INSTRUCTOR));
        model.addAttribute(
                "expertDue",
                java.time.LocalDate.now(java.time.ZoneId.of("Europe/Paris")).plusDays(14));
        model.addAttribute("transitions", dossiers.transitions(id));
        model.addAttribute("eligibility", dossiers.eligibility(d));
        model.addAttribute("actions", actions);
        return "calls/instruction-dossier";
    }

    /** A programme's submitted dossiers as CSV, streamed, for its staff. */
    @GetMapping("/instruction/appels/{programmeId}/dossiers.csv")
    void csv(
            @AuthenticationPrincipal Person person,
            @PathVariable long programmeId,
            jakarta.servlet.http.HttpServletResponse response)
            throws java.io.IOException {
        if (!export.allowed(programmeId, person.id())) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader(
                org.springframework.http.HttpHeaders.CONTENT_DISPOSITION,
                "attachment; filename=\"dossiers-appel-" + programmeId + ".csv\"");
        export.write(programmeId, person.id(), response.getWriter());
    }

    /** A programme's submitted dossiers as XLSX, streamed, for its staff. */
    @GetMapping("/instruction/appels/{programmeId}/dossiers.xlsx")
    void xlsx(
            @AuthenticationPrincipal Person person,
            @PathVariable long programmeId,
            jakarta.servlet.http.HttpServletResponse response)
            throws java.io.IOException {
        if (!export.allowed(programmeId, person.id())) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        response.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader(
                org.springframework.http.HttpHeaders.CONTENT_DISPOSITION,
                "attachment; filename=\"dossiers-appel-" + programmeId + ".xlsx\"");
        export.xlsx(programmeId, person.id(), response.getOutputStream());
    }

    /** The documents joined to a programme's submitted dossiers as a ZIP, streamed, for its staff. */
    @GetMapping("/instruction/appels/{programmeId}/pieces.zip")
    void attachments(
            @AuthenticationPrincipal Person person,
            @PathVariable long programmeId,
            jakarta.servlet.http.HttpServletResponse response)
            throws java.io.IOException {
        if (!export.allowed(programmeId, person.id())) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        response.setContentType("application/zip");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader(
                org.springframework.http.HttpHeaders.CONTENT_DISPOSITION,
                "attachment; filename=\"pieces-appel-" + programmeId + ".zip\"");
        export.attachments(programmeId, person.id(), response.getOutputStream());
    }

    /** A document joined to the dossier, for its staff; the read is in the dossier's trail. */
    @GetMapping("/instruction/dossiers/{id}/documents/{documentId}")
    org.springframework.http.ResponseEntity<byte[]> document(
            @AuthenticationPrincipal Person person, @PathVariable long id, @PathVariable long documentId) {
        var c = instruction
                .document(id, documentId, person.id())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return fr.essor.shared.Downloads.attachment(c.filename(), c.mediaType(), c.bytes());
    }

    /** The dossier's audit trail as CSV, each entry with the hash of the previous one and its own. */
    @GetMapping(path = "/instruction/dossiers/{id}/journal.csv", produces = "text/csv;charset=UTF-8")
    org.springframework.http.ResponseEntity<String> journal(
            @AuthenticationPrincipal Person person, @PathVariable long id) {
        instruction.dossier(id, person.id()).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        var trail = audit.trail(id);
        StringBuilder csv = new StringBuilder("id,at,actor_id,kind,detail,prev_hash,hash\r\n");
        for (var e : trail) {
            csv.append(e.id())
                    .append(',')
                    .append(e.at())
                    .append(',')
                    .append(e.actorId())
                    .append(',')
                    .append(e.kind())
                    .append(',')
                    .append(quoted(e.detail()))
                    .append(',')
                    .append(e.prevHash())
                    .append(',')
                    .append(e.hash())
                    .append("\r\n");
        }
        return org.springframework.http.ResponseEntity.ok()
                .header(
                        org.springframework.http.HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"journal-dossier-" + id + ".csv\"")
                .header("X-Essor-Chain", fr.essor.calls.Audit.verify(trail) ? "whole" : "broken")
                .cacheControl(org.springframework.http.CacheControl.noStore())
                .body(csv.toString());
    }

    /** A CSV field: quoted, inner quotes doubled, and a leading formula character neutralised. */
    private static String quoted(String value) {
        String v = value.matches("^[=+\\-@\t\r].*") ? "'" + value : value;
        return "\"" + v.replace("\"", "\"\"") + "\"";
    }

    @PostMapping("/instruction/dossiers/{id}/{action}")
    String act(
            @AuthenticationPrincipal Person person,
            @PathVariable long id,
            @PathVariable String action,
            @RequestParam int revision,
            @RequestParam(required = false) String reason,
            @RequestParam(required = false) String amount,
            @RequestParam(name = "champs", required = false) List<String> fields,
            @RequestParam(name = "echeance", required = false) String due,
            RedirectAttributes redirect) {
        Action a;
        try {
            a = Action.valueOf(action.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException ex) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        Long cents = null;
        if (amount != null && !amount.isBlank()) {
            try {
                cents = new java.math.BigDecimal(
                                amount.replaceAll("[\\s\u00a0\u202f€]", "").replace(',', '.'))
                        .movePointRight(2)
                        .longValueExact();
            } catch (NumberFormatException | ArithmeticException ex) {
                cents = -1L; // refused by the instruction as any amount out of bounds
            }
        }
        try {
            Instruction.Corrections corrections = null;
            if (a == Action.REQUEST_CORRECTIONS) {
                java.time.LocalDate dueOn;
                try {
                    dueOn = due == null || due.length() > 10 ? null : java.time.LocalDate.parse(due);
                } catch (java.time.format.DateTimeParseException ex) {
                    dueOn = null;
                }
                corrections = new Instruction.Corrections(
                        fields == null
                                ? Set.of()
                                : Set.copyOf(fields.stream().limit(200).toList()),
                        dueOn);
            }
            instruction.act(id, person.id(), a, reason, cents, revision, corrections);
            redirect.addFlashAttribute("notice", "calls.instruction.done");
        } catch (DossierFlow.IllegalTransition ex) {
            redirect.addFlashAttribute("dossierError", ex.messageKey());
        }
        return "redirect:/instruction/dossiers/" + id;
    }
}
