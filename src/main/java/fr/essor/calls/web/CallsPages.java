package fr.essor.calls.web;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import fr.essor.calls.Programme;
import fr.essor.calls.Programmes;
import fr.essor.directory.Structure;
import fr.essor.directory.Structures;
import fr.essor.identity.Memberships;
import fr.essor.identity.Person;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/** The public pages of the calls: the list by state, and a programme with what its form asks. */
@Controller
class CallsPages {

    private final Programmes programmes;
    private final Clock clock;
    private final Structures structures;
    private final Memberships memberships;
    private final fr.essor.calls.Letters letters;

    CallsPages(
            Programmes programmes,
            Clock clock,
            Structures structures,
            Memberships memberships,
            fr.essor.calls.Letters letters) {
        this.letters = letters;
        this.programmes = programmes;
        this.clock = clock;
        this.structures = structures;
        this.memberships = memberships;
    }

    @GetMapping("/appels")
    String list(Model model) {
        Instant now = clock.instant();
        Map<Programme.State, List<Programme>> byState = programmes.all().stream()
                .collect(Collectors.groupingBy(
                        p -> p.state(now), () -> new java.util.EnumMap<>(Programme.State.class), Collectors.toList()));
        model.addAttribute("open", byState.getOrDefault(Programme.State.OPEN, List.of()));
        model.addAttribute("upcoming", byState.getOrDefault(Programme.State.UPCOMING, List.of()));
        model.addAttribute("closed", byState.getOrDefault(Programme.State.CLOSED, List.of()));
        return "calls/list";
    }

    @GetMapping("/appels/{slug}")
    String programme(@AuthenticationPrincipal Person person, @PathVariable String slug, Model model) {
        Programme programme =
                programmes.bySlug(slug).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("programme", programme);
        model.addAttribute("state", programme.state(clock.instant()));
        model.addAttribute("form", programmes.currentForm(programme.id()).form());
        // the verified structures a signed-in person may apply for
        model.addAttribute(
                "structures",
                person == null
                        ? List.of()
                        : structures.all(memberships.structuresOf(person.id())).stream()
                                .filter(Structure::verified)
                                .toList());
        return "calls/programme";
    }

    /** A letter's verification: what it states and its fingerprint, for anyone holding its code. */
    @GetMapping("/verifier/{code}")
    String verify(@PathVariable String code, Model model) {
        var letter = letters.byCode(code.strip().toUpperCase(java.util.Locale.ROOT))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("letter", letter);
        return "calls/verify";
    }
}
