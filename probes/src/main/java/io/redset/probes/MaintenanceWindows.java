package io.redset.probes;

import java.time.Instant;
import java.util.List;

/**
 * Where the health model learns about planned maintenance. It is asked on every scheduler tick, so
 * an implementation must answer from memory (the status module's, which keeps the windows in the
 * control database, holds a cached copy). {@link MaintenanceCalendar} is the in-memory default.
 */
@FunctionalInterface
public interface MaintenanceWindows {

    /** The windows active at that instant. */
    List<MaintenanceWindow> activeAt(Instant now);

    static MaintenanceWindows none() {
        return now -> List.of();
    }
}
