package fr.essor.awards;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import fr.essor.calls.Programme;
import fr.essor.calls.Programmes;
import fr.essor.shared.DeterministicPdf;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * The agreement (convention) of an award as a PDF, written from the award and its schedule only: the
 * parties, the object, the amount, each tranche with its milestone and date, the conditions of payment,
 * lapse and recovery. Dated by the decision, the same award gives the same bytes.
 */
@Service
public class Agreements {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final DateTimeFormatter DAY = fr.essor.shared.FrenchDates.ofPattern("d MMMM yyyy");

    private final Awards awards;
    private final Programmes programmes;
    private final ITemplateEngine templates;
    private final int noticeDays;

    Agreements(
            Awards awards,
            Programmes programmes,
            ITemplateEngine templates,
            @Value("${essor.awards.notice-days:30}") int noticeDays) {
        this.awards = awards;
        this.programmes = programmes;
        this.templates = templates;
        this.noticeDays = noticeDays;
    }

    /** A tranche as the agreement writes it. */
    public record Line(String label, String amount, String milestone, String dueOn) {}

    /** The agreement of an award. */
    public byte[] pdf(Awards.Award award) {
        List<Line> lines = awards.schedule(award.id()).stream()
                .filter(t -> t.state() != Awards.State.CANCELLED)
                .map(t -> new Line(
                        t.label(),
                        euros(t.amountCents()),
                        t.milestone(),
                        t.dueOn() == null ? "—" : DAY.format(t.dueOn())))
                .toList();
        Programme programme = programmes.byId(award.programmeId()).orElse(null);
        Context context = new Context(Locale.FRANCE);
        context.setVariable("award", award);
        context.setVariable("owner", programme == null ? "" : programme.owner());
        context.setVariable("programme", award.programmeName());
        context.setVariable("amount", euros(award.amountCents()));
        context.setVariable("lines", lines);
        context.setVariable("decided", DAY.format(award.decidedAt().atZone(PARIS)));
        context.setVariable("noticeDays", noticeDays);
        String html = templates.process("awards/agreement-pdf", context);
        return DeterministicPdf.render(html, award.decidedAt());
    }

    /** An amount in euros, French style, with spaces the PDF's standard fonts can draw. */
    static String euros(long cents) {
        java.text.NumberFormat format = java.text.NumberFormat.getNumberInstance(Locale.FRANCE);
        format.setMinimumFractionDigits(cents % 100 == 0 ? 0 : 2);
        format.setMaximumFractionDigits(2);
        return format.format(cents / 100.0).replace('\u202f', ' ').replace('\u00a0', ' ') + " €";
    }
}
