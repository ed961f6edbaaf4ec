package io.redset.probes.internal;

import io.redset.engine.testing.MutableClock;
import io.redset.probes.ComponentId;
import io.redset.probes.ProbeOutcome;
import io.redset.probes.ProbeResult;
import io.redset.probes.ProbeRun;
import io.redset.probes.ProbeType;
import io.redset.probes.ScriptedProbe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The schedule driven by a fake clock: interval, jitter, timeouts, no overlap, bounded threads, stuck probes. */
class ProbeSchedulerTest {

    private static final Instant T0 = Instant.parse("2026-11-21T08:00:00Z");
    private static final Duration INTERVAL = Duration.ofSeconds(10);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final MutableClock clock = new MutableClock(T0);
    private final List<ProbeRun> results = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private ProbeScheduler scheduler;

    @AfterEach
    void stop() {
        release.countDown();
        if (scheduler != null) {
            scheduler.close();
        }
    }

    private ScriptedProbe probe(String component, ScriptedProbe.Script script) {
        return new ScriptedProbe(ComponentId.of(component), ProbeType.DB, INTERVAL, TIMEOUT, script);
    }

    private static ProbeResult ok() {
        return ProbeResult.ok(Duration.ofMillis(3), "fine");
    }

    /** Blocks until the test ends, ignoring interrupts, like a JDBC read on a dead socket. */
    private ProbeResult stuck() {
        while (true) {
            try {
                release.await();
                return ProbeResult.ok(Duration.ZERO, "released");
            } catch (InterruptedException ignored) {
                // a stuck socket read does not care either
            }
        }
    }

    private List<ProbeRun> resultsOf(ScriptedProbe p) {
        return results.stream().filter(r -> r.probe().equals(p.id())).toList();
    }

    /**
     * The worker reports a run's result before it clears the slot's run in flight; a tick in between finds
     * the slot still busy and does not start its next run. So before a tick that must start runs, wait
     * until only the given number of runs (stuck ones) is still in flight.
     */
    private void awaitInFlight(int runs) {
        await().until(() -> scheduler.inFlight() == runs);
    }

    private void tickAt(Duration sinceStart) {
        clock.set(T0.plus(sinceStart));
        scheduler.tick();
    }

    @Test
    void runsOncePerIntervalAndSkipsMissedSlots() {
        ScriptedProbe p = probe("a", ctx -> ok());
        scheduler = new ProbeScheduler(List.of(p), 2, clock, Duration.ZERO, new SplittableRandom(1), results::add);

        tickAt(Duration.ZERO);
        await().until(() -> results.size() == 1);
        assertThat(results.get(0).at()).isEqualTo(T0);
        awaitInFlight(0);
        tickAt(Duration.ofSeconds(9));
        tickAt(Duration.ofMillis(9_999));
        assertThat(p.runs()).isEqualTo(1);
        tickAt(Duration.ofSeconds(10));
        await().until(() -> results.size() == 2);
        assertThat(results.get(1).at()).isEqualTo(T0.plusSeconds(10));
        awaitInFlight(0);

        // the ticker was away for 35 s: one run now, then back on the 10 s grid
        tickAt(Duration.ofSeconds(45));
        await().until(() -> results.size() == 3);
        awaitInFlight(0);
        tickAt(Duration.ofSeconds(49));
        assertThat(p.runs()).isEqualTo(3);
        tickAt(Duration.ofSeconds(50));
        await().until(() -> results.size() == 4);
        assertThat(scheduler.nextDue()).containsExactly(T0.plusSeconds(60));
    }

    @Test
    void jitterDelaysEachRunWithinItsSlot() {
        Duration jitter = Duration.ofSeconds(2);
        ScriptedProbe p = probe("a", ctx -> ok());
        scheduler = new ProbeScheduler(List.of(p), 1, clock, jitter, new SplittableRandom(42), results::add);
        Instant slot = T0;
        for (int i = 0; i < 20; i++) {
            Instant due = scheduler.nextDue().get(0);
            assertThat(due).isBetween(slot, slot.plus(jitter));
            clock.set(due.minusMillis(1));
            scheduler.tick();
            assertThat(p.runs()).isEqualTo(i);
            clock.set(due);
            scheduler.tick();
            int expected = i + 1;
            await().until(() -> p.runs() == expected && scheduler.inFlight() == 0);
            slot = slot.plus(INTERVAL);
        }
        assertThat(results).hasSize(20).allMatch(r -> r.outcome() == ProbeOutcome.OK);
    }

    @Test
    void aStuckProbeTimesOutNeverOverlapsAndStallsNobody() {
        ScriptedProbe stuck = probe("dead", ctx -> stuck());
        ScriptedProbe healthy = probe("alive", ctx -> ok());
        scheduler = new ProbeScheduler(List.of(stuck, healthy), 4, clock, Duration.ZERO, new SplittableRandom(1), results::add);

        tickAt(Duration.ZERO);
        await().until(() -> resultsOf(healthy).size() == 1 && stuck.runs() == 1);
        tickAt(Duration.ofMillis(4_999));
        assertThat(resultsOf(stuck)).isEmpty();

        // at the deadline: reported failed, without waiting for the stuck thread
        // (a tick that waited for the stuck thread would never return; 2 s leaves room for a slow, loaded machine)
        long t0 = System.nanoTime();
        tickAt(TIMEOUT);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
        assertThat(resultsOf(stuck)).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(ProbeOutcome.FAILED);
            assertThat(r.at()).isEqualTo(T0);
            assertThat(r.result().latency()).isEqualTo(TIMEOUT);
            assertThat(r.result().message()).contains("no answer within the timeout");
        });

        // next slots: the stuck run is still there, so no second run starts; each slot is a failure
        for (int slot = 1; slot <= 3; slot++) {
            awaitInFlight(1); // the healthy probe's last run has returned; the stuck one never does
            long before = System.nanoTime();
            tickAt(INTERVAL.multipliedBy(slot));
            assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(2));
            int expected = slot + 1;
            await().until(() -> resultsOf(healthy).size() == expected);
            assertThat(resultsOf(stuck)).hasSize(expected).last().satisfies(r -> {
                assertThat(r.outcome()).isEqualTo(ProbeOutcome.FAILED);
                assertThat(r.result().message()).startsWith("still running");
            });
        }
        assertThat(stuck.runs()).isEqualTo(1);
        assertThat(stuck.maxRunning()).isEqualTo(1);
        assertThat(resultsOf(healthy)).allMatch(r -> r.outcome() == ProbeOutcome.OK);

        // once it returns, its late answer is dropped and the next slot runs it again
        release.countDown();
        await().until(() -> scheduler.inFlight() == 0);
        tickAt(INTERVAL.multipliedBy(4));
        await().until(() -> stuck.runs() == 2 && resultsOf(stuck).size() == 5);
        assertThat(resultsOf(stuck).get(4).outcome()).isEqualTo(ProbeOutcome.OK);
    }

    @Test
    void anInterruptibleProbeIsInterruptedAtItsDeadline() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        ScriptedProbe slow = probe("slow", ctx -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
            }
            return ok();
        });
        scheduler = new ProbeScheduler(List.of(slow), 1, clock, Duration.ZERO, new SplittableRandom(1), results::add);
        tickAt(Duration.ZERO);
        await().until(() -> slow.runs() == 1);
        tickAt(TIMEOUT);
        assertThat(interrupted.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        await().until(() -> scheduler.inFlight() == 0);
        assertThat(resultsOf(slow)).singleElement().satisfies(r -> assertThat(r.result().message()).contains("timeout"));
    }

    @Test
    void threadsAreBoundedAndAQueuedRunTimesOutToo() {
        ScriptedProbe stuck = probe("dead", ctx -> stuck());
        ScriptedProbe healthy = probe("alive", ctx -> ok());
        scheduler = new ProbeScheduler(List.of(stuck, healthy), 1, clock, Duration.ZERO, new SplittableRandom(1), results::add);

        tickAt(Duration.ZERO);
        await().until(() -> stuck.runs() == 1);
        tickAt(TIMEOUT);
        assertThat(healthy.runs()).isZero();
        assertThat(resultsOf(healthy)).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(ProbeOutcome.FAILED);
            assertThat(r.result().message()).contains("every probe thread was busy");
        });
        assertThat(resultsOf(stuck)).singleElement().satisfies(r -> assertThat(r.outcome()).isEqualTo(ProbeOutcome.FAILED));

        release.countDown();
        await().until(() -> scheduler.inFlight() == 0);
        tickAt(INTERVAL);
        await().until(() -> resultsOf(healthy).size() == 2 && resultsOf(stuck).size() == 2);
        assertThat(resultsOf(healthy).get(1).outcome()).isEqualTo(ProbeOutcome.OK);
    }

    @Test
    void anExceptionIsAFailureWithItsMessage() {
        ScriptedProbe p = probe("a", ctx -> {
            throw new IllegalStateException("connection refused", new java.net.ConnectException("port 5432"));
        });
        scheduler = new ProbeScheduler(List.of(p), 1, clock, Duration.ZERO, new SplittableRandom(1), results::add);
        tickAt(Duration.ZERO);
        await().until(() -> results.size() == 1);
        assertThat(results.get(0).outcome()).isEqualTo(ProbeOutcome.FAILED);
        assertThat(results.get(0).result().message())
                .isEqualTo("IllegalStateException: connection refused (ConnectException: port 5432)");
        assertThat(results.get(0).result().latency()).isNotNull();
    }
}
