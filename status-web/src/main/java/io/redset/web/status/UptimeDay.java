package io.redset.web.status;

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
}
