import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Load client of the last minute before a call closes (bench/closing.sh): each applicant of ACCOUNTS_FILE
 * (lines "email dossierId") signs in, opens their draft, then submits it over HTTP at an instant drawn
 * uniformly from BEFORE_MS before the closing instant to AFTER_MS after it. Prints one CSV line per
 * applicant: dossier, the instant the request left (epoch ms), the status, the latency in ms.
 * Usage: java bench/ClosingRush.java BASE_URL CLOSES_AT_EPOCH_MS ACCOUNTS_FILE PASSWORD BEFORE_MS AFTER_MS
 */
public class ClosingRush {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern REVISION = Pattern.compile("name=\"revision\" value=\"(\\d+)\"");

    record Result(long dossier, long sentAt, int status, long latencyMs) {}

    public static void main(String[] args) throws Exception {
        String base = args[0];
        long closesAt = Long.parseLong(args[1]);
        List<String> accounts = Files.readAllLines(Path.of(args[2]));
        String password = args[3];
        long before = Long.parseLong(args[4]);
        long after = Long.parseLong(args[5]);
        ConcurrentLinkedQueue<Result> results = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String line : accounts) {
                String[] parts = line.strip().split(" ");
                if (parts.length != 2) {
                    continue;
                }
                pool.submit(() -> {
                    try {
                        results.add(one(base, parts[0], password, Long.parseLong(parts[1]), closesAt, before, after));
                    } catch (Exception ex) {
                        failures.add(parts[0] + ": " + ex);
                    }
                    return null;
                });
            }
        }
        System.out.println("dossier,sent_at_ms,status,latency_ms");
        for (Result r : results) {
            System.out.println(r.dossier() + "," + r.sentAt() + "," + r.status() + "," + r.latencyMs());
        }
        failures.forEach(f -> System.err.println("failed before submitting: " + f));
    }

    private static Result one(String base, String email, String password, long dossier, long closesAt, long before, long after)
            throws Exception {
        HttpClient client = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .connectTimeout(Duration.ofSeconds(20))
                .build();
        String login = client.send(HttpRequest.newBuilder(URI.create(base + "/connexion")).GET().build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        post(client, base + "/connexion", Map.of("email", email, "password", password, "_csrf", find(CSRF, login)));
        String page = client.send(
                        HttpRequest.newBuilder(URI.create(base + "/dossiers/" + dossier)).GET().build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        String csrf = find(CSRF, page);
        String revision = find(REVISION, page);
        long target = closesAt - before + ThreadLocalRandom.current().nextLong(before + after);
        long wait = target - System.currentTimeMillis();
        if (wait > 0) {
            Thread.sleep(wait);
        }
        long sent = System.currentTimeMillis();
        long start = System.nanoTime();
        HttpResponse<String> answer = post(
                client,
                base + "/dossiers/" + dossier + "/deposer",
                Map.of("revision", revision, "_csrf", csrf, "a.titre", "Projet du dossier " + dossier));
        return new Result(dossier, sent, answer.statusCode(), (System.nanoTime() - start) / 1_000_000);
    }

    private static String find(Pattern pattern, String page) {
        Matcher m = pattern.matcher(page);
        if (!m.find()) {
            throw new IllegalStateException("not on the page: " + pattern);
        }
        return m.group(1);
    }

    private static HttpResponse<String> post(HttpClient client, String url, Map<String, String> fields) throws Exception {
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return client.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
