package io.redset.alerts.internal;

import io.redset.alerts.RequestCounters.Series;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** Increases over sliding windows of cumulative counters, and the thinning that bounds their memory. */
class MeterWindowTest {

    static final Instant T0 = Instant.parse("2026-12-02T00:00:00Z");
    static final Series OK = new Series("03", "claim", "ok");
    static final Series ERROR = new Series("03", "claim", "error");
    static final Predicate<Series> ALL = s -> true;
    static final Predicate<Series> ERRORS = s -> s.outcome().equals("error");

    static Map<Series, Long> counts(long ok, long errors) {
        return Map.of(OK, ok, ERROR, errors);
    }

    @Test
    void theIncreaseIsTheNewestSnapshotMinusTheNewestOneAtOrBeforeTheWindowStart() {
        MeterWindow w = new MeterWindow(Duration.ofHours(1), Duration.ofMinutes(1), Duration.ofDays(1));
        assertThat(w.isEmpty()).isTrue();
        assertThat(w.increase(Duration.ofMinutes(5), ALL)).isZero();
        assertThat(w.covered()).isZero();

        for (int k = 0; k <= 10; k++) { // every 10 s: 10 ok and 1 error more
            w.add(T0.plusSeconds(10L * k), counts(10L * k, k));
        }
        assertThat(w.newest()).isEqualTo(T0.plusSeconds(100));
        assertThat(w.covered()).isEqualTo(Duration.ofSeconds(100));
        assertThat(w.increase(Duration.ofSeconds(30), ALL)).isEqualTo(33);
        assertThat(w.increase(Duration.ofSeconds(30), ERRORS)).isEqualTo(3);
        assertThat(w.increase(Duration.ofSeconds(35), ERRORS)).as("the snapshot at or before t-35 s is the one at t-40 s").isEqualTo(4);
        assertThat(w.increase(Duration.ofHours(1), ALL)).as("less history: from the oldest snapshot").isEqualTo(110);
        assertThat(w.increaseBetween(Duration.ofSeconds(60), Duration.ofSeconds(30), ERRORS)).isEqualTo(3);
    }

    @Test
    void aSeriesThatAppearsLateCountsFromZero() {
        MeterWindow w = new MeterWindow(Duration.ofHours(1), Duration.ofMinutes(1), Duration.ofDays(1));
        w.add(T0, Map.of(OK, 100L));
        w.add(T0.plusSeconds(10), Map.of(OK, 105L, ERROR, 2L));
        assertThat(w.increase(Duration.ofSeconds(10), ERRORS)).isEqualTo(2);
        assertThat(w.increase(Duration.ofSeconds(10), ALL)).isEqualTo(7);
    }

    @Test
    void oldSnapshotsAreThinnedToOnePerCoarseStepAndDroppedAfterTheRetention() {
        MeterWindow w = new MeterWindow(Duration.ofMinutes(10), Duration.ofMinutes(1), Duration.ofHours(1));
        // 3 hours at one snapshot per 10 s: 1,081 snapshots added
        for (int k = 0; k <= 1080; k++) {
            w.add(T0.plusSeconds(10L * k), counts(k, 0));
        }
        Instant now = T0.plusSeconds(10_800);
        assertThat(w.newest()).isEqualTo(now);
        // kept: about an hour (plus one coarse step) of history, not three
        assertThat(w.covered()).isBetween(Duration.ofHours(1), Duration.ofHours(1).plusMinutes(1));
        // within the fine part the window is exact to the 10 s step
        assertThat(w.increase(Duration.ofMinutes(5), ALL)).isEqualTo(30);
        // in the coarse part, to the minute: an hour back finds a snapshot within a minute of it
        assertThat(w.increase(Duration.ofMinutes(50), ALL)).isBetween(300L, 306L);
    }
}
