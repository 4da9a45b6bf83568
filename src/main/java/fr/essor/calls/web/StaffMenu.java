package fr.essor.calls.web;

import fr.essor.calls.Staff;
import fr.essor.identity.Person;
import fr.essor.shared.PageAttributes;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.ui.ModelMap;

/**
 * Tells the header whether the signed-in person works on a call, for its « Instruction » link, and whether
 * they give expert opinions, for « Mes avis d’expert ».
 */
@Component
class StaffMenu extends PageAttributes {

    private final Staff staff;
    private final fr.essor.calls.Experts experts;

    StaffMenu(Staff staff, fr.essor.calls.Experts experts) {
        this.staff = staff;
        this.experts = experts;
    }

    @Override
    protected void add(ModelMap model, Authentication authentication) {
        Person person = authentication != null && authentication.getPrincipal() instanceof Person p ? p : null;
        // whether the person opened an invitation to give an expert opinion, for the header's « Mes avis » link
        model.putIfAbsent("callsExpert", person != null && experts.hasOpened(person.id()));
        model.putIfAbsent(
                "callsStaff",
                person != null
                        && (person.admin() || !staff.programmesOf(person.id()).isEmpty()));
    }
}
