package io.redset.probes;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Maintenance windows kept in memory; add and remove them while running. Thread-safe. */
public final class MaintenanceCalendar implements MaintenanceWindows {

    private final Map<String, MaintenanceWindow> windows = new ConcurrentHashMap<>();

    public void add(MaintenanceWindow window) {
        windows.put(window.id(), window);
    }

    public void remove(String id) {
        windows.remove(id);
    }

    public List<MaintenanceWindow> all() {
        return List.copyOf(windows.values());
    }

    @Override
    public List<MaintenanceWindow> activeAt(Instant now) {
        return windows.values().stream().filter(w -> w.activeAt(now)).toList();
    }
}
