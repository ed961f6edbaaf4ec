package io.redset.probes.reconcile;

import java.time.Duration;

import static io.redset.probes.internal.SettingChecks.positive;
import static io.redset.probes.internal.SettingChecks.positiveOrNull;

/**
 * Settings of the {@code reconcile} probe (keys under {@code redset.probes.reconcile}). It runs less
 * often than the others by default: each run is one query per money rule over the SET's envelopes
 * of the lookback window.
 *
 * @param lookback envelopes created this long ago or later are checked
 */
public record ReconcileProbeConfig(boolean enabled, Duration interval, Duration timeout, Duration lookback) {

    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_LOOKBACK = Duration.ofHours(1);

    public ReconcileProbeConfig {
        positiveOrNull("reconcile.interval", interval);
        positiveOrNull("reconcile.timeout", timeout);
        positive("reconcile.lookback", lookback);
    }

    public static ReconcileProbeConfig ofDefaults() {
        return new ReconcileProbeConfig(true, DEFAULT_INTERVAL, DEFAULT_TIMEOUT, DEFAULT_LOOKBACK);
    }
}
