package io.redset.probes;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One component's day, for 90-day uptime bars and response-time sparklines.
 *
 * @param observedSeconds  seconds of the day with a known status (the day so far, for today)
 * @param secondsByStatus  how long it spent in each status
 * @param worstStatus      the worst status it had that day; null when nothing was observed
 * @param uptimePercent    share of the observed time not in partial or major outage; null when nothing was observed
 * @param probes           per probe: runs by outcome and latency percentiles
 */
public record DailyRollup(ComponentId component, LocalDate day, long observedSeconds,
                          Map<ComponentStatus, Long> secondsByStatus, ComponentStatus worstStatus, Double uptimePercent,
                          List<ProbeDay> probes) {

    public DailyRollup {
        secondsByStatus = Map.copyOf(secondsByStatus);
        probes = List.copyOf(probes);
    }

    /**
     * One probe's day.
     *
     * @param latencyP50Ms median latency of the runs that measured one, null when none did
     */
    public record ProbeDay(ProbeType probe, int runs, int ok, int degraded, int failed, int critical, int skipped,
                           Double latencyP50Ms, Double latencyP95Ms) {

        /** Share of the judged runs (not skipped) that succeeded, OK or DEGRADED; null when none were judged. */
        public Double successPercent() {
            int judged = runs - skipped;
            return judged == 0 ? null : 100.0 * (ok + degraded) / judged;
        }
    }
}
