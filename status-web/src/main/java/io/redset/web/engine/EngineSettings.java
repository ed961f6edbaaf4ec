package io.redset.web.engine;

import io.micrometer.core.instrument.MeterRegistry;
import io.redset.engine.EngineConfig;
import io.redset.engine.ModeStore;
import io.redset.engine.SetLimits;
import io.redset.web.RedSetProperties;

import java.util.function.Consumer;

/**
 * Maps {@link RedSetProperties} onto the engine's own immutable {@link EngineConfig}. Unset keys
 * keep the engine's defaults; a value the engine's builders refuse fails startup with the key named.
 */
public final class EngineSettings {

    private EngineSettings() {
    }

    public static EngineConfig toEngineConfig(RedSetProperties p, MeterRegistry meterRegistry, ModeStore modeStore) {
        EngineConfig.Builder b = EngineConfig.custom();
        apply("redset.sets.count", p.sets().count(), b::setCount);
        b.ownedSets(p.node().ownedSets(p.sets().count()));

        RedSetProperties.Envelope envelope = p.envelope();
        apply("redset.envelope.lifetime", envelope.lifetime(), b::envelopeLifetime);
        apply("redset.envelope.max-total-fen", envelope.maxTotalFen(), b::maxTotalFen);
        apply("redset.envelope.max-count", envelope.maxCount(), b::maxCount);

        RedSetProperties.Engine engine = p.engine();
        apply("redset.engine.zone", engine.zone(), b::zone);
        apply("redset.engine.lanes-per-set", engine.lanesPerSet(), b::lanesPerSet);
        apply("redset.engine.claim-timeout", engine.claimTimeout(), b::claimTimeout);
        apply("redset.engine.sweep-interval", engine.sweepInterval(), b::sweepInterval);
        apply("redset.engine.archive-interval", engine.archiveInterval(), b::archiveInterval);
        apply("redset.engine.degraded-rate-factor", engine.degradedRateFactor(), b::degradedRateFactor);
        b.circuit(circuit(engine.circuit()));
        b.limits(limits(p.limits()));

        b.meterRegistry(meterRegistry);
        b.modeStore(modeStore);
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("redset engine configuration: " + e.getMessage(), e);
        }
    }

    /** The initial limits of every SET: SetLimits' defaults overridden by the {@code redset.limits.*} keys. */
    public static SetLimits limits(RedSetProperties.Limits l) {
        SetLimits.Builder b = SetLimits.custom();
        apply("redset.limits.send-per-second", l.sendPerSecond(), b::sendPerSecond);
        apply("redset.limits.claim-per-second", l.claimPerSecond(), b::claimPerSecond);
        apply("redset.limits.grab-per-second", l.grabPerSecond(), b::grabPerSecond);
        apply("redset.limits.details-per-second", l.detailsPerSecond(), b::detailsPerSecond);
        apply("redset.limits.bulkhead-max-concurrent", l.bulkheadMaxConcurrent(), b::bulkheadMaxConcurrent);
        apply("redset.limits.bulkhead-max-wait", l.bulkheadMaxWait(), b::bulkheadMaxWait);
        apply("redset.limits.envelope-cap", l.envelopeCap(), b::envelopeCap);
        apply("redset.limits.batch-size", l.batchSize(), b::batchSize);
        return b.build();
    }

    private static EngineConfig.CircuitSettings circuit(RedSetProperties.Circuit c) {
        EngineConfig.CircuitSettings d = EngineConfig.CircuitSettings.ofDefaults();
        float threshold = c.failureRateThreshold() == null ? d.failureRateThreshold() : c.failureRateThreshold();
        int minimumCalls = c.minimumNumberOfCalls() == null ? d.minimumNumberOfCalls() : c.minimumNumberOfCalls();
        int window = c.slidingWindowSize() == null ? d.slidingWindowSize() : c.slidingWindowSize();
        int halfOpen = c.permittedCallsInHalfOpenState() == null
                ? d.permittedCallsInHalfOpenState() : c.permittedCallsInHalfOpenState();
        check(threshold > 0 && threshold <= 100, "redset.engine.circuit.failure-rate-threshold must be in (0, 100], was " + threshold);
        check(minimumCalls >= 1, "redset.engine.circuit.minimum-number-of-calls must be at least 1, was " + minimumCalls);
        check(window >= 1, "redset.engine.circuit.sliding-window-size must be at least 1, was " + window);
        check(halfOpen >= 1, "redset.engine.circuit.permitted-calls-in-half-open-state must be at least 1, was " + halfOpen);
        var wait = c.waitInOpenState() == null ? d.waitInOpenState() : c.waitInOpenState();
        check(!wait.isNegative() && !wait.isZero(), "redset.engine.circuit.wait-in-open-state must be positive, was " + wait);
        return new EngineConfig.CircuitSettings(threshold, minimumCalls, window, wait, halfOpen);
    }

    private static <T> void apply(String key, T value, Consumer<T> setter) {
        if (value == null) {
            return;
        }
        try {
            setter.accept(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
        }
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
