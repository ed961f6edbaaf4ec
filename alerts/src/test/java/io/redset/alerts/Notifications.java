package io.redset.alerts;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Sample notifications for the receiver tests. */
public final class Notifications {

    private Notifications() {
    }

    public static Notification.Item item(long id, String set, String status) {
        return new Notification.Item(id, status, Map.of("alertname", "SetClaimErrorRate", "set", set, "severity", "page"),
                Map.of("summary", "SET " + set + " claim error ratio 12%", "runbook_url", "https://redset.example/runbooks/errors"),
                Instant.parse("2026-11-21T09:32:48.123Z"), "resolved".equals(status) ? Instant.parse("2026-11-21T09:40:00Z") : null,
                "c09c5d2169aafae" + id, null, null);
    }

    public static Notification of(String event, Notification.Item... items) {
        return new Notification(1, "oncall", event, "{}:{alertname=\"SetClaimErrorRate\"}", Map.of("alertname", "SetClaimErrorRate"),
                List.of(items), "http://redset.example", "oncall/" + event + "/k", Instant.parse("2026-11-21T09:33:00Z"));
    }
}
