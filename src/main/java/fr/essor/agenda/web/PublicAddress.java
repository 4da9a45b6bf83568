package fr.essor.agenda.web;

import java.net.URI;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The address people reach Essor at ({@code essor.public-url}), for every absolute link of the pages,
 * feeds, JSON-LD, calendars and API: never the request's {@code Host} header, which anyone can set.
 */
@Component
class PublicAddress {

    private final URI base;

    PublicAddress(@Value("${essor.public-url}") String publicUrl) {
        String url = publicUrl.strip();
        this.base = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    }

    /** The public address, without a final slash ({@code https://essor.example}). */
    String base() {
        return base.toString();
    }

    /** The public address's scheme, host and port, without a path ({@code https://essor.example}). */
    String origin() {
        return base.getScheme() + "://" + base.getHost() + (base.getPort() == -1 ? "" : ":" + base.getPort());
    }

    /** The current request's path and query, as a link within the site (no scheme, no host). */
    UriComponentsBuilder currentPath() {
        // the path and query as they came, the query parsed once (the whole URL's parsing was not needed)
        var request = ((org.springframework.web.context.request.ServletRequestAttributes)
                        org.springframework.web.context.request.RequestContextHolder.currentRequestAttributes())
                .getRequest();
        return UriComponentsBuilder.fromPath(request.getRequestURI()).query(request.getQueryString());
    }

    /** The current request's path and query on the public address. */
    UriComponentsBuilder currentRequest() {
        return ServletUriComponentsBuilder.fromCurrentRequest()
                .scheme(base.getScheme())
                .host(base.getHost())
                .port(base.getPort());
    }
}
