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

    StaffMenu(Staff staff) {
        this.staff = staff;
    }

    @Override
    protected void add(ModelMap model, Authentication authentication) {
        Person person = authentication != null && authentication.getPrincipal() instanceof Person p ? p : null;
        // both links from one query (there were two at every signed-in page)
        Staff.Links links = person == null ? new Staff.Links(false, false) : staff.linksOf(person.id());
        model.putIfAbsent("callsExpert", links.expert());
        model.putIfAbsent("callsStaff", person != null && (person.admin() || links.staff()));
    }
}
