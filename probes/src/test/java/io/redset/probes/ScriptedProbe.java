package io.redset.probes;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** A probe for tests: answers what its script says and counts its runs and the largest overlap seen. */
public final class ScriptedProbe implements Probe {

    public interface Script {
        ProbeResult run(ProbeContext context) throws Exception;
    }

    private final ComponentId component;
    private final ProbeType type;
    private final Duration interval;
    private final Duration timeout;
    private volatile Script script;
    private final AtomicInteger runs = new AtomicInteger();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger maxRunning = new AtomicInteger();

    public ScriptedProbe(ComponentId component, ProbeType type, Duration interval, Duration timeout, Script script) {
        this.component = component;
        this.type = type;
        this.interval = interval;
        this.timeout = timeout;
        this.script = script;
    }

    public void script(Script s) {
        script = s;
    }

    public int runs() {
        return runs.get();
    }

    public int maxRunning() {
        return maxRunning.get();
    }

    @Override
    public ComponentId component() {
        return component;
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

    @Override
    public ProbeResult run(ProbeContext context) throws Exception {
        runs.incrementAndGet();
        maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
        try {
            return script.run(context);
        } finally {
            running.decrementAndGet();
        }
    }
}
