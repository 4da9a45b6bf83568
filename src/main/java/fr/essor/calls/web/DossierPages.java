package fr.essor.calls.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import fr.essor.calls.Acknowledgments;
import fr.essor.calls.AnswerCheck;
import fr.essor.calls.Documents;
import fr.essor.calls.DossierFlow;
import fr.essor.calls.Dossiers;
import fr.essor.calls.FieldType;
import fr.essor.calls.FormField;
import fr.essor.calls.Programme;
import fr.essor.calls.Programmes;
import fr.essor.identity.Person;
import fr.essor.shared.FieldError;
import fr.essor.shared.FormErrors;
import fr.essor.shared.InvalidInput;

import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The applicant's pages: start a dossier from a call's page, fill it in, save it, submit it. */
@Controller
class DossierPages {

    private final Programmes programmes;
    private final Dossiers dossiers;
    private final Documents documents;
    private final Acknowledgments acknowledgments;
    private final fr.essor.calls.Letters letters;
    private final AnswersModel answers;
    private final fr.essor.calls.Messages messages;

    DossierPages(
            fr.essor.calls.Messages messages,
            Programmes programmes,
            Dossiers dossiers,
            Documents documents,
            Acknowledgments acknowledgments,
            AnswersModel answers,
            fr.essor.calls.Letters letters) {
        this.letters = letters;
        this.answers = answers;
        this.messages = messages;
        this.programmes = programmes;
        this.dossiers = dossiers;
        this.documents = documents;
        this.acknowledgments = acknowledgments;
    }

    @PostMapping("/appels/{slug}/dossiers")
    String start(
            @AuthenticationPrincipal Person person,
            @PathVariable String slug,
            @RequestParam(required = false) String structure,
            RedirectAttributes redirect) {
        Programme programme =
                programmes.bySlug(slug).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        Long structureId = null;
        if (structure != null && !structure.isBlank()) {
            try {
                structureId = Long.parseLong(structure.strip());
            } catch (NumberFormatException ex) {
                structureId = -1L; // no such structure: refused below as any other that is not the applicant's
            }
        }
        try {
            return "redirect:/dossiers/" + dossiers.start(programme.id(), person.id(), structureId);
        } catch (InvalidInput ex) {
            redirect.addFlashAttribute("startError", ex.errors().getFirst().messageKey());
            return "redirect:/appels/" + slug + "#candidater";
        }
    }

    @GetMapping("/dossiers")
    String list(@AuthenticationPrincipal Person person, Model model) {
        List<Dossiers.Dossier> mine = dossiers.ofApplicant(person.id());
        model.addAttribute("dossiers", mine);
        model.addAttribute(
                "programmes",
                mine.stream()
                        .map(Dossiers.Dossier::programmeId)
                        .distinct()
                        .collect(java.util.stream.Collectors.toMap(
                                id -> id, id -> programmes.byId(id).orElseThrow())));
        return "calls/dossiers";
    }

    @GetMapping("/dossiers/{id}")
    String show(@AuthenticationPrincipal Person person, @PathVariable long id, Model model) {
        Dossiers.Dossier d = mine(person, id);
        return page(d, d.answers(), List.of(), model);
    }

    @PostMapping("/dossiers/{id}")
    String save(
            @AuthenticationPrincipal Person person,
            @PathVariable long id,
            @RequestParam int revision,
            HttpServletRequest request,
            HttpServletResponse response,
            RedirectAttributes redirect,
            Model model) {
        return saveThen(person, id, revision, request, response, redirect, model, null, "calls.dossier.saved");
    }

    @PostMapping("/dossiers/{id}/deposer")
    String submit(
            @AuthenticationPrincipal Person person,
            @PathVariable long id,
            @RequestParam int revision,
            HttpServletRequest request,
            HttpServletResponse response,
            RedirectAttributes redirect,
            Model model) {
        return saveThen(
                person,
                id,
                revision,
                request,
                response,
                redirect,
                model,
                next -> dossiers.submit(id, person.id(), next),
                "calls.dossier.submitted");
    }

    @PostMapping("/dossiers/{id}/corrections")
    String answerCorrections(
            @AuthenticationPrincipal Person person,
            @PathVariable long id,
            @RequestParam int revision,
            HttpServletRequest request,
            HttpServletResponse response,
            RedirectAttributes redirect,
            Model model) {
        return saveThen(
                person,
                id,
                revision,
                request,
                response,
                redirect,
                model,
                next -> dossiers.answerCorrections(id, person.id(), next),
                "calls.dossier.corrected");
    }

    /**
     * Saves what the page holds (its files into the vault first), then moves the dossier if asked, on the
     * revision the save made: a refused move loses nothing. Errors show on the page; a stale page or a
     * move not possible is told on the dossier's page.
     */
    private String saveThen(
            Person person,
            long id,
            int revision,
            HttpServletRequest request,
            HttpServletResponse response,
            RedirectAttributes redirect,
            Model model,
            java.util.function.IntConsumer move,
            String notice) {
        Dossiers.Dossier d = mine(person, id);
        Map<String, Object> posted = DossierForm.answers(dossiers.formOf(d), request.getParameterMap());
        List<FieldError> refused = attach(person, d, request, posted);
        try {
            AnswerCheck.Checked checked = dossiers.save(id, person.id(), revision, posted);
            if (!checked.valid() || !refused.isEmpty()) {
                response.setStatus(HttpStatus.BAD_REQUEST.value());
                return page(mine(person, id), posted, both(refused, checked.errors()), model);
            }
            if (move != null) {
                move.accept(revision + 1);
            }
        } catch (InvalidInput ex) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return page(mine(person, id), posted, ex.errors(), model);
        } catch (DossierFlow.IllegalTransition ex) {
            redirect.addFlashAttribute("dossierError", ex.messageKey());
            return "redirect:/dossiers/" + id;
        }
        redirect.addFlashAttribute("notice", notice);
        return "redirect:/dossiers/" + id;
    }

    /** The decision letter of a decided dossier, to its applicant. */
    @GetMapping("/dossiers/{id}/decision.pdf")
    ResponseEntity<byte[]> decision(@AuthenticationPrincipal Person person, @PathVariable long id) {
        Dossiers.Dossier d = mine(person, id);
        return pdf(
                "decision-" + d.reference() + ".pdf",
                acknowledgments
                        .pdf(d, fr.essor.calls.Letters.Kind.DECISION)
                        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
    }

    /** The acknowledgment of receipt of a submitted dossier, to its applicant. */
    @GetMapping("/dossiers/{id}/accuse-reception.pdf")
    ResponseEntity<byte[]> acknowledgment(@AuthenticationPrincipal Person person, @PathVariable long id) {
        Dossiers.Dossier d = mine(person, id);
        if (d.reference() == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return pdf("accuse-reception-" + d.reference() + ".pdf", acknowledgments.pdf(d));
    }

    private static ResponseEntity<byte[]> pdf(String filename, byte[] bytes) {
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(filename)
                                .build()
                                .toString())
                .cacheControl(CacheControl.noStore())
                .body(bytes);
    }

    /** A document of the person's vault, or of a structure of theirs, sent back as an attachment. */
    @GetMapping("/dossiers/documents/{documentId}")
    ResponseEntity<byte[]> document(@AuthenticationPrincipal Person person, @PathVariable long documentId) {
        Documents.Content c = documents
                .content(documentId, person.id())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return fr.essor.shared.Downloads.attachment(c.filename(), c.mediaType(), c.bytes());
    }

    /**
     * Files sent with the form go to the vault of the dossier's structure (or the person's own), and the
     * answer of their field becomes the new document; the refused ones are reported on their field.
     */
    private List<FieldError> attach(
            Person person, Dossiers.Dossier d, HttpServletRequest request, Map<String, Object> posted) {
        if (!(request instanceof MultipartHttpServletRequest multipart)) {
            return List.of();
        }
        List<FieldError> refused = new ArrayList<>();
        for (FormField field : dossiers.formOf(d).sections().stream()
                .flatMap(s -> s.fields().stream())
                .filter(f -> f.type() == FieldType.FILE)
                .toList()) {
            MultipartFile file = multipart.getFile(DossierForm.UPLOAD + field.key());
            if (file == null || file.isEmpty()) {
                continue;
            }
            try {
                long documentId = documents.upload(
                        person.id(),
                        d.structureId(),
                        field.label(),
                        null,
                        file.getOriginalFilename(),
                        file.getBytes(),
                        field.key());
                posted.put(field.key(), String.valueOf(documentId));
            } catch (InvalidInput ex) {
                refused.addAll(ex.errors());
            } catch (java.io.IOException ex) {
                refused.add(new FieldError(field.key(), "calls.document.error.empty"));
            }
        }
        return refused;
    }

    private static List<FieldError> both(List<FieldError> a, List<FieldError> b) {
        List<FieldError> out = new ArrayList<>(a);
        b.stream().filter(e -> !out.contains(e)).forEach(out::add);
        return out;
    }

    private Dossiers.Dossier mine(Person person, long id) {
        return dossiers.ofApplicant(id, person.id())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private String page(Dossiers.Dossier d, Map<String, ?> values, List<FieldError> errors, Model model) {
        model.addAttribute("dossier", d);
        model.addAttribute("programme", programmes.byId(d.programmeId()).orElseThrow());
        model.addAttribute("editable", DossierFlow.editable(d.state()));
        model.addAttribute(
                "corrections",
                d.state() == DossierFlow.State.CORRECTIONS_REQUESTED
                        ? dossiers.transitions(d.id()).stream()
                                .filter(t -> t.action() == DossierFlow.Action.REQUEST_CORRECTIONS)
                                .reduce((a, b) -> b)
                                .map(DossierFlow.Transition::reason)
                                .orElse(null)
                        : null);
        model.addAttribute(
                "decisionLetter",
                letters.latest(d.id(), fr.essor.calls.Letters.Kind.DECISION).orElse(null));
        answers.fill(model, d, values, errors);
        model.addAttribute("thread", d.state() == DossierFlow.State.DRAFT ? List.of() : messages.thread(d.id()));
        model.addAttribute("authors", java.util.Map.of());
        model.addAttribute("staffView", false);
        model.addAttribute(
                "graceUntil",
                d.state() == DossierFlow.State.DRAFT
                        ? dossiers.graceUntil(d.id()).orElse(null)
                        : null);
        // under corrections, the answers not flagged by the instructor stay as submitted
        java.util.Set<String> keys = dossiers.formOf(d).sections().stream()
                .flatMap(section -> section.fields().stream())
                .map(fr.essor.calls.FormField::key)
                .collect(java.util.stream.Collectors.toSet());
        model.addAttribute(
                "locked",
                d.state() == DossierFlow.State.CORRECTIONS_REQUESTED
                        ? keys.stream().filter(k -> !d.open(k)).collect(java.util.stream.Collectors.toSet())
                        : java.util.Set.of());
        model.addAttribute(
                "reopenedLabels",
                dossiers.formOf(d).sections().stream()
                        .flatMap(section -> section.fields().stream())
                        .filter(f -> d.reopened().contains(f.key()))
                        .map(fr.essor.calls.FormField::label)
                        .toList());
        model.addAttribute("errors", new FormErrors(errors));
        model.addAttribute("eligibility", dossiers.eligibility(d));
        return "calls/dossier";
    }
}
