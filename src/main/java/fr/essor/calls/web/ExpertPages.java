package fr.essor.calls.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;

import fr.essor.calls.DossierFlow;
import fr.essor.calls.Experts;
import fr.essor.identity.Person;
import fr.essor.shared.InvalidInput;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Expert opinions: an instructor invites and revokes from the dossier's page; the expert opens the link
 * of the invitation, reads the dossier and gives the opinion on {@code /avis/{id}}.
 */
@Controller
class ExpertPages {

    private final Experts experts;
    private final AnswersModel answers;

    ExpertPages(Experts experts, AnswersModel answers) {
        this.experts = experts;
        this.answers = answers;
    }

    @PostMapping("/instruction/dossiers/{id}/experts")
    String invite(
            @AuthenticationPrincipal Person person,
            @PathVariable long id,
            @RequestParam(required = false) String email,
            @RequestParam(required = false) String question,
            @RequestParam(name = "due", required = false) String due,
            RedirectAttributes redirect) {
        LocalDate dueOn;
        try {
            dueOn = due == null || due.length() > 10 ? null : LocalDate.parse(due);
        } catch (DateTimeParseException ex) {
            dueOn = null;
        }
        try {
            experts.invite(id, person.id(), email, question, dueOn);
            redirect.addFlashAttribute("notice", "calls.experts.invited");
        } catch (InvalidInput ex) {
            redirect.addFlashAttribute("expertError", ex.errors().getFirst().messageKey());
            redirect.addFlashAttribute("expertEmail", email == null || email.length() > 254 ? "" : email);
            redirect.addFlashAttribute("expertQuestion", question == null || question.length() > 2000 ? "" : question);
        } catch (DossierFlow.IllegalTransition ex) {
            redirect.addFlashAttribute("expertError", ex.messageKey());
        }
        return "redirect:/instruction/dossiers/" + id + "#experts";
    }

    @PostMapping("/instruction/dossiers/{id}/experts/{invitation}/retirer")
    String revoke(
            @AuthenticationPrincipal Person person,
            @PathVariable long id,
            @PathVariable long invitation,
            RedirectAttributes redirect) {
        try {
            if (experts.revoke(id, invitation, person.id())) {
                redirect.addFlashAttribute("notice", "calls.experts.revoked");
            }
        } catch (DossierFlow.IllegalTransition ex) {
            redirect.addFlashAttribute("expertError", ex.messageKey());
        }
        return "redirect:/instruction/dossiers/" + id + "#experts";
    }

    /**
     * The invitation's link: the signed-in person of the invited address becomes its expert. Without a
     * link, the invitations the person opened.
     */
    @GetMapping("/avis")
    String open(
            @AuthenticationPrincipal Person person,
            @RequestParam(name = "jeton", required = false) String token,
            Model model) {
        if (token == null) {
            model.addAttribute("invitations", experts.ofExpert(person.id()));
            return "calls/expert-list";
        }
        Map.Entry<Experts.Opening, Long> opened = experts.open(token, person.id(), person.email());
        if (opened.getKey() == Experts.Opening.OPENED) {
            return "redirect:/avis/" + opened.getValue();
        }
        model.addAttribute(
                "reason",
                opened.getKey() == Experts.Opening.OTHER_ADDRESS
                        ? "calls.experts.link.otherAddress"
                        : "calls.experts.link.unknown");
        return "calls/expert-link";
    }

    @GetMapping("/avis/{invitation}")
    String assignment(@AuthenticationPrincipal Person person, @PathVariable long invitation, Model model) {
        Experts.Assignment a = experts.assignment(invitation, person.id())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("assignment", a);
        model.addAttribute("dossier", a.dossier());
        model.addAttribute("programme", a.programme());
        model.addAttribute("verdicts", Experts.Verdict.values());
        answers.fill(model, a.dossier());
        return "calls/expert";
    }

    @PostMapping("/avis/{invitation}")
    String give(
            @AuthenticationPrincipal Person person,
            @PathVariable long invitation,
            @RequestParam(required = false) String verdict,
            @RequestParam(required = false) String opinion,
            RedirectAttributes redirect) {
        Experts.Verdict v;
        try {
            v = verdict == null ? null : Experts.Verdict.valueOf(verdict.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException ex) {
            v = null;
        }
        try {
            experts.give(invitation, person.id(), v, opinion);
            redirect.addFlashAttribute("notice", "calls.experts.given");
        } catch (InvalidInput ex) {
            redirect.addFlashAttribute("opinionError", ex.errors().getFirst().messageKey());
            redirect.addFlashAttribute("opinionText", opinion == null || opinion.length() > 10_000 ? "" : opinion);
            redirect.addFlashAttribute("opinionVerdict", v == null ? "" : v.name());
        } catch (DossierFlow.IllegalTransition ex) {
            if ("calls.experts.error.unknown".equals(ex.messageKey())) {
                throw new ResponseStatusException(HttpStatus.NOT_FOUND);
            }
            redirect.addFlashAttribute("opinionError", ex.messageKey());
        }
        return "redirect:/avis/" + invitation;
    }

    /** A document joined to the dossier, for its expert; the read is in the dossier's trail. */
    @GetMapping("/avis/{invitation}/documents/{documentId}")
    ResponseEntity<byte[]> document(
            @AuthenticationPrincipal Person person, @PathVariable long invitation, @PathVariable long documentId) {
        var c = experts.document(invitation, person.id(), documentId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return fr.essor.shared.Downloads.attachment(c.filename(), c.mediaType(), c.bytes());
    }
}
