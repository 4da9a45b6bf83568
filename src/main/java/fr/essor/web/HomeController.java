package fr.essor.web;

import fr.essor.agenda.Agenda;
import fr.essor.observatory.Level;
import fr.essor.observatory.Observatory;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The home page: the current edition of the Mois de l'ESS, its figures and the next events, and the
 * region's key ESS figures from the observatory's latest vintage.
 */
@Controller
class HomeController {

    private final Agenda agenda;
    private final Observatory observatory;

    HomeController(Agenda agenda, Observatory observatory) {
        this.agenda = agenda;
        this.observatory = observatory;
    }

    @GetMapping("/")
    String home(Model model) {
        agenda.currentEdition().ifPresent(edition -> {
            model.addAttribute("edition", edition);
            model.addAttribute("figures", agenda.figures(edition));
        });
        model.addAttribute("upcoming", agenda.upcoming(6));
        model.addAttribute("today", agenda.today());
        observatory
                .latest()
                .flatMap(v ->
                        observatory.figures(Level.REGION, observatory.settings().region(), v.month()))
                .ifPresent(f -> model.addAttribute("ess", f));
        return "home";
    }
}
