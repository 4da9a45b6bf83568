package fr.essor.agenda.web;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import fr.essor.agenda.Agenda;
import fr.essor.agenda.Event;
import fr.essor.agenda.programme.Programmes;
import fr.essor.identity.Person;
import fr.essor.identity.SignedIn;

import org.springframework.context.MessageSource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "Mon programme": a visitor saves events from their pages (with an account, or anonymously: a
 * private cookie), sees them at {@code /programme}, and subscribes a calendar application to a private
 * iCalendar feed. Adding and removing need no session (the event pages open none): they are refused
 * when the browser says the request comes from another site, and the cookie is {@code SameSite=Lax}.
 */
@Controller
class ProgrammePages {

    static final String COOKIE = "essor_programme";

    private final Programmes programmes;
    private final Agenda agenda;
    private final MessageSource messages;

    private final PublicAddress address;

    ProgrammePages(Programmes programmes, Agenda agenda, MessageSource messages, PublicAddress address) {
        this.address = address;
        this.programmes = programmes;
        this.agenda = agenda;
        this.messages = messages;
    }

    @PostMapping("/programme/ajouter")
    String add(
            Authentication auth,
            @RequestParam(defaultValue = "0") long eventId,
            @CookieValue(name = COOKIE, required = false) String token,
            HttpServletRequest request,
            HttpServletResponse response) {
        // a session still waiting for its second factor is anonymous here
        Person person = SignedIn.person(auth).orElse(null);
        sameSite(request);
        agenda.event(eventId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        var programme = programmes.programmeFor(person == null ? null : person.id(), token);
        if (programme.token() != null && person == null) {
            remember(programme.token(), request, response);
        }
        programmes.add(programme.id(), eventId);
        return "redirect:/programme";
    }

    @PostMapping("/programme/retirer")
    String remove(
            Authentication auth,
            @RequestParam(defaultValue = "0") long eventId,
            @CookieValue(name = COOKIE, required = false) String token,
            HttpServletRequest request) {
        // a session still waiting for its second factor is anonymous here
        Person person = SignedIn.person(auth).orElse(null);
        sameSite(request);
        mine(person, token).ifPresent(id -> programmes.remove(id, eventId));
        return "redirect:/programme";
    }

    @GetMapping("/programme")
    String show(Authentication auth, @CookieValue(name = COOKIE, required = false) String token, Model model) {
        // a session still waiting for its second factor is anonymous here
        Person person = SignedIn.person(auth).orElse(null);
        Optional<Long> id = mine(person, token);
        List<Event> events = id.map(programmes::events).orElse(List.of()).stream()
                .map(agenda::event)
                .flatMap(Optional::stream)
                .toList();
        model.addAttribute("events", events);
        model.addAttribute("hasProgramme", id.isPresent());
        return "agenda/programme";
    }

    /** Makes a new private feed address (the old one stops working) and shows it once. */
    @PostMapping("/programme/lien")
    String link(
            Authentication auth,
            @CookieValue(name = COOKIE, required = false) String token,
            HttpServletRequest request,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        // a session still waiting for its second factor is anonymous here
        Person person = SignedIn.person(auth).orElse(null);
        sameSite(request);
        long id = mine(person, token).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        String fresh = programmes.renewToken(id);
        if (person == null) {
            remember(fresh, request, response);
        }
        redirect.addFlashAttribute("feedUrl", address.base() + "/programme/" + fresh + ".ics");
        return "redirect:/programme";
    }

    @GetMapping("/programme/{token}.ics")
    ResponseEntity<String> feed(@PathVariable String token, Locale locale) {
        long id = programmes.byToken(token).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        List<Event> events = programmes.events(id).stream()
                .map(agenda::event)
                .flatMap(Optional::stream)
                .toList();
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "calendar", java.nio.charset.StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noCache().cachePrivate())
                .body(ICalendar.write(messages.getMessage("programme.feed", null, locale), events, address.base()));
    }

    private Optional<Long> mine(Person person, String token) {
        return person != null ? programmes.ofAccount(person.id()) : programmes.byToken(token);
    }

    private static void remember(String token, HttpServletRequest request, HttpServletResponse response) {
        Cookie cookie = new Cookie(COOKIE, token);
        cookie.setHttpOnly(true);
        cookie.setSecure(request.isSecure());
        cookie.setPath("/programme");
        cookie.setMaxAge(365 * 24 * 3600);
        cookie.setAttribute("SameSite", "Lax");
        response.addCookie(cookie);
    }

    /** A change asked from another site is refused (the browser says so in these headers). */
    private static void sameSite(HttpServletRequest request) {
        String fetchSite = request.getHeader("Sec-Fetch-Site");
        if (fetchSite != null && fetchSite.equals("cross-site")) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        String origin = request.getHeader("Origin");
        if (origin != null && !origin.equals("null")) {
            URI o = URI.create(origin);
            if (!Objects.equals(o.getHost(), request.getServerName())) {
                throw new ResponseStatusException(HttpStatus.FORBIDDEN);
            }
        }
    }
}
