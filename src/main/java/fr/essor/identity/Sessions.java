package fr.essor.identity;

import java.util.Objects;

import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;

/** Ends a person's sessions on the server, whichever instance holds the request (they are in the database). */
@Component
class Sessions {

    private final FindByIndexNameSessionRepository<? extends Session> repository;

    Sessions(FindByIndexNameSessionRepository<? extends Session> repository) {
        this.repository = repository;
    }

    void endAll(long accountId) {
        endAllBut(accountId, null);
    }

    void endAllBut(long accountId, String keepSessionId) {
        repository.findByPrincipalName(String.valueOf(accountId)).keySet().stream()
                .filter(id -> !Objects.equals(id, keepSessionId))
                .forEach(repository::deleteById);
    }
}
