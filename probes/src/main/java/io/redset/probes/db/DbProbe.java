package io.redset.probes.db;

import io.redset.engine.ClaimEngine;
import io.redset.engine.SetId;
import io.redset.probes.ComponentId;
import io.redset.probes.Probe;
import io.redset.probes.ProbeContext;
import io.redset.probes.ProbeResult;
import io.redset.probes.ProbeType;

import java.time.Duration;

/**
 * One {@code SELECT 1} through the SET's own pool ({@link ClaimEngine#pingDatabase}), past the
 * engine's guards, so it measures the database even while the circuit is open. FAILED when it does
 * not answer (the pool's connection timeout bounds the wait), DEGRADED above the slow threshold.
 */
final class DbProbe implements Probe {

    private final SetId set;
    private final ClaimEngine engine;
    private final Duration interval;
    private final Duration timeout;
    private final Duration slowThreshold;

    DbProbe(SetId set, ClaimEngine engine, Duration interval, Duration timeout, Duration slowThreshold) {
        this.set = set;
        this.engine = engine;
        this.interval = interval;
        this.timeout = timeout;
        this.slowThreshold = slowThreshold;
    }

    @Override
    public ComponentId component() {
        return ComponentId.ofSet(set);
    }

    @Override
    public ProbeType type() {
        return ProbeType.DB;
    }

    @Override
    public Duration interval() {
        return interval;
    }

    @Override
    public Duration timeout() {
        return timeout;
    }

    @Override
    public ProbeResult run(ProbeContext context) {
        Duration roundTrip = engine.pingDatabase(set);
        String text = "round trip " + millis(roundTrip);
        if (roundTrip.compareTo(slowThreshold) > 0) {
            return ProbeResult.degraded(roundTrip, text + ", above " + millis(slowThreshold));
        }
        return ProbeResult.ok(roundTrip, text);
    }

    static String millis(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f ms", d.toNanos() / 1e6);
    }
}
