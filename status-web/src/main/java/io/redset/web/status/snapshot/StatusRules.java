package io.redset.web.status.snapshot;

import io.redset.probes.ComponentStatus;

import java.util.Collection;
import java.util.List;

/**
 * How statuses combine. Pure functions, tested on their own.
 * <ul>
 *   <li>A component's effective status is the worst of its live status (probes, or what admins set
 *       on a manual component) and the newest status each <em>unresolved</em> incident's updates gave
 *       it; when that is operational and an in-progress or verifying maintenance covers it, it is
 *       {@code under_maintenance}.</li>
 *   <li>The page's indicator is the worst of: any {@code major_outage} component -> critical, any
 *       {@code partial_outage} -> major, any {@code degraded_performance} -> minor, and the impact of
 *       every unresolved incident. When that is none and a maintenance is active or a component is
 *       under maintenance, it is {@code maintenance}.</li>
 * </ul>
 */
public final class StatusRules {

    private StatusRules() {
    }

    public static ComponentStatus effectiveStatus(String componentId, ComponentStatus live, Collection<Incident> incidents) {
        ComponentStatus status = live;
        boolean inMaintenance = false;
        for (Incident incident : incidents) {
            if (incident.isMaintenance()) {
                if (incident.status().isActiveMaintenance() && incident.componentIds().contains(componentId)) {
                    inMaintenance = true;
                }
                continue;
            }
            if (!incident.status().isUnresolved()) {
                continue;
            }
            ComponentStatus declared = declaredBy(incident, componentId);
            if (declared != null) {
                status = ComponentStatus.worst(status, declared);
            }
        }
        if (status == ComponentStatus.OPERATIONAL && inMaintenance) {
            return ComponentStatus.UNDER_MAINTENANCE;
        }
        return status;
    }

    /** The newest status the incident's updates gave the component, or null if none did. */
    static ComponentStatus declaredBy(Incident incident, String componentId) {
        for (IncidentUpdate update : incident.updates()) { // newest first
            for (AffectedComponent a : update.affected()) {
                if (a.code().equals(componentId)) {
                    return a.newStatus();
                }
            }
        }
        return null;
    }

    public static Indicator indicator(Collection<ComponentStatus> componentStatuses, Collection<Incident> incidents) {
        int rank = 0;
        boolean maintenance = false;
        for (ComponentStatus s : componentStatuses) {
            rank = Math.max(rank, switch (s) {
                case MAJOR_OUTAGE -> 3;
                case PARTIAL_OUTAGE -> 2;
                case DEGRADED_PERFORMANCE -> 1;
                case OPERATIONAL -> 0;
                case UNDER_MAINTENANCE -> {
                    maintenance = true;
                    yield 0;
                }
            });
        }
        for (Incident i : incidents) {
            if (i.isMaintenance()) {
                maintenance |= i.status().isActiveMaintenance();
            } else if (i.status().isUnresolved()) {
                rank = Math.max(rank, i.impact().rank());
            }
        }
        return switch (rank) {
            case 3 -> Indicator.CRITICAL;
            case 2 -> Indicator.MAJOR;
            case 1 -> Indicator.MINOR;
            default -> maintenance ? Indicator.MAINTENANCE : Indicator.NONE;
        };
    }

    /** The worst of the statuses, operational for none. */
    public static ComponentStatus worst(List<ComponentStatus> statuses) {
        ComponentStatus w = ComponentStatus.OPERATIONAL;
        for (ComponentStatus s : statuses) {
            w = ComponentStatus.worst(w, s);
        }
        return w;
    }
}
