package fr.essor.identity;

import fr.essor.shared.PageAttributes;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.ui.ModelMap;

/** Gives every page the signed-in person (or {@code null}), for the header's links. */
@Component
class CurrentPerson extends PageAttributes {

    @Override
    protected void add(ModelMap model, Authentication authentication) {
        model.putIfAbsent("currentUser", SignedIn.person(authentication).orElse(null));
    }
}
