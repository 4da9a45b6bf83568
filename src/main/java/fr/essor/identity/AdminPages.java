package fr.essor.identity;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

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

/** Administration: who moderates which territory, who administers, which accounts are disabled. */
@Controller
class AdminPages {

    private final Roles roles;
    private final Accounts accounts;
    private final Territories territories;

    AdminPages(Roles roles, Accounts accounts, Territories territories) {
        this.roles = roles;
        this.accounts = accounts;
        this.territories = territories;
    }

    @GetMapping("/admin/roles")
    String list(Model model) {
        model.addAttribute("grants", roles.grants());
        model.addAttribute("regions", territories.regions());
        return "identity/roles";
    }

    @PostMapping("/admin/roles")
    String grant(
            @AuthenticationPrincipal Person admin,
            @RequestParam(defaultValue = "") String email,
            @RequestParam(defaultValue = "") String role,
            @RequestParam(defaultValue = "") String region,
            @RequestParam(defaultValue = "") String departements,
            Model model,
            RedirectAttributes redirect) {
        try {
            var account = accounts.byEmail(email)
                    .filter(a -> a.verified() && !a.disabled())
                    .orElseThrow(() -> new InvalidInput("email", "role.error.account"));
            switch (role) {
                case "ADMIN" -> roles.grantAdmin(account.id(), admin.id());
                case "MODERATOR" -> {
                    Set<String> deps = Arrays.stream(departements.split("[,;\\s]+"))
                            .filter(s -> !s.isBlank())
                            .collect(Collectors.toSet());
                    roles.grantModerator(account.id(), region, deps, admin.id());
                }
                default -> throw new InvalidInput("role", "role.error.role");
            }
        } catch (InvalidInput ex) {
            model.addAttribute("errors", ex.formErrors());
            model.addAttribute(
                    "form", java.util.Map.of("email", email, "region", region, "departements", departements));
            return list(model);
        }
        redirect.addFlashAttribute("notice", "role.granted");
        return "redirect:/admin/roles";
    }

    /**
     * Disables an account (its sessions end at once), enables it again, or resets its second factor
     * (for a person who lost their authenticator: they enrol again at their next sign-in).
     */
    @PostMapping("/admin/comptes")
    String disable(
            @AuthenticationPrincipal Person admin,
            @RequestParam(defaultValue = "") String accountEmail,
            @RequestParam(defaultValue = "") String action,
            Model model,
            RedirectAttributes redirect) {
        var account = accounts.byEmail(accountEmail);
        if (account.isEmpty() || account.get().id() == admin.id()) {
            model.addAttribute("errors", new InvalidInput("accountEmail", "role.error.account").formErrors());
            return list(model);
        }
        long id = account.get().id();
        String notice;
        switch (action) {
            case "disable" -> {
                accounts.disable(id, admin.id());
                notice = "account.action.disable";
            }
            case "enable" -> {
                accounts.enable(id, admin.id());
                notice = "account.action.enable";
            }
            case "resetSecondFactor" -> {
                accounts.resetSecondFactor(id, admin.id());
                notice = "account.action.resetSecondFactor";
            }
            default -> {
                model.addAttribute("errors", new InvalidInput("action", "role.error.role").formErrors());
                return list(model);
            }
        }
        redirect.addFlashAttribute("notice", notice);
        return "redirect:/admin/roles";
    }

    @PostMapping("/admin/roles/{id}/retirer")
    String revoke(@AuthenticationPrincipal Person admin, @PathVariable long id, RedirectAttributes redirect) {
        roles.revoke(id, admin.id());
        redirect.addFlashAttribute("notice", "role.revoked");
        return "redirect:/admin/roles";
    }
}
