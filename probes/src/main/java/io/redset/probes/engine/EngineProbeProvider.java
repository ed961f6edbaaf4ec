package io.redset.probes.engine;

import io.redset.engine.SetId;
import io.redset.probes.Probe;
import io.redset.probes.ProbeEnvironment;
import io.redset.probes.ProbeProvider;
import io.redset.probes.ProbeType;
import io.redset.probes.ProbesConfig;

import java.util.ArrayList;
import java.util.List;

/** One {@code engine} probe per SET this node serves. */
public final class EngineProbeProvider implements ProbeProvider {

    @Override
    public ProbeType type() {
        return ProbeType.ENGINE;
    }

    @Override
    public List<Probe> create(ProbeEnvironment env) {
        ProbesConfig c = env.config();
        EngineProbeConfig e = c.engine();
        if (!e.enabled()) {
            return List.of();
        }
        List<Probe> out = new ArrayList<>();
        for (SetId set : env.sets()) {
            out.add(new EngineProbe(set, env.requireEngine(), e, c.intervalOf(e.interval()), c.timeoutOf(e.timeout())));
        }
        return out;
    }
}
