package fr.essor.registration.web;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import fr.essor.agenda.Agenda;
import fr.essor.agenda.Event;
import fr.essor.agenda.RegistrationMode;
import fr.essor.registration.Offers;
import fr.essor.registration.Registration;
import fr.essor.registration.RegistrationProperties;
import fr.essor.registration.Registrations;
import fr.essor.shared.InvalidInput;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The public side of registrations, without an account: the form of an event (what is kept, why and
 * how long is said above the button), the confirmation link, and the private page of a registration
 * from which it is cancelled. Mailed links open a page with a button: nothing changes on a GET.
 */
@Controller
class RegistrationPages {

    private final Registrations registrations;
    private final Offers offers;
    private final Agenda agenda;
    private final RegistrationProperties properties;

    RegistrationPages(Registrations registrations, Offers offers, Agenda agenda, RegistrationProperties properties) {
        this.registrations = registrations;
        this.offers = offers;
        this.agenda = agenda;
        this.properties = properties;
    }

    /** The form as typed. */
    record RegistrationForm(String dateId, String name, String email, String seats, String consent) {

        public boolean consented() {
            return "true".equals(consent);
        }

        public Long date() {
            try {
                return dateId == null || dateId.isBlank() ? null : Long.valueOf(dateId.strip());
            } catch (NumberFormatException ex) {
                return -1L;
            }
        }

        public int seatCount() {
            try {
                return seats == null ? 0 : Integer.parseInt(seats.strip());
            } catch (NumberFormatException ex) {
                return 0;
            }
        }
    }

    @GetMapping("/evenements/{id}/inscription")
    String form(@PathVariable long id, Model model) {
        Event event = agenda.event(id)
                .filter(e -> e.registration() == RegistrationMode.ESSOR)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("event", event);
        model.addAttribute("offer", offers.offerOf(id).orElse(null));
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new RegistrationForm(null, "", "", "1", "false"));
        }
        model.addAttribute("holdMinutes", properties.hold().toMinutes());
        model.addAttribute("retentionDays", properties.retention().toDays());
        return "registration/form";
    }

    @PostMapping("/evenements/{id}/inscription")
    String register(
            @PathVariable long id,
            RegistrationForm form,
            @RequestParam Map<String, String> posted,
            Model model,
            RedirectAttributes redirect) {
        // the answers come as answer0, answer1… in the order of the organizer's questions
        java.util.List<String> questions =
                offers.offerOf(id).map(Offers.Offer::questions).orElse(java.util.List.of());
        Map<String, String> answers = new java.util.LinkedHashMap<>();
        for (int i = 0; i < questions.size(); i++) {
            answers.put(questions.get(i), posted.getOrDefault("answer" + i, ""));
        }
        model.addAttribute("answers", answers);
        try {
            var outcome = registrations.register(new Registrations.Request(
                    id,
                    form.date(),
                    form.name(),
                    form.email(),
                    form.seatCount(),
                    answers,
                    form.consented(),
                    Registrations.Source.PUBLIC));
            // the same page whether the address was new or already registered: the mail tells which
            redirect.addFlashAttribute("email", form.email().strip());
            return "redirect:/evenements/" + id + "/inscription/envoyee";
        } catch (InvalidInput ex) {
            model.addAttribute("errors", ex.formErrors());
        } catch (Registrations.NoSeat ex) {
            model.addAttribute("errors", new InvalidInput("dateId", "registration.error.full").formErrors());
        }
        model.addAttribute("form", form);
        return form(id, model);
    }

    @GetMapping("/evenements/{id}/inscription/envoyee")
    String sent(@PathVariable long id, Model model) {
        model.addAttribute(
                "event", agenda.event(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
        model.addAttribute("holdMinutes", properties.hold().toMinutes());
        return "registration/sent";
    }

    @GetMapping("/inscriptions/confirmer")
    String confirmForm(@RequestParam(name = "jeton", defaultValue = "") String token, Model model) {
        model.addAttribute("token", token);
        return "registration/confirm";
    }

    @PostMapping("/inscriptions/confirmer")
    String confirm(@RequestParam(name = "jeton", defaultValue = "") String token, Model model) {
        Optional<Registration> r = registrations.confirm(token);
        if (r.isEmpty()) {
            model.addAttribute("invalid", true);
            return confirmForm(token, model);
        }
        model.addAttribute("registration", r.get());
        model.addAttribute("event", agenda.event(r.get().eventId()).orElse(null));
        return "registration/confirmed";
    }

    @GetMapping("/inscriptions/{id}")
    String show(@PathVariable UUID id, @RequestParam(name = "jeton", defaultValue = "") String token, Model model) {
        Registration r =
                registrations.withLink(id, token).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("registration", r);
        model.addAttribute("token", token);
        model.addAttribute("messagesStopped", registrations.messagesStopped(r.id()));
        model.addAttribute("event", agenda.event(r.eventId()).orElse(null));
        model.addAttribute(
                "date",
                agenda.event(r.eventId())
                        .flatMap(e -> e.occurrences().stream()
                                .filter(o -> o.id() == r.occurrenceId())
                                .findFirst())
                        .orElse(null));
        return "registration/show";
    }

    @PostMapping("/inscriptions/{id}")
    String cancelOrConfirm(
            @PathVariable UUID id,
            @RequestParam(name = "jeton", defaultValue = "") String token,
            @RequestParam(name = "action", defaultValue = "cancel") String action,
            RedirectAttributes redirect) {
        if ("stop-messages".equals(action)) {
            registrations.stopMessages(id, token).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
            redirect.addFlashAttribute("notice", "registration.show.messages.stopped");
        } else if ("confirm".equals(action)) {
            registrations
                    .confirmWithLink(id, token)
                    .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
            redirect.addFlashAttribute("notice", "registration.show.confirmed");
        } else {
            registrations.cancel(id, token).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
            redirect.addFlashAttribute("notice", "registration.cancelled");
        }
        return "redirect:/inscriptions/" + id + "?jeton=" + token;
    }

    @GetMapping("/confidentialite")
    String privacy(Model model) {
        model.addAttribute("retentionDays", properties.retention().toDays());
        model.addAttribute("holdMinutes", properties.hold().toMinutes());
        return "registration/privacy";
    }
}
