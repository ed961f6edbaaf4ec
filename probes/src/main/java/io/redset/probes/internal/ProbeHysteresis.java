package io.redset.probes.internal;

import io.redset.probes.ProbeId;
import io.redset.probes.ProbeLevel;
import io.redset.probes.ProbeOutcome;
import io.redset.probes.ProbeRun;
import io.redset.probes.ProbeState;

import java.time.Instant;

/**
 * One probe's level (UP, DEGRADED, DOWN) from its recent results, with hysteresis.
 *
 * <p>Each judged result has a severity: OK 0, DEGRADED 1, FAILED and CRITICAL 2 (SKIPPED is not
 * judged and changes nothing). With N = failures to go down and M = successes to come up:
 * <ul>
 *   <li>worse: when the last N severities are all at least s, and s is above the level, the level
 *       becomes s (the worst level held N times in a row);</li>
 *   <li>better: when the last M severities are all below the level, the level becomes the worst of
 *       them;</li>
 *   <li>CRITICAL is proof, not a symptom: the level goes DOWN at once.</li>
 * </ul>
 * Not thread-safe: the health model calls it under its lock.
 */
final class ProbeHysteresis {

    private final ProbeId probe;
    private final int failuresToDown;
    private final int successesToUp;
    private final int[] window;
    private int count;
    private int head;
    private long runs;
    private ProbeLevel level = ProbeLevel.UP;
    private Instant since;
    private String cause;
    private ProbeRun last;

    ProbeHysteresis(ProbeId probe, int failuresToDown, int successesToUp, Instant start) {
        this.probe = probe;
        this.failuresToDown = failuresToDown;
        this.successesToUp = successesToUp;
        this.window = new int[Math.max(failuresToDown, successesToUp)];
        this.since = start;
        this.cause = "no result yet";
    }

    /** Takes one result; true when the level changed. */
    boolean accept(ProbeRun run) {
        last = run;
        runs++;
        ProbeOutcome outcome = run.outcome();
        if (outcome == ProbeOutcome.SKIPPED) {
            return false;
        }
        int severity = severity(outcome);
        window[head] = severity;
        head = (head + 1) % window.length;
        count = Math.min(count + 1, window.length);

        int current = level.ordinal();
        int next = current;
        String why = null;
        if (outcome == ProbeOutcome.CRITICAL) {
            next = ProbeLevel.DOWN.ordinal();
            why = "critical: " + run.result().message();
        } else {
            if (count >= failuresToDown) {
                int held = minOfLast(failuresToDown);
                if (held > current) {
                    next = held;
                    why = failuresToDown + (failuresToDown == 1 ? " bad result" : " consecutive bad results")
                            + ", last: " + describe(run);
                }
            }
            if (next == current && count >= successesToUp) {
                int worst = maxOfLast(successesToUp);
                if (worst < current) {
                    next = worst;
                    why = successesToUp + (successesToUp == 1 ? " better result" : " consecutive better results")
                            + ", last: " + describe(run);
                }
            }
        }
        if (next == current) {
            return false;
        }
        level = ProbeLevel.values()[next];
        since = run.at();
        cause = why;
        return true;
    }

    private static String describe(ProbeRun run) {
        String message = run.result().message();
        return run.outcome().wireName() + (message.isEmpty() ? "" : " (" + message + ")");
    }

    private static int severity(ProbeOutcome outcome) {
        return switch (outcome) {
            case OK -> 0;
            case DEGRADED -> 1;
            case FAILED, CRITICAL -> 2;
            case SKIPPED -> throw new IllegalArgumentException("skipped results are not judged");
        };
    }

    private int minOfLast(int n) {
        int min = Integer.MAX_VALUE;
        for (int i = 1; i <= n; i++) {
            min = Math.min(min, window[Math.floorMod(head - i, window.length)]);
        }
        return min;
    }

    private int maxOfLast(int n) {
        int max = Integer.MIN_VALUE;
        for (int i = 1; i <= n; i++) {
            max = Math.max(max, window[Math.floorMod(head - i, window.length)]);
        }
        return max;
    }

    ProbeId probe() {
        return probe;
    }

    /** Runs taken, skipped ones included. */
    long runs() {
        return runs;
    }

    ProbeLevel level() {
        return level;
    }

    String cause() {
        return cause;
    }

    ProbeState state() {
        return new ProbeState(probe, level, since, cause, last);
    }
}
