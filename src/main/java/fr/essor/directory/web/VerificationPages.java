package fr.essor.directory.web;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import fr.essor.directory.Structure;
import fr.essor.directory.Structures;
import fr.essor.identity.Accounts;
import fr.essor.identity.Memberships;
import fr.essor.identity.Person;

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
 * The moderators' queue of structures ({@code /moderation/structures}): the structures of their
 * territory that wait to be verified, with their members and a link to the public registry of their
 * SIRET, and the claims of people who say a structure's SIRET is theirs. A moderator who is a member
 * of a structure does not decide about it.
 */
@Controller
class VerificationPages {

    private final Structures structures;
    private final Memberships memberships;
    private final Accounts accounts;

    VerificationPages(Structures structures, Memberships memberships, Accounts accounts) {
        this.structures = structures;
        this.memberships = memberships;
        this.accounts = accounts;
    }

    /** A claimant as the moderator sees them. */
    record Claimant(String displayName, String email) {}

    @GetMapping("/moderation/structures")
    String queue(@AuthenticationPrincipal Person person, Model model) {
        List<Structures.ToVerify> queue = structures.toVerify(person::moderates);
        Map<Long, List<Memberships.Member>> members = new HashMap<>();
        Map<Long, Claimant> claimants = new HashMap<>();
        for (Structures.ToVerify t : queue) {
            members.put(t.structure().id(), memberships.members(t.structure().id()));
            for (Structures.Claim c : t.claims()) {
                accounts.account(c.accountId())
                        .ifPresent(a -> claimants.put(c.id(), new Claimant(a.displayName(), a.email())));
            }
        }
        model.addAttribute("queue", queue);
        model.addAttribute("toConfirm", structures.toConfirmEss(person::moderates));
        model.addAttribute("members", members);
        model.addAttribute("claimants", claimants);
        return "directory/verification";
    }

    @PostMapping("/moderation/structures/{id}/verifier")
    String verify(@AuthenticationPrincipal Person person, @PathVariable long id, RedirectAttributes redirect) {
        decidable(person, id);
        structures.verify(id, person.id());
        redirect.addFlashAttribute("notice", "verification.verified");
        return "redirect:/moderation/structures";
    }

    @PostMapping("/moderation/structures/{id}/ess")
    String confirmEss(@AuthenticationPrincipal Person person, @PathVariable long id, RedirectAttributes redirect) {
        decidable(person, id);
        structures.confirmEss(id, person.id());
        redirect.addFlashAttribute("notice", "verification.ess.confirmed");
        return "redirect:/moderation/structures";
    }

    @PostMapping("/moderation/structures/revendications/{claimId}")
    @Transactional
    String decide(
            @AuthenticationPrincipal Person person,
            @PathVariable long claimId,
            @RequestParam(defaultValue = "") String decision,
            RedirectAttributes redirect) {
        var claim = structures.findClaim(claimId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        decidable(person, claim.structureId());
        boolean accepted = "accepter".equals(decision);
        if (!accepted && !"refuser".equals(decision)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
        structures.decide(claimId, accepted, person.id()).ifPresent(c -> {
            if (accepted) {
                // the moderator recognised the rightful holder of the SIRET: they answer for the structure
                memberships.register(c.accountId(), c.structureId());
                structures.verify(c.structureId(), person.id());
            }
        });
        redirect.addFlashAttribute("notice", accepted ? "verification.claim.accepted" : "verification.claim.refused");
        return "redirect:/moderation/structures";
    }

    /** The structure, if this moderator covers its territory and is not one of its members; else 404 or 403. */
    private Structure decidable(Person person, long id) {
        Structure s = structures
                .find(id)
                .filter(x -> structures.inTerritory(x, person::moderates))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (memberships.isMember(person.id(), id)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "conflit d’intérêts");
        }
        return s;
    }
}
