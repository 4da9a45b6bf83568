package fr.essor.agenda.web;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import fr.essor.agenda.FilterError;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/** RFC 9457 problem details for the API and feeds, in the reader's language. */
@Component
class Problems {

    private final MessageSource messages;

    Problems(MessageSource messages) {
        this.messages = messages;
    }

    /** 400 naming every rejected parameter, in {@code errors}. */
    ResponseEntity<ProblemDetail> badFilters(List<FilterError> errors, Locale locale) {
        List<Map<String, String>> details = errors.stream()
                .map(e -> Map.of("parameter", e.parameter(), "message", message(e, locale)))
                .toList();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.BAD_REQUEST,
                details.stream()
                        .map(d -> d.get("parameter") + " : " + d.get("message"))
                        .reduce((a, b) -> a + " ; " + b)
                        .orElse(""));
        problem.setTitle(messages.getMessage("problem.badFilters", null, locale));
        problem.setType(URI.create("about:blank"));
        problem.setProperty("errors", details);
        return ResponseEntity.badRequest()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    ResponseEntity<ProblemDetail> problem(
            HttpStatus status, String key, Locale locale, String parameter, Object value) {
        ProblemDetail problem =
                ProblemDetail.forStatusAndDetail(status, messages.getMessage(key, new Object[] {value}, locale));
        problem.setTitle(messages.getMessage(key + ".title", null, locale));
        if (parameter != null) {
            problem.setProperty(
                    "errors",
                    List.of(Map.of(
                            "parameter",
                            parameter,
                            "message",
                            messages.getMessage(key, new Object[] {value}, locale))));
        }
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    String message(FilterError error, Locale locale) {
        return messages.getMessage(error.messageKey(), error.arguments().toArray(), locale);
    }
}
