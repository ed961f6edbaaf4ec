package io.redset.web.status.snapshot;

import io.redset.probes.ComponentStatus;

import java.time.LocalDate;
import java.util.List;

/**
 * One cell of a 90-day uptime bar.
 *
 * @param worst         the worst status of the day, null when nothing was observed
 * @param uptimePercent null when nothing was observed
 * @param incidents     names of the incidents that concerned the component that day
 */
public record UptimeDay(LocalDate day, ComponentStatus worst, Double uptimePercent, List<String> incidents) {

    public UptimeDay {
        incidents = List.copyOf(incidents);
    }

    /**
     * The uptime over the days with data: measured days count their uptime, days known only from
     * incidents count 0 (partial or major outage) or 100; null when no day has data.
     */
    public static Double overallPercent(List<UptimeDay> days) {
        double sum = 0;
        int n = 0;
        for (UptimeDay d : days) {
            if (d.uptimePercent() != null) {
                sum += d.uptimePercent();
                n++;
            } else if (d.worst() != null) {
                sum += d.worst() == ComponentStatus.PARTIAL_OUTAGE || d.worst() == ComponentStatus.MAJOR_OUTAGE ? 0 : 100;
                n++;
            }
        }
        return n == 0 ? null : sum / n;
    }
}
