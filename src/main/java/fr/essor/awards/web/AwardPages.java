package fr.essor.awards.web;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import jakarta.servlet.http.HttpServletResponse;

import fr.essor.awards.Agreements;
import fr.essor.awards.Awards;
import fr.essor.calls.Documents;
import fr.essor.calls.DossierFlow.Role;
import fr.essor.calls.Staff;
import fr.essor.identity.Person;
import fr.essor.shared.InvalidInput;

import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
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
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The awards' pages: the beneficiary follows their aids and requests each payment with its evidence; the
 * call's staff check (instructors) and validate (signers) the payments and export the validated ones.
 */
@Controller
class AwardPages {

    /** The finance export's columns, in this order. */
    static final List<String> COLUMNS = List.of(
            "reference_dossier", "beneficiaire", "siret", "tranche", "montant_euros", "valide_le", "lettre_decision");

    private final Awards awards;
    private final Agreements agreements;
    private final Staff staff;
    private final Documents documents;

    AwardPages(Awards awards, Agreements agreements, Staff staff, Documents documents) {
        this.awards = awards;
        this.agreements = agreements;
        this.staff = staff;
        this.documents = documents;
    }

    /** An award with its schedule and the amounts recorded for recovery. */
    record View(Awards.Award award, List<Awards.Tranche> tranches, List<Awards.Recovery> recoveries) {}

    private View view(Awards.Award a) {
        return new View(a, awards.schedule(a.id()), awards.recoveries(a.id()));
    }

    @GetMapping("/dossiers/aides")
    String mine(@AuthenticationPrincipal Person person, Model model) {
        model.addAttribute(
                "awards",
                awards.ofApplicant(person.id()).stream().map(this::view).toList());
        return "awards/mine";
    }

    @GetMapping("/dossiers/aides/{awardId}/convention.pdf")
    ResponseEntity<byte[]> agreement(@AuthenticationPrincipal Person person, @PathVariable long awardId) {
        Awards.Award award = awards.byId(awardId)
                .filter(a -> a.applicantId() == person.id())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return pdf(award);
    }

    @GetMapping("/instruction/aides/{awardId}/convention.pdf")
    ResponseEntity<byte[]> staffAgreement(@AuthenticationPrincipal Person person, @PathVariable long awardId) {
        Awards.Award award = awards.byId(awardId)
                .filter(a -> person.admin()
                        || !staff.rolesOf(person.id(), a.programmeId()).isEmpty())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return pdf(award);
    }

    private ResponseEntity<byte[]> pdf(Awards.Award award) {
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.inline()
                                .filename(award.agreementNumber() + ".pdf")
                                .build()
                                .toString())
                .cacheControl(CacheControl.noStore())
                .body(agreements.pdf(award));
    }

    @PostMapping("/dossiers/aides/{awardId}/signer")
    String sign(@AuthenticationPrincipal Person person, @PathVariable long awardId, RedirectAttributes redirect) {
        try {
            awards.signAgreement(awardId, person.id());
            redirect.addFlashAttribute("notice", "awards.signed");
        } catch (Awards.Refused ex) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return "redirect:/dossiers/aides";
    }

    @PostMapping("/dossiers/aides/tranches/{trancheId}/demander")
    String request(
            @AuthenticationPrincipal Person person,
            @PathVariable long trancheId,
            @RequestParam(required = false) String evidence,
            @RequestParam(required = false) MultipartFile document,
            RedirectAttributes redirect)
            throws IOException {
        try {
            Long documentId = null;
            if (document != null && !document.isEmpty()) {
                documentId = documents.upload(
                        person.id(),
                        null,
                        "Justificatif de versement",
                        null,
                        document.getOriginalFilename(),
                        document.getBytes(),
                        "document");
            }
            awards.request(trancheId, person.id(), evidence, documentId);
            redirect.addFlashAttribute("notice", "awards.requested");
        } catch (InvalidInput ex) {
            redirect.addFlashAttribute("awardError", ex.errors().getFirst().messageKey());
        } catch (Awards.Refused ex) {
            if ("awards.error.unsigned".equals(ex.messageKey())) {
                redirect.addFlashAttribute("awardError", ex.messageKey());
            } else {
                throw new ResponseStatusException(HttpStatus.NOT_FOUND);
            }
        }
        return "redirect:/dossiers/aides";
    }

    /** A payment request's evidence document, for the call's staff. */
    @GetMapping("/instruction/tranches/{trancheId}/justificatif")
    ResponseEntity<byte[]> evidence(@AuthenticationPrincipal Person person, @PathVariable long trancheId) {
        long programme;
        try {
            programme = awards.programmeOf(trancheId);
        } catch (Awards.Refused ex) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        if (staff.rolesOf(person.id(), programme).isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        Documents.Content c = awards.evidenceDocument(trancheId)
                .flatMap(documents::joined)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return fr.essor.shared.Downloads.attachment(c.filename(), c.mediaType(), c.bytes());
    }

    /** A milestone tranche taken from the balance. */
    @PostMapping("/instruction/aides/{awardId}/jalons")
    String milestone(
            @AuthenticationPrincipal Person person,
            @PathVariable long awardId,
            @RequestParam(required = false) String label,
            @RequestParam(required = false) String milestone,
            @RequestParam(required = false) String amount,
            @RequestParam(required = false) String dueOn,
            RedirectAttributes redirect) {
        Awards.Award award = staffAward(person, awardId);
        try {
            awards.addMilestone(awardId, person.id(), label, milestone, cents(amount), date(dueOn));
            redirect.addFlashAttribute("notice", "awards.milestoneAdded");
        } catch (InvalidInput ex) {
            redirect.addFlashAttribute("awardError", ex.errors().getFirst().messageKey());
        } catch (Awards.Refused ex) {
            redirect.addFlashAttribute("awardError", ex.messageKey());
        }
        return "redirect:/instruction/appels/" + award.programmeId() + "/aides";
    }

    /** An overpaid amount recorded for recovery. */
    @PostMapping("/instruction/aides/{awardId}/reversements")
    String recovery(
            @AuthenticationPrincipal Person person,
            @PathVariable long awardId,
            @RequestParam(required = false) String amount,
            @RequestParam(required = false) String reason,
            RedirectAttributes redirect) {
        Awards.Award award = staffAward(person, awardId);
        try {
            awards.recordRecovery(awardId, person.id(), cents(amount), reason);
            redirect.addFlashAttribute("notice", "awards.recoveryRecorded");
        } catch (InvalidInput ex) {
            redirect.addFlashAttribute("awardError", ex.errors().getFirst().messageKey());
        } catch (Awards.Refused ex) {
            redirect.addFlashAttribute("awardError", ex.messageKey());
        }
        return "redirect:/instruction/appels/" + award.programmeId() + "/aides";
    }

    private Awards.Award staffAward(Person person, long awardId) {
        return awards.byId(awardId)
                .filter(a -> !staff.rolesOf(person.id(), a.programmeId()).isEmpty())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    /** Euros as people type them (« 1 500,50 € »), in cents; 0 when it is not an amount. */
    static long cents(String euros) {
        if (euros == null) {
            return 0;
        }
        String t = euros.replaceAll("[\\s\u00a0\u202f€]", "").replace(',', '.');
        if (t.isEmpty() || t.length() > 15 || !t.matches("\\d+(\\.\\d{1,2})?")) {
            return 0;
        }
        return new BigDecimal(t).movePointRight(2).longValueExact();
    }

    private static LocalDate date(String text) {
        try {
            return text == null || text.isBlank() ? null : LocalDate.parse(text.strip());
        } catch (java.time.format.DateTimeParseException ex) {
            return null;
        }
    }

    @GetMapping("/instruction/appels/{programmeId}/aides")
    String ofProgramme(@AuthenticationPrincipal Person person, @PathVariable long programmeId, Model model) {
        var roles = staff.rolesOf(person.id(), programmeId);
        if (roles.isEmpty() && !person.admin()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        model.addAttribute("programmeId", programmeId);
        model.addAttribute("instructs", roles.contains(Role.INSTRUCTOR));
        model.addAttribute("signs", roles.contains(Role.SIGNER));
        model.addAttribute(
                "awards",
                awards.ofProgramme(programmeId).stream().map(this::view).toList());
        return "awards/programme";
    }

    @PostMapping("/instruction/tranches/{trancheId}/{step}")
    String step(
            @AuthenticationPrincipal Person person,
            @PathVariable long trancheId,
            @PathVariable String step,
            RedirectAttributes redirect) {
        long programme;
        try {
            programme = awards.programmeOf(trancheId);
        } catch (Awards.Refused ex) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        try {
            switch (step) {
                case "verifier" -> awards.check(trancheId, person.id());
                case "valider" -> awards.validate(trancheId, person.id());
                default -> throw new ResponseStatusException(HttpStatus.NOT_FOUND);
            }
            redirect.addFlashAttribute("notice", "awards.done");
        } catch (Awards.Refused ex) {
            redirect.addFlashAttribute("awardError", ex.messageKey());
        }
        return "redirect:/instruction/appels/" + programme + "/aides";
    }

    /** The validated payments of a call, for the finance system, with stable columns. */
    @GetMapping("/instruction/appels/{programmeId}/versements.csv")
    void payments(@AuthenticationPrincipal Person person, @PathVariable long programmeId, HttpServletResponse response)
            throws IOException {
        var roles = staff.rolesOf(person.id(), programmeId);
        if (!roles.contains(Role.SIGNER) && !roles.contains(Role.MANAGER)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Content-Disposition", "attachment; filename=\"versements-appel-" + programmeId + ".csv\"");
        Writer out = response.getWriter();
        out.write(String.join(",", COLUMNS) + "\r\n");
        for (Awards.Award a : awards.ofProgramme(programmeId)) {
            for (Awards.Tranche t : awards.schedule(a.id())) {
                if (t.state() != Awards.State.VALIDATED) {
                    continue;
                }
                out.write(String.join(
                                ",",
                                List.of(
                                        fr.essor.shared.Csv.field(a.reference()),
                                        fr.essor.shared.Csv.field(a.beneficiaryName()),
                                        fr.essor.shared.Csv.field(a.beneficiarySiret()),
                                        fr.essor.shared.Csv.field(t.label()),
                                        BigDecimal.valueOf(t.amountCents(), 2).toPlainString(),
                                        t.validatedAt()
                                                .atZone(ZoneId.of("Europe/Paris"))
                                                .toLocalDate()
                                                .toString(),
                                        fr.essor.shared.Csv.field(a.letterNumber())))
                        + "\r\n");
            }
            for (Awards.Recovery r : awards.recoveries(a.id())) {
                out.write(String.join(
                                ",",
                                List.of(
                                        fr.essor.shared.Csv.field(a.reference()),
                                        fr.essor.shared.Csv.field(a.beneficiaryName()),
                                        fr.essor.shared.Csv.field(a.beneficiarySiret()),
                                        fr.essor.shared.Csv.field("Reversement : " + r.reason()),
                                        BigDecimal.valueOf(-r.amountCents(), 2).toPlainString(),
                                        r.recordedAt()
                                                .atZone(ZoneId.of("Europe/Paris"))
                                                .toLocalDate()
                                                .toString(),
                                        fr.essor.shared.Csv.field(a.letterNumber())))
                        + "\r\n");
            }
        }
        out.flush();
    }
}
