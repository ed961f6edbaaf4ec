package io.redset.web.ui;

import io.redset.engine.SetMode;
import io.redset.engine.SetView;

import java.util.List;
import java.util.Locale;

/**
 * The words the public page uses for a SET's state. Status is always said in text; colour (the
 * CSS class) only repeats it.
 */
final class StatusWording {

    private StatusWording() {
    }

    static String mode(SetMode mode) {
        return switch (mode) {
            case NORMAL -> "Operational";
            case DEGRADED -> "Degraded performance";
            case SEND_PAUSED -> "Sending paused, claims work";
            case READ_ONLY -> "Read-only: claims paused, shares are safe";
            case OFFLINE -> "Offline";
        };
    }

    static String database(SetView set) {
        if (!set.owned()) {
            return "Served by another node";
        }
        String state = set.circuitState() == null ? "" : set.circuitState().toUpperCase(Locale.ROOT);
        return switch (state) {
            case "CLOSED" -> "Reachable";
            case "OPEN", "FORCED_OPEN" -> "Failing (circuit open)";
            case "HALF_OPEN" -> "Recovering (circuit half-open)";
            case "NOT_STARTED" -> "Unreachable since start";
            case "" -> "Unknown";
            default -> "Circuit " + state.toLowerCase(Locale.ROOT).replace('_', ' ');
        };
    }

    /** A CSS class that colours the status: ok, warn or down. */
    static String severity(SetView set) {
        if (set.mode() == SetMode.OFFLINE || (set.owned() && ("OPEN".equalsIgnoreCase(set.circuitState())
                || "NOT_STARTED".equalsIgnoreCase(set.circuitState())))) {
            return "down";
        }
        if (set.mode() != SetMode.NORMAL || (set.owned() && !"CLOSED".equalsIgnoreCase(set.circuitState()))) {
            return "warn";
        }
        return "ok";
    }

    static String summary(List<SetView> sets) {
        long troubled = sets.stream().filter(s -> !"ok".equals(severity(s))).count();
        if (troubled == 0) {
            return "All systems operational.";
        }
        return troubled + " of " + sets.size() + (sets.size() == 1 ? " SET" : " SETs") + (troubled == 1 ? " has" : " have")
                + " limited service. Money already claimed or sent is safe.";
    }
}
