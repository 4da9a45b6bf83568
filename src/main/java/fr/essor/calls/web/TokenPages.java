package fr.essor.calls.web;

import java.util.List;
import java.util.Set;

import fr.essor.calls.ApiTokens;
import fr.essor.calls.Programmes;
import fr.essor.calls.Staff;
import fr.essor.identity.Person;
import fr.essor.shared.InvalidInput;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** A member of staff's personal API tokens: made (shown once), listed, revoked. */
@Controller
class TokenPages {

    private final ApiTokens tokens;
    private final Staff staff;
    private final Programmes programmes;
    private final String publicUrl;

    TokenPages(ApiTokens tokens, Staff staff, Programmes programmes, @Value("${essor.public-url}") String publicUrl) {
        this.tokens = tokens;
        this.staff = staff;
        this.programmes = programmes;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    @GetMapping("/instruction/jetons")
    String page(@AuthenticationPrincipal Person person, Model model) {
        model.addAttribute(
                "programmes",
                staff.programmesOf(person.id()).stream()
                        .map(programmes::byId)
                        .flatMap(java.util.Optional::stream)
                        .toList());
        model.addAttribute("tokens", tokens.of(person.id()));
        model.addAttribute("now", java.time.Instant.now());
        model.addAttribute("apiBase", publicUrl + "/api/v1/staff");
        return "calls/tokens";
    }

    @PostMapping("/instruction/jetons")
    String create(
            @AuthenticationPrincipal Person person,
            @RequestParam(required = false) String name,
            @RequestParam(name = "appels", required = false) List<Long> programmeIds,
            RedirectAttributes redirect) {
        try {
            ApiTokens.Created created = tokens.create(
                    person.id(),
                    name,
                    programmeIds == null
                            ? Set.of()
                            : Set.copyOf(programmeIds.stream().limit(200).toList()));
            // shown once, on the next page only
            redirect.addFlashAttribute("secret", created.secret());
        } catch (InvalidInput ex) {
            redirect.addFlashAttribute("tokenError", ex.errors().getFirst().messageKey());
        }
        return "redirect:/instruction/jetons";
    }

    @PostMapping("/instruction/jetons/{id}/revoquer")
    String revoke(@AuthenticationPrincipal Person person, @PathVariable long id, RedirectAttributes redirect) {
        if (tokens.revoke(person.id(), id)) {
            redirect.addFlashAttribute("notice", "calls.tokens.revoked");
        }
        return "redirect:/instruction/jetons";
    }
}
