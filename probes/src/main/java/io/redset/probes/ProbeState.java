package io.redset.probes;

import java.time.Instant;

/**
 * What one probe says about its component now.
 *
 * @param level      after hysteresis
 * @param levelSince when the level was last changed (the start of monitoring at first)
 * @param levelCause why the probe is at this level
 * @param last       the latest run, null before the first
 */
public record ProbeState(ProbeId probe, ProbeLevel level, Instant levelSince, String levelCause, ProbeRun last) {
}
