package io.redset.alerts;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.HashMap;
import java.util.Map;

/**
 * Where the rules read the engine's cumulative request counts: one number per (set, operation,
 * outcome), as counted by the counter {@code redset.requests}. Read once per evaluation.
 */
@FunctionalInterface
public interface RequestCounters {

    record Series(String set, String operation, String outcome) {
    }

    Map<Series, Long> read();

    /** The engine's counter {@code redset.requests} in that registry. */
    static RequestCounters of(MeterRegistry registry) {
        return () -> {
            Map<Series, Long> out = new HashMap<>();
            for (Counter c : registry.find("redset.requests").counters()) {
                var id = c.getId();
                out.merge(new Series(id.getTag("set"), id.getTag("operation"), id.getTag("outcome")), (long) c.count(), Long::sum);
            }
            return out;
        };
    }

    static RequestCounters none() {
        return Map::of;
    }
}
