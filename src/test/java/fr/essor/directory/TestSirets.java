package fr.essor.directory;

import java.util.concurrent.atomic.AtomicInteger;

/** SIRET numbers with a valid Luhn key, a new one at each call, for tests. */
public final class TestSirets {

    private static final AtomicInteger NEXT = new AtomicInteger((int) (System.nanoTime() % 900_000));

    private TestSirets() {}

    public static String next() {
        String base = String.format("%08d%05d", 41_000_000 + NEXT.incrementAndGet(), 10);
        for (int last = 0; last <= 9; last++) {
            if (Siret.valid(base + last)) {
                return base + last;
            }
        }
        throw new IllegalStateException();
    }
}
