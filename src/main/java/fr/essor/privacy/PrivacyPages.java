package fr.essor.privacy;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import fr.essor.notification.Notifications;
import fr.essor.shared.InvalidInput;
import fr.essor.shared.PersonalData;
import fr.essor.shared.Tokens;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /mes-donnees}: a person gives their address and receives a link (valid an hour); the link's
 * page gives everything kept about the address (JSON), and erases it on request. The answer to the
 * first form is the same whether Essor knows the address or not.
 */
@Controller
class PrivacyPages {

    static final Duration VALIDITY = Duration.ofHours(1);
    private static final Logger LOG = LoggerFactory.getLogger(PrivacyPages.class);

    private final List<PersonalData> modules;
    private final JdbcClient jdbc;
    private final Notifications notifications;
    private final TransactionTemplate tx;
    private final JsonMapper json;
    private final Clock clock;

    PrivacyPages(
            List<PersonalData> modules,
            JdbcClient jdbc,
            Notifications notifications,
            TransactionTemplate tx,
            JsonMapper json,
            Clock clock) {
        this.modules = modules;
        this.jdbc = jdbc;
        this.notifications = notifications;
        this.tx = tx;
        this.json = json;
        this.clock = clock;
    }

    @GetMapping("/mes-donnees")
    String form() {
        return "privacy/request";
    }

    @PostMapping("/mes-donnees")
    String request(@RequestParam(defaultValue = "") String email, Model model) {
        String address = email.strip();
        if (!fr.essor.shared.EmailAddresses.valid(address)) {
            model.addAttribute("errors", new InvalidInput("email", "account.error.email").formErrors());
            model.addAttribute("email", email);
            return "privacy/request";
        }
        String token = Tokens.random();
        var now = clock.instant().atOffset(ZoneOffset.UTC);
        tx.executeWithoutResult(s -> {
            jdbc.sql("insert into privacy.request (token_hash, email, created_at, expires_at) values (?, ?, ?, ?)")
                    .params(Tokens.hash(token), address, now, now.plus(VALIDITY))
                    .update();
            notifications.send(address, "privacy-access", Map.of("token", token));
        });
        model.addAttribute("sent", true);
        return "privacy/request";
    }

    @GetMapping("/mes-donnees/acces")
    String access(@RequestParam(name = "jeton", defaultValue = "") String token, Model model) {
        model.addAttribute("token", token);
        model.addAttribute("valid", email(token).isPresent());
        return "privacy/access";
    }

    @PostMapping("/mes-donnees/export")
    ResponseEntity<byte[]> export(@RequestParam(name = "jeton", defaultValue = "") String token) {
        Optional<String> email = email(token);
        if (email.isEmpty()) {
            return ResponseEntity.status(404)
                    .contentType(MediaType.TEXT_PLAIN)
                    .body("Ce lien n’est plus valable.".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("adresse", email.get());
        all.put("exporte_le", clock.instant().toString());
        modules.forEach(m -> all.put(m.category(), m.export(email.get())));
        LOG.info("personal data exported at its owner's request");
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"essor-mes-donnees.json\"")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(json.writerWithDefaultPrettyPrinter().writeValueAsBytes(all));
    }

    @PostMapping("/mes-donnees/effacer")
    String erase(
            @RequestParam(name = "jeton", defaultValue = "") String token,
            @RequestParam(defaultValue = "false") boolean confirm,
            Model model) {
        Optional<String> email = email(token);
        if (email.isEmpty()) {
            return access(token, model);
        }
        if (!confirm) {
            model.addAttribute("errors", new InvalidInput("confirm", "privacy.error.confirm").formErrors());
            return access(token, model);
        }
        int rows = tx.execute(s -> {
            int n = modules.stream().mapToInt(m -> m.erase(email.get())).sum();
            jdbc.sql("update privacy.request set erased_at = ?, email = 'effacée' where token_hash = ?")
                    .params(clock.instant().atOffset(ZoneOffset.UTC), Tokens.hash(token))
                    .update();
            jdbc.sql("delete from privacy.request where lower(email) = lower(?)")
                    .param(email.get())
                    .update();
            return n;
        });
        LOG.info("personal data erased at its owner's request: {} rows", rows);
        model.addAttribute("erased", rows);
        return "privacy/erased";
    }

    private Optional<String> email(String token) {
        if (!Tokens.plausible(token)) {
            return Optional.empty();
        }
        return jdbc.sql(
                        "select email from privacy.request where token_hash = ? and expires_at > ? and erased_at is null")
                .params(Tokens.hash(token), clock.instant().atOffset(ZoneOffset.UTC))
                .query(String.class)
                .optional();
    }
}
