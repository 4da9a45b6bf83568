package fr.essor.directory.web;

import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import fr.essor.directory.Profiles;
import fr.essor.directory.Structure;
import fr.essor.directory.Structures;
import fr.essor.identity.Memberships;
import fr.essor.identity.Person;
import fr.essor.shared.FormErrors;
import fr.essor.shared.ImageUploads;
import fr.essor.shared.InvalidInput;

import org.springframework.http.CacheControl;
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
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The profile of a structure, written by its members once a moderator has verified it: texts, links,
 * keywords, a logo and photos, and the history of the changes. Anyone else is answered "not found", as
 * for the structure's other pages.
 */
@Controller
class ProfilePages {

    private final Profiles profiles;
    private final Structures structures;
    private final Memberships memberships;

    ProfilePages(Profiles profiles, Structures structures, Memberships memberships) {
        this.profiles = profiles;
        this.structures = structures;
        this.memberships = memberships;
    }

    @GetMapping("/structures/{id}/profil")
    String edit(@AuthenticationPrincipal Person person, @PathVariable long id, Model model) {
        Structure s = own(person, id);
        Profiles.Profile p = profiles.of(id);
        return page(s, p, Profiles.Edit.of(p), new FormErrors(java.util.List.of()), model);
    }

    @PostMapping("/structures/{id}/profil")
    String save(
            @AuthenticationPrincipal Person person,
            @PathVariable long id,
            Profiles.Edit form,
            Model model,
            RedirectAttributes redirect,
            jakarta.servlet.http.HttpServletResponse response) {
        Structure s = verified(person, id);
        try {
            profiles.update(id, person.id(), form);
            redirect.addFlashAttribute("notice", "profile.saved");
            return "redirect:/structures/" + id + "/profil";
        } catch (InvalidInput ex) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return page(s, profiles.of(id), form, ex.formErrors(), model);
        }
    }

    @PostMapping("/structures/{id}/profil/logo")
    String logo(
            @AuthenticationPrincipal Person person,
            @PathVariable long id,
            @RequestParam(name = "logo", required = false) MultipartFile logo,
            Model model,
            RedirectAttributes redirect,
            jakarta.servlet.http.HttpServletResponse response) {
        Structure s = verified(person, id);
        try {
            profiles.setLogo(id, person.id(), bytes(logo));
            redirect.addFlashAttribute("notice", "profile.logo.saved");
            return "redirect:/structures/" + id + "/profil";
        } catch (InvalidInput ex) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return page(s, profiles.of(id), null, ex.formErrors(), model);
        }
    }

    @PostMapping("/structures/{id}/profil/photos")
    String photo(
            @AuthenticationPrincipal Person person,
            @PathVariable long id,
            @RequestParam(name = "photo", required = false) MultipartFile photo,
            @RequestParam(name = "alt", defaultValue = "") String alt,
            Model model,
            RedirectAttributes redirect,
            jakarta.servlet.http.HttpServletResponse response) {
        Structure s = verified(person, id);
        try {
            profiles.addPhoto(id, person.id(), bytes(photo), alt);
            redirect.addFlashAttribute("notice", "profile.photo.saved");
            return "redirect:/structures/" + id + "/profil";
        } catch (InvalidInput ex) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("alt", alt);
            return page(s, profiles.of(id), null, ex.formErrors(), model);
        }
    }

    @PostMapping("/structures/{id}/profil/photos/{photoId}/retirer")
    String removePhoto(
            @AuthenticationPrincipal Person person,
            @PathVariable long id,
            @PathVariable UUID photoId,
            RedirectAttributes redirect) {
        verified(person, id);
        if (!profiles.removePhoto(id, person.id(), photoId)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        redirect.addFlashAttribute("notice", "profile.photo.removed");
        return "redirect:/structures/" + id + "/profil";
    }

    /** A logo or photo of a verified structure's profile, as Essor re-encoded it. */
    @GetMapping("/annuaire/images/{id}.jpg")
    ResponseEntity<byte[]> image(@PathVariable UUID id) {
        return profiles.image(id)
                .map(i -> ResponseEntity.ok()
                        .contentType(MediaType.IMAGE_JPEG)
                        .cacheControl(CacheControl.maxAge(java.time.Duration.ofDays(30))
                                .cachePublic()
                                .immutable())
                        .header("X-Content-Type-Options", "nosniff")
                        .body(i.content()))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private String page(Structure s, Profiles.Profile p, Profiles.Edit form, FormErrors errors, Model model) {
        Map<Long, String> names = memberships.members(s.id()).stream()
                .collect(Collectors.toMap(Memberships.Member::accountId, Memberships.Member::displayName, (a, b) -> a));
        Function<Long, String> who = account -> names.getOrDefault(account, "ancien membre");
        model.addAttribute("structure", s);
        model.addAttribute("profile", p);
        model.addAttribute("form", form != null ? form : Profiles.Edit.of(p));
        model.addAttribute("errors", errors);
        model.addAttribute("history", profiles.history(s.id(), 50));
        model.addAttribute("who", who);
        model.addAttribute("maxPhotos", Profiles.MAX_PHOTOS);
        if (!model.containsAttribute("alt")) {
            model.addAttribute("alt", "");
        }
        return "directory/profile-edit";
    }

    private static byte[] bytes(MultipartFile file) {
        if (file == null || file.isEmpty()) {
            return new byte[0];
        }
        if (file.getSize() > ImageUploads.MAX_BYTES) {
            return new byte[ImageUploads.MAX_BYTES + 1];
        }
        try {
            return file.getBytes();
        } catch (IOException ex) {
            throw new InvalidInput("logo", "image.error.type");
        }
    }

    /** The structure of a member; anyone else is told it does not exist. */
    private Structure own(Person person, long id) {
        if (!memberships.isMember(person.id(), id)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return structures.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    /** The structure of a member, verified: a profile is written only then. */
    private Structure verified(Person person, long id) {
        Structure s = own(person, id);
        if (!s.verified()) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "structure non vérifiée");
        }
        return s;
    }
}
