package io.redset.engine.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.redset.engine.SetId;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The engine's business meters, per SET. Names (Prometheus form):
 * <ul>
 *   <li>{@code redset_requests_total{set,operation,outcome}}: every request and how it ended;</li>
 *   <li>{@code redset_request_duration_seconds{set,operation}}: latency histogram;</li>
 *   <li>{@code redset_batch_claims{set}}: claims per lane transaction;</li>
 *   <li>{@code redset_queue_depth{set}}: claims waiting in the SET's lanes;</li>
 *   <li>{@code redset_money_fen_total{set,kind=sent|claimed|refunded}}.</li>
 * </ul>
 * Canary traffic of RedSet's own probes is counted under {@code redset_probe_requests_total} only.
 */
public final class EngineMetrics {

    public static final String REQUESTS = "redset.requests";
    public static final String PROBE_REQUESTS = "redset.probe.requests";
    public static final String DURATION = "redset.request.duration";
    public static final String BATCH = "redset.batch.claims";
    public static final String QUEUE_DEPTH = "redset.queue.depth";
    public static final String MONEY = "redset.money.fen";

    /** How a request ended; the value of the {@code outcome} tag. */
    public enum Outcome {
        SUCCESS("success"), SOLD_OUT("sold_out"), ALREADY_CLAIMED("already_claimed"), EXPIRED("expired"),
        REJECTED_RATE_LIMIT("rejected_rate_limit"), REJECTED_BULKHEAD("rejected_bulkhead"), REJECTED_BUSY("rejected_busy"),
        REJECTED_MODE("rejected_mode"), UNAVAILABLE("unavailable"), TIMEOUT("timeout"), BAD_REQUEST("bad_request"),
        NOT_FOUND("not_found"), ERROR("error");

        final String tag;

        Outcome(String tag) {
            this.tag = tag;
        }

        public String tag() {
            return tag;
        }
    }

    /** Fixed histogram buckets: few series per SET, enough for p50/p99 and SLO ratios. */
    private static final Duration[] LATENCY_BUCKETS = {
        Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
        Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5)};
    private static final double[] BATCH_BUCKETS = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000};

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Map<SetId, DistributionSummary> batches = new ConcurrentHashMap<>();

    public EngineMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public MeterRegistry registry() {
        return registry;
    }

    void request(SetId set, String operation, Outcome outcome, long nanos, boolean probe) {
        String setTag = set == null ? "none" : set.tag();
        String name = probe ? PROBE_REQUESTS : REQUESTS;
        counters.computeIfAbsent(name + '|' + setTag + '|' + operation + '|' + outcome.tag, k -> Counter.builder(name)
                .description(probe ? "Requests of RedSet's own canary probes" : "Engine requests by SET, operation and outcome")
                .tag("set", setTag).tag("operation", operation).tag("outcome", outcome.tag)
                .register(registry)).increment();
        if (!probe && set != null) {
            timers.computeIfAbsent(setTag + '|' + operation, k -> Timer.builder(DURATION)
                    .description("Engine request latency")
                    .tag("set", setTag).tag("operation", operation)
                    .serviceLevelObjectives(LATENCY_BUCKETS)
                    .register(registry)).record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }

    void batch(SetId set, int claims) {
        batches.computeIfAbsent(set, s -> DistributionSummary.builder(BATCH)
                .description("Claims applied per lane transaction")
                .tag("set", s.tag())
                .serviceLevelObjectives(BATCH_BUCKETS)
                .register(registry)).record(claims);
    }

    void money(SetId set, String kind, long fen) {
        if (fen == 0) {
            return;
        }
        counters.computeIfAbsent(MONEY + '|' + set.tag() + '|' + kind, k -> Counter.builder(MONEY)
                .description("Money moved, in fen")
                .tag("set", set.tag()).tag("kind", kind)
                .register(registry)).increment(fen);
    }

    void queueDepthGauge(SetId set, java.util.function.Supplier<Number> depth) {
        io.micrometer.core.instrument.Gauge.builder(QUEUE_DEPTH, depth)
                .description("Claims waiting in the SET's lanes")
                .tag("set", set.tag())
                .register(registry);
    }
}
