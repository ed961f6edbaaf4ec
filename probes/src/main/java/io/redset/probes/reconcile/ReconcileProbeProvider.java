package io.redset.probes.reconcile;

import io.redset.engine.SetId;
import io.redset.probes.Probe;
import io.redset.probes.ProbeEnvironment;
import io.redset.probes.ProbeProvider;
import io.redset.probes.ProbeType;
import io.redset.probes.ProbesConfig;

import java.util.ArrayList;
import java.util.List;

/** One {@code reconcile} probe per SET this node serves. */
public final class ReconcileProbeProvider implements ProbeProvider {

    @Override
    public ProbeType type() {
        return ProbeType.RECONCILE;
    }

    @Override
    public List<Probe> create(ProbeEnvironment env) {
        ProbesConfig c = env.config();
        ReconcileProbeConfig r = c.reconcile();
        if (!r.enabled()) {
            return List.of();
        }
        List<Probe> out = new ArrayList<>();
        for (SetId set : env.sets()) {
            out.add(new ReconcileProbe(set, env.requireEngine(), env.clock(), c.intervalOf(r.interval()),
                    c.timeoutOf(r.timeout()), r.lookback()));
        }
        return out;
    }
}
