package fr.essor.juries.web;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jakarta.servlet.http.HttpServletRequest;

import fr.essor.calls.Dossiers;
import fr.essor.calls.FormField;
import fr.essor.calls.Programme;
import fr.essor.calls.Programmes;
import fr.essor.calls.Staff;
import fr.essor.identity.Accounts;
import fr.essor.identity.Person;
import fr.essor.juries.Juries;
import fr.essor.shared.InvalidInput;

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
 * The jury's pages: the managers set a call's jury up; a juror (whose account uses the second factor)
 * reads and scores the dossiers assigned to them, or declares a conflict; the president and the managers
 * read the ranking.
 */
@Controller
class JuryPages {

    private final Juries juries;
    private final Programmes programmes;
    private final Staff staff;
    private final Accounts accounts;
    private final Dossiers dossiers;
    private final fr.essor.juries.Laureates laureates;
    private final fr.essor.juries.Minutes minutes;
    private final fr.essor.juries.PublicVote publicVote;
    private final fr.essor.juries.JurorInvitations invitations;

    JuryPages(
            Juries juries,
            Programmes programmes,
            Staff staff,
            Accounts accounts,
            Dossiers dossiers,
            fr.essor.juries.Laureates laureates,
            fr.essor.juries.Minutes minutes,
            fr.essor.juries.PublicVote publicVote,
            fr.essor.juries.JurorInvitations invitations) {
        this.publicVote = publicVote;
        this.invitations = invitations;
        this.laureates = laureates;
        this.minutes = minutes;
        this.juries = juries;
        this.programmes = programmes;
        this.staff = staff;
        this.accounts = accounts;
        this.dossiers = dossiers;
    }

    // ------------------------------------------------------------ the managers

    /** A category as the setting-up page shows it. */
    record CategoryView(
            Juries.Category category, List<Juries.Criterion> criteria, List<String> jurors, String president) {}

    @GetMapping("/instruction/appels/{programmeId}/jury")
    String setup(@AuthenticationPrincipal Person person, @PathVariable long programmeId, Model model) {
        Programme programme = managed(person, programmeId);
        List<CategoryView> views = new ArrayList<>();
        for (Juries.Category c : juries.categoriesOf(programmeId)) {
            views.add(new CategoryView(
                    c,
                    juries.criteria(c.id()),
                    juries.jurors(c.id()).stream().map(this::name).toList(),
                    c.presidentId() == null ? null : name(c.presidentId())));
        }
        model.addAttribute("programme", programme);
        model.addAttribute("categories", views);
        model.addAttribute(
                "formFields",
                programmes.currentForm(programmeId).form().sections().stream()
                        .flatMap(s -> s.fields().stream())
                        .toList());
        model.addAttribute(
                "answerValues",
                programmes.currentForm(programmeId).form().allFields().stream()
                        .filter(f -> f.key().equals("categorie"))
                        .findFirst()
                        .map(FormField::options)
                        .orElse(List.of()));
        return "juries/setup";
    }

    @PostMapping("/instruction/appels/{programmeId}/jury")
    String setupAction(
            @AuthenticationPrincipal Person person,
            @PathVariable long programmeId,
            @RequestParam String action,
            @RequestParam(name = "categorie", required = false) Long categoryId,
            @RequestParam(required = false) String name,
            @RequestParam(name = "valeur", required = false) String answerValue,
            @RequestParam(name = "relectures", defaultValue = "3") String reviews,
            @RequestParam(name = "critere", required = false) String criterion,
            @RequestParam(name = "poids", required = false) String weight,
            @RequestParam(name = "min", defaultValue = "0") String min,
            @RequestParam(name = "max", defaultValue = "10") String max,
            @RequestParam(required = false) String email,
            @RequestParam(name = "president", required = false) String president,
            @RequestParam(name = "masques", required = false) List<String> hidden,
            @RequestParam(name = "publication", required = false) String releaseAt,
            @RequestParam(name = "voteOuverture", required = false) String voteOpens,
            @RequestParam(name = "voteCloture", required = false) String voteCloses,
            RedirectAttributes redirect) {
        managed(person, programmeId);
        if (categoryId != null
                && juries.category(categoryId)
                        .map(c -> c.programmeId() != programmeId)
                        .orElse(true)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        try {
            switch (action) {
                case "category" ->
                    juries.createCategory(programmeId, person.id(), person.admin(), name, answerValue, number(reviews));
                case "criterion" ->
                    juries.addCriterion(
                            categoryId,
                            person.id(),
                            person.admin(),
                            criterion,
                            decimal(weight),
                            number(min),
                            number(max));
                case "juror" -> {
                    Optional<Long> account = (email == null || email.length() > 254
                                    ? Optional.<Accounts.Account>empty()
                                    : accounts.byEmail(email.strip()))
                            .filter(a -> !a.disabled())
                            .map(Accounts.Account::id);
                    if (account.isPresent()) {
                        juries.addJuror(categoryId, person.id(), person.admin(), account.get(), president != null);
                    } else {
                        // no account at that address yet (or a disabled one: the same answer): a mailed invitation
                        invitations.invite(categoryId, person.id(), person.admin(), email);
                        redirect.addFlashAttribute("notice", "juries.invited");
                        return "redirect:/instruction/appels/" + programmeId + "/jury";
                    }
                }
                case "open" -> juries.openScoring(categoryId, person.id(), person.admin());
                case "hide" ->
                    juries.hide(
                            categoryId,
                            person.id(),
                            person.admin(),
                            hidden == null
                                    ? List.of()
                                    : hidden.stream().limit(200).toList());
                case "vote" ->
                    publicVote.configure(
                            categoryId,
                            person.id(),
                            person.admin(),
                            decimal(weight),
                            paris(voteOpens),
                            paris(voteCloses));
                case "release" -> laureates.release(categoryId, person.id(), person.admin(), paris(releaseAt));
                default -> throw new ResponseStatusException(HttpStatus.NOT_FOUND);
            }
            redirect.addFlashAttribute("notice", "juries.saved");
        } catch (InvalidInput ex) {
            redirect.addFlashAttribute("juryError", ex.errors().getFirst().messageKey());
        }
        return "redirect:/instruction/appels/" + programmeId + "/jury";
    }

    // ------------------------------------------------------------ the jurors

    /** An invitation's link, opened signed in with the invited address: the person sits on the jury. */
    @GetMapping("/jury/invitation")
    String accept(
            @AuthenticationPrincipal Person person,
            @RequestParam(name = "jeton", required = false) String token,
            Model model) {
        if (invitations.accept(token, person.id(), person.email()).isPresent()) {
            return "redirect:/jury";
        }
        model.addAttribute("reason", "juries.invitation.invalid");
        return "calls/expert-link";
    }

    @GetMapping("/jury")
    String home(@AuthenticationPrincipal Person person, Model model) {
        if (!secondFactor(person)) {
            return "juries/second-factor";
        }
        record Assigned(
                Juries.Category category,
                String programme,
                List<Dossiers.Dossier> dossiers,
                java.util.Set<Long> scored) {}
        List<Assigned> mine = new ArrayList<>();
        for (Juries.Category c : juries.categoriesOfJuror(person.id())) {
            List<Dossiers.Dossier> list = new ArrayList<>();
            for (long id : juries.assigned(c.id(), person.id())) {
                dossiers.submitted(id).ifPresent(list::add);
            }
            mine.add(new Assigned(
                    c,
                    programmes.byId(c.programmeId()).map(Programme::name).orElse(""),
                    list,
                    juries.scoredBy(c.id(), person.id())));
        }
        model.addAttribute("assigned", mine);
        return "juries/home";
    }

    @GetMapping("/jury/{categoryId}/{dossierId}")
    String dossier(
            @AuthenticationPrincipal Person person,
            @PathVariable long categoryId,
            @PathVariable long dossierId,
            Model model) {
        if (!secondFactor(person)) {
            return "juries/second-factor";
        }
        Dossiers.Dossier d = opened(categoryId, dossierId, person);
        Juries.Category c = juries.category(categoryId).orElseThrow();
        // the blind review's hidden answers are not even read into the page
        Map<String, Object> readable = juries.answersFor(categoryId, dossierId, person.id());
        Map<String, String> answers = new LinkedHashMap<>();
        for (FormField f : dossiers.formOf(d).allFields()) {
            Object v = readable.get(f.key());
            if (v != null && f.fields().isEmpty() && f.type() != fr.essor.calls.FieldType.FILE) {
                answers.put(
                        f.label(),
                        v instanceof List<?> l
                                ? String.join(
                                        ", ", l.stream().map(String::valueOf).toList())
                                : String.valueOf(v));
            }
        }
        model.addAttribute("category", c);
        model.addAttribute("programme", programmes.byId(c.programmeId()).orElseThrow());
        model.addAttribute("dossier", d);
        model.addAttribute("answers", answers);
        model.addAttribute("criteria", juries.criteria(categoryId));
        model.addAttribute("given", juries.scoresOf(categoryId, dossierId, person.id()));
        model.addAttribute("assigned", juries.assigned(categoryId, person.id()).contains(dossierId));
        return "juries/dossier";
    }

    @PostMapping("/jury/{categoryId}/{dossierId}/notes")
    String score(
            @AuthenticationPrincipal Person person,
            @PathVariable long categoryId,
            @PathVariable long dossierId,
            HttpServletRequest request,
            RedirectAttributes redirect) {
        if (!secondFactor(person)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        opened(categoryId, dossierId, person);
        Map<Long, Integer> values = new HashMap<>();
        Map<Long, String> comments = new HashMap<>();
        for (Juries.Criterion k : juries.criteria(categoryId)) {
            String v = request.getParameter("note." + k.id());
            try {
                values.put(k.id(), v == null || v.isBlank() || v.length() > 6 ? null : Integer.valueOf(v.strip()));
            } catch (NumberFormatException ex) {
                values.put(k.id(), null);
            }
            String comment = request.getParameter("commentaire." + k.id());
            comments.put(k.id(), comment == null || comment.length() > 2000 ? "" : comment);
        }
        try {
            juries.score(categoryId, dossierId, person.id(), values, comments);
            redirect.addFlashAttribute("notice", "juries.scored");
        } catch (InvalidInput ex) {
            redirect.addFlashAttribute("juryError", ex.errors().getFirst().messageKey());
        } catch (Juries.Refused ex) {
            redirect.addFlashAttribute("juryError", ex.messageKey());
        }
        return "redirect:/jury/" + categoryId + "/" + dossierId;
    }

    @PostMapping("/jury/{categoryId}/{dossierId}/conflit")
    String conflict(
            @AuthenticationPrincipal Person person,
            @PathVariable long categoryId,
            @PathVariable long dossierId,
            @RequestParam(required = false) String reason,
            RedirectAttributes redirect) {
        if (!secondFactor(person)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        opened(categoryId, dossierId, person);
        try {
            juries.declareConflict(categoryId, dossierId, person.id(), reason);
            redirect.addFlashAttribute("notice", "juries.conflictDeclared");
            return "redirect:/jury";
        } catch (InvalidInput ex) {
            redirect.addFlashAttribute("juryError", ex.errors().getFirst().messageKey());
            return "redirect:/jury/" + categoryId + "/" + dossierId;
        }
    }

    @GetMapping("/jury/{categoryId}/classement")
    String ranking(
            @AuthenticationPrincipal Person person,
            @PathVariable long categoryId,
            @RequestParam(name = "normalise", defaultValue = "false") boolean normalised,
            Model model) {
        Juries.Category c =
                juries.category(categoryId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        boolean president = java.util.Objects.equals(c.presidentId(), person.id()) && secondFactor(person);
        if (!president && !staff.mayManage(person.id(), person.admin(), c.programmeId())) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        model.addAttribute("category", c);
        model.addAttribute("programme", programmes.byId(c.programmeId()).orElseThrow());
        model.addAttribute("ranking", juries.ranking(categoryId, normalised));
        model.addAttribute("normalised", normalised);
        model.addAttribute(
                "finals", publicVote.settings(categoryId).isPresent() ? publicVote.finalResults(categoryId) : Map.of());
        model.addAttribute("decisions", laureates.decisions(categoryId));
        model.addAttribute("presides", president);
        model.addAttribute(
                "conflicts",
                juries.conflicts(categoryId).stream()
                        .map(k -> new String[] {
                            dossiers.submitted(k.dossierId())
                                    .map(Dossiers.Dossier::reference)
                                    .orElse("—"),
                            name(k.accountId()),
                            k.kind(),
                            k.reason()
                        })
                        .toList());
        return "juries/ranking";
    }

    /** The minutes of the deliberation, for the president and the call's managers. */
    @GetMapping("/jury/{categoryId}/proces-verbal.pdf")
    org.springframework.http.ResponseEntity<byte[]> minutes(
            @AuthenticationPrincipal Person person, @PathVariable long categoryId) {
        Juries.Category c =
                juries.category(categoryId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        boolean president = java.util.Objects.equals(c.presidentId(), person.id()) && secondFactor(person);
        if (!president && !staff.mayManage(person.id(), person.admin(), c.programmeId())) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return org.springframework.http.ResponseEntity.ok()
                .contentType(org.springframework.http.MediaType.APPLICATION_PDF)
                .header(
                        org.springframework.http.HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"proces-verbal-jury-" + categoryId + ".pdf\"")
                .cacheControl(org.springframework.http.CacheControl.noStore())
                .body(minutes.pdf(categoryId));
    }

    @PostMapping("/jury/{categoryId}/decisions")
    String decide(
            @AuthenticationPrincipal Person person,
            @PathVariable long categoryId,
            @RequestParam(name = "dossier") long dossierId,
            @RequestParam(name = "decision", required = false) String kind,
            @RequestParam(name = "motivation", required = false) String motivation,
            RedirectAttributes redirect) {
        if (!secondFactor(person)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        fr.essor.juries.Laureates.Kind k;
        try {
            k = kind == null || kind.isBlank() ? null : fr.essor.juries.Laureates.Kind.valueOf(kind);
        } catch (IllegalArgumentException ex) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
        try {
            laureates.decide(categoryId, person.id(), dossierId, k, motivation);
            redirect.addFlashAttribute("notice", "juries.decided");
        } catch (InvalidInput ex) {
            redirect.addFlashAttribute("juryError", ex.errors().getFirst().messageKey());
        } catch (Juries.Refused ex) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return "redirect:/jury/" + categoryId + "/classement";
    }

    /** The dossier for this juror; a 403 when they are in conflict on it, a 404 when it is not theirs to see. */
    private Dossiers.Dossier opened(long categoryId, long dossierId, Person person) {
        try {
            return juries.open(categoryId, dossierId, person.id());
        } catch (Juries.Refused ex) {
            throw new ResponseStatusException(
                    "juries.error.conflict".equals(ex.messageKey()) ? HttpStatus.FORBIDDEN : HttpStatus.NOT_FOUND);
        }
    }

    private boolean secondFactor(Person person) {
        return accounts.account(person.id()).map(Accounts.Account::totpEnabled).orElse(false);
    }

    private String name(long accountId) {
        return accounts.account(accountId).map(Accounts.Account::displayName).orElse("—");
    }

    private Programme managed(Person person, long programmeId) {
        if (!staff.mayManage(person.id(), person.admin(), programmeId)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return programmes.byId(programmeId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    /** A date and time typed in Paris time; null when it is not one. */
    private static java.time.Instant paris(String local) {
        try {
            return local == null || local.isBlank() || local.length() > 20
                    ? null
                    : java.time.LocalDateTime.parse(local.strip())
                            .atZone(java.time.ZoneId.of("Europe/Paris"))
                            .toInstant();
        } catch (java.time.format.DateTimeParseException ex) {
            return null;
        }
    }

    private static int number(String text) {
        try {
            return Integer.parseInt(text == null ? "" : text.strip());
        } catch (NumberFormatException ex) {
            return -1;
        }
    }

    private static BigDecimal decimal(String text) {
        try {
            return new BigDecimal(text == null ? "" : text.strip().replace(',', '.'));
        } catch (NumberFormatException ex) {
            return null;
        }
    }
}
