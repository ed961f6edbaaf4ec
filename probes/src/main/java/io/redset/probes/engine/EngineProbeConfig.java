package io.redset.probes.engine;

import java.time.Duration;

import static io.redset.probes.internal.SettingChecks.positive;
import static io.redset.probes.internal.SettingChecks.positiveOrNull;
import static io.redset.probes.internal.SettingChecks.range;
import static io.redset.probes.internal.SettingChecks.ratio;

/**
 * Settings of the {@code engine} probe (keys under {@code redset.probes.engine}). Ratios and the
 * p99 are taken over the requests since the previous run.
 *
 * @param maxErrorRatio     errors (error, unavailable, timeout) / requests above this: FAILED
 * @param maxRejectionRatio rejections (rate limit, bulkhead, busy) / requests above this: DEGRADED
 * @param maxP99            p99 request latency above this: DEGRADED
 * @param maxQueueDepth     claims waiting in the SET's lanes above this: DEGRADED
 * @param minRequests       fewer requests than this since the previous run: ratios are not judged
 */
public record EngineProbeConfig(boolean enabled, Duration interval, Duration timeout, double maxErrorRatio,
                                double maxRejectionRatio, Duration maxP99, int maxQueueDepth, int minRequests) {

    public static final double DEFAULT_MAX_ERROR_RATIO = 0.05;
    public static final double DEFAULT_MAX_REJECTION_RATIO = 0.20;
    public static final Duration DEFAULT_MAX_P99 = Duration.ofSeconds(1);
    public static final int DEFAULT_MAX_QUEUE_DEPTH = 10_000;
    public static final int DEFAULT_MIN_REQUESTS = 20;

    public EngineProbeConfig {
        positiveOrNull("engine.interval", interval);
        positiveOrNull("engine.timeout", timeout);
        ratio("engine.max-error-ratio", maxErrorRatio);
        ratio("engine.max-rejection-ratio", maxRejectionRatio);
        positive("engine.max-p99", maxP99);
        range("engine.max-queue-depth", maxQueueDepth, 1, Integer.MAX_VALUE);
        range("engine.min-requests", minRequests, 1, 1_000_000);
    }

    public static EngineProbeConfig ofDefaults() {
        return new EngineProbeConfig(true, null, null, DEFAULT_MAX_ERROR_RATIO, DEFAULT_MAX_REJECTION_RATIO,
                DEFAULT_MAX_P99, DEFAULT_MAX_QUEUE_DEPTH, DEFAULT_MIN_REQUESTS);
    }
}
