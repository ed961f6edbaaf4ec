package io.redset.probes;

import io.redset.engine.ClaimEngine;
import io.redset.engine.SetId;

import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link ProbeProvider} builds its probes from.
 *
 * @param engine the claim engine whose SETs are probed; null when only HTTP targets are probed
 */
public record ProbeEnvironment(ProbesConfig config, ClaimEngine engine) {

    public ProbeEnvironment {
        Objects.requireNonNull(config, "config");
    }

    public Clock clock() {
        return config.clock();
    }

    /** The SETs this node serves (and so probes); none without an engine. */
    public List<SetId> sets() {
        return engine == null ? List.of() : List.copyOf(engine.config().ownedSets());
    }

    public ClaimEngine requireEngine() {
        if (engine == null) {
            throw new IllegalStateException("SET probes need a ClaimEngine");
        }
        return engine;
    }
}
