package fr.essor.calls.web;

import java.io.IOException;
import java.util.List;
import jakarta.servlet.http.HttpServletRequest;

import fr.essor.calls.Annotations;
import fr.essor.calls.Documents;
import fr.essor.calls.Dossiers;
import fr.essor.calls.Instruction;
import fr.essor.calls.Messages;
import fr.essor.identity.Person;
import fr.essor.shared.FieldError;
import fr.essor.shared.InvalidInput;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A dossier's message thread, on the applicant's and the staff's pages, and the staff's private
 * annotations.
 */
@Controller
class ThreadPages {

    private final Messages messages;
    private final Annotations annotations;
    private final Instruction instruction;
    private final Dossiers dossiers;
    private final Documents documents;

    ThreadPages(
            Messages messages,
            Annotations annotations,
            Instruction instruction,
            Dossiers dossiers,
            Documents documents) {
        this.messages = messages;
        this.annotations = annotations;
        this.instruction = instruction;
        this.dossiers = dossiers;
        this.documents = documents;
    }

    @PostMapping("/instruction/dossiers/{id}/annotations")
    String annotate(
            @AuthenticationPrincipal Person person,
            @PathVariable long id,
            HttpServletRequest request,
            RedirectAttributes redirect) {
        Dossiers.Dossier d = staffDossier(person, id);
        var form = Annotations.form(annotations.fields(d.programmeId()));
        List<FieldError> errors =
                annotations.save(d, person.id(), DossierForm.answers(form, request.getParameterMap()));
        if (errors.isEmpty()) {
            redirect.addFlashAttribute("notice", "calls.annotations.saved");
        } else {
            redirect.addFlashAttribute("annotationErrors", errors);
        }
        return "redirect:/instruction/dossiers/" + id + "#annotations";
    }

    @PostMapping("/instruction/dossiers/{id}/messages")
    String staffWrites(
            @AuthenticationPrincipal Person person,
            @PathVariable long id,
            @RequestParam(required = false) String body,
            @RequestParam(name = "piece", required = false) MultipartFile file,
            RedirectAttributes redirect) {
        Dossiers.Dossier d = staffDossier(person, id);
        write(d, person.id(), true, body, file, null, redirect);
        return "redirect:/instruction/dossiers/" + id + "#messages";
    }

    @PostMapping("/dossiers/{id}/messages")
    String applicantWrites(
            @AuthenticationPrincipal Person person,
            @PathVariable long id,
            @RequestParam(required = false) String body,
            @RequestParam(name = "piece", required = false) MultipartFile file,
            RedirectAttributes redirect) {
        Dossiers.Dossier d = dossiers.ofApplicant(id, person.id())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        write(d, person.id(), false, body, file, d.structureId(), redirect);
        return "redirect:/dossiers/" + id + "#messages";
    }

    /** Posts a message, its document first (the applicant's into their structure's vault). */
    private void write(
            Dossiers.Dossier d,
            long author,
            boolean fromStaff,
            String body,
            MultipartFile file,
            Long structureId,
            RedirectAttributes redirect) {
        try {
            if (body == null || body.isBlank() || body.length() > 5000) {
                throw new InvalidInput("body", "calls.messages.error.body");
            }
            Long document = null;
            if (file != null && !file.isEmpty()) {
                try {
                    document = documents.upload(
                            author,
                            structureId,
                            fromStaff ? "Pièce de l’équipe d’instruction" : "Pièce jointe à un message",
                            null,
                            file.getOriginalFilename(),
                            file.getBytes(),
                            "piece");
                } catch (IOException ex) {
                    throw new InvalidInput("piece", "calls.document.error.empty");
                }
            }
            messages.post(d, author, fromStaff, body, document);
            redirect.addFlashAttribute("notice", "calls.messages.sent");
        } catch (InvalidInput ex) {
            redirect.addFlashAttribute("messageError", ex.errors().getFirst().messageKey());
            redirect.addFlashAttribute("messageBody", body == null || body.length() > 5000 ? "" : body);
        }
    }

    @GetMapping("/instruction/dossiers/{id}/messages/{message}/piece")
    ResponseEntity<byte[]> staffReads(
            @AuthenticationPrincipal Person person, @PathVariable long id, @PathVariable long message) {
        staffDossier(person, id);
        return piece(id, message);
    }

    @GetMapping("/dossiers/{id}/messages/{message}/piece")
    ResponseEntity<byte[]> applicantReads(
            @AuthenticationPrincipal Person person, @PathVariable long id, @PathVariable long message) {
        dossiers.ofApplicant(id, person.id()).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return piece(id, message);
    }

    private ResponseEntity<byte[]> piece(long dossierId, long messageId) {
        Documents.Content c = messages.documentOf(dossierId, messageId)
                .flatMap(documents::joined)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return fr.essor.shared.Downloads.attachment(c.filename(), c.mediaType(), c.bytes());
    }

    private Dossiers.Dossier staffDossier(Person person, long id) {
        return instruction
                .dossier(id, person.id())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }
}
