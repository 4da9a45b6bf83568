package fr.essor.juries.web;

import fr.essor.calls.Programmes;
import fr.essor.juries.Juries;
import fr.essor.juries.PublicVote;
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

/** The public's vote for a prize: choose a project, confirm by mail; the log once the decisions are public. */
@Controller
class VotePages {

    private final PublicVote vote;
    private final Juries juries;
    private final Programmes programmes;

    VotePages(PublicVote vote, Juries juries, Programmes programmes) {
        this.vote = vote;
        this.juries = juries;
        this.programmes = programmes;
    }

    @GetMapping("/prix/vote/{categoryId}")
    String page(@PathVariable long categoryId, Model model) {
        Juries.Category c = votable(categoryId);
        model.addAttribute("category", c);
        model.addAttribute("programme", programmes.byId(c.programmeId()).orElseThrow());
        model.addAttribute("open", vote.open(categoryId));
        model.addAttribute("dossiers", juries.dossiersOf(c));
        return "juries/vote";
    }

    @PostMapping("/prix/vote/{categoryId}")
    String ask(
            @PathVariable long categoryId,
            @RequestParam(name = "dossier", defaultValue = "0") long dossierId,
            @RequestParam(required = false) String email,
            RedirectAttributes redirect) {
        votable(categoryId);
        try {
            vote.ask(categoryId, dossierId, email);
            redirect.addFlashAttribute("notice", "juries.vote.asked");
        } catch (InvalidInput ex) {
            redirect.addFlashAttribute("voteError", ex.errors().getFirst().messageKey());
        }
        return "redirect:/prix/vote/" + categoryId;
    }

    @GetMapping("/prix/vote/confirmer")
    String confirm(@RequestParam(name = "jeton", required = false) String token, Model model) {
        model.addAttribute("result", vote.confirmOnce(token).name());
        return "juries/vote-confirmed";
    }

    /** The log of the votes: counts and exclusions, published with the decisions. */
    @GetMapping("/prix/vote/{categoryId}/journal")
    String log(@PathVariable long categoryId, Model model) {
        Juries.Category c = votable(categoryId);
        if (!c.released(java.time.Instant.now())) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        PublicVote.Log log = vote.log(categoryId);
        model.addAttribute("category", c);
        model.addAttribute("programme", programmes.byId(c.programmeId()).orElseThrow());
        model.addAttribute(
                "counted",
                log.counted().entrySet().stream()
                        .map(e -> new Object[] {
                            juries.dossiersOf(c).stream()
                                    .filter(d -> d.id() == e.getKey())
                                    .findFirst()
                                    .map(d -> d.answers().get("titre") instanceof String t ? t : d.reference())
                                    .orElse("—"),
                            e.getValue()
                        })
                        .toList());
        model.addAttribute("excluded", log.excluded());
        return "juries/vote-log";
    }

    private Juries.Category votable(long categoryId) {
        Juries.Category c =
                juries.category(categoryId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (vote.settings(categoryId).isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return c;
    }
}
