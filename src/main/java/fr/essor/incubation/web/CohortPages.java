package fr.essor.incubation.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import fr.essor.calls.Staff;
import fr.essor.directory.Structure;
import fr.essor.directory.Structures;
import fr.essor.identity.Memberships;
import fr.essor.identity.Person;
import fr.essor.incubation.Cohorts;
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
 * The cohorts' pages: the call's team follows each selected project (meetings, milestones, indicators, the
 * end of the accompaniment); the project leader reads their follow-up and prepares the aid's dossier.
 */
@Controller
class CohortPages {

    private final Cohorts cohorts;
    private final Staff staff;
    private final Memberships memberships;
    private final Structures structures;

    CohortPages(Cohorts cohorts, Staff staff, Memberships memberships, Structures structures) {
        this.cohorts = cohorts;
        this.staff = staff;
        this.memberships = memberships;
        this.structures = structures;
    }

    /** A project with its follow-up. */
    record View(
            Cohorts.Member member,
            List<Cohorts.Meeting> meetings,
            List<Cohorts.Milestone> milestones,
            java.util.Map<String, List<Cohorts.Indicator>> indicators) {}

    private View view(Cohorts.Member m) {
        return new View(m, cohorts.meetings(m.id()), cohorts.milestones(m.id()), cohorts.indicators(m.id()));
    }

    @GetMapping("/instruction/appels/{programmeId}/promotion")
    String cohort(@AuthenticationPrincipal Person person, @PathVariable long programmeId, Model model) {
        if (!person.admin() && staff.rolesOf(person.id(), programmeId).isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        model.addAttribute("programmeId", programmeId);
        model.addAttribute(
                "members", cohorts.cohort(programmeId).stream().map(this::view).toList());
        model.addAttribute("today", LocalDate.now(java.time.ZoneId.of("Europe/Paris")));
        return "incubation/cohort";
    }

    @GetMapping("/instruction/promotion/{memberId}")
    String project(@AuthenticationPrincipal Person person, @PathVariable long memberId, Model model) {
        Cohorts.Member m = followed(person, memberId);
        model.addAttribute("v", view(m));
        model.addAttribute("today", LocalDate.now(java.time.ZoneId.of("Europe/Paris")));
        return "incubation/project";
    }

    @PostMapping("/instruction/promotion/{memberId}/{step}")
    String step(
            @AuthenticationPrincipal Person person,
            @PathVariable long memberId,
            @PathVariable String step,
            @RequestParam(required = false) String date,
            @RequestParam(required = false) String text,
            @RequestParam(required = false) String value,
            @RequestParam(required = false) Long milestone,
            RedirectAttributes redirect) {
        followed(person, memberId);
        try {
            switch (step) {
                case "rencontre" -> cohorts.addMeeting(memberId, person.id(), person.admin(), date(date), text);
                case "jalon" -> cohorts.addMilestone(memberId, person.id(), person.admin(), text, date(date));
                case "jalon-atteint" -> {
                    if (milestone == null) {
                        throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
                    }
                    cohorts.reach(milestone, person.id(), person.admin());
                }
                case "indicateur" ->
                    cohorts.record(memberId, person.id(), person.admin(), text, decimal(value), date(date));
                case "fin" -> cohorts.end(memberId, person.id(), person.admin());
                default -> throw new ResponseStatusException(HttpStatus.NOT_FOUND);
            }
            redirect.addFlashAttribute("notice", "incubation.saved");
        } catch (InvalidInput ex) {
            redirect.addFlashAttribute("cohortError", ex.errors().getFirst().messageKey());
        } catch (Cohorts.Refused ex) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return "redirect:/instruction/promotion/" + memberId;
    }

    @GetMapping("/dossiers/accompagnement")
    String mine(@AuthenticationPrincipal Person person, Model model) {
        model.addAttribute(
                "projects", cohorts.ledBy(person.id()).stream().map(this::view).toList());
        model.addAttribute("structures", verified(person));
        return "incubation/mine";
    }

    @PostMapping("/dossiers/accompagnement/{memberId}/pass-occitanie")
    String handOver(
            @AuthenticationPrincipal Person person,
            @PathVariable long memberId,
            @RequestParam(required = false) Long structure,
            RedirectAttributes redirect) {
        Structure chosen = verified(person).stream()
                .filter(s -> structure != null && s.id() == structure)
                .findFirst()
                .orElse(null);
        if (chosen == null) {
            redirect.addFlashAttribute("cohortError", "incubation.error.structure");
            return "redirect:/dossiers/accompagnement";
        }
        try {
            long draft = cohorts.handOver(
                    memberId, person.id(), chosen.id(), chosen.siret().value());
            redirect.addFlashAttribute("notice", "incubation.handedOver");
            return "redirect:/dossiers/" + draft;
        } catch (InvalidInput ex) {
            redirect.addFlashAttribute("cohortError", ex.errors().getFirst().messageKey());
        } catch (Cohorts.Refused ex) {
            if ("incubation.error.unknown".equals(ex.messageKey())) {
                throw new ResponseStatusException(HttpStatus.NOT_FOUND);
            }
            redirect.addFlashAttribute("cohortError", ex.messageKey());
        }
        return "redirect:/dossiers/accompagnement";
    }

    private List<Structure> verified(Person person) {
        return structures.all(memberships.structuresOf(person.id())).stream()
                .filter(Structure::verified)
                .toList();
    }

    private Cohorts.Member followed(Person person, long memberId) {
        return cohorts.member(memberId)
                .filter(m -> cohorts.follows(person.id(), person.admin(), m))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private static LocalDate date(String text) {
        try {
            return text == null || text.isBlank() ? null : LocalDate.parse(text.strip());
        } catch (java.time.format.DateTimeParseException ex) {
            return null;
        }
    }

    /** A number as people type it (« 12 500,5 »); null when it is not one. */
    private static BigDecimal decimal(String text) {
        if (text == null) {
            return null;
        }
        String t = text.replaceAll("[\\s\u00a0\u202f]", "").replace(',', '.');
        if (!t.matches("-?\\d{1,13}(\\.\\d{1,2})?")) {
            return null;
        }
        return new BigDecimal(t);
    }
}
