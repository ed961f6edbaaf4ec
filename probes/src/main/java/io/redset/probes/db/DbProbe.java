package io.redset.probes.db;

import io.redset.engine.ClaimEngine;
import io.redset.engine.SetId;
import io.redset.probes.ProbeContext;
import io.redset.probes.ProbeResult;
import io.redset.probes.ProbeType;
import io.redset.probes.SetProbe;

import java.time.Duration;

/**
 * One {@code SELECT 1} through the SET's own pool ({@link ClaimEngine#pingDatabase}), past the
 * engine's guards, so it measures the database even while the circuit is open. FAILED when it does
 * not answer (the pool's connection timeout bounds the wait), DEGRADED above the slow threshold.
 */
final class DbProbe extends SetProbe {

    private final Duration slowThreshold;

    DbProbe(SetId set, ClaimEngine engine, Duration interval, Duration timeout, Duration slowThreshold) {
        super(ProbeType.DB, set, engine, interval, timeout);
        this.slowThreshold = slowThreshold;
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
