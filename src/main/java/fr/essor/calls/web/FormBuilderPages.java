package fr.essor.calls.web;

import java.util.List;

import fr.essor.calls.FieldType;
import fr.essor.calls.Form;
import fr.essor.calls.Programme;
import fr.essor.calls.Programmes;
import fr.essor.calls.Staff;
import fr.essor.identity.Person;
import fr.essor.shared.FieldError;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The form builder of a call, for its managers: the form being written is shown part by part, field by
 * field, with buttons to add a part, add a field (or a field of a repeatable block), move and remove them,
 * and the problems that would stop it from being saved. The form being written travels in the page; it is
 * saved only as a new version, from the same page (then dossiers started afterwards follow it).
 */
@Controller
class FormBuilderPages {

    private final Programmes programmes;
    private final Staff staff;
    private final JsonMapper json;

    FormBuilderPages(Programmes programmes, Staff staff, JsonMapper json) {
        this.programmes = programmes;
        this.staff = staff;
        this.json = json;
    }

    @GetMapping("/instruction/appels/{programmeId}/formulaire/editeur")
    String page(@AuthenticationPrincipal Person person, @PathVariable long programmeId, Model model) {
        Programme programme = managed(person, programmeId);
        return render(programme, programmes.currentForm(programmeId).form(), List.of(), model);
    }

    @PostMapping("/instruction/appels/{programmeId}/formulaire/editeur")
    String change(
            @AuthenticationPrincipal Person person,
            @PathVariable long programmeId,
            @RequestParam(name = "brouillon", required = false) String draft,
            @RequestParam(name = "action", required = false) String action,
            @RequestParam(name = "titrePartie", required = false) String sectionTitle,
            @RequestParam(name = "partie", defaultValue = "0") int section,
            @RequestParam(name = "bloc", required = false) String block,
            @RequestParam(name = "cle", required = false) String key,
            @RequestParam(name = "libelle", required = false) String label,
            @RequestParam(name = "type", required = false) String type,
            @RequestParam(name = "obligatoire", required = false) String required,
            @RequestParam(name = "choix", required = false) String options,
            @RequestParam(name = "condition", required = false) String condition,
            @RequestParam(name = "aide", required = false) String help,
            @RequestParam(name = "lignesMin", required = false) String minRows,
            @RequestParam(name = "lignesMax", required = false) String maxRows,
            Model model) {
        Programme programme = managed(person, programmeId);
        Form form;
        try {
            form = draft == null || draft.length() > 200_000
                    ? programmes.currentForm(programmeId).form()
                    : json.readValue(draft, Form.class);
        } catch (JacksonException ex) {
            // a page whose form was tampered with starts again from the saved version
            form = programmes.currentForm(programmeId).form();
        }
        if ("section".equals(action)) {
            form = FormBuilder.addSection(form, sectionTitle);
        } else if ("field".equals(action)) {
            form = FormBuilder.addField(
                    form,
                    new FormBuilder.NewField(
                            section,
                            block,
                            key,
                            label,
                            type,
                            required != null,
                            options,
                            condition,
                            help,
                            minRows,
                            maxRows));
        } else {
            form = FormBuilder.apply(form, action);
        }
        return render(programme, form, form.problems(), model);
    }

    private String render(Programme programme, Form form, List<FieldError> problems, Model model) {
        model.addAttribute("programme", programme);
        model.addAttribute("form", form);
        model.addAttribute("draft", json.writeValueAsString(form));
        model.addAttribute("problems", problems);
        model.addAttribute("types", List.of(FieldType.values()));
        model.addAttribute("formVersion", programmes.currentForm(programme.id()).version());
        return "calls/form-builder";
    }

    private Programme managed(Person person, long programmeId) {
        if (!staff.mayManage(person.id(), person.admin(), programmeId)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return programmes.byId(programmeId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }
}
