package io.redset.alerts;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * One named receiver: its type and the type's settings ({@code url}, {@code routing-key}, ...), which
 * the type's provider validates when the notifier is built (messages name the key).
 */
public record ReceiverConfig(String name, ReceiverType type, Map<String, String> settings) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    public ReceiverConfig {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("receivers: name must be 1..64 of a-z, 0-9, '-', '_', was " + name);
        }
        if (type == null) {
            throw new IllegalArgumentException("receivers." + name + ".type is required (webhook, pagerduty, slack, email)");
        }
        settings = settings == null ? Map.of() : Map.copyOf(settings);
    }

    /** The setting, or the fallback when absent or blank. */
    public String setting(String key, String fallback) {
        String v = settings.get(key);
        return v == null || v.isBlank() ? fallback : v;
    }

    /** A required setting; the message names {@code receivers.<name>.<key>}. */
    public String required(String key) {
        String v = settings.get(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(key(key) + " is required for a " + type.tag() + " receiver");
        }
        return v;
    }

    public String key(String key) {
        return "receivers." + name + "." + key;
    }

    @Override
    public String toString() {
        // settings may hold credentials (routing keys, passwords, webhook URLs with tokens)
        return "ReceiverConfig[name=" + name + ", type=" + type.tag() + ", settings=" + settings.keySet() + "]";
    }
}
