package io.redset.probes.canary;

import java.time.Duration;

import static io.redset.probes.internal.SettingChecks.positive;
import static io.redset.probes.internal.SettingChecks.positiveOrNull;
import static io.redset.probes.internal.SettingChecks.range;

/**
 * Settings of the {@code canary} probe (keys under {@code redset.probes.canary}).
 *
 * @param slowThreshold a whole canary round (send, grab, two claims, details) slower than this is DEGRADED
 * @param totalFen      money in one canary envelope, in fen (probe money: kept out of the business counters)
 * @param shares        shares per canary envelope; two are claimed, the rest is refunded at expiry
 * @param refundGrace   how long after a canary envelope's expiry its refund must be visible
 */
public record CanaryProbeConfig(boolean enabled, Duration interval, Duration timeout, Duration slowThreshold,
                                long totalFen, int shares, Duration refundGrace) {

    public static final Duration DEFAULT_SLOW_THRESHOLD = Duration.ofSeconds(1);
    public static final long DEFAULT_TOTAL_FEN = 30;
    public static final int DEFAULT_SHARES = 3;
    public static final Duration DEFAULT_REFUND_GRACE = Duration.ofMinutes(1);

    public CanaryProbeConfig {
        positiveOrNull("canary.interval", interval);
        positiveOrNull("canary.timeout", timeout);
        positive("canary.slow-threshold", slowThreshold);
        range("canary.shares", shares, 3, 100);
        range("canary.total-fen", totalFen, shares, 10_000);
        positive("canary.refund-grace", refundGrace);
    }

    public static CanaryProbeConfig ofDefaults() {
        return new CanaryProbeConfig(true, null, null, DEFAULT_SLOW_THRESHOLD, DEFAULT_TOTAL_FEN, DEFAULT_SHARES,
                DEFAULT_REFUND_GRACE);
    }
}
