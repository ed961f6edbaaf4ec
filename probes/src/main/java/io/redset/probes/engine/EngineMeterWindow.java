package io.redset.probes.engine;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The engine's request meters of one SET over the window since the previous {@link #next()}: counts
 * by outcome (from {@code redset.requests}) and the p99 latency (from the fixed buckets of
 * {@code redset.request.duration}, all operations together). Meter names and tags are the engine's
 * documented ones. Canary traffic is counted apart by the engine, so it is not in here.
 *
 * <p>Counters are cumulative, so a window is a difference. Histogram buckets are cumulative in the
 * Prometheus registry; a registry whose histograms decay over time makes a difference negative, and
 * then the current buckets stand for the window as they are. Not thread-safe (one probe's runs).
 */
final class EngineMeterWindow {

    static final String REQUESTS = "redset.requests";
    static final String DURATION = "redset.request.duration";
    static final Set<String> ERRORS = Set.of("error", "unavailable", "timeout");
    static final Set<String> REJECTIONS = Set.of("rejected_rate_limit", "rejected_bulkhead", "rejected_busy");

    private final MeterRegistry registry;
    private final String set;
    private Map<String, Double> lastCounts;
    private TreeMap<Double, Double> lastBuckets;
    private double lastTimed;

    EngineMeterWindow(MeterRegistry registry, String set) {
        this.registry = registry;
        this.set = set;
    }

    /**
     * @param first     true for the first window (no previous reading: nothing to compare yet)
     * @param requests  requests in the window
     * @param p99       upper bound of the bucket holding the 99th percentile; null without timed
     *                  requests, {@link Duration#ZERO} never; {@link #ABOVE_BUCKETS} beyond the last bucket
     */
    record Window(boolean first, double requests, double errors, double rejections, Duration p99) {

        double errorRatio() {
            return requests == 0 ? 0 : errors / requests;
        }

        double rejectionRatio() {
            return requests == 0 ? 0 : rejections / requests;
        }
    }

    static final Duration ABOVE_BUCKETS = Duration.ofDays(1);

    Window next() {
        Map<String, Double> counts = new HashMap<>();
        for (Counter c : registry.find(REQUESTS).tag("set", set).counters()) {
            String outcome = c.getId().getTag("outcome");
            counts.merge(outcome == null ? "unknown" : outcome, c.count(), Double::sum);
        }
        TreeMap<Double, Double> buckets = new TreeMap<>();
        double timed = 0;
        for (Timer t : registry.find(DURATION).tag("set", set).timers()) {
            timed += t.count();
            for (CountAtBucket b : t.takeSnapshot().histogramCounts()) {
                buckets.merge(b.bucket(), b.count(), Double::sum);
            }
        }
        boolean first = lastCounts == null;
        Map<String, Double> delta = new HashMap<>();
        counts.forEach((k, v) -> delta.put(k, Math.max(0, v - (first ? v : lastCounts.getOrDefault(k, 0.0)))));
        double requests = delta.values().stream().mapToDouble(Double::doubleValue).sum();
        double errors = ERRORS.stream().mapToDouble(k -> delta.getOrDefault(k, 0.0)).sum();
        double rejections = REJECTIONS.stream().mapToDouble(k -> delta.getOrDefault(k, 0.0)).sum();

        Duration p99 = null;
        if (!first) {
            double windowTimed = timed - lastTimed;
            TreeMap<Double, Double> window = new TreeMap<>();
            boolean decayed = false;
            for (Map.Entry<Double, Double> e : buckets.entrySet()) {
                double d = e.getValue() - lastBuckets.getOrDefault(e.getKey(), 0.0);
                if (d < 0) {
                    decayed = true;
                }
                window.put(e.getKey(), d);
            }
            if (decayed) {
                window = buckets;
                windowTimed = Math.max(windowTimed, buckets.isEmpty() ? 0 : buckets.lastEntry().getValue());
            }
            p99 = percentile(window, windowTimed, 0.99);
        }
        lastCounts = counts;
        lastBuckets = buckets;
        lastTimed = timed;
        return new Window(first, requests, errors, rejections, p99);
    }

    /** Upper bound of the first cumulative bucket holding the quantile; null without samples. */
    static Duration percentile(TreeMap<Double, Double> cumulativeBuckets, double total, double q) {
        if (total <= 0) {
            return null;
        }
        double rank = q * total;
        for (Map.Entry<Double, Double> e : cumulativeBuckets.entrySet()) {
            if (e.getValue() >= rank) {
                return Duration.ofNanos(e.getKey().longValue());
            }
        }
        return ABOVE_BUCKETS;
    }
}
