package io.redset.probes.reconcile;

import io.redset.engine.ClaimEngine;
import io.redset.engine.ReconcileFinding;
import io.redset.engine.SetId;
import io.redset.probes.ProbeContext;
import io.redset.probes.ProbeResult;
import io.redset.probes.ProbeType;
import io.redset.probes.SetProbe;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The money rules ({@link ClaimEngine#reconcile}: sums, refunds, ledger balance, one claim per user,
 * seq without gaps, FIFO) over the SET's envelopes created within the lookback. Any broken rule is a
 * CRITICAL result that names the envelopes and the rules: money was created or lost, which no
 * number of retries makes right. FAILED when the check cannot run (database unreachable).
 */
final class ReconcileProbe extends SetProbe {

    static final int NAMED = 5;

    private final Clock clock;
    private final Duration lookback;

    ReconcileProbe(SetId set, ClaimEngine engine, Clock clock, Duration interval, Duration timeout, Duration lookback) {
        super(ProbeType.RECONCILE, set, engine, interval, timeout);
        this.clock = clock;
        this.lookback = lookback;
    }

    @Override
    public ProbeResult run(ProbeContext context) {
        Instant since = clock.instant().minus(lookback);
        long t0 = System.nanoTime();
        List<ReconcileFinding> findings = engine.reconcile(set, since);
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        if (findings.isEmpty()) {
            return ProbeResult.ok(took, "money rules hold for the envelopes created since " + since);
        }
        long envelopes = findings.stream().map(ReconcileFinding::envelopeId).distinct().count();
        String named = findings.stream().limit(NAMED)
                .map(f -> "envelope " + f.envelopeId() + " breaks '" + f.rule() + "'")
                .collect(Collectors.joining("; "));
        return ProbeResult.critical(took, "money mismatch on " + envelopes + " envelope(s): " + named
                + (findings.size() > NAMED ? "; and " + (findings.size() - NAMED) + " more" : ""));
    }
}
