package fr.essor.juries.web;

import fr.essor.identity.Person;
import fr.essor.juries.Juries;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Tells the header whether the signed-in person sits on a jury, for its « Jury » link. */
@ControllerAdvice
class JuryMenu {

    private final Juries juries;

    JuryMenu(Juries juries) {
        this.juries = juries;
    }

    @ModelAttribute("juror")
    boolean juror(@AuthenticationPrincipal Person person) {
        return person != null && juries.sitsOnAJury(person.id());
    }
}
