package fr.essor.limits;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;

/**
 * The limits' API: counts one more request of a kind for a key (a client address, a recipient) in a
 * token bucket kept in PostgreSQL ({@code limits.bucket}, a row per key locked while it is counted),
 * so that several instances share every limit. {@code essor.limits.enabled=false} lifts them all
 * (benchmarks, tests that are not about limits).
 */
@Service
public class RateLimits {

    private static final Logger SECURITY = LoggerFactory.getLogger("essor.security");

    private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;
    private final boolean enabled;

    RateLimits(DataSource dataSource, @Value("${essor.limits.enabled:true}") boolean enabled) {
        this.enabled = enabled;
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("limits.bucket")
                .idColumn("id")
                .stateColumn("state")
                .expiresAtColumn("expires_at")
                .expirationAfterWrite(
                        ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1)))
                .build();
    }

    /**
     * Counts one more for this key; empty when allowed, else how long until one more would be.
     *
     * @param key what is counted (a client address, a recipient…); kept as given, lower-cased
     */
    public Optional<Duration> tryOne(Limit limit, String key) {
        if (!enabled) {
            return Optional.empty();
        }
        String id = limit.name() + ":" + (key == null ? "" : key.strip().toLowerCase(Locale.ROOT));
        ConsumptionProbe probe =
                buckets.getProxy(id, () -> configuration(limit)).tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return Optional.empty();
        }
        Duration wait = Duration.ofNanos(probe.getNanosToWaitForRefill());
        return Optional.of(wait.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : wait);
    }

    private static BucketConfiguration configuration(Limit limit) {
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(limit.capacity())
                        .refillGreedy(limit.capacity(), limit.period())
                        .build())
                .build();
    }

    /** Forgets the buckets that have refilled (a full bucket says nothing a missing one would not). */
    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT3M")
    void forgetFullBuckets() {
        int removed;
        do {
            removed = buckets.removeExpired(1000);
        } while (removed == 1000);
    }
}
