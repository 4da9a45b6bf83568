package fr.essor.shared;

import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Values kept by key, at most so many, for data read by every request and rarely written (events, their JSON,
 * their cards): a read writes nothing. When full, a new entry first removes a tenth of the entries, whichever
 * the map yields first.
 *
 * <p>Why not a bounded Caffeine cache, which evicts better: to choose what to evict it notes every read and
 * reorders its entries' links, tens of writes per request into objects of the old generation. Under the agenda's
 * search mix those writes dirtied cards all over tens of thousands of entries, which G1 scanned at every young
 * collection: 7 to 17 ms of each pause, against 1 to 2 ms with this map. The data these caches keep fits in them
 * (their sizes are settings), so the simpler eviction costs little.
 */
public final class ReadMostlyCache<K, V> {

    private final ConcurrentHashMap<K, V> map;
    private final int maximumSize;

    public ReadMostlyCache(int maximumSize) {
        if (maximumSize < 1) {
            throw new IllegalArgumentException("maximumSize: " + maximumSize);
        }
        this.maximumSize = maximumSize;
        this.map = new ConcurrentHashMap<>(Math.min(maximumSize, 1 << 16));
    }

    /** The value kept for this key, or {@code null}. */
    public V getIfPresent(K key) {
        return map.get(key);
    }

    /**
     * The value kept for this key, else the one computed, then kept. Computed outside any lock: two requests
     * missing the same key at once may both compute it, and the last one is kept.
     */
    public V get(K key, Function<? super K, ? extends V> compute) {
        V value = map.get(key);
        if (value == null) {
            value = compute.apply(key);
            put(key, value);
        }
        return value;
    }

    public void put(K key, V value) {
        if (map.size() >= maximumSize && !map.containsKey(key)) {
            trim();
        }
        map.put(key, value);
    }

    public void invalidate(K key) {
        map.remove(key);
    }

    public void invalidateAll(Iterable<? extends K> keys) {
        keys.forEach(map::remove);
    }

    public int size() {
        return map.size();
    }

    private synchronized void trim() {
        int excess = map.size() - maximumSize + Math.max(1, maximumSize / 10);
        Iterator<K> keys = map.keySet().iterator();
        while (excess-- > 0 && keys.hasNext()) {
            keys.next();
            keys.remove();
        }
    }
}
