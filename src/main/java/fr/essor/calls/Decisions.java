package fr.essor.calls;

import java.util.LinkedHashMap;
import java.util.Map;

import fr.essor.calls.DossierFlow.Action;
import fr.essor.calls.DossierFlow.State;
import fr.essor.identity.Accounts;
import fr.essor.notification.Notifications;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * What the applicant receives when the staff moves their dossier, in the move's transaction: a request
 * for corrections is mailed with its message; a decision (an acceptance or a refusal, confirmed or not)
 * becomes a numbered letter stating the outcome, the amount granted and the motivation, and is mailed.
 */
@Component
class Decisions {

    /** A text answer, null when absent or blank. */
    private static String text(Map<String, Object> answers, String key) {
        return answers.get(key) instanceof String t && !t.isBlank() ? t : null;
    }

    private static final java.util.regex.Pattern RNA = java.util.regex.Pattern.compile("W\\d{9}");

    private final Letters letters;
    private final Acknowledgments acknowledgments;
    private final Notifications notifications;
    private final Accounts accounts;
    private final Dossiers dossiers;
    private final Audit audit;
    private final String publicUrl;

    private final org.springframework.jdbc.core.simple.JdbcClient jdbc;
    private final org.springframework.context.ApplicationEventPublisher events;

    Decisions(
            Letters letters,
            Acknowledgments acknowledgments,
            Notifications notifications,
            Accounts accounts,
            Dossiers dossiers,
            Audit audit,
            org.springframework.jdbc.core.simple.JdbcClient jdbc,
            org.springframework.context.ApplicationEventPublisher events,
            @Value("${essor.public-url}") String publicUrl) {
        this.jdbc = jdbc;
        this.events = events;
        this.letters = letters;
        this.acknowledgments = acknowledgments;
        this.notifications = notifications;
        this.accounts = accounts;
        this.dossiers = dossiers;
        this.audit = audit;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    /** Tells the applicant of a move just recorded (the dossier as it is after it). */
    void moved(Dossiers.Dossier after, Programme programme, DossierFlow.Transition move, Long amountCents) {
        String url = publicUrl + "/dossiers/" + after.id();
        String email = accounts.account(after.applicantId())
                .map(Accounts.Account::email)
                .orElse(null);
        if (move.to() == State.CORRECTIONS_REQUESTED && email != null) {
            notifications.send(
                    email,
                    "calls-corrections",
                    Map.of(
                            "programme",
                            programme.name(),
                            "reference",
                            after.reference(),
                            "message",
                            move.reason(),
                            "fields",
                            String.join("\n", reopenedLabels(after)),
                            "due",
                            after.correctionsDue() == null ? "" : Acknowledgments.day(after.correctionsDue()),
                            "url",
                            url));
            return;
        }
        // taken into instruction, closed without follow-up, reopened: the applicant follows their dossier
        if ((move.action() == Action.TAKE || move.action() == Action.CLOSE || move.action() == Action.REOPEN)
                && email != null) {
            notifications.send(
                    email,
                    "calls-state",
                    Map.of(
                            "programme",
                            programme.name(),
                            "reference",
                            after.reference(),
                            "state",
                            switch (move.action()) {
                                case TAKE -> "pris en instruction";
                                case CLOSE -> "clos sans suite";
                                default -> "rouvert : il est de nouveau en instruction";
                            },
                            "reason",
                            move.reason() == null ? "" : "Motif : " + move.reason(),
                            "url",
                            url));
            return;
        }
        if (move.to() != State.ACCEPTED && move.to() != State.REFUSED) {
            return;
        }
        // a confirmed proposal is motivated by its proposal
        String motivation = move.action() == Action.CONFIRM
                ? dossiers.transitions(after.id()).stream()
                        .filter(t -> t.action() == Action.PROPOSE_ACCEPTANCE || t.action() == Action.PROPOSE_REFUSAL)
                        .reduce((a, b) -> b)
                        .map(DossierFlow.Transition::reason)
                        .orElse("")
                : move.reason();
        boolean accepted = move.to() == State.ACCEPTED;
        Map<String, String> statement = new LinkedHashMap<>();
        statement.put("Référence du dossier", after.reference());
        statement.put("Appel", programme.name());
        statement.put("Porté par", programme.owner());
        statement.put("Au nom de", acknowledgments.applicant(after));
        statement.put("Décision", accepted ? "Dossier accepté" : "Dossier refusé");
        if (accepted && amountCents != null) {
            statement.put("Montant accordé", euros(amountCents));
        }
        statement.put("Motivation", motivation);
        statement.put("Décidé le", Acknowledgments.when(move.at()) + " (heure de Paris)");
        Letters.Letter letter = letters.issue(after.id(), Letters.Kind.DECISION, statement, move.at());
        // a project selected by an incubator: its cohort follows it
        if (accepted && programme.kind() == ProgrammeKind.INCUBATOR) {
            Map<String, Object> a = after.answers();
            events.publishEvent(new ProjectSelected(
                    after.id(),
                    programme.id(),
                    programme.name(),
                    after.reference(),
                    after.applicantId(),
                    text(a, "porteur"),
                    text(a, "titre") != null ? text(a, "titre") : after.reference(),
                    text(a, "besoin") != null ? text(a, "besoin") : text(a, "resume"),
                    text(a, "commune"),
                    text(a, "courriel"),
                    text(a, "telephone"),
                    move.at()));
        }
        // an aid granted: the awards follow it to its last payment (in the decision's transaction)
        if (accepted && amountCents != null && programme.kind() == ProgrammeKind.AID) {
            var beneficiary = jdbc.sql("select beneficiary_name, beneficiary_siret from calls.dossier where id = ?")
                    .param(after.id())
                    .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)})
                    .single();
            events.publishEvent(new AidAccepted(
                    after.id(),
                    programme.id(),
                    programme.name(),
                    after.reference(),
                    after.applicantId(),
                    beneficiary[0],
                    beneficiary[1],
                    amountCents,
                    move.at(),
                    letter.number(),
                    after.answers().get("titre") instanceof String t && !t.isBlank() ? t : programme.name(),
                    after.answers().values().stream()
                            .filter(v -> v instanceof String s && RNA.matcher(s).matches())
                            .map(String::valueOf)
                            .findFirst()
                            .orElse(null)));
        }
        audit.append(
                after.id(),
                move.actorId(),
                Audit.Kind.LETTER,
                letter.number() + " " + letter.contentSha256(),
                move.at());
        if (email != null) {
            notifications.send(
                    email,
                    "calls-decided",
                    Map.of(
                            "programme",
                            programme.name(),
                            "reference",
                            after.reference(),
                            "outcome",
                            accepted ? "accepté" : "refusé",
                            "number",
                            letter.number(),
                            "url",
                            url));
        }
    }

    /** The labels of the fields a request for corrections reopens, in the form's order, each as a list item. */
    java.util.List<String> reopenedLabels(Dossiers.Dossier d) {
        return dossiers.formOf(d).sections().stream()
                .flatMap(section -> section.fields().stream())
                .filter(f -> d.reopened().contains(f.key()))
                .map(f -> "- " + f.label())
                .toList();
    }

    /** 12 000 € or 12 000,50 €, with plain spaces (the letters' fonts have no narrow ones). */
    static String euros(long cents) {
        java.text.NumberFormat f = java.text.NumberFormat.getNumberInstance(java.util.Locale.FRANCE);
        f.setMinimumFractionDigits(cents % 100 == 0 ? 0 : 2);
        f.setMaximumFractionDigits(2);
        return f.format(cents / 100.0).replace('\u202f', ' ').replace('\u00a0', ' ') + " €";
    }
}
