package fr.essor.web;

import fr.essor.shared.FormErrors;
import fr.essor.shared.PageAttributes;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.ui.ModelMap;

/** Every form page starts without errors; a controller that refuses a post puts its own. */
@Component
class FormDefaults extends PageAttributes {

    @Override
    protected void add(ModelMap model, Authentication authentication) {
        model.putIfAbsent("errors", FormErrors.NONE);
    }
}
