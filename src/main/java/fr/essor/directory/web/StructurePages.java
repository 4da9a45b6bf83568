package fr.essor.directory.web;

import fr.essor.directory.LegalFamily;
import fr.essor.directory.Structure;
import fr.essor.directory.Structures;
import fr.essor.identity.Memberships;
import fr.essor.identity.Person;
import fr.essor.shared.InvalidInput;
import fr.essor.territory.Territories;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The structures a person acts for: register one (the person becomes its first member), see its
 * members, invite another organizer by mail (whoever opens the link, signed in, joins), remove a member.
 */
@Controller
class StructurePages {

    private final Structures structures;
    private final Memberships memberships;
    private final Territories territories;
    private final String publicUrl;
    private final fr.essor.directory.DirectorySearch directory;

    StructurePages(
            Structures structures,
            Memberships memberships,
            Territories territories,
            @Value("${essor.public-url}") String publicUrl,
            fr.essor.directory.DirectorySearch directory) {
        this.directory = directory;
        this.structures = structures;
        this.memberships = memberships;
        this.territories = territories;
        this.publicUrl = publicUrl;
    }

    /** The registration form as typed; the commune may be a name, a postcode or a code. */
    record StructureForm(String name, String siret, String legalFamily, String commune, String website) {}

    /** The structures of the person; from the directory's page of an establishment, the form filled with its facts. */
    @GetMapping("/structures")
    String list(
            @AuthenticationPrincipal Person person,
            @RequestParam(name = "siret", required = false) String siret,
            Model model) {
        if (!model.containsAttribute("form")) {
            model.addAttribute(
                    "form",
                    siret == null
                            ? new StructureForm("", "", "", "", "")
                            : directory
                                    .establishment(siret.replace(" ", ""))
                                    .map(e -> new StructureForm(
                                            e.name(),
                                            e.siret(),
                                            e.family().toUpperCase(java.util.Locale.ROOT),
                                            e.commune() == null ? "" : e.commune(),
                                            ""))
                                    .orElse(new StructureForm("", siret, "", "", "")));
        }
        return list(person, model);
    }

    String list(Person person, Model model) {
        model.addAttribute("structures", structures.all(memberships.structuresOf(person.id())));
        model.addAttribute("families", LegalFamily.values());
        return "directory/structures";
    }

    @PostMapping("/structures")
    @Transactional
    String register(
            @AuthenticationPrincipal Person person, StructureForm form, Model model, RedirectAttributes redirect) {
        LegalFamily family = null;
        try {
            family = form.legalFamily() == null || form.legalFamily().isBlank()
                    ? null
                    : LegalFamily.valueOf(form.legalFamily());
        } catch (IllegalArgumentException ex) {
            // reported as a missing family below
        }
        String commune = form.commune() == null || form.commune().isBlank()
                ? null
                : territories.place(form.commune()).map(c -> c.code()).orElse("?");
        try {
            Structure s = structures.register(
                    new Structures.Registration(form.name(), form.siret(), family, commune, form.website()));
            memberships.register(person.id(), s.id());
            redirect.addFlashAttribute("notice", "structure.registered");
            return "redirect:/structures/" + s.id();
        } catch (InvalidInput ex) {
            if (ex.errors().stream().anyMatch(e -> e.messageKey().equals("structure.error.siret.taken"))) {
                // not a dead end: the person may claim the SIRET from the moderators
                structures.bySiret(form.siret()).ifPresent(taken -> model.addAttribute("claimable", taken.id()));
            }
            model.addAttribute("form", form);
            model.addAttribute(
                    "errors",
                    new fr.essor.shared.FormErrors(ex.errors().stream()
                            .map(e -> e.field().equals("communeCode")
                                    ? new fr.essor.shared.FieldError("commune", e.messageKey())
                                    : e)
                            .toList()));
            return list(person, model);
        }
    }

    @GetMapping("/structures/{id}")
    String show(@AuthenticationPrincipal Person person, @PathVariable long id, Model model) {
        Structure s = own(person, id);
        model.addAttribute("structure", s);
        model.addAttribute("commune", territories.commune(s.communeCode()).orElse(null));
        model.addAttribute("members", memberships.members(id));
        return "directory/structure";
    }

    /** Invites an address; the answer is the same whether it has an account or not. */
    @PostMapping("/structures/{id}/membres")
    String invite(
            @AuthenticationPrincipal Person person,
            @PathVariable long id,
            @RequestParam(defaultValue = "") String email,
            Model model,
            RedirectAttributes redirect) {
        Structure s = own(person, id);
        try {
            memberships.invite(id, s.name(), email, person, publicUrl);
        } catch (InvalidInput ex) {
            model.addAttribute("errors", ex.formErrors());
            model.addAttribute("email", email);
            return show(person, id, model);
        }
        redirect.addFlashAttribute("notice", "structure.member.invited");
        return "redirect:/structures/" + id;
    }

    @PostMapping("/structures/{id}/membres/{accountId}/retirer")
    String remove(
            @AuthenticationPrincipal Person person,
            @PathVariable long id,
            @PathVariable long accountId,
            RedirectAttributes redirect) {
        own(person, id);
        var removal = memberships.remove(person.id(), accountId, id);
        boolean removed = removal == Memberships.Removal.REMOVED;
        redirect.addFlashAttribute(
                "notice",
                switch (removal) {
                    case REMOVED -> "structure.member.removed";
                    case OWNER -> "structure.member.owner";
                    case LAST -> "structure.member.last";
                    case NOT_A_MEMBER -> "structure.member.unknown";
                });
        return accountId == person.id() && removed ? "redirect:/structures" : "redirect:/structures/" + id;
    }

    /** The page to claim the SIRET of a structure someone else registered. */
    @GetMapping("/structures/{id}/revendiquer")
    String claimForm(@PathVariable long id, Model model) {
        model.addAttribute(
                "structure", structures.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
        if (!model.containsAttribute("message")) {
            model.addAttribute("message", "");
        }
        return "directory/claim";
    }

    @PostMapping("/structures/{id}/revendiquer")
    String claim(
            @AuthenticationPrincipal Person person,
            @PathVariable long id,
            @RequestParam(defaultValue = "") String message,
            Model model,
            RedirectAttributes redirect) {
        structures.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (memberships.isMember(person.id(), id)) {
            return "redirect:/structures/" + id;
        }
        try {
            structures.claim(id, person.id(), message);
        } catch (InvalidInput ex) {
            model.addAttribute("errors", ex.formErrors());
            model.addAttribute("message", message);
            return claimForm(id, model);
        }
        redirect.addFlashAttribute("notice", "structure.claim.sent");
        return "redirect:/structures";
    }

    @GetMapping("/structures/invitation")
    String invitation(@RequestParam(name = "jeton", defaultValue = "") String token, Model model) {
        model.addAttribute("token", token);
        model.addAttribute(
                "structure",
                memberships.invitation(token).flatMap(structures::find).orElse(null));
        return "directory/invitation";
    }

    @PostMapping("/structures/invitation")
    String accept(
            @AuthenticationPrincipal Person person,
            @RequestParam(name = "jeton", defaultValue = "") String token,
            Model model,
            RedirectAttributes redirect) {
        var structure = memberships.accept(token, person.id());
        if (structure.isEmpty()) {
            return invitation(token, model);
        }
        redirect.addFlashAttribute("notice", "structure.member.joined");
        return "redirect:/structures/" + structure.get();
    }

    private Structure own(Person person, long id) {
        if (!memberships.isMember(person.id(), id)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return structures.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }
}
