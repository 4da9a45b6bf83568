package fr.essor.calls.web;

import fr.essor.calls.DossierFlow;
import fr.essor.calls.Programmes;
import fr.essor.calls.Routing;
import fr.essor.calls.Staff;
import fr.essor.identity.Accounts;
import fr.essor.identity.Person;
import fr.essor.shared.InvalidInput;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** A programme's instructor groups, on its team's page, and the reassignment of a dossier. */
@Controller
class GroupPages {

    private final Routing routing;
    private final Staff staff;
    private final Programmes programmes;
    private final Accounts accounts;

    GroupPages(Routing routing, Staff staff, Programmes programmes, Accounts accounts) {
        this.routing = routing;
        this.staff = staff;
        this.programmes = programmes;
        this.accounts = accounts;
    }

    @PostMapping("/instruction/appels/{programmeId}/groupes")
    String create(
            @AuthenticationPrincipal Person person,
            @PathVariable long programmeId,
            @RequestParam(required = false) String name,
            @RequestParam(required = false) String rule,
            RedirectAttributes redirect) {
        managed(person, programmeId);
        try {
            routing.create(
                    programmeId,
                    person.id(),
                    person.admin(),
                    name,
                    rule,
                    programmes.currentForm(programmeId).form());
            redirect.addFlashAttribute("notice", "calls.groups.created");
        } catch (InvalidInput ex) {
            redirect.addFlashAttribute("groupError", ex.errors().getFirst().messageKey());
            redirect.addFlashAttribute("groupName", name == null || name.length() > 120 ? "" : name);
            redirect.addFlashAttribute("groupRule", rule == null || rule.length() > 500 ? "" : rule);
        }
        return "redirect:/instruction/appels/" + programmeId + "/equipe#groupes";
    }

    @PostMapping("/instruction/appels/{programmeId}/groupes/{groupId}/membres")
    String join(
            @AuthenticationPrincipal Person person,
            @PathVariable long programmeId,
            @PathVariable long groupId,
            @RequestParam(required = false) String email,
            RedirectAttributes redirect) {
        managed(person, programmeId);
        try {
            long account = (email == null || email.length() > 254
                            ? java.util.Optional.<Accounts.Account>empty()
                            : accounts.byEmail(email.strip()))
                    .map(Accounts.Account::id)
                    .orElseThrow(() -> new InvalidInput("email", "calls.groups.error.notInstructor"));
            ownGroup(programmeId, groupId);
            routing.join(groupId, account, person.id(), person.admin());
            redirect.addFlashAttribute("notice", "calls.groups.joined");
        } catch (InvalidInput ex) {
            redirect.addFlashAttribute("groupError", ex.errors().getFirst().messageKey());
        }
        return "redirect:/instruction/appels/" + programmeId + "/equipe#groupes";
    }

    @PostMapping("/instruction/appels/{programmeId}/groupes/{groupId}/membres/{accountId}/retirer")
    String leave(
            @AuthenticationPrincipal Person person,
            @PathVariable long programmeId,
            @PathVariable long groupId,
            @PathVariable long accountId,
            RedirectAttributes redirect) {
        managed(person, programmeId);
        ownGroup(programmeId, groupId);
        routing.leave(groupId, accountId, person.id(), person.admin());
        redirect.addFlashAttribute("notice", "calls.groups.left");
        return "redirect:/instruction/appels/" + programmeId + "/equipe#groupes";
    }

    @PostMapping("/instruction/dossiers/{id}/groupe")
    String reassign(
            @AuthenticationPrincipal Person person,
            @PathVariable long id,
            @RequestParam(name = "groupe", required = false) String group,
            @RequestParam(required = false) String reason,
            RedirectAttributes redirect) {
        Long groupId;
        try {
            groupId = group == null || group.isBlank() ? null : Long.valueOf(group);
        } catch (NumberFormatException ex) {
            groupId = -1L;
        }
        try {
            routing.reassign(id, groupId, person.id(), person.admin(), reason);
            redirect.addFlashAttribute("notice", "calls.groups.reassigned");
        } catch (InvalidInput ex) {
            redirect.addFlashAttribute("dossierError", ex.errors().getFirst().messageKey());
        } catch (DossierFlow.IllegalTransition ex) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return "redirect:/instruction/dossiers/" + id;
    }

    private void managed(Person person, long programmeId) {
        if (!staff.mayManage(person.id(), person.admin(), programmeId)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }

    private void ownGroup(long programmeId, long groupId) {
        if (routing.groups(programmeId).stream().noneMatch(g -> g.id() == groupId)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }
}
