package io.redset.probes.http;

import io.redset.probes.Probe;
import io.redset.probes.ProbeEnvironment;
import io.redset.probes.ProbeProvider;
import io.redset.probes.ProbeType;
import io.redset.probes.ProbesConfig;

import java.util.ArrayList;
import java.util.List;

/** One {@code http} probe per configured target ({@code redset.probes.http[i]}). */
public final class HttpProbeProvider implements ProbeProvider {

    @Override
    public ProbeType type() {
        return ProbeType.HTTP;
    }

    @Override
    public List<Probe> create(ProbeEnvironment env) {
        ProbesConfig c = env.config();
        List<Probe> out = new ArrayList<>();
        for (HttpProbeConfig h : c.http()) {
            out.add(new HttpProbe(h, c.intervalOf(h.interval()), c.timeoutOf(h.timeout())));
        }
        return out;
    }
}
