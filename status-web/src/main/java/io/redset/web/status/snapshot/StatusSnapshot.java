package io.redset.web.status.snapshot;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything public about the page at one moment, immutable, with the API bodies and feeds already
 * rendered: the public page, the Statuspage API and the feeds read only this, so they answer fast
 * and keep answering while the control database does not.
 *
 * @param builtAt    when this snapshot was built
 * @param dataReadAt when incidents, maintenances and settings were last read from the control database
 * @param dataStale  the last read failed: incidents and maintenances are as of {@code dataReadAt}
 * @param components every component, ordered for display (group members after their group)
 * @param incidents  incidents (not maintenances), newest first
 * @param maintenances scheduled maintenances, newest scheduled first
 * @param uptime     90 days per component id, oldest first
 * @param latency    daily median response time in ms per SET component id, oldest first (null: no data)
 * @param rendered   API bodies and feeds by name ({@code summary.json}, {@code history.atom} ...)
 */
public record StatusSnapshot(long version, PageSettings page, Instant builtAt, Instant dataReadAt, boolean dataStale,
                             Instant updatedAt, Indicator indicator, List<PageComponent> components,
                             List<ComponentGroup> groups, List<Incident> incidents, List<Incident> maintenances,
                             Map<String, List<UptimeDay>> uptime, Map<String, List<Double>> latency,
                             Map<String, Rendered> rendered) {

    /** A body rendered once per snapshot, with its strong ETag. */
    public record Rendered(byte[] body, String etag, String contentType) {
    }

    public Optional<Incident> incident(String id) {
        return incidents.stream().filter(i -> i.id().equals(id)).findFirst()
                .or(() -> maintenances.stream().filter(i -> i.id().equals(id)).findFirst());
    }

    public List<Incident> unresolvedIncidents() {
        return incidents.stream().filter(i -> i.status().isUnresolved()).toList();
    }

    public List<Incident> activeMaintenances() {
        return maintenances.stream().filter(i -> i.status().isActiveMaintenance()).toList();
    }

    /** Scheduled ones, soonest first. */
    public List<Incident> upcomingMaintenances() {
        return maintenances.stream().filter(i -> i.status() == IncidentStatus.SCHEDULED)
                .sorted((a, b) -> a.scheduledFor().compareTo(b.scheduledFor())).toList();
    }

    public Optional<PageComponent> component(String id) {
        return components.stream().filter(c -> c.id().equals(id)).findFirst();
    }
}
