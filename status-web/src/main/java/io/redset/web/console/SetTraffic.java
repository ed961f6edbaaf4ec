package io.redset.web.console;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.redset.engine.SetId;
import jakarta.annotation.PreDestroy;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What each SET served on this node in the last 15 minutes, for the console: every
 * {@code redset.console.traffic-sample} (10 s) the engine's cumulative meters
 * ({@code redset.requests} by outcome, the latency histogram {@code redset.request.duration}) are
 * sampled into a ring of 15 minutes per SET; rates, ratios and p99 are differences between samples.
 * Canary traffic is counted apart by the engine and left out here.
 *
 * <p>Concurrency: one sampler thread appends; readers (UI threads) copy a SET's ring under its
 * lock. With several nodes each node shows what it served (the SETs it owns).
 */
@Component
public class SetTraffic {

    static final Duration KEEP = Duration.ofMinutes(15);
    static final Set<String> ERRORS = Set.of("unavailable", "timeout", "error");

    /** One reading of a SET's cumulative meters. */
    record Sample(Instant at, long requests, long errors, long rejections, long claims, long timed,
                  TreeMap<Double, Double> latencyBuckets) {
    }

    /** What the console shows of one SET. */
    /**
     * @param p99 the 99th percentile of the last 5 minutes as the histogram can tell it: {@code <= 25 ms},
     *            or {@code > 5000 ms} above its largest bucket; null without requests
     */
    public record Summary(double requestsPerSecond, double claimsPerSecond, Double errorRatio, Double rejectionRatio,
                          String p99, long requestsLast15Minutes, List<Double> claimsPerSecondSeries) {
        static final Summary EMPTY = new Summary(0, 0, null, null, null, 0, List.of());
    }

    private final MeterRegistry meters;
    private final Clock clock;
    private final Duration every;
    private final Map<String, Deque<Sample>> rings = new ConcurrentHashMap<>();
    private ScheduledExecutorService thread;
    /** Sampler thread only. */
    private Instant lastSampleAt;

    @Autowired
    public SetTraffic(MeterRegistry meters, @Value("${redset.console.traffic-sample:10s}") Duration every) {
        this(meters, every, Clock.systemUTC());
    }

    SetTraffic(MeterRegistry meters, Duration every, Clock clock) {
        this.meters = meters;
        this.clock = clock;
        this.every = every;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        thread = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("redset-console-traffic").daemon().factory());
        thread.scheduleWithFixedDelay(this::sampleQuietly, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (thread != null) {
            thread.shutdownNow();
        }
    }

    private void sampleQuietly() {
        try {
            sample();
        } catch (RuntimeException e) {
            // a meter read cannot fail in practice; never let the sampler die
        }
    }

    /** Reads the meters once (the sampler thread does this every interval). */
    void sample() {
        Instant now = clock.instant();
        Map<String, long[]> counts = new HashMap<>();
        for (Counter c : meters.find("redset.requests").counters()) {
            String set = c.getId().getTag("set");
            if (set == null || "none".equals(set)) {
                continue;
            }
            long n = (long) c.count();
            String outcome = c.getId().getTag("outcome");
            long[] k = counts.computeIfAbsent(set, s -> new long[4]);
            k[0] += n;
            if (ERRORS.contains(outcome)) {
                k[1] += n;
            } else if (outcome != null && outcome.startsWith("rejected_")) {
                k[2] += n;
            }
            if ("claim".equals(c.getId().getTag("operation")) && "success".equals(outcome)) {
                k[3] += n;
            }
        }
        Map<String, TreeMap<Double, Double>> buckets = new HashMap<>();
        Map<String, Long> timed = new HashMap<>();
        for (Timer t : meters.find("redset.request.duration").timers()) {
            String set = t.getId().getTag("set");
            if (set == null || "none".equals(set)) {
                continue;
            }
            TreeMap<Double, Double> b = buckets.computeIfAbsent(set, s -> new TreeMap<>());
            timed.merge(set, t.count(), Long::sum);
            for (CountAtBucket c : t.takeSnapshot().histogramCounts()) {
                b.merge(c.bucket(TimeUnit.MILLISECONDS), c.count(), Double::sum);
            }
        }
        for (Map.Entry<String, long[]> e : counts.entrySet()) {
            long[] k = e.getValue();
            Sample s = new Sample(now, k[0], k[1], k[2], k[3], timed.getOrDefault(e.getKey(), 0L),
                    buckets.getOrDefault(e.getKey(), new TreeMap<>()));
            Instant previous = lastSampleAt;
            Deque<Sample> ring = rings.computeIfAbsent(e.getKey(), x -> {
                // a SET first counted now had zero at the previous reading: its first rate is right away
                Deque<Sample> fresh = new ArrayDeque<>();
                if (previous != null) {
                    fresh.add(new Sample(previous, 0, 0, 0, 0, 0, new TreeMap<>()));
                }
                return fresh;
            });
            synchronized (ring) {
                ring.addLast(s);
                while (ring.size() > 2 && ring.peekFirst().at().isBefore(now.minus(KEEP).minus(every))) {
                    ring.pollFirst();
                }
            }
        }
        lastSampleAt = now;
    }

    /** The last 15 minutes of a SET on this node; empty before two samples exist. */
    public Summary of(SetId set) {
        Deque<Sample> ring = rings.get(set.tag());
        if (ring == null) {
            return Summary.EMPTY;
        }
        List<Sample> samples;
        synchronized (ring) {
            samples = new ArrayList<>(ring);
        }
        if (samples.size() < 2) {
            return Summary.EMPTY;
        }
        Sample last = samples.getLast();
        Sample minuteAgo = atOrBefore(samples, last.at().minusSeconds(60));
        Sample fiveAgo = atOrBefore(samples, last.at().minusSeconds(300));
        double seconds = Math.max(1, Duration.between(minuteAgo.at(), last.at()).toMillis() / 1000.0);
        long req5 = last.requests() - fiveAgo.requests();
        List<Double> series = new ArrayList<>();
        for (int i = 1; i < samples.size(); i++) {
            Sample a = samples.get(i - 1);
            Sample b = samples.get(i);
            double s = Math.max(0.001, Duration.between(a.at(), b.at()).toMillis() / 1000.0);
            series.add((b.claims() - a.claims()) / s);
        }
        return new Summary((last.requests() - minuteAgo.requests()) / seconds, (last.claims() - minuteAgo.claims()) / seconds,
                req5 == 0 ? null : (double) (last.errors() - fiveAgo.errors()) / req5,
                req5 == 0 ? null : (double) (last.rejections() - fiveAgo.rejections()) / req5,
                p99(fiveAgo, last),
                last.requests() - samples.getFirst().requests(), series);
    }

    private static Sample atOrBefore(List<Sample> samples, Instant t) {
        Sample best = samples.getFirst();
        for (Sample s : samples) {
            if (!s.at().isAfter(t)) {
                best = s;
            }
        }
        return best;
    }

    /** The smallest histogram bound under which 99 % of the requests between two readings finished. */
    static String p99(Sample before, Sample after) {
        long total = after.timed() - before.timed();
        if (total <= 0) {
            return null;
        }
        for (Map.Entry<Double, Double> b : after.latencyBuckets().entrySet()) {
            double n = b.getValue() - before.latencyBuckets().getOrDefault(b.getKey(), 0.0);
            if (n >= 0.99 * total) {
                return "<= " + Math.round(b.getKey()) + " ms";
            }
        }
        Double top = after.latencyBuckets().isEmpty() ? null : after.latencyBuckets().lastKey();
        return top == null ? null : "> " + Math.round(top) + " ms";
    }
}
