package io.redset.probes.internal;

import java.time.Duration;

/**
 * The checks behind the probe configs' validation. Each message starts with the setting's key
 * relative to {@code redset.probes} ({@code canary.total-fen}), so the web app only adds the prefix.
 */
public final class SettingChecks {

    private SettingChecks() {
    }

    public static Duration positive(String key, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(key + " must be positive, was " + value);
        }
        return value;
    }

    /** Null is allowed and means "the general setting"; anything else must be positive. */
    public static Duration positiveOrNull(String key, Duration value) {
        return value == null ? null : positive(key, value);
    }

    public static Duration notNegative(String key, Duration value) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException(key + " must be zero or positive, was " + value);
        }
        return value;
    }

    public static int range(String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(key + " must be " + min + ".." + max + ", was " + value);
        }
        return value;
    }

    public static long range(String key, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(key + " must be " + min + ".." + max + ", was " + value);
        }
        return value;
    }

    public static double ratio(String key, double value) {
        if (!(value > 0 && value <= 1)) {
            throw new IllegalArgumentException(key + " must be in (0, 1], was " + value);
        }
        return value;
    }

    public static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
