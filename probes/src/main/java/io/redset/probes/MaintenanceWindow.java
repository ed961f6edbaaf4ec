package io.redset.probes;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * Planned work on some components between start and end: while active, those components show
 * {@link ComponentStatus#UNDER_MAINTENANCE} (an admin override still wins).
 */
public record MaintenanceWindow(String id, String title, Set<ComponentId> components, Instant start, Instant end) {

    public MaintenanceWindow {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("maintenance title must not be blank");
        }
        if (components == null || components.isEmpty()) {
            throw new IllegalArgumentException("maintenance " + id + " must name at least one component");
        }
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("maintenance " + id + " must end after it starts");
        }
        components = Set.copyOf(components);
    }

    public boolean activeAt(Instant now) {
        return !now.isBefore(start) && now.isBefore(end);
    }

    public boolean covers(ComponentId component) {
        return components.contains(component);
    }
}
