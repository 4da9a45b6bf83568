package fr.essor.notification;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The demonstration's mailbox: without an SMTP server, the mails Essor would send are shown here
 * instead. It does not exist when mails go out over SMTP.
 */
@Controller
@ConditionalOnBooleanProperty(name = "essor.notification.smtp", havingValue = false, matchIfMissing = true)
class LocalMailboxPage {

    private final Notifications notifications;

    LocalMailboxPage(Notifications notifications) {
        this.notifications = notifications;
    }

    @GetMapping("/demo/courriels")
    String mailbox(Model model) {
        model.addAttribute("mails", notifications.localMailbox(100));
        return "notification/mailbox";
    }
}
