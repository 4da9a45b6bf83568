package fr.essor.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class ReadMostlyCacheTests {

    @Test
    void aValueIsComputedOnceThenRead() {
        ReadMostlyCache<Long, String> cache = new ReadMostlyCache<>(100);
        AtomicInteger computed = new AtomicInteger();
        for (int i = 0; i < 3; i++) {
            assertThat(cache.get(7L, id -> "événement " + id + " #" + computed.incrementAndGet()))
                    .isEqualTo("événement 7 #1");
        }
        assertThat(cache.getIfPresent(8L)).isNull();
    }

    @Test
    void itNeverHoldsMoreThanItsSizeAndKeepsTheNewestEntry() {
        ReadMostlyCache<Integer, Integer> cache = new ReadMostlyCache<>(1_000);
        for (int i = 0; i < 25_000; i++) {
            cache.put(i, i);
            assertThat(cache.getIfPresent(i)).isEqualTo(i);
            assertThat(cache.size()).isLessThanOrEqualTo(1_000);
        }
        // replacing a kept key removes nothing
        int before = cache.size();
        cache.put(24_999, -1);
        assertThat(cache.size()).isEqualTo(before);
        assertThat(cache.getIfPresent(24_999)).isEqualTo(-1);
    }

    @Test
    void invalidatedEntriesAreComputedAgain() {
        ReadMostlyCache<Long, String> cache = new ReadMostlyCache<>(10);
        cache.put(1L, "a");
        cache.put(2L, "b");
        cache.put(3L, "c");
        cache.invalidate(1L);
        cache.invalidateAll(List.of(2L));
        assertThat(cache.getIfPresent(1L)).isNull();
        assertThat(cache.getIfPresent(2L)).isNull();
        assertThat(cache.get(2L, id -> "b2")).isEqualTo("b2");
        assertThat(cache.getIfPresent(3L)).isEqualTo("c");
    }
}
