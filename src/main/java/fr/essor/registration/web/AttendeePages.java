package fr.essor.registration.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import fr.essor.EssorApplication;
import fr.essor.agenda.Agenda;
import fr.essor.agenda.Event;
import fr.essor.agenda.Occurrence;
import fr.essor.agenda.RegistrationMode;
import fr.essor.identity.Memberships;
import fr.essor.identity.Person;
import fr.essor.registration.Attendees;
import fr.essor.registration.Offers;
import fr.essor.registration.Registration;
import fr.essor.registration.Registrations;
import fr.essor.shared.InvalidInput;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The organizers' side of registrations: seats per date (a larger capacity serves the waitlist at
 * once), the attendees of each date with their counts, a CSV export, a message to all, adding
 * someone by hand, and the check-in page made for a phone at the door. Only the members of the
 * event's structure reach them; anyone else gets a 404.
 */
@Controller
class AttendeePages {

    private final Registrations registrations;
    private final Offers offers;
    private final Attendees attendees;
    private final Agenda agenda;
    private final Memberships memberships;

    AttendeePages(
            Registrations registrations, Offers offers, Attendees attendees, Agenda agenda, Memberships memberships) {
        this.registrations = registrations;
        this.offers = offers;
        this.attendees = attendees;
        this.agenda = agenda;
        this.memberships = memberships;
    }

    @GetMapping("/organisateur/evenements/{eventId}/inscriptions")
    String overview(@AuthenticationPrincipal Person person, @PathVariable long eventId, Model model) {
        Event event = own(person, eventId);
        model.addAttribute("event", event);
        model.addAttribute("essor", event.registration() == RegistrationMode.ESSOR);
        var offer = offers.offerOf(eventId);
        model.addAttribute("offer", offer.orElse(null));
        Map<Long, Integer> capacities = new java.util.HashMap<>();
        offer.ifPresent(o -> o.dates().forEach(d -> capacities.put(d.occurrenceId(), d.capacity())));
        model.addAttribute("capacities", capacities);
        model.addAttribute(
                "questionsText",
                offer.map(o -> String.join("\n", o.questions())).orElse(""));
        return "registration/overview";
    }

    @PostMapping("/organisateur/evenements/{eventId}/inscriptions")
    String settings(
            @AuthenticationPrincipal Person person,
            @PathVariable long eventId,
            @RequestParam Map<String, String> form,
            Model model,
            RedirectAttributes redirect) {
        Event event = own(person, eventId);
        List<Offers.DateCapacity> capacities = new ArrayList<>();
        try {
            for (var o : event.occurrences()) {
                String value = form.getOrDefault("capacity-" + o.id(), "").strip();
                capacities.add(new Offers.DateCapacity(o.id(), value.isEmpty() ? -1 : Integer.parseInt(value)));
            }
            int maxSeats = Integer.parseInt(form.getOrDefault("maxSeats", "").strip());
            List<String> questions = List.of(form.getOrDefault("questions", "").split("\\R"));
            offers.offer(eventId, maxSeats, "true".equals(form.get("waitlist")), capacities, questions);
        } catch (NumberFormatException ex) {
            model.addAttribute("errors", new InvalidInput("capacity", "registration.error.number").formErrors());
            return overview(person, eventId, model);
        } catch (InvalidInput ex) {
            model.addAttribute("errors", ex.formErrors());
            return overview(person, eventId, model);
        }
        redirect.addFlashAttribute("notice", "registration.settings.saved");
        return "redirect:/organisateur/evenements/" + eventId + "/inscriptions";
    }

    @GetMapping("/organisateur/dates/{occurrenceId}/inscrits")
    String attendees(@AuthenticationPrincipal Person person, @PathVariable long occurrenceId, Model model) {
        Event event = ownDate(person, occurrenceId);
        model.addAttribute("event", event);
        Offers.SlotView slot = slot(event.id(), occurrenceId);
        // a date the organizer removed from the event keeps its list here
        model.addAttribute(
                "date",
                event.occurrences().stream()
                        .filter(o -> o.id() == occurrenceId)
                        .findFirst()
                        .orElseGet(() -> new Occurrence(
                                occurrenceId,
                                slot.startsAt().atZone(EssorApplication.ZONE),
                                slot.endsAt().atZone(EssorApplication.ZONE))));
        model.addAttribute("slot", slot);
        model.addAttribute("offer", offers.offerOf(event.id()).orElse(null));
        model.addAttribute("attendees", attendees.attendees(occurrenceId));
        model.addAttribute("answers", attendees.answers(occurrenceId));
        model.addAttribute(
                "questions",
                offers.offerOf(event.id()).map(Offers.Offer::questions).orElse(List.of()));
        return "registration/attendees";
    }

    @GetMapping("/organisateur/dates/{occurrenceId}/inscrits.csv")
    ResponseEntity<byte[]> csv(@AuthenticationPrincipal Person person, @PathVariable long occurrenceId)
            throws java.io.IOException {
        Event event = ownDate(person, occurrenceId);
        List<String> questions =
                offers.offerOf(event.id()).map(Offers.Offer::questions).orElse(List.of());
        var answers = attendees.answers(occurrenceId);
        StringBuilder out = new StringBuilder("\uFEFF");
        try (CSVPrinter printer = CSVFormat.DEFAULT
                .builder()
                .setDelimiter(';')
                .setRecordSeparator("\r\n")
                .get()
                .print(out)) {
            List<Object> header = new ArrayList<>(List.of("nom", "adresse", "places", "etat", "inscrit_le", "present"));
            questions.forEach(q -> header.add(safe(q)));
            printer.printRecord(header);
            for (Registration r : attendees.attendees(occurrenceId)) {
                List<Object> row = new ArrayList<>(List.of(
                        safe(r.name()),
                        safe(r.email()),
                        r.seats(),
                        r.status().name().toLowerCase(Locale.ROOT),
                        r.createdAt(),
                        r.checkedInAt() != null ? "oui" : "non"));
                questions.forEach(
                        q -> row.add(safe(answers.getOrDefault(r.id(), Map.of()).getOrDefault(q, ""))));
                printer.printRecord(row);
            }
        }
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"inscrits-" + occurrenceId + ".csv\"")
                .body(out.toString().getBytes(StandardCharsets.UTF_8));
    }

    @PostMapping("/organisateur/dates/{occurrenceId}/inscrits")
    String add(
            @AuthenticationPrincipal Person person,
            @PathVariable long occurrenceId,
            @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String email,
            @RequestParam(defaultValue = "1") String seats,
            Model model,
            RedirectAttributes redirect) {
        Event event = ownDate(person, occurrenceId);
        try {
            registrations.register(new Registrations.Request(
                    event.id(),
                    occurrenceId,
                    name,
                    email,
                    parse(seats),
                    Map.of(),
                    false,
                    Registrations.Source.ORGANIZER));
            redirect.addFlashAttribute("notice", "registration.added");
        } catch (InvalidInput ex) {
            redirect.addFlashAttribute("errors", ex.formErrors());
        } catch (Registrations.NoSeat ex) {
            redirect.addFlashAttribute("errors", new InvalidInput("seats", "registration.error.full").formErrors());
        }
        return "redirect:/organisateur/dates/" + occurrenceId + "/inscrits";
    }

    @PostMapping("/organisateur/dates/{occurrenceId}/inscrits/{id}/annuler")
    String cancel(
            @AuthenticationPrincipal Person person,
            @PathVariable long occurrenceId,
            @PathVariable UUID id,
            RedirectAttributes redirect) {
        ownDate(person, occurrenceId);
        attendees.cancelByOrganizer(occurrenceId, id);
        redirect.addFlashAttribute("notice", "registration.cancelledByOrganizer");
        return "redirect:/organisateur/dates/" + occurrenceId + "/inscrits";
    }

    @PostMapping("/organisateur/dates/{occurrenceId}/message")
    String message(
            @AuthenticationPrincipal Person person,
            @PathVariable long occurrenceId,
            @RequestParam(defaultValue = "") String subject,
            @RequestParam(defaultValue = "") String body,
            RedirectAttributes redirect) {
        Event event = ownDate(person, occurrenceId);
        try {
            long structure =
                    agenda.structureOf(event.id()).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
            int sent = attendees.message(structure, occurrenceId, subject, body);
            redirect.addFlashAttribute("sent", sent);
        } catch (InvalidInput ex) {
            redirect.addFlashAttribute("errors", ex.formErrors());
        }
        return "redirect:/organisateur/dates/" + occurrenceId + "/inscrits";
    }

    /** The check-in page: the confirmed attendees, filtered by name, each with a button; counts on top. */
    @GetMapping("/organisateur/dates/{occurrenceId}/accueil")
    String checkIn(
            @AuthenticationPrincipal Person person,
            @PathVariable long occurrenceId,
            @RequestParam(name = "q", defaultValue = "") String q,
            Model model) {
        Event event = ownDate(person, occurrenceId);
        String query = q.strip().toLowerCase(Locale.ROOT);
        List<Registration> confirmed = attendees.attendees(occurrenceId).stream()
                .filter(r -> r.status() == Registration.Status.CONFIRMED)
                .toList();
        model.addAttribute("event", event);
        model.addAttribute("q", q);
        model.addAttribute("confirmed", confirmed.size());
        model.addAttribute(
                "present",
                confirmed.stream().filter(r -> r.checkedInAt() != null).count());
        model.addAttribute(
                "people",
                confirmed.stream()
                        .filter(r -> query.isEmpty()
                                || r.name().toLowerCase(Locale.ROOT).contains(query)
                                || r.email().toLowerCase(Locale.ROOT).contains(query))
                        .sorted(java.util.Comparator.comparing(r -> r.name().toLowerCase(Locale.ROOT)))
                        .toList());
        model.addAttribute("occurrenceId", occurrenceId);
        return "registration/checkin";
    }

    @PostMapping("/organisateur/dates/{occurrenceId}/accueil/{id}")
    String tick(
            @AuthenticationPrincipal Person person,
            @PathVariable long occurrenceId,
            @PathVariable UUID id,
            @RequestParam(defaultValue = "true") boolean present,
            @RequestParam(name = "q", defaultValue = "") String q) {
        ownDate(person, occurrenceId);
        attendees.checkIn(occurrenceId, id, present);
        return "redirect:/organisateur/dates/" + occurrenceId + "/accueil?q="
                + java.net.URLEncoder.encode(q, StandardCharsets.UTF_8) + "#p-" + id;
    }

    private Event own(Person person, long eventId) {
        Long structure =
                agenda.structureOf(eventId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (!memberships.isMember(person.id(), structure)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return agenda.event(eventId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private Event ownDate(Person person, long occurrenceId) {
        long eventId = attendees
                .eventOfDate(occurrenceId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return own(person, eventId);
    }

    private Offers.SlotView slot(long eventId, long occurrenceId) {
        return offers.offerOf(eventId)
                .flatMap(o -> o.dates().stream()
                        .filter(d -> d.occurrenceId() == occurrenceId)
                        .findFirst())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private static int parse(String n) {
        try {
            return Integer.parseInt(n.strip());
        } catch (NumberFormatException ex) {
            return 0;
        }
    }

    /** A spreadsheet must not read a name as a formula. */
    private static String safe(String value) {
        return value != null && !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    }
}
