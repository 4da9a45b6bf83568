package fr.essor.shared;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Which requests were seen within a time window, remembered without allocating anything per request: a fixed
 * table of slots, each holding the fingerprint of a request's hash and the millisecond it was last seen.
 *
 * <p>Made for a cache that keeps an answer only from its second asking within its time to live. A map of the
 * requests asked once (a cache entry per request, some 450 bytes) kept every distinct request in memory for the
 * whole window: under a mix of searches nobody repeats, those entries lived through a dozen young collections and
 * their copying was most of the collector's pauses. Here a request costs one write into a table allocated once.
 *
 * <p>Approximate, in the direction that is safe for such a cache: a request whose slot another one took since is
 * reported as not seen (its answer is not kept this time), and two requests are only mistaken for each other when
 * their 64-bit hashes share the slot's bits and the 32 bits of the fingerprint.
 */
public final class RecentlySeen {

    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final long FINGERPRINT = 0xFFFF_FFFF_0000_0000L;
    private static final long TIME = 0x0000_0000_FFFF_FFFFL;

    private final long[] slots;
    private final int mask;
    private final long windowMillis;
    private final LongSupplier millis;

    /**
     * @param slots how many requests it can tell apart (rounded up to a power of two), 8 bytes each; with a
     *     tenth as many requests within the window, about one in ten is forgotten early
     * @param window how long a request is remembered (at most 24 days)
     */
    public RecentlySeen(int slots, Duration window) {
        this(slots, window, () -> System.nanoTime() / 1_000_000);
    }

    /** As above, with the clock of the tests, in milliseconds. */
    public RecentlySeen(int slots, Duration window, LongSupplier millis) {
        if (slots < 1 || slots > 1 << 26) {
            throw new IllegalArgumentException("slots: " + slots);
        }
        if (window.isNegative() || window.toMillis() >= Integer.MAX_VALUE) {
            throw new IllegalArgumentException("window: " + window);
        }
        int size = Integer.highestOneBit(slots) == slots ? slots : Integer.highestOneBit(slots) << 1;
        this.slots = new long[size];
        this.mask = size - 1;
        this.windowMillis = window.toMillis();
        this.millis = millis;
    }

    /** Whether a request of this key was seen within the window; notes that one now was. */
    public boolean seenBefore(CharSequence key) {
        long hash = 1125899906842597L;
        for (int i = 0; i < key.length(); i++) {
            hash = 31 * hash + key.charAt(i);
        }
        return seenBefore(hash);
    }

    /** As {@link #seenBefore(CharSequence)}, for a request known by a 64-bit hash. */
    public boolean seenBefore(long hash) {
        long mixed = mix(hash);
        int slot = (int) mixed & mask;
        // never 0, the value of a slot nobody used
        long fingerprint = (mixed & FINGERPRINT) == 0 ? 1L << 32 : mixed & FINGERPRINT;
        long now = millis.getAsLong() & TIME;
        // opaque: each slot read and written whole; two requests racing for a slot leave either one, which is
        // what the table promises anyway
        long previous = (long) SLOTS.getOpaque(slots, slot);
        SLOTS.setOpaque(slots, slot, fingerprint | now);
        return (previous & FINGERPRINT) == fingerprint && ((now - (previous & TIME)) & TIME) < windowMillis;
    }

    /** The finaliser of MurmurHash3: every bit of the hash moves the slot and the fingerprint. */
    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb93e2f4bd2f7L;
        h ^= h >>> 33;
        return h;
    }
}
