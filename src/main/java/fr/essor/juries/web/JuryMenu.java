package fr.essor.juries.web;

import fr.essor.identity.Person;
import fr.essor.juries.Juries;
import fr.essor.shared.PageAttributes;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.ui.ModelMap;

/** Tells the header whether the signed-in person sits on a jury, for its « Jury » link. */
@Component
class JuryMenu extends PageAttributes {

    private final Juries juries;

    JuryMenu(Juries juries) {
        this.juries = juries;
    }

    @Override
    protected void add(ModelMap model, Authentication authentication) {
        model.putIfAbsent(
                "juror",
                authentication != null
                        && authentication.getPrincipal() instanceof Person person
                        && juries.sitsOnAJury(person.id()));
    }
}
