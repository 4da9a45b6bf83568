package fr.essor.web;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import fr.essor.shared.FrenchTypography;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * French spacing on every page: the HTML a page writes is spaced once, whole, by {@link FrenchTypography#spaced}
 * before it leaves (no-break spaces before « : ; ! ? », inside guillemets, before « % » and « € » after a number;
 * attributes, {@code pre}, {@code code}, {@code script}, {@code style} and {@code textarea} left as written).
 *
 * <p>Not a Thymeleaf post-processor: with one, Thymeleaf parses again, at every request, every piece of markup a
 * page inserts whole ({@code th:utext}: the list's cards kept rendered, its facets, the filters' options), which
 * cost the list page 17 % more CPU (bench/README.md, « French spacing »). Spacing the written page costs one pass
 * over its characters. Runs inside the entity-tag filter, which then tags the spaced page.
 */
@Configuration
class FrenchSpacing {

    @Bean
    FilterRegistrationBean<Filter> frenchSpacingFilter() {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
            if (!(response instanceof HttpServletResponse http) || response instanceof SpacedPage) {
                chain.doFilter(request, response);
                return;
            }
            SpacedPage page = new SpacedPage(http);
            chain.doFilter(request, page);
            page.finish();
        });
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
        // the last filter before the application: the others (the entity tags) see the spaced page
        registration.setOrder(Ordered.LOWEST_PRECEDENCE);
        return registration;
    }

    /** A response whose HTML, written through its writer, is kept until the end and then written spaced. */
    static final class SpacedPage extends HttpServletResponseWrapper {

        private PageBuffer html;
        private PrintWriter writer;

        SpacedPage(HttpServletResponse response) {
            super(response);
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            if (writer == null) {
                String type = getContentType();
                if (type != null && type.startsWith("text/html")) {
                    html = new PageBuffer();
                    writer = new PrintWriter(html);
                } else {
                    writer = super.getWriter();
                }
            }
            return writer;
        }

        @Override
        public void flushBuffer() throws IOException {
            // a page kept whole is sent at the end
            if (html == null) {
                super.flushBuffer();
            }
        }

        @Override
        public void resetBuffer() {
            super.resetBuffer();
            if (html != null) {
                html.page.setLength(0);
            }
        }

        @Override
        public void reset() {
            super.reset();
            html = null;
            writer = null;
        }

        void finish() throws IOException {
            if (html != null) {
                writer.flush();
                StringBuilder page = html.page;
                FrenchTypography.spaceInPlace(page);
                PrintWriter out = super.getWriter();
                char[] chunk = new char[8192];
                for (int from = 0; from < page.length(); from += chunk.length) {
                    int to = Math.min(page.length(), from + chunk.length);
                    page.getChars(from, to, chunk, 0);
                    out.write(chunk, 0, to - from);
                }
                out.flush();
                html = null;
            }
        }
    }

    /** The page as it is written: one thread writes it, so without the locks of a {@code StringWriter}. */
    static final class PageBuffer extends Writer {

        final StringBuilder page = new StringBuilder(32 * 1024);

        @Override
        public void write(char[] chars, int offset, int length) {
            page.append(chars, offset, length);
        }

        @Override
        public void write(String text, int offset, int length) {
            page.append(text, offset, offset + length);
        }

        @Override
        public void write(int c) {
            page.append((char) c);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }
}
