package fr.essor.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class RecentlySeenTests {

    private final AtomicLong millis = new AtomicLong(1_000);

    @Test
    void aRequestIsSeenWithinTheWindowOnly() {
        RecentlySeen seen = new RecentlySeen(1024, Duration.ofSeconds(10), millis::get);
        assertThat(seen.seenBefore("/agenda?q=emploi")).isFalse();
        millis.addAndGet(9_999);
        assertThat(seen.seenBefore("/agenda?q=emploi")).isTrue();
        // each asking starts the window again
        millis.addAndGet(9_999);
        assertThat(seen.seenBefore("/agenda?q=emploi")).isTrue();
        millis.addAndGet(10_000);
        assertThat(seen.seenBefore("/agenda?q=emploi")).isFalse();
        assertThat(seen.seenBefore("/agenda?q=emplois")).isFalse();
    }

    @Test
    void theClockMayWrapAroundItsThirtyTwoBits() {
        millis.set(0xFFFF_FFFFL - 5);
        RecentlySeen seen = new RecentlySeen(16, Duration.ofSeconds(1), millis::get);
        assertThat(seen.seenBefore(42L)).isFalse();
        millis.addAndGet(500);
        assertThat(seen.seenBefore(42L)).isTrue();
        millis.addAndGet(1_000);
        assertThat(seen.seenBefore(42L)).isFalse();
    }

    @Test
    void aFreshTableHasSeenNothingNotEvenTheHashZero() {
        millis.set(0);
        RecentlySeen seen = new RecentlySeen(8, Duration.ofSeconds(1), millis::get);
        for (long h = -100; h < 100; h++) {
            assertThat(seen.seenBefore(h)).as("hash %d", h).isFalse();
        }
    }

    @Test
    void manyDistinctRequestsAreNotMistakenForOnesSeen() {
        RecentlySeen seen = new RecentlySeen(1 << 16, Duration.ofSeconds(10), millis::get);
        for (int i = 0; i < 6_000; i++) {
            seen.seenBefore("/api/v1/events?q=emploi&departement=" + i);
        }
        int remembered = 0;
        for (int i = 0; i < 6_000; i++) {
            if (seen.seenBefore("/api/v1/events?q=emploi&departement=" + i)) {
                remembered++;
            }
        }
        // a tenth as many requests as slots: at most about one in ten forgotten
        assertThat(remembered).isGreaterThan(5_300);
        int mistaken = 0;
        for (int i = 0; i < 100_000; i++) {
            if (seen.seenBefore("/api/v1/events?q=insertion&departement=" + i)) {
                mistaken++;
            }
        }
        assertThat(mistaken).isZero();
    }

    @Test
    void sizesAndWindowsOutsideItsRangeAreRefused() {
        assertThatThrownBy(() -> new RecentlySeen(0, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RecentlySeen(8, Duration.ofDays(30))).isInstanceOf(IllegalArgumentException.class);
        assertThat(new RecentlySeen(1000, Duration.ofSeconds(1)).seenBefore("x"))
                .isFalse();
    }
}
