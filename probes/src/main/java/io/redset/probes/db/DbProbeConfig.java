package io.redset.probes.db;

import java.time.Duration;

import static io.redset.probes.internal.SettingChecks.positive;
import static io.redset.probes.internal.SettingChecks.positiveOrNull;

/**
 * Settings of the {@code db} probe (keys under {@code redset.probes.db}).
 *
 * @param interval      null: the general {@code interval}
 * @param timeout       null: the general {@code timeout}
 * @param slowThreshold a round trip slower than this is DEGRADED
 */
public record DbProbeConfig(boolean enabled, Duration interval, Duration timeout, Duration slowThreshold) {

    public static final Duration DEFAULT_SLOW_THRESHOLD = Duration.ofMillis(250);

    public DbProbeConfig {
        positiveOrNull("db.interval", interval);
        positiveOrNull("db.timeout", timeout);
        positive("db.slow-threshold", slowThreshold);
    }

    public static DbProbeConfig ofDefaults() {
        return new DbProbeConfig(true, null, null, DEFAULT_SLOW_THRESHOLD);
    }
}
