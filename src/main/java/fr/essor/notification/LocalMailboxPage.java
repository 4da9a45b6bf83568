package fr.essor.notification;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The demonstration's mailbox: without an SMTP server, the mails Essor would send are shown here
 * instead. It exists only in a demonstration ({@code essor.demo.enabled}) without SMTP, and shows the
 * text only of mails sent to example addresses: other mails may hold a real person's personal links.
 */
@Controller
@ConditionalOnExpression("!${essor.notification.smtp:false} and ${essor.demo.enabled:false}")
class LocalMailboxPage {

    private final Notifications notifications;

    LocalMailboxPage(Notifications notifications) {
        this.notifications = notifications;
    }

    /** A mail as the page shows it: its text only when it was sent to an address reserved for examples. */
    record Shown(Notifications.LocalMail mail, boolean readable) {}

    @GetMapping("/demo/courriels")
    String mailbox(Model model) {
        model.addAttribute(
                "mails",
                notifications.localMailbox(100).stream()
                        .map(m -> new Shown(m, exampleAddress(m.to())))
                        .toList());
        return "notification/mailbox";
    }

    /**
     * Addresses of the domains reserved for examples (RFC 2606, RFC 6761): nobody receives their mail,
     * so the demonstration may show it. A mail to any other address may carry a real person's
     * password-reset link: its text is not shown.
     */
    static boolean exampleAddress(String to) {
        String domain = to.substring(to.lastIndexOf('@') + 1).toLowerCase(java.util.Locale.ROOT);
        return domain.equals("example.org")
                || domain.equals("example.com")
                || domain.equals("example.net")
                || domain.endsWith(".example")
                || domain.endsWith(".test")
                || domain.endsWith(".invalid")
                || domain.endsWith(".example.org");
    }
}
