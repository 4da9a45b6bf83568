package fr.essor.calls.web;

import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import fr.essor.calls.Documents;
import fr.essor.directory.Structure;
import fr.essor.directory.Structures;
import fr.essor.identity.Memberships;
import fr.essor.identity.Person;
import fr.essor.shared.InvalidInput;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The person's document vaults: their own and those of the structures they act for, each document with
 * its validity date (past: it can no longer be joined), a new one added (a newer version of the statutes,
 * the year's accounts), a loose one deleted.
 */
@Controller
class VaultPages {

    private final Documents documents;
    private final Memberships memberships;
    private final Structures structures;

    VaultPages(Documents documents, Memberships memberships, Structures structures) {
        this.documents = documents;
        this.memberships = memberships;
        this.structures = structures;
    }

    /** A vault on the page. */
    record Vault(Long structureId, String name, List<Documents.Document> documents) {}

    @GetMapping("/dossiers/coffre")
    String page(@AuthenticationPrincipal Person person, Model model) {
        List<Vault> vaults = new ArrayList<>();
        for (Structure s : structures.all(memberships.structuresOf(person.id()))) {
            vaults.add(new Vault(s.id(), s.name(), documents.vault(person.id(), s.id())));
        }
        vaults.add(new Vault(null, null, documents.vault(person.id(), null)));
        model.addAttribute("vaults", vaults);
        model.addAttribute("today", LocalDate.now(ZoneId.of("Europe/Paris")));
        return "calls/vault";
    }

    @PostMapping("/dossiers/coffre")
    String upload(
            @AuthenticationPrincipal Person person,
            @RequestParam(name = "coffre", required = false) String vault,
            @RequestParam(required = false) String label,
            @RequestParam(name = "validite", required = false) String validUntil,
            @RequestParam(name = "document", required = false) MultipartFile file,
            RedirectAttributes redirect) {
        try {
            Long structureId;
            try {
                structureId = vault == null || vault.isBlank() ? null : Long.valueOf(vault);
            } catch (NumberFormatException ex) {
                throw new InvalidInput("coffre", "calls.document.error.structure");
            }
            LocalDate until;
            try {
                until = validUntil == null || validUntil.isBlank() || validUntil.length() > 10
                        ? null
                        : LocalDate.parse(validUntil);
            } catch (DateTimeParseException ex) {
                throw new InvalidInput("validite", "calls.vault.error.date");
            }
            if (file == null || file.isEmpty()) {
                throw new InvalidInput("document", "calls.document.error.empty");
            }
            documents.upload(
                    person.id(), structureId, label, until, file.getOriginalFilename(), file.getBytes(), "document");
            redirect.addFlashAttribute("notice", "calls.vault.added");
        } catch (InvalidInput ex) {
            redirect.addFlashAttribute("vaultError", ex.errors().getFirst().messageKey());
        } catch (IOException ex) {
            redirect.addFlashAttribute("vaultError", "calls.document.error.empty");
        }
        return "redirect:/dossiers/coffre";
    }

    @PostMapping("/dossiers/coffre/{id}/supprimer")
    String delete(@AuthenticationPrincipal Person person, @PathVariable long id, RedirectAttributes redirect) {
        if (documents.readable(id, person.id()).isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        redirect.addFlashAttribute(
                documents.delete(id, person.id()) ? "notice" : "vaultError",
                documents.readable(id, person.id()).isEmpty() ? "calls.vault.deleted" : "calls.vault.error.joined");
        return "redirect:/dossiers/coffre";
    }
}
