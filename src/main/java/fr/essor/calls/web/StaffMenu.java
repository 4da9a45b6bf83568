package fr.essor.calls.web;

import fr.essor.calls.Staff;
import fr.essor.identity.Person;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Tells the header whether the signed-in person works on a call, for its « Instruction » link. */
@ControllerAdvice
class StaffMenu {

    private final Staff staff;

    StaffMenu(Staff staff) {
        this.staff = staff;
    }

    @ModelAttribute("callsStaff")
    boolean callsStaff(@AuthenticationPrincipal Person person) {
        return person != null
                && (person.admin() || !staff.programmesOf(person.id()).isEmpty());
    }
}
