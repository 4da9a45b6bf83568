package fr.essor.calls.web;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import fr.essor.calls.DossierFlow.Role;
import fr.essor.calls.Programme;
import fr.essor.calls.Programmes;
import fr.essor.calls.Staff;
import fr.essor.identity.Accounts;
import fr.essor.identity.Person;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

/**
 * A programme's team: its managers (and the platform's administrators) grant and revoke the roles of
 * manager, instructor and signer to persons who have an account.
 */
@Controller
class TeamPages {

    private static final Logger SECURITY = LoggerFactory.getLogger("essor.security");
    private static final List<Role> GRANTED = List.of(Role.INSTRUCTOR, Role.SIGNER, Role.MANAGER);

    private final Staff staff;
    private final Programmes programmes;
    private final Accounts accounts;
    private final fr.essor.calls.Routing routing;
    private final fr.essor.calls.StaffInvitations invitations;

    TeamPages(
            Staff staff,
            Programmes programmes,
            Accounts accounts,
            fr.essor.calls.Routing routing,
            fr.essor.calls.StaffInvitations invitations) {
        this.invitations = invitations;
        this.routing = routing;
        this.staff = staff;
        this.programmes = programmes;
        this.accounts = accounts;
    }

    /** A member as the page shows them. */
    record Row(long accountId, String name, String email, List<Role> roles) {}

    @GetMapping("/instruction/appels/{programmeId}/equipe")
    String team(@AuthenticationPrincipal Person person, @PathVariable long programmeId, Model model) {
        Programme programme = managed(person, programmeId);
        model.addAttribute("programme", programme);
        model.addAttribute(
                "members",
                staff.members(programmeId).stream()
                        .map(m -> accounts.account(m.accountId())
                                .map(a -> new Row(a.id(), a.displayName(), a.email(), List.copyOf(m.roles())))
                                .orElse(new Row(m.accountId(), "—", "—", List.copyOf(m.roles()))))
                        .toList());
        model.addAttribute("grantable", GRANTED);
        model.addAttribute("invitations", invitations.open(programmeId));
        // the groups, their members by name, and the names a rule may use
        java.util.Map<Long, String> names = new java.util.HashMap<>();
        var groups = routing.groups(programmeId);
        groups.forEach(g -> g.members()
                .forEach(m -> names.computeIfAbsent(
                        m,
                        id -> accounts.account(id)
                                .map(Accounts.Account::displayName)
                                .orElse("—"))));
        model.addAttribute("groups", groups);
        model.addAttribute("memberNames", names);
        model.addAttribute(
                "ruleNames",
                String.join(
                        ", ",
                        java.util.stream.Stream.concat(
                                        programmes.currentForm(programmeId).form().sections().stream()
                                                .flatMap(s -> s.fields().stream())
                                                .map(fr.essor.calls.FormField::key),
                                        fr.essor.calls.Eligibility.FACTS.stream())
                                .toList()));
        return "calls/team";
    }

    @PostMapping("/instruction/appels/{programmeId}/equipe")
    String grant(
            @AuthenticationPrincipal Person person,
            @PathVariable long programmeId,
            @RequestParam(required = false) String email,
            @RequestParam(required = false) String role,
            RedirectAttributes redirect) {
        managed(person, programmeId);
        Optional<Role> r = parse(role);
        Optional<Accounts.Account> account =
                email == null || email.length() > 254 ? Optional.empty() : accounts.byEmail(email.strip());
        if (r.isEmpty()) {
            redirect.addFlashAttribute("teamError", "calls.team.error.role");
        } else if (account.isEmpty() || account.get().disabled()) {
            // an invitation, mailed: the same answer whether the address has no account or a disabled one
            // (which cannot sign in to accept it)
            try {
                invitations.invite(programmeId, person.id(), person.admin(), email, r.get());
                redirect.addFlashAttribute("notice", "calls.team.invited");
            } catch (fr.essor.shared.InvalidInput ex) {
                redirect.addFlashAttribute("teamError", ex.errors().getFirst().messageKey());
            }
        } else {
            staff.grant(programmeId, account.get().id(), r.get(), person.id());
            SECURITY.info(
                    "role {} on programme {} granted to account {} by account {}",
                    r.get(),
                    programmeId,
                    account.get().id(),
                    person.id());
            redirect.addFlashAttribute("notice", "calls.team.granted");
        }
        return "redirect:/instruction/appels/" + programmeId + "/equipe";
    }

    @PostMapping("/instruction/appels/{programmeId}/equipe/{accountId}/retirer")
    String revoke(
            @AuthenticationPrincipal Person person,
            @PathVariable long programmeId,
            @PathVariable long accountId,
            @RequestParam(required = false) String role,
            RedirectAttributes redirect) {
        managed(person, programmeId);
        Optional<Role> r = parse(role);
        boolean lastManager = r.orElse(null) == Role.MANAGER
                && staff.members(programmeId).stream()
                                .filter(m -> m.roles().contains(Role.MANAGER))
                                .count()
                        <= 1
                && !person.admin();
        if (r.isEmpty()) {
            redirect.addFlashAttribute("teamError", "calls.team.error.role");
        } else if (lastManager) {
            redirect.addFlashAttribute("teamError", "calls.team.error.lastManager");
        } else {
            staff.revoke(programmeId, accountId, r.get());
            SECURITY.info(
                    "role {} on programme {} revoked from account {} by account {}",
                    r.get(),
                    programmeId,
                    accountId,
                    person.id());
            redirect.addFlashAttribute("notice", "calls.team.revoked");
        }
        return "redirect:/instruction/appels/" + programmeId + "/equipe";
    }

    @PostMapping("/instruction/appels/{programmeId}/invitations/{invitationId}/retirer")
    String withdraw(
            @AuthenticationPrincipal Person person,
            @PathVariable long programmeId,
            @PathVariable long invitationId,
            RedirectAttributes redirect) {
        managed(person, programmeId);
        invitations.withdraw(programmeId, invitationId, person.id(), person.admin());
        redirect.addFlashAttribute("notice", "calls.team.withdrawn");
        return "redirect:/instruction/appels/" + programmeId + "/equipe";
    }

    /** An invitation's link, opened signed in with the invited address: the role is granted. */
    @org.springframework.web.bind.annotation.GetMapping("/instruction/invitation")
    String accept(
            @AuthenticationPrincipal Person person,
            @RequestParam(name = "jeton", required = false) String token,
            Model model) {
        Optional<Long> programme = invitations.accept(token, person.id(), person.email());
        if (programme.isPresent()) {
            return "redirect:/instruction/appels/" + programme.get();
        }
        model.addAttribute("reason", "calls.team.invitation.invalid");
        return "calls/expert-link";
    }

    private Programme managed(Person person, long programmeId) {
        if (!staff.mayManage(person.id(), person.admin(), programmeId)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return programmes.byId(programmeId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private static Optional<Role> parse(String role) {
        return GRANTED.stream()
                .filter(g -> role != null && g.name().equals(role.strip().toUpperCase(Locale.ROOT)))
                .findFirst();
    }
}
