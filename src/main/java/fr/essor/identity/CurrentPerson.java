package fr.essor.identity;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Gives every page the signed-in person (or {@code null}), for the header's links. */
@ControllerAdvice
class CurrentPerson {

    @ModelAttribute("currentUser")
    Person currentUser() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !(auth.getPrincipal() instanceof Person person) || SignIn.pending(auth)) {
            return null;
        }
        return person;
    }
}
