package io.redset.alerts;

import java.time.Instant;

/** Who acknowledged an alert, when, why, and until when the acknowledgement holds. */
public record Acknowledgement(String by, Instant at, String comment, Instant expiresAt) {

    public boolean activeAt(Instant now) {
        return expiresAt == null || now.isBefore(expiresAt);
    }
}
