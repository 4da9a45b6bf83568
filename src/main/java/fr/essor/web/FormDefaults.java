package fr.essor.web;

import fr.essor.shared.FormErrors;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Every form page starts without errors; a controller that refuses a post puts its own. */
@ControllerAdvice
class FormDefaults {

    @ModelAttribute("errors")
    FormErrors errors() {
        return FormErrors.NONE;
    }
}
