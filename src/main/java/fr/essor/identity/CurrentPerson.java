package fr.essor.identity;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Gives every page the signed-in person (or {@code null}), for the header's links. */
@ControllerAdvice
class CurrentPerson {

    @ModelAttribute("currentUser")
    Person currentUser() {
        return SignedIn.person(SecurityContextHolder.getContext().getAuthentication())
                .orElse(null);
    }
}
