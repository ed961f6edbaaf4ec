package io.redset.alerts.webhook;

import io.redset.alerts.ReceiverConfig;
import io.redset.alerts.internal.Durations;

import java.net.URI;
import java.time.Duration;

/**
 * Settings of a webhook receiver: {@code url} (required), {@code timeout} (default 10s),
 * {@code bearer-token} (optional, sent as {@code Authorization: Bearer}).
 */
public record WebhookConfig(ReceiverConfig receiver, URI url, Duration timeout, String bearerToken) {

    public static WebhookConfig of(ReceiverConfig c) {
        return new WebhookConfig(c, HttpTarget.uri(c, "url"), HttpTarget.duration(c, "timeout", Duration.ofSeconds(10)),
                c.setting("bearer-token", null));
    }

    /** Reading of URL and duration settings, shared by the HTTP receivers. */
    public static final class HttpTarget {
        private HttpTarget() {
        }

        public static URI uri(ReceiverConfig c, String key) {
            String v = c.required(key);
            try {
                URI u = URI.create(v);
                if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme())) {
                    throw new IllegalArgumentException();
                }
                return u;
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(c.key(key) + " must be an http(s) URL");
            }
        }

        public static Duration duration(ReceiverConfig c, String key, Duration fallback) {
            String v = c.setting(key, null);
            if (v == null) {
                return fallback;
            }
            try {
                Duration d = Durations.parse(v);
                if (d.isZero() || d.isNegative()) {
                    throw new IllegalArgumentException();
                }
                return d;
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(c.key(key) + " must be a positive duration (10s, PT10S), was " + v);
            }
        }
    }
}
