package fr.essor.agenda;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.Jsoup;
import org.jsoup.safety.Safelist;

/** Organizers write descriptions in Markdown; the public sees it as HTML cleaned of anything active. */
public final class Markdown {

    private static final Parser PARSER = Parser.builder().build();
    private static final HtmlRenderer RENDERER =
            HtmlRenderer.builder().escapeHtml(true).build();
    private static final HtmlRenderer RAW_RENDERER = HtmlRenderer.builder().build();
    private static final Safelist SAFE = Safelist.basic()
            .addTags("h2", "h3", "h4")
            .addAttributes("a", "rel")
            .addEnforcedAttribute("a", "rel", "nofollow noopener");

    private Markdown() {}

    /** HTML safe to insert in a page: no script, no event handler, only http(s) and mailto links. */
    public static String toSafeHtml(String markdown) {
        if (markdown == null || markdown.isBlank()) {
            return "";
        }
        String html = RENDERER.render(PARSER.parse(markdown));
        return Jsoup.clean(html, SAFE);
    }

    /** The text without markup, for feeds and descriptions in metadata. */
    public static String toPlainText(String markdown) {
        if (markdown == null || markdown.isBlank()) {
            return "";
        }
        // raw HTML in the Markdown is dropped, element and content, rather than shown as text
        return Jsoup.parse(Jsoup.clean(RAW_RENDERER.render(PARSER.parse(markdown)), Safelist.none()))
                .text();
    }
}
