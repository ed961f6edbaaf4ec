package io.redset.probes.engine;

import io.redset.engine.ClaimEngine;
import io.redset.engine.SetId;
import io.redset.engine.SetView;
import io.redset.probes.ProbeContext;
import io.redset.probes.ProbeResult;
import io.redset.probes.ProbeType;
import io.redset.probes.SetProbe;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The engine's own view of a SET, from its meters and state (no database work): the circuit breaker,
 * the claims queued in the lanes, and over the requests since the previous run the error ratio, the
 * rejection ratio and the p99 latency.
 * <ul>
 *   <li>FAILED: circuit OPEN, SET not started (database unreachable since start), or error ratio
 *       above the maximum;</li>
 *   <li>DEGRADED: circuit HALF_OPEN, rejection ratio or p99 above the maximum, queue above the maximum;</li>
 *   <li>ratios and p99 are judged only over at least {@code minRequests} requests.</li>
 * </ul>
 * The result's latency is the p99 bucket when there were requests to measure.
 */
final class EngineProbe extends SetProbe {

    private final EngineProbeConfig config;
    private final EngineMeterWindow meters;

    EngineProbe(SetId set, ClaimEngine engine, EngineProbeConfig config, Duration interval, Duration timeout) {
        super(ProbeType.ENGINE, set, engine, interval, timeout);
        this.config = config;
        this.meters = new EngineMeterWindow(engine.config().meterRegistry(), set.tag());
    }

    @Override
    public ProbeResult run(ProbeContext context) {
        SetView view = engine.set(set);
        EngineMeterWindow.Window w = meters.next();
        List<String> failures = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        switch (view.circuitState()) {
            case "OPEN", "FORCED_OPEN" -> failures.add("circuit breaker " + view.circuitState());
            case "NOT_STARTED" -> failures.add("SET not started: its database has not answered since start");
            case "HALF_OPEN" -> warnings.add("circuit breaker HALF_OPEN");
            default -> { }
        }
        boolean judged = !w.first() && w.requests() >= config.minRequests();
        if (judged && w.errorRatio() > config.maxErrorRatio()) {
            failures.add("error ratio " + percent(w.errorRatio()) + " above " + percent(config.maxErrorRatio()));
        }
        if (judged && w.rejectionRatio() > config.maxRejectionRatio()) {
            warnings.add("rejection ratio " + percent(w.rejectionRatio()) + " above " + percent(config.maxRejectionRatio()));
        }
        if (judged && w.p99() != null && w.p99().compareTo(config.maxP99()) > 0) {
            warnings.add("p99 " + p99(w.p99()) + " above " + config.maxP99().toMillis() + " ms");
        }
        if (view.queuedClaims() > config.maxQueueDepth()) {
            warnings.add("queue " + view.queuedClaims() + " claims, above " + config.maxQueueDepth());
        }
        String summary = String.format(Locale.ROOT, "%s; %.0f requests since the last run%s, errors %s, rejections %s, p99 %s, queue %d, circuit %s",
                view.mode(), w.requests(), judged || w.first() ? "" : " (too few to judge)", percent(w.errorRatio()),
                percent(w.rejectionRatio()), w.p99() == null ? "-" : p99(w.p99()), view.queuedClaims(), view.circuitState());
        Duration latency = w.p99() == null || w.p99() == EngineMeterWindow.ABOVE_BUCKETS ? null : w.p99();
        if (!failures.isEmpty()) {
            return ProbeResult.failed(latency, String.join(", ", failures) + " (" + summary + ")");
        }
        if (!warnings.isEmpty()) {
            return ProbeResult.degraded(latency, String.join(", ", warnings) + " (" + summary + ")");
        }
        return ProbeResult.ok(latency, summary);
    }

    private static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.1f%%", ratio * 100);
    }

    private static String p99(Duration d) {
        return d == EngineMeterWindow.ABOVE_BUCKETS ? "above the largest bucket" : "<= " + d.toMillis() + " ms";
    }
}
