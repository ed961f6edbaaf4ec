package io.redset.alerts;

import java.time.Instant;

/** A row as the console lists it; {@code target} is set for one-off messages only. */
public record OutboxEntry(long id, String dedupKey, String receiver, String event, String target, String status, int attempts,
                          Instant createdAt, Instant deliveredAt, String lastError) {

    /**
     * The same row with the subscriber's target cut to what tells where a message went without
     * who got it or the URL's secret parts: {@code r…@example.org}, {@code https://hooks.example.org/…}.
     */
    public OutboxEntry masked() {
        String masked = mask(target);
        // a mail server's refusal often repeats the address
        String error = target == null || lastError == null ? lastError : lastError.replace(target, masked);
        return new OutboxEntry(id, dedupKey, receiver, event, masked, status, attempts, createdAt, deliveredAt, error);
    }

    static String mask(String target) {
        if (target == null) {
            return null;
        }
        int at = target.lastIndexOf('@');
        if (!target.contains("://") && at > 0) {
            return target.charAt(0) + "\u2026" + target.substring(at);
        }
        try {
            java.net.URI uri = java.net.URI.create(target);
            if (uri.getScheme() != null && uri.getHost() != null) {
                return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + "/\u2026";
            }
        } catch (IllegalArgumentException ignored) {
            // fall through
        }
        return "\u2026";
    }
}
