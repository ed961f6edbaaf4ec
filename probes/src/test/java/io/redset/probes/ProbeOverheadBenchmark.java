package io.redset.probes;

import io.redset.engine.testing.ControlDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.redset.engine.ClaimAnswer;
import io.redset.engine.ClaimEngine;
import io.redset.engine.ClaimOutcome;
import io.redset.engine.EnvelopeId;
import io.redset.engine.SendCommand;
import io.redset.engine.SplitMode;
import io.redset.engine.testing.EngineFixture;
import io.redset.probes.reconcile.ReconcileProbeConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Not part of the suite (its name does not end in Test): claims per second of an in-process engine
 * with the probes off, at their default interval, and at a tenth of it, in alternating rounds.
 * Run: {@code ./mvnw -o -pl probes test -Dtest=ProbeOverheadBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * (system properties {@code bench.seconds}, {@code bench.rounds}, {@code bench.threads}).
 */
class ProbeOverheadBenchmark {

    private static final int SHARES = 100;

    @Test
    void claimsPerSecondWithAndWithoutProbes() throws Exception {
        int seconds = Integer.getInteger("bench.seconds", 10);
        int rounds = Integer.getInteger("bench.rounds", 2);
        int threads = Integer.getInteger("bench.threads", 8);
        Map<String, List<Double>> rates = new LinkedHashMap<>();
        try (EngineFixture fixture = new EngineFixture(2, 8, b -> b.backgroundJobs(false).meterRegistry(new SimpleMeterRegistry()));
             ControlDatabase control = new ControlDatabase()) {
            ClaimEngine engine = fixture.start();
            run(engine, threads, 3); // warm-up
            for (int r = 0; r < rounds; r++) {
                rates.computeIfAbsent("off", k -> new ArrayList<>()).add(run(engine, threads, seconds));
                try (Probes ignored = Probes.start(ProbesConfig.custom().build(), engine, control.dataSource())) {
                    rates.computeIfAbsent("on, interval 10s (default)", k -> new ArrayList<>()).add(run(engine, threads, seconds));
                }
                try (Probes ignored = Probes.start(ProbesConfig.custom().interval(Duration.ofSeconds(1)).timeout(Duration.ofSeconds(1))
                        .jitter(Duration.ofMillis(100))
                        .reconcile(new ReconcileProbeConfig(true, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofHours(1)))
                        .build(), engine, control.dataSource())) {
                    rates.computeIfAbsent("on, interval 1s (all four probes)", k -> new ArrayList<>()).add(run(engine, threads, seconds));
                }
                try (Probes ignored = Probes.start(ProbesConfig.custom().interval(Duration.ofSeconds(1)).timeout(Duration.ofSeconds(1))
                        .jitter(Duration.ofMillis(100)).build(), engine, control.dataSource())) {
                    rates.computeIfAbsent("on, interval 1s, reconcile 1 min", k -> new ArrayList<>()).add(run(engine, threads, seconds));
                }
            }
        }
        rates.forEach((k, v) -> System.out.printf("OVERHEAD %-36s claims/s per round %s, mean %.0f%n", k,
                v.stream().map(x -> String.format("%.0f", x)).toList(), v.stream().mapToDouble(Double::doubleValue).average().orElse(0)));
    }

    /** Claims per second over the given seconds, threads claiming 100-share envelopes one after another. */
    private static double run(ClaimEngine engine, int threads, int seconds) throws InterruptedException {
        List<EnvelopeId> envelopes = new CopyOnWriteArrayList<>();
        AtomicLong tickets = new AtomicLong();
        AtomicLong claimed = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        String run = Long.toString(System.nanoTime(), 36);
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                try {
                    while (!stop.get()) {
                        long n = tickets.getAndIncrement();
                        int index = (int) (n / SHARES);
                        synchronized (envelopes) {
                            while (envelopes.size() <= index) {
                                envelopes.add(engine.send(SendCommand.of("bench-" + run + "-" + envelopes.size(), 10_000, SHARES,
                                        SplitMode.LUCKY)).envelopeId());
                            }
                        }
                        try {
                            ClaimAnswer a = engine.claim(envelopes.get(index), "u" + n);
                            if (a.outcome() == ClaimOutcome.CLAIMED) {
                                claimed.incrementAndGet();
                            }
                        } catch (RuntimeException e) {
                            // busy or rate limited: counted as not claimed
                        }
                    }
                } finally {
                    done.countDown();
                }
            });
            worker.setDaemon(true);
            worker.start();
        }
        long t0 = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        long c = claimed.get();
        double elapsed = (System.nanoTime() - t0) / 1e9;
        stop.set(true);
        done.await();
        return c / elapsed;
    }
}
