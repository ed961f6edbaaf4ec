package io.redset.alerts;

import io.redset.engine.testing.ControlDatabase;
import io.redset.engine.testing.DatabaseTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A stuck evaluation does not stall the ticker: later ticks skip while it runs, and evaluation resumes after. */
@DatabaseTest
class BoundedEvaluationTest {

    @Test
    void aStuckEvaluationIsWaitedForAtMostTheTimeoutAndEvaluationResumes() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger reads = new AtomicInteger();
        RequestCounters slow = () -> {
            if (reads.incrementAndGet() == 1) {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return Map.of();
        };
        try (ControlDatabase db = new ControlDatabase();
             Alerts alerts = Alerts.start(AlertsConfig.custom().defaultRules(List.of()).evaluationInterval(Duration.ofMillis(100))
                     .evaluationTimeout(Duration.ofMillis(300)).build(), slow, null, db.dataSource())) {
            Thread.sleep(1_000);
            assertThat(alerts.lastEvaluation()).isNull(); // the first one is stuck, the ticker skipped the rest
            assertThat(alerts.alerts()).isEmpty(); // reads still answer
            release.countDown();
            await().atMost(Duration.ofSeconds(5)).until(() -> reads.get() >= 3);
            assertThat(alerts.lastEvaluation()).isNotNull();
        }
    }
}
