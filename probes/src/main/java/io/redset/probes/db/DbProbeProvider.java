package io.redset.probes.db;

import io.redset.engine.SetId;
import io.redset.probes.Probe;
import io.redset.probes.ProbeEnvironment;
import io.redset.probes.ProbeProvider;
import io.redset.probes.ProbeType;
import io.redset.probes.ProbesConfig;

import java.util.ArrayList;
import java.util.List;

/** One {@code db} probe per SET this node serves. */
public final class DbProbeProvider implements ProbeProvider {

    @Override
    public ProbeType type() {
        return ProbeType.DB;
    }

    @Override
    public List<Probe> create(ProbeEnvironment env) {
        ProbesConfig c = env.config();
        DbProbeConfig db = c.db();
        if (!db.enabled()) {
            return List.of();
        }
        List<Probe> out = new ArrayList<>();
        for (SetId set : env.sets()) {
            out.add(new DbProbe(set, env.requireEngine(), c.intervalOf(db.interval()), c.timeoutOf(db.timeout()),
                    db.slowThreshold()));
        }
        return out;
    }
}
