package fr.essor.identity;

import java.io.IOException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import fr.essor.shared.InvalidInput;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The pages of a person's account: sign-up, address confirmation, sign-in and its second factor,
 * forgotten password, and the account itself (password, address, second factor). Links from mails
 * open a page with a button: nothing changes on a GET, so that mail scanners opening links change
 * nothing.
 */
@Controller
class AccountPages {

    private final Accounts accounts;
    private final SignIn signIn;
    private final TwoFactor twoFactor;
    private final Memberships memberships;
    private final String publicUrl;

    AccountPages(
            Accounts accounts,
            SignIn signIn,
            TwoFactor twoFactor,
            Memberships memberships,
            @Value("${essor.public-url}") String publicUrl) {
        this.accounts = accounts;
        this.signIn = signIn;
        this.twoFactor = twoFactor;
        this.memberships = memberships;
        this.publicUrl = publicUrl;
    }

    @GetMapping("/connexion")
    String signInForm(@RequestParam(name = "erreur", required = false) String error, Model model) {
        model.addAttribute(
                "error",
                error == null
                        ? null
                        : switch (error) {
                            case "attente" -> "signin.error.throttled";
                            case "confirmer" -> "signin.error.unverified";
                            default -> "signin.error.credentials";
                        });
        return "identity/signin";
    }

    @GetMapping("/connexion/code")
    String codeForm() {
        return "identity/code";
    }

    @PostMapping("/connexion/code")
    String code(
            @RequestParam(defaultValue = "") String code,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model)
            throws IOException {
        if (signIn.secondFactor(code, request, response)) {
            return null;
        }
        model.addAttribute("errors", new InvalidInput("code", "signin.error.code").formErrors());
        return "identity/code";
    }

    @GetMapping("/compte/double-authentification")
    String enrolment(Model model) {
        Person person =
                (Person) SecurityContextHolder.getContext().getAuthentication().getPrincipal();
        if (twoFactor.enabled(person.id())) {
            return "redirect:/compte";
        }
        model.addAttribute("enrolment", twoFactor.enrolment(person.id(), person.email()));
        return "identity/enrol";
    }

    @PostMapping("/compte/double-authentification")
    String enrol(
            @RequestParam(defaultValue = "") String code,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model)
            throws IOException {
        if (signIn.secondFactor(code, request, response)) {
            return null;
        }
        model.addAttribute("errors", new InvalidInput("code", "signin.error.code").formErrors());
        return enrolment(model);
    }

    @org.springframework.web.bind.annotation.ModelAttribute("demoMailbox")
    boolean demoMailbox(
            @Value("${essor.demo.enabled:false}") boolean demo,
            @Value("${essor.notification.smtp:false}") boolean smtp) {
        return demo && !smtp;
    }

    @GetMapping("/compte/inscription")
    String signUpForm(Model model) {
        model.addAttribute("form", new Accounts.SignUp("", "", ""));
        return "identity/signup";
    }

    @PostMapping("/compte/inscription")
    String signUp(Accounts.SignUp form, Model model, RedirectAttributes redirect) {
        try {
            accounts.signUp(form, publicUrl);
        } catch (InvalidInput ex) {
            model.addAttribute("form", new Accounts.SignUp(form.email(), "", form.displayName()));
            model.addAttribute("errors", ex.formErrors());
            return "identity/signup";
        }
        redirect.addFlashAttribute("sentTo", form.email().strip());
        return "redirect:/compte/inscription/envoye";
    }

    @GetMapping("/compte/inscription/envoye")
    String signUpSent() {
        return "identity/signup-sent";
    }

    @GetMapping("/compte/confirmer")
    String confirmForm(@RequestParam(name = "jeton", defaultValue = "") String token, Model model) {
        return linkPage(token, "/compte/confirmer", "account.confirm.title", model);
    }

    /** The page a mailed link opens: a button that posts the link's token. */
    private static String linkPage(String token, String action, String title, Model model) {
        model.addAttribute("token", token);
        model.addAttribute("action", action);
        model.addAttribute("title", title);
        return "identity/confirm";
    }

    @PostMapping("/compte/confirmer")
    String confirm(
            @RequestParam(name = "jeton", defaultValue = "") String token, RedirectAttributes redirect, Model model) {
        if (accounts.verify(token).isEmpty()) {
            model.addAttribute("invalid", true);
            return confirmForm(token, model);
        }
        redirect.addFlashAttribute("notice", "account.confirm.done");
        return "redirect:/connexion";
    }

    @GetMapping("/compte/mot-de-passe-oublie")
    String forgotForm() {
        return "identity/forgot";
    }

    @PostMapping("/compte/mot-de-passe-oublie")
    String forgot(@RequestParam(defaultValue = "") String email, Model model) {
        try {
            accounts.requestPasswordReset(email, publicUrl);
        } catch (InvalidInput ex) {
            model.addAttribute("email", email);
            model.addAttribute("errors", ex.formErrors());
            return "identity/forgot";
        }
        model.addAttribute("sent", true);
        return "identity/forgot";
    }

    @GetMapping("/compte/reinitialiser")
    String resetForm(@RequestParam(name = "jeton", defaultValue = "") String token, Model model) {
        model.addAttribute("token", token);
        model.addAttribute("valid", accounts.resetTokenValid(token));
        return "identity/reset";
    }

    @PostMapping("/compte/reinitialiser")
    String reset(
            @RequestParam(name = "jeton", defaultValue = "") String token,
            @RequestParam(defaultValue = "") String password,
            Model model,
            RedirectAttributes redirect) {
        try {
            if (!accounts.resetPassword(token, password)) {
                return resetForm(token, model);
            }
        } catch (InvalidInput ex) {
            model.addAttribute("errors", ex.formErrors());
            return resetForm(token, model);
        }
        redirect.addFlashAttribute("notice", "account.reset.done");
        return "redirect:/connexion";
    }

    @GetMapping("/compte")
    String account(@AuthenticationPrincipal Person person, Model model) {
        model.addAttribute("account", accounts.account(person.id()).orElseThrow());
        model.addAttribute("person", person);
        model.addAttribute(
                "structureCount", memberships.structuresOf(person.id()).size());
        return "identity/account";
    }

    /** The recovery codes just made, shown once; or how many are left, with a way to make new ones. */
    @GetMapping("/compte/codes-de-secours")
    String recoveryCodes(@AuthenticationPrincipal Person person, HttpServletRequest request, Model model) {
        var session = request.getSession(false);
        Object codes = session == null ? null : session.getAttribute(SignIn.RECOVERY_CODES);
        if (session != null) {
            session.removeAttribute(SignIn.RECOVERY_CODES);
        }
        model.addAttribute("codes", codes);
        model.addAttribute("left", twoFactor.recoveryCodesLeft(person.id()));
        model.addAttribute("enabled", twoFactor.enabled(person.id()));
        return "identity/recovery-codes";
    }

    /** New recovery codes (the former ones stop working), after the password. */
    @PostMapping("/compte/codes-de-secours")
    String newRecoveryCodes(
            @AuthenticationPrincipal Person person,
            @RequestParam(defaultValue = "") String password,
            HttpServletRequest request,
            Model model) {
        if (!twoFactor.enabled(person.id()) || !accounts.passwordMatches(person.id(), password)) {
            model.addAttribute("errors", new InvalidInput("password", "account.error.currentPassword").formErrors());
            return recoveryCodes(person, request, model);
        }
        request.getSession().setAttribute(SignIn.RECOVERY_CODES, twoFactor.newRecoveryCodes(person.id()));
        org.slf4j.LoggerFactory.getLogger("essor.security").info("recovery codes renewed for account {}", person.id());
        return "redirect:/compte/codes-de-secours";
    }

    @PostMapping("/compte/mot-de-passe")
    String changePassword(
            @AuthenticationPrincipal Person person,
            @RequestParam(defaultValue = "") String currentPassword,
            @RequestParam(defaultValue = "") String newPassword,
            HttpServletRequest request,
            Model model,
            RedirectAttributes redirect) {
        try {
            accounts.changePassword(
                    person.id(),
                    currentPassword,
                    newPassword,
                    request.getSession().getId());
        } catch (InvalidInput ex) {
            model.addAttribute("errors", ex.formErrors());
            return account(person, model);
        }
        redirect.addFlashAttribute("notice", "account.password.done");
        return "redirect:/compte";
    }

    @PostMapping("/compte/adresse-nouvelle")
    String changeEmail(
            @AuthenticationPrincipal Person person,
            @RequestParam(defaultValue = "") String passwordForEmail,
            @RequestParam(defaultValue = "") String newEmail,
            Model model,
            RedirectAttributes redirect) {
        try {
            accounts.requestEmailChange(person.id(), passwordForEmail, newEmail, publicUrl);
        } catch (InvalidInput ex) {
            // this form names its password field apart from the password form's
            model.addAttribute(
                    "errors",
                    new fr.essor.shared.FormErrors(ex.errors().stream()
                            .map(e -> "currentPassword".equals(e.field())
                                    ? new fr.essor.shared.FieldError("passwordForEmail", e.messageKey())
                                    : e)
                            .toList()));
            model.addAttribute("newEmail", newEmail);
            return account(person, model);
        }
        redirect.addFlashAttribute("notice", "account.email.sent");
        return "redirect:/compte";
    }

    @GetMapping("/compte/adresse")
    String confirmEmailForm(@RequestParam(name = "jeton", defaultValue = "") String token, Model model) {
        return linkPage(token, "/compte/adresse", "account.email.confirm.title", model);
    }

    @PostMapping("/compte/adresse")
    String confirmEmail(
            @RequestParam(name = "jeton", defaultValue = "") String token,
            Model model,
            RedirectAttributes redirect,
            HttpServletRequest request) {
        if (accounts.confirmEmailChange(token).isEmpty()) {
            model.addAttribute("invalid", true);
            return confirmEmailForm(token, model);
        }
        // the session holds the old address: sign in again with the new one
        SecurityContextHolder.clearContext();
        var session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        redirect.addFlashAttribute("notice", "account.email.done");
        return "redirect:/connexion";
    }
}
