package fr.essor.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Guesses sent in parallel cannot pass the same count: of 40 attempts on one account from one
 * address, released together, exactly {@link LoginThrottle#PAIR_LIMIT} are let through.
 */
@SpringBootTest
class LoginThrottleRaceTests {

    @Autowired
    LoginThrottle throttle;

    @Test
    void parallelGuessesNeverExceedTheLimit() throws Exception {
        for (int round = 0; round < 3; round++) {
            String key = "course-" + round + "-" + System.nanoTime() + "@example.org";
            String address = "198.51.100." + round;
            ExecutorService pool = Executors.newFixedThreadPool(16);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> attempts = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                attempts.add(pool.submit(() -> {
                    start.await();
                    return throttle.begin(key, address, null).isPresent();
                }));
            }
            start.countDown();
            int through = 0;
            for (Future<Boolean> attempt : attempts) {
                through += attempt.get() ? 1 : 0;
            }
            pool.shutdown();
            assertThat(through).as("round %d", round).isEqualTo(LoginThrottle.PAIR_LIMIT);
        }
    }
}
