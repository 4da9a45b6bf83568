import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Load client of the registration rush (bench/rush.sh): sends ATTEMPTS registrations of one seat, each
 * from a different address, to one date, keeping CONCURRENCY requests in flight, and prints the
 * answers by status, the throughput and the latency percentiles.
 * Usage: java bench/RegistrationRush.java BASE_URL EVENT_ID DATE_ID ATTEMPTS CONCURRENCY [ACKNOWLEDGED_FILE]
 * With ACKNOWLEDGED_FILE, the address of every registration the server acknowledged (202) is written
 * there, a line each, as soon as the answer arrives (the crash test reads them).
 */
public class RegistrationRush {

    public static void main(String[] args) throws Exception {
        String base = args[0];
        long event = Long.parseLong(args[1]);
        long date = Long.parseLong(args[2]);
        int attempts = Integer.parseInt(args[3]);
        int concurrency = Integer.parseInt(args[4]);
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        Semaphore inFlight = new Semaphore(concurrency);
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        long[] latencies = new long[attempts];
        AtomicInteger errors = new AtomicInteger();
        java.io.PrintWriter acknowledged = args.length > 5
                ? new java.io.PrintWriter(new java.io.FileWriter(args[5]), true) : null;
        long start = System.nanoTime();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < attempts; i++) {
                int n = i;
                inFlight.acquire();
                pool.submit(() -> {
                    String body = "{\"eventId\":" + event + ",\"dateId\":" + date + ",\"name\":\"Rush " + n
                            + "\",\"email\":\"rush-" + n + "@example.org\",\"seats\":1}";
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/registrations"))
                                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        int status = response.statusCode();
                        statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                        if (acknowledged != null && status == 202) {
                            synchronized (acknowledged) {
                                acknowledged.println("rush-" + n + "@example.org");
                            }
                        }
                    }
                    catch (Exception ex) {
                        errors.incrementAndGet();
                    }
                    finally {
                        latencies[n] = System.nanoTime() - t0;
                        inFlight.release();
                    }
                });
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(latencies);
        System.out.printf("attempts %d, concurrency %d, %.2f s, %.0f req/s%n", attempts, concurrency, seconds, attempts / seconds);
        System.out.printf("latency ms: p50 %.1f, p90 %.1f, p99 %.1f, max %.1f%n", ms(latencies, 0.50), ms(latencies, 0.90),
                ms(latencies, 0.99), latencies[attempts - 1] / 1e6);
        System.out.println("answers by status: " + new TreeMap<>(statuses) + ", client errors: " + errors.get());
    }

    private static double ms(long[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1e6;
    }
}
