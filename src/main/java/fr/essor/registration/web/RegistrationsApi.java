package fr.essor.registration.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import fr.essor.registration.Registration;
import fr.essor.registration.Registrations;
import fr.essor.shared.InvalidInput;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * {@code POST /api/v1/registrations}: registers a person to a date of an event that takes its
 * registrations on Essor. Answers 202 when the request is taken: a mail tells the address where it
 * stands (seats held until confirmed, waitlist, or already registered — the answer is the same in
 * each case, so that no one learns who attends what); 400 for bad values, 409 when the date is full
 * and has no waitlist — always as {@code application/problem+json} for errors.
 */
@RestController
@Tag(name = "Inscriptions")
class RegistrationsApi {

    private final Registrations registrations;
    private final MessageSource messages;

    RegistrationsApi(Registrations registrations, MessageSource messages) {
        this.registrations = registrations;
        this.messages = messages;
    }

    /** The body of a registration request. {@code dateId} may be left out when the event has one date. */
    record RegistrationBody(
            Long eventId, Long dateId, String name, String email, Integer seats, Map<String, String> answers) {}

    /**
     * The answer to a registration request taken: what was asked, and what happens next. It says
     * nothing of the registration itself, which only its address learns.
     */
    record Accepted(long eventId, long dateId, int seats, String message) {}

    @PostMapping(path = "/api/v1/registrations", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "S’inscrire à une date d’un événement",
            description =
                    "202 : demande prise ; un courriel dit à l’adresse où en est l’inscription (places réservées à confirmer, "
                            + "liste d’attente, ou déjà inscrite : la réponse est la même dans chaque cas). "
                            + "400 : valeurs refusées. 409 : complet, sans liste d’attente. 429 : trop de demandes.")
    ResponseEntity<?> register(@RequestBody RegistrationBody body, Locale locale) {
        if (body.eventId() == null) {
            return problem(
                    HttpStatus.BAD_REQUEST,
                    List.of(new fr.essor.shared.FieldError("eventId", "registration.error.event")),
                    locale);
        }
        try {
            var outcome = registrations.register(new Registrations.Request(
                    body.eventId(),
                    body.dateId(),
                    body.name(),
                    body.email(),
                    body.seats() == null ? 1 : body.seats(),
                    body.answers(),
                    false,
                    Registrations.Source.API));
            Registration r = outcome.registration();
            return ResponseEntity.accepted()
                    .body(new Accepted(
                            r.eventId(),
                            r.occurrenceId(),
                            body.seats() == null ? 1 : body.seats(),
                            messages.getMessage("registration.api.accepted", null, locale)));
        } catch (InvalidInput ex) {
            return problem(HttpStatus.BAD_REQUEST, ex.errors(), locale);
        } catch (Registrations.NoSeat ex) {
            return problem(
                    HttpStatus.CONFLICT,
                    List.of(new fr.essor.shared.FieldError("dateId", "registration.error.full")),
                    locale);
        }
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(Locale locale) {
        return problem(
                HttpStatus.BAD_REQUEST,
                List.of(new fr.essor.shared.FieldError("body", "registration.error.body.json")),
                locale);
    }

    private ResponseEntity<ProblemDetail> problem(
            HttpStatus status, List<fr.essor.shared.FieldError> errors, Locale locale) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                status, messages.getMessage(errors.getFirst().messageKey(), null, locale));
        problem.setTitle(status == HttpStatus.CONFLICT ? "Complet" : "Inscription refusée");
        problem.setProperty(
                "errors",
                errors.stream()
                        .map(e -> Map.of(
                                "field", e.field(), "message", messages.getMessage(e.messageKey(), null, locale)))
                        .toList());
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
