package io.redset.alerts;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One alert as the console shows it: its labels (the fingerprint is their hash), state and times,
 * the acknowledgement, and why it is quiet if it is (silences, maintenance).
 *
 * @param source        {@code rule} for RedSet's own rules, {@code alertmanager} for alerts taken in
 * @param activeSince   when the condition started to hold (pending since)
 * @param firedAt       when it went firing, null while pending
 * @param lastActiveAt  the last evaluation at which the condition held
 * @param resolvedAt    when it resolved (or went inactive without firing)
 * @param silencedBy    the silences muting it now
 * @param maintenance   the maintenance windows muting it now, as {@code id: title}
 * @param notifications how many notifications about it were queued so far
 */
public record Alert(long id, String fingerprint, String rule, String source, Map<String, String> labels,
                    Map<String, String> annotations, AlertState state, double value, Instant activeSince,
                    Instant firedAt, Instant lastActiveAt, Instant resolvedAt, Acknowledgement ack,
                    List<Long> silencedBy, List<String> maintenance, int notifications) {

    public Alert {
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
        silencedBy = List.copyOf(silencedBy);
        maintenance = List.copyOf(maintenance);
    }

    public boolean muted() {
        return !silencedBy.isEmpty() || !maintenance.isEmpty();
    }

    public boolean acknowledgedAt(Instant now) {
        return ack != null && ack.activeAt(now);
    }

    public String alertname() {
        return labels.getOrDefault("alertname", rule);
    }
}
