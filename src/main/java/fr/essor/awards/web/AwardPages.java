package fr.essor.awards.web;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.List;
import jakarta.servlet.http.HttpServletResponse;

import fr.essor.awards.Awards;
import fr.essor.calls.DossierFlow.Role;
import fr.essor.calls.Staff;
import fr.essor.identity.Person;
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
 * The awards' pages: the beneficiary follows their aids and requests each payment with its evidence; the
 * call's staff check (instructors) and validate (signers) the payments and export the validated ones.
 */
@Controller
class AwardPages {

    /** The finance export's columns, in this order. */
    static final List<String> COLUMNS = List.of(
            "reference_dossier", "beneficiaire", "siret", "tranche", "montant_euros", "valide_le", "lettre_decision");

    private final Awards awards;
    private final Staff staff;

    AwardPages(Awards awards, Staff staff) {
        this.awards = awards;
        this.staff = staff;
    }

    /** An award with its schedule. */
    record View(Awards.Award award, List<Awards.Tranche> tranches) {}

    @GetMapping("/dossiers/aides")
    String mine(@AuthenticationPrincipal Person person, Model model) {
        model.addAttribute(
                "awards",
                awards.ofApplicant(person.id()).stream()
                        .map(a -> new View(a, awards.schedule(a.id())))
                        .toList());
        return "awards/mine";
    }

    @PostMapping("/dossiers/aides/tranches/{trancheId}/demander")
    String request(
            @AuthenticationPrincipal Person person,
            @PathVariable long trancheId,
            @RequestParam(required = false) String evidence,
            RedirectAttributes redirect) {
        try {
            awards.request(trancheId, person.id(), evidence);
            redirect.addFlashAttribute("notice", "awards.requested");
        } catch (InvalidInput ex) {
            redirect.addFlashAttribute("awardError", ex.errors().getFirst().messageKey());
        } catch (Awards.Refused ex) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return "redirect:/dossiers/aides";
    }

    @GetMapping("/instruction/appels/{programmeId}/aides")
    String ofProgramme(@AuthenticationPrincipal Person person, @PathVariable long programmeId, Model model) {
        var roles = staff.rolesOf(person.id(), programmeId);
        if (roles.isEmpty() && !person.admin()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        model.addAttribute("programmeId", programmeId);
        model.addAttribute("instructs", roles.contains(Role.INSTRUCTOR));
        model.addAttribute("signs", roles.contains(Role.SIGNER));
        model.addAttribute(
                "awards",
                awards.ofProgramme(programmeId).stream()
                        .map(a -> new View(a, awards.schedule(a.id())))
                        .toList());
        return "awards/programme";
    }

    @PostMapping("/instruction/tranches/{trancheId}/{step}")
    String step(
            @AuthenticationPrincipal Person person,
            @PathVariable long trancheId,
            @PathVariable String step,
            RedirectAttributes redirect) {
        long programme;
        try {
            programme = awards.programmeOf(trancheId);
        } catch (Awards.Refused ex) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        try {
            switch (step) {
                case "verifier" -> awards.check(trancheId, person.id());
                case "valider" -> awards.validate(trancheId, person.id());
                default -> throw new ResponseStatusException(HttpStatus.NOT_FOUND);
            }
            redirect.addFlashAttribute("notice", "awards.done");
        } catch (Awards.Refused ex) {
            redirect.addFlashAttribute("awardError", ex.messageKey());
        }
        return "redirect:/instruction/appels/" + programme + "/aides";
    }

    /** The validated payments of a call, for the finance system, with stable columns. */
    @GetMapping("/instruction/appels/{programmeId}/versements.csv")
    void payments(@AuthenticationPrincipal Person person, @PathVariable long programmeId, HttpServletResponse response)
            throws IOException {
        var roles = staff.rolesOf(person.id(), programmeId);
        if (!roles.contains(Role.SIGNER) && !roles.contains(Role.MANAGER)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Content-Disposition", "attachment; filename=\"versements-appel-" + programmeId + ".csv\"");
        Writer out = response.getWriter();
        out.write(String.join(",", COLUMNS) + "\r\n");
        for (Awards.Award a : awards.ofProgramme(programmeId)) {
            for (Awards.Tranche t : awards.schedule(a.id())) {
                if (t.state() != Awards.State.VALIDATED) {
                    continue;
                }
                out.write(String.join(
                                ",",
                                List.of(
                                        cell(a.reference()),
                                        cell(a.beneficiaryName()),
                                        cell(a.beneficiarySiret()),
                                        cell(t.label()),
                                        BigDecimal.valueOf(t.amountCents(), 2).toPlainString(),
                                        t.validatedAt()
                                                .atZone(ZoneId.of("Europe/Paris"))
                                                .toLocalDate()
                                                .toString(),
                                        cell(a.letterNumber())))
                        + "\r\n");
            }
        }
        out.flush();
    }

    /** A CSV cell: quoted when needed, a leading formula character neutralised. */
    static String cell(String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        return v.contains(",") || v.contains("\"") || v.contains("\n") || v.startsWith("'")
                ? "\"" + v.replace("\"", "\"\"") + "\""
                : v;
    }
}
