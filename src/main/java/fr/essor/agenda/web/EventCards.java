package fr.essor.agenda.web;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import fr.essor.agenda.Event;

import org.springframework.stereotype.Component;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.spring6.ISpringTemplateEngine;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;

/**
 * The agenda list's event cards, each rendered once by its fragment ({@code fragments/event :: card}) and
 * kept while the event is unchanged: a card depends only on its event (the version read, by
 * {@code updatedAt}) and on the date it shows (the next one), never on who reads it. Twenty cards are most
 * of a list page's rendering; a search shows again the cards of events listed before.
 */
@Component
class EventCards {

    private record Key(long id, Instant updatedAt, Instant next, Locale locale) {}

    private final ISpringTemplateEngine engine;
    private final JakartaServletWebApplication application;
    private final fr.essor.shared.ReadMostlyCache<Key, byte[]> cards;

    EventCards(
            ISpringTemplateEngine engine, ServletContext servletContext, fr.essor.agenda.AgendaProperties properties) {
        this.engine = engine;
        this.application = JakartaServletWebApplication.buildApplication(servletContext);
        this.cards = new fr.essor.shared.ReadMostlyCache<>(Math.toIntExact(properties.renderedCards()));
    }

    /** The cards of these events, in order, as HTML. */
    String html(Iterable<Event> events, HttpServletRequest request, HttpServletResponse response, Locale locale) {
        StringBuilder out = new StringBuilder(16_384);
        for (Event e : events) {
            Key key = new Key(e.id(), e.updatedAt(), e.nextOccurrence().start(), locale);
            // kept as UTF-8: half the memory of a String with typographic apostrophes, decoded in a few microseconds
            byte[] card = cards.get(
                    key, k -> render(e, request, response, locale).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.append(new String(card, java.nio.charset.StandardCharsets.UTF_8));
        }
        return out.toString();
    }

    private String render(Event event, HttpServletRequest request, HttpServletResponse response, Locale locale) {
        WebContext context =
                new WebContext(application.buildExchange(request, response), locale, Map.of("event", event));
        return engine.process("fragments/event", Set.of("card"), context);
    }
}
