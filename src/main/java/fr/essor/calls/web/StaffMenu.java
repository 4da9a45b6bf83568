package fr.essor.calls.web;

import fr.essor.calls.Staff;
import fr.essor.identity.Person;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Tells the header whether the signed-in person works on a call, for its « Instruction » link, and whether
 * they give expert opinions, for « Mes avis d’expert ».
 */
@ControllerAdvice
class StaffMenu {

    private final Staff staff;
    private final fr.essor.calls.Experts experts;

    StaffMenu(Staff staff, fr.essor.calls.Experts experts) {
        this.staff = staff;
        this.experts = experts;
    }

    /** Whether the person opened an invitation to give an expert opinion, for the header's « Mes avis » link. */
    @ModelAttribute("callsExpert")
    boolean callsExpert(@AuthenticationPrincipal Person person) {
        return person != null && experts.hasOpened(person.id());
    }

    @ModelAttribute("callsStaff")
    boolean callsStaff(@AuthenticationPrincipal Person person) {
        return person != null
                && (person.admin() || !staff.programmesOf(person.id()).isEmpty());
    }
}
