package io.redset.probes.canary;

import io.redset.engine.SetId;
import io.redset.probes.Probe;
import io.redset.probes.ProbeEnvironment;
import io.redset.probes.ProbeProvider;
import io.redset.probes.ProbeType;
import io.redset.probes.ProbesConfig;

import java.util.ArrayList;
import java.util.List;

/** One {@code canary} probe per SET this node serves. */
public final class CanaryProbeProvider implements ProbeProvider {

    @Override
    public ProbeType type() {
        return ProbeType.CANARY;
    }

    @Override
    public List<Probe> create(ProbeEnvironment env) {
        ProbesConfig c = env.config();
        CanaryProbeConfig canary = c.canary();
        if (!canary.enabled()) {
            return List.of();
        }
        List<Probe> out = new ArrayList<>();
        for (SetId set : env.sets()) {
            out.add(new CanaryProbe(set, env.requireEngine(), env.clock(), canary, c.intervalOf(canary.interval()),
                    c.timeoutOf(canary.timeout())));
        }
        return out;
    }
}
