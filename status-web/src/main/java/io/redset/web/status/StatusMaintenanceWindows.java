package io.redset.web.status;

import io.redset.probes.MaintenanceWindow;
import io.redset.probes.MaintenanceWindows;

import java.time.Instant;
import java.util.List;

/**
 * The maintenances in progress or verifying, handed to the probes' health model so the components
 * they cover show {@code under_maintenance}. Set by {@link StatusService} after each read of the
 * control database; read from memory on every probe tick.
 */
public final class StatusMaintenanceWindows implements MaintenanceWindows {

    private volatile List<MaintenanceWindow> active = List.of();

    void set(List<MaintenanceWindow> windows) {
        this.active = List.copyOf(windows);
    }

    @Override
    public List<MaintenanceWindow> activeAt(Instant now) {
        return active.stream().filter(w -> w.activeAt(now)).toList();
    }
}
