package fr.essor.web;

import fr.essor.agenda.Agenda;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The home page: the current edition of the Mois de l'ESS, its figures and the next events. */
@Controller
class HomeController {

    private final Agenda agenda;

    HomeController(Agenda agenda) {
        this.agenda = agenda;
    }

    @GetMapping("/")
    String home(Model model) {
        agenda.currentEdition().ifPresent(edition -> {
            model.addAttribute("edition", edition);
            model.addAttribute("figures", agenda.figures(edition));
        });
        model.addAttribute("upcoming", agenda.upcoming(6));
        model.addAttribute("today", agenda.today());
        return "home";
    }
}
