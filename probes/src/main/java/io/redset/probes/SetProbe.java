package io.redset.probes;

import io.redset.engine.ClaimEngine;
import io.redset.engine.SetId;

import java.time.Duration;

/** What every per-SET probe (db, canary, reconcile, engine) shares: its SET, engine, period and time limit. */
public abstract class SetProbe implements Probe {

    protected final SetId set;
    protected final ClaimEngine engine;
    private final ProbeType type;
    private final Duration interval;
    private final Duration timeout;

    protected SetProbe(ProbeType type, SetId set, ClaimEngine engine, Duration interval, Duration timeout) {
        this.type = type;
        this.set = set;
        this.engine = engine;
        this.interval = interval;
        this.timeout = timeout;
    }

    @Override
    public ComponentId component() {
        return ComponentId.ofSet(set);
    }

    @Override
    public ProbeType type() {
        return type;
    }

    @Override
    public Duration interval() {
        return interval;
    }

    @Override
    public Duration timeout() {
        return timeout;
    }
}
