package io.redset.probes;

/**
 * What a probe currently says about its component, after hysteresis: it takes N consecutive bad
 * results to go down a level and M consecutive better ones to come back ({@link ProbesConfig}).
 */
public enum ProbeLevel {
    UP, DEGRADED, DOWN
}
