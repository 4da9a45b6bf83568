package fr.essor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A person using Essor through HTTP, as a browser would without JavaScript: cookies kept, forms posted
 * with the CSRF token of the page they come from, redirects not followed (the tests check them).
 */
public class WebUser {

    /** What a browser asks for when it loads a page or posts a form. */
    private static final String HTML = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8";

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    private final String base;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient client;
    private String lastCsrf;

    public WebUser(int port) {
        this.base = "http://localhost:" + port;
        this.client = HttpClient.newBuilder()
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** A person connecting from another address of the loopback range ({@code 127.0.0.2} …), as another client. */
    public WebUser(int port, String clientAddress) {
        this.base = "http://127.0.0.1:" + port;
        try {
            this.client = HttpClient.newBuilder()
                    .cookieHandler(cookies)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .localAddress(java.net.InetAddress.getByName(clientAddress))
                    .build();
        } catch (java.net.UnknownHostException ex) {
            throw new IllegalArgumentException(ex);
        }
    }

    public HttpResponse<String> get(String path) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Accept", HTML)
                .GET()
                .build());
        Matcher m = CSRF.matcher(response.body());
        if (m.find()) {
            lastCsrf = m.group(1);
        }
        return response;
    }

    /** Posts a form from the page at {@code formPage} (read first, for its CSRF token). */
    public HttpResponse<String> submit(String formPage, String action, Map<String, String> fields) {
        get(formPage);
        return post(action, fields);
    }

    /** Posts with the CSRF token of the last page read. */
    public HttpResponse<String> post(String action, Map<String, String> fields) {
        Map<String, String> all = new LinkedHashMap<>(fields);
        if (lastCsrf != null && !all.containsKey("_csrf")) {
            all.put("_csrf", lastCsrf);
        }
        return postRaw(action, all);
    }

    /** Posts exactly these fields (no CSRF token added). */
    public HttpResponse<String> postRaw(String action, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + action))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", HTML)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
        Matcher m = CSRF.matcher(response.body());
        if (m.find()) {
            lastCsrf = m.group(1);
        }
        return response;
    }

    /** Posts a multipart form (with the last page's CSRF token) with one file. */
    public HttpResponse<String> postFile(
            String action,
            Map<String, String> fields,
            String fileField,
            String fileName,
            String contentType,
            byte[] content) {
        String boundary = "----essor" + System.nanoTime();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        Map<String, String> all = new LinkedHashMap<>(fields);
        if (lastCsrf != null) {
            all.put("_csrf", lastCsrf);
        }
        try {
            for (var e : all.entrySet()) {
                body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + e.getKey() + "\"\r\n\r\n"
                                + e.getValue() + "\r\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField + "\"; filename=\""
                            + fileName + "\"\r\nContent-Type: " + contentType + "\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.write(content);
            body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + action))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Accept", HTML)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build());
        Matcher m = CSRF.matcher(response.body());
        if (m.find()) {
            lastCsrf = m.group(1);
        }
        return response;
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    public HttpResponse<byte[]> sendBytes(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** A GET whose answer is read as bytes (a PDF, a spreadsheet). */
    public HttpResponse<byte[]> getBytes(String path) {
        return sendBytes(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
    }

    /** The CSRF token of the last page read. */
    public String csrf() {
        return lastCsrf;
    }

    public String sessionCookie() {
        return cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("ESSOR_SESSION"))
                .map(java.net.HttpCookie::getValue)
                .findFirst()
                .orElse(null);
    }

    public static String location(HttpResponse<?> response) {
        return response.headers()
                .firstValue("Location")
                .map(l -> l.replaceFirst("^https?://[^/]+", ""))
                .orElse(null);
    }
}
