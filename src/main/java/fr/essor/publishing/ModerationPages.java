package fr.essor.publishing;

import java.time.Instant;
import java.util.List;

import fr.essor.agenda.Agenda;
import fr.essor.directory.Structures;
import fr.essor.identity.Person;
import fr.essor.publishing.moderation.Moderation;
import fr.essor.publishing.moderation.Moderation.State;
import fr.essor.shared.InvalidInput;
import fr.essor.territory.Territories;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The moderators' pages: the queue of their territory (oldest first, with filters), a version with
 * its changes since the public one, likely duplicates, history and the three decisions, bulk
 * approval, and the audit trail of the territory.
 */
@Controller
class ModerationPages {

    private final Publishing publishing;
    private final Agenda agenda;
    private final Structures structures;
    private final Territories territories;

    ModerationPages(Publishing publishing, Agenda agenda, Structures structures, Territories territories) {
        this.publishing = publishing;
        this.agenda = agenda;
        this.structures = structures;
        this.territories = territories;
    }

    @GetMapping("/moderation")
    String queue(
            @AuthenticationPrincipal Person person,
            @RequestParam(required = false) String edition,
            @RequestParam(required = false) String departement,
            @RequestParam(required = false) String etat,
            @RequestParam(required = false) String age,
            Model model) {
        Long editionId = parseLong(edition);
        State state = parseState(etat);
        Integer olderThan = parseLong(age) == null ? null : (int) Math.min(365, Math.max(0, parseLong(age)));
        List<Submission> versions = publishing.queue(person, editionId, departement, state, olderThan);
        model.addAttribute("versions", versions);
        model.addAttribute(
                "duplicates",
                versions.stream()
                        .filter(v -> !publishing.duplicates(v).isEmpty())
                        .map(Submission::id)
                        .toList());
        model.addAttribute("editions", agenda.editions());
        model.addAttribute(
                "departements",
                territories.departements().stream()
                        .filter(d -> person.moderates(d.region(), d.code()))
                        .toList());
        model.addAttribute(
                "states",
                java.util.Arrays.stream(State.values())
                        .filter(st -> st != State.DRAFT)
                        .toList());
        model.addAttribute(
                "filter",
                java.util.Map.of(
                        "edition",
                        edition == null ? "" : edition,
                        "departement",
                        departement == null ? "" : departement,
                        "etat",
                        state == null ? "SUBMITTED" : state.name(),
                        "age",
                        age == null ? "" : age));
        return "publishing/queue";
    }

    @GetMapping("/moderation/versions/{id}")
    String version(@AuthenticationPrincipal Person person, @PathVariable long id, Model model) {
        Submission s = publishing.asModerator(person, id);
        model.addAttribute("version", s);
        model.addAttribute(
                "structure",
                s.structureId() == null
                        ? null
                        : structures.find(s.structureId()).orElse(null));
        model.addAttribute("changes", publishing.changes(s));
        model.addAttribute("duplicates", publishing.duplicates(s));
        model.addAttribute("history", publishing.history(s));
        model.addAttribute("reasons", publishing.refusalReasons());
        model.addAttribute("decidable", s.state() == State.SUBMITTED);
        model.addAttribute(
                "commune",
                s.communeCode() == null
                        ? null
                        : territories.commune(s.communeCode()).orElse(null));
        return "publishing/moderate";
    }

    @PostMapping("/moderation/versions/{id}/approuver")
    String approve(
            @AuthenticationPrincipal Person person,
            @PathVariable long id,
            @RequestParam(required = false) String seen,
            RedirectAttributes redirect) {
        return act(id, redirect, "moderation.approved", null, () -> publishing.approve(person, id, instant(seen)));
    }

    @PostMapping("/moderation/versions/{id}/modifications")
    String requestChanges(
            @AuthenticationPrincipal Person person,
            @PathVariable long id,
            @RequestParam(defaultValue = "") String message,
            @RequestParam(required = false) String seen,
            RedirectAttributes redirect) {
        return act(
                id,
                redirect,
                "moderation.changesRequested",
                "message",
                () -> publishing.requestChanges(person, id, message, instant(seen)));
    }

    @PostMapping("/moderation/versions/{id}/refuser")
    String refuse(
            @AuthenticationPrincipal Person person,
            @PathVariable long id,
            @RequestParam(defaultValue = "") String reason,
            @RequestParam(defaultValue = "") String otherReason,
            @RequestParam(required = false) String seen,
            RedirectAttributes redirect) {
        String text = "AUTRE".equals(reason) || reason.isBlank()
                ? otherReason
                : publishing.refusalReasons().contains(reason) ? reason : "";
        return act(
                id,
                redirect,
                "moderation.refused",
                "otherReason",
                () -> publishing.refuse(person, id, text, instant(seen)));
    }

    /** Approves the selected versions, each as it was listed ({@code id@updatedAt}). */
    @PostMapping("/moderation/approuver")
    String approveAll(
            @AuthenticationPrincipal Person person,
            @RequestParam(name = "ids", required = false) List<String> ids,
            RedirectAttributes redirect) {
        java.util.Map<Long, Instant> seen = new java.util.LinkedHashMap<>();
        for (String value : ids == null ? List.<String>of() : ids) {
            String[] parts = value.split("@", 2);
            Long id = parseLong(parts[0]);
            if (id != null) {
                seen.put(id, parts.length == 2 ? instant(parts[1]) : null);
            }
        }
        int done = publishing.approveAll(
                person, List.copyOf(seen.keySet()), id -> publishing.approve(person, id, seen.get(id)));
        redirect.addFlashAttribute("bulkApproved", done);
        redirect.addFlashAttribute("bulkAsked", seen.size());
        return "redirect:/moderation";
    }

    @GetMapping("/moderation/journal")
    String audit(@AuthenticationPrincipal Person person, Model model) {
        model.addAttribute("lines", publishing.audit(person));
        return "publishing/audit";
    }

    /**
     * Runs a decision; a refusal comes back to the version's page, the message's problem next to
     * {@code messageField}, any other as a notice above.
     */
    private String act(long id, RedirectAttributes redirect, String done, String messageField, Runnable action) {
        try {
            action.run();
            redirect.addFlashAttribute("notice", done);
            return "redirect:/moderation";
        } catch (InvalidInput ex) {
            redirect.addFlashAttribute("errors", ex.formErrors());
        } catch (Moderation.IllegalTransition ex) {
            if (messageField != null && ex.messageKey().startsWith("moderation.error.message")) {
                redirect.addFlashAttribute("errors", new InvalidInput(messageField, ex.messageKey()).formErrors());
            } else {
                redirect.addFlashAttribute("actionError", ex.messageKey());
            }
        }
        return "redirect:/moderation/versions/" + id;
    }

    private static Instant instant(String text) {
        try {
            return text == null || text.isBlank() ? null : Instant.parse(text);
        } catch (java.time.format.DateTimeParseException ex) {
            return Instant.EPOCH; // never a version's: refused as changed
        }
    }

    private static Long parseLong(String s) {
        try {
            return s == null || s.isBlank() ? null : Long.parseLong(s.strip());
        } catch (NumberFormatException ex) {
            return null;
        }
    }

    private static State parseState(String s) {
        try {
            return s == null || s.isBlank() ? null : State.valueOf(s);
        } catch (IllegalArgumentException ex) {
            return null;
        }
    }
}
