package io.redset.engine.internal;

import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.redset.engine.EngineConfig;
import io.redset.engine.RejectedException;
import io.redset.engine.SetId;
import io.redset.engine.SetLimits;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The guards of one SET without a database: lookups cannot take the permits of sends. */
class SetGuardsTest {

    private final SetGuards guards = new SetGuards(SetId.of(3), SetLimits.custom().bulkheadMaxConcurrent(4)
            .bulkheadMaxWait(Duration.ZERO).build(), EngineConfig.CircuitSettings.ofDefaults(), RateLimiterRegistry.ofDefaults(),
            BulkheadRegistry.ofDefaults(), CircuitBreakerRegistry.ofDefaults());

    @Test
    void aFullReadBulkheadLeavesSendsTheirPermits() throws Exception {
        CountDownLatch inside = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService readers = Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < 2; i++) { // reads get half of the 4 permits
                readers.submit(() -> guards.guardedDatabaseCall(SetGuards.Work.READ, () -> {
                    inside.countDown();
                    return release.await(10, TimeUnit.SECONDS);
                }));
            }
            assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
            assertThatThrownBy(() -> guards.guardedDatabaseCall(SetGuards.Work.READ, () -> 1))
                    .isInstanceOfSatisfying(RejectedException.class,
                            e -> assertThat(e.reason()).isEqualTo(RejectedException.Reason.BULKHEAD_FULL));
            assertThat(guards.guardedDatabaseCall(SetGuards.Work.WRITE, () -> "sent")).isEqualTo("sent");
        } finally {
            release.countDown();
            readers.shutdown();
            assertThat(readers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(guards.guardedDatabaseCall(SetGuards.Work.READ, () -> 2)).isEqualTo(2);
    }

    @Test
    void newLimitsApplyToBothBulkheads() {
        guards.apply(SetLimits.custom().bulkheadMaxConcurrent(1).bulkheadMaxWait(Duration.ZERO).build());
        assertThat(guards.guardedDatabaseCall(SetGuards.Work.READ, () -> "one read permit at least")).isNotNull();
        assertThat(guards.guardedDatabaseCall(SetGuards.Work.WRITE, () -> "and one write")).isNotNull();
    }
}
