package fr.essor.notification;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The demonstration's mailbox: without an SMTP server, the mails Essor would send are shown here
 * instead. It exists only in a demonstration ({@code essor.demo.enabled}) without SMTP: the mails may
 * hold addresses and personal links that nobody else may read.
 */
@Controller
@ConditionalOnExpression("!${essor.notification.smtp:false} and ${essor.demo.enabled:false}")
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
