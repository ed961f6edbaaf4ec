package io.redset.alerts;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** Writes the engine's counter {@code redset.requests} directly, as the engine would. */
public final class TrafficMeters {

    public final MeterRegistry registry = new SimpleMeterRegistry();

    public void count(String set, String operation, String outcome, long n) {
        Counter.builder("redset.requests").tag("set", set).tag("operation", operation).tag("outcome", outcome)
                .register(registry).increment(n);
    }

    public RequestCounters counters() {
        return RequestCounters.of(registry);
    }
}
