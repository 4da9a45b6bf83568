package fr.essor.publishing;

import java.io.IOException;
import java.util.List;

import fr.essor.agenda.AccessibilityFeature;
import fr.essor.agenda.Agenda;
import fr.essor.agenda.Attendance;
import fr.essor.agenda.Audience;
import fr.essor.agenda.EventStatus;
import fr.essor.agenda.EventType;
import fr.essor.agenda.RegistrationMode;
import fr.essor.agenda.Theme;
import fr.essor.directory.Structures;
import fr.essor.identity.Memberships;
import fr.essor.identity.Person;
import fr.essor.publishing.moderation.Moderation;
import fr.essor.shared.InvalidInput;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The organizer space: the events of one's structures with the state of their latest version, the
 * event form (create, edit, duplicate), submission, the conversation with moderators, and the
 * cancellation or postponement of a published event. A posted status, owner or structure the person
 * may not set is ignored: the form's fields are the only ones read, and the structure is checked.
 */
@Controller
class OrganizerPages {

    private final Publishing publishing;
    private final DraftRules rules;
    private final Images images;
    private final Memberships memberships;
    private final Structures structures;
    private final Agenda agenda;

    OrganizerPages(
            Publishing publishing,
            DraftRules rules,
            Images images,
            Memberships memberships,
            Structures structures,
            Agenda agenda) {
        this.publishing = publishing;
        this.rules = rules;
        this.images = images;
        this.memberships = memberships;
        this.structures = structures;
        this.agenda = agenda;
    }

    @GetMapping("/organisateur")
    String home(@AuthenticationPrincipal Person person, Model model) {
        model.addAttribute("versions", publishing.mine(person));
        model.addAttribute("structures", structures.all(memberships.structuresOf(person.id())));
        return "publishing/organizer";
    }

    @GetMapping("/organisateur/evenements/nouveau")
    String newForm(
            @AuthenticationPrincipal Person person,
            @RequestParam(name = "structure", required = false) Long structure,
            Model model) {
        var open = rules.openEditions();
        var mine = structures.all(memberships.structuresOf(person.id()));
        if (mine.isEmpty()) {
            return "redirect:/structures";
        }
        model.addAttribute(
                "draft",
                open.isEmpty()
                        ? EventDraft.blank(0)
                        : EventDraft.blank(open.getFirst().id()));
        model.addAttribute(
                "structureId", structure != null ? structure : mine.getFirst().id());
        return form(person, model, null);
    }

    @PostMapping("/organisateur/evenements")
    String create(
            @AuthenticationPrincipal Person person,
            @RequestParam(required = false) Long structureId,
            EventDraft draft,
            @RequestParam(required = false) MultipartFile imageFile,
            Model model,
            RedirectAttributes redirect)
            throws IOException {
        EventDraft withImage = draft;
        try {
            withImage = withUpload(draft, imageFile, person);
            long id = publishing.create(person, structureId, withImage);
            redirect.addFlashAttribute("notice", "organizer.saved");
            return "redirect:/organisateur/versions/" + id;
        } catch (InvalidInput ex) {
            model.addAttribute("draft", withImage);
            model.addAttribute("structureId", structureId);
            model.addAttribute("errors", ex.formErrors());
            return form(person, model, null);
        }
    }

    @GetMapping("/organisateur/versions/{id}")
    String version(@AuthenticationPrincipal Person person, @PathVariable long id, Model model) {
        Submission s = publishing.asOrganizer(person, id);
        model.addAttribute("version", s);
        model.addAttribute("structure", structures.find(s.structureId()).orElse(null));
        model.addAttribute("editable", Moderation.editable(s.state()));
        model.addAttribute(
                "canSubmit",
                Moderation.target(s.state(), Moderation.Action.SUBMIT).isPresent());
        model.addAttribute(
                "canWithdraw",
                Moderation.target(s.state(), Moderation.Action.WITHDRAW).isPresent());
        model.addAttribute("changes", publishing.changes(s));
        model.addAttribute("history", publishing.history(s));
        model.addAttribute(
                "event", s.eventId() == null ? null : agenda.event(s.eventId()).orElse(null));
        model.addAttribute("statuses", List.of(EventStatus.CANCELLED, EventStatus.POSTPONED, EventStatus.SCHEDULED));
        return "publishing/version";
    }

    @GetMapping("/organisateur/versions/{id}/modifier")
    String editForm(@AuthenticationPrincipal Person person, @PathVariable long id, Model model) {
        Submission s = publishing.asOrganizer(person, id);
        if (!Moderation.editable(s.state())) {
            return "redirect:/organisateur/versions/" + id;
        }
        model.addAttribute("draft", s.draft());
        return form(person, model, s);
    }

    @PostMapping("/organisateur/versions/{id}")
    String save(
            @AuthenticationPrincipal Person person,
            @PathVariable long id,
            EventDraft draft,
            @RequestParam(required = false) MultipartFile imageFile,
            Model model,
            RedirectAttributes redirect)
            throws IOException {
        Submission s = publishing.asOrganizer(person, id);
        EventDraft withImage = draft;
        try {
            withImage = withUpload(draft, imageFile, person);
            publishing.save(person, id, withImage);
            redirect.addFlashAttribute("notice", "organizer.saved");
            return "redirect:/organisateur/versions/" + id;
        } catch (InvalidInput ex) {
            model.addAttribute("draft", withImage);
            model.addAttribute("errors", ex.formErrors());
            return form(person, model, s);
        }
    }

    @PostMapping("/organisateur/versions/{id}/soumettre")
    String submit(@AuthenticationPrincipal Person person, @PathVariable long id, RedirectAttributes redirect) {
        return act(id, redirect, "organizer.submitted", () -> publishing.submit(person, id));
    }

    @PostMapping("/organisateur/versions/{id}/retirer")
    String withdraw(@AuthenticationPrincipal Person person, @PathVariable long id, RedirectAttributes redirect) {
        return act(id, redirect, "organizer.withdrawn", () -> publishing.withdraw(person, id));
    }

    @PostMapping("/organisateur/versions/{id}/dupliquer")
    String duplicate(@AuthenticationPrincipal Person person, @PathVariable long id, RedirectAttributes redirect) {
        long copy = publishing.duplicate(person, id);
        redirect.addFlashAttribute("notice", "organizer.duplicated");
        return "redirect:/organisateur/versions/" + copy + "/modifier";
    }

    @PostMapping("/organisateur/versions/{id}/messages")
    String reply(
            @AuthenticationPrincipal Person person,
            @PathVariable long id,
            @RequestParam(defaultValue = "") String body,
            RedirectAttributes redirect) {
        return act(id, redirect, "organizer.replied", () -> publishing.reply(person, id, body));
    }

    @PostMapping("/organisateur/evenements/{eventId}/nouvelle-version")
    String revise(@AuthenticationPrincipal Person person, @PathVariable long eventId) {
        return "redirect:/organisateur/versions/" + publishing.revise(person, eventId) + "/modifier";
    }

    @PostMapping("/organisateur/evenements/{eventId}/statut")
    String status(
            @AuthenticationPrincipal Person person,
            @PathVariable long eventId,
            @RequestParam(defaultValue = "") String status,
            @RequestParam(defaultValue = "") String reason,
            @RequestParam long version,
            RedirectAttributes redirect) {
        EventStatus target;
        try {
            target = EventStatus.valueOf(status);
        } catch (IllegalArgumentException ex) {
            target = EventStatus.FULL; // refused below with a message
        }
        EventStatus chosen = target;
        publishing.asOrganizer(person, version);
        String done = switch (chosen) {
            case CANCELLED -> "organizer.status.cancelled";
            case POSTPONED -> "organizer.status.postponed";
            default -> "organizer.status.scheduled";
        };
        return act(version, redirect, done, () -> publishing.changeStatus(person, eventId, chosen, reason));
    }

    /** An uploaded image of an event (re-encoded by us); kept long by browsers, never sniffed. */
    @GetMapping("/images/{id}")
    ResponseEntity<byte[]> image(@PathVariable String id) {
        return images.find(id)
                .map(img -> ResponseEntity.ok()
                        .contentType(MediaType.parseMediaType(img.mediaType()))
                        .cacheControl(CacheControl.maxAge(java.time.Duration.ofDays(365))
                                .cachePublic()
                                .immutable())
                        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"evenement-" + id + ".jpg\"")
                        .body(img.content()))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    private String act(long id, RedirectAttributes redirect, String done, Runnable action) {
        try {
            action.run();
            redirect.addFlashAttribute("notice", done);
        } catch (InvalidInput ex) {
            // shown next to the field of the form posted (reason, message), or above for the others
            redirect.addFlashAttribute("errors", ex.formErrors());
        } catch (Moderation.IllegalTransition ex) {
            redirect.addFlashAttribute("actionError", ex.messageKey());
        }
        return "redirect:/organisateur/versions/" + id;
    }

    private EventDraft withUpload(EventDraft draft, MultipartFile file, Person person) throws IOException {
        if (file == null || file.isEmpty()) {
            return draft;
        }
        return draft.withImage(images.store(file.getBytes(), person.id()));
    }

    private String form(Person person, Model model, Submission version) {
        model.addAttribute("version", version);
        model.addAttribute("structures", structures.all(memberships.structuresOf(person.id())));
        model.addAttribute("editions", rules.openEditions());
        model.addAttribute("types", EventType.values());
        model.addAttribute("themes", Theme.values());
        model.addAttribute("audiences", Audience.values());
        model.addAttribute("attendances", Attendance.values());
        model.addAttribute("registrations", RegistrationMode.values());
        model.addAttribute("accessibilities", AccessibilityFeature.values());
        return "publishing/form";
    }
}
