package io.redset.alerts.email;

import io.redset.alerts.ReceiverConfig;

import java.util.List;

/**
 * Settings of an email receiver: {@code host} required; {@code to} (comma-separated) required when a
 * route sends alerts to it (a receiver without it only carries messages, e.g. to subscribers); {@code port}
 * (default 25), {@code from} (default {@code redset@localhost}), {@code username}/{@code password}
 * (both or none), {@code starttls} (default false), {@code timeout-ms} (default 10000).
 */
public record EmailConfig(ReceiverConfig receiver, String host, int port, String from, List<String> to,
                          String username, String password, boolean starttls, int timeoutMillis) {

    public static EmailConfig of(ReceiverConfig c) {
        String host = c.required("host");
        int port = integer(c, "port", 25, 1, 65535);
        String toSetting = c.setting("to", null);
        List<String> to = toSetting == null ? List.of() : List.of(toSetting.trim().split("\\s*,\\s*"));
        for (String t : to) {
            if (!t.matches("[^@\\s]+@[^@\\s]+")) {
                throw new IllegalArgumentException(c.key("to") + " must be email addresses separated by commas, found " + t);
            }
        }
        String user = c.setting("username", null);
        String password = c.setting("password", null);
        if ((user == null) != (password == null)) {
            throw new IllegalArgumentException(c.key("password") + " and " + c.key("username") + " go together");
        }
        return new EmailConfig(c, host, port, c.setting("from", "redset@localhost"), to, user, password,
                Boolean.parseBoolean(c.setting("starttls", "false")), integer(c, "timeout-ms", 10_000, 100, 600_000));
    }

    private static int integer(ReceiverConfig c, String key, int fallback, int min, int max) {
        String v = c.setting(key, null);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(c.key(key) + " must be " + min + ".." + max + ", was " + v);
        }
    }

    @Override
    public String toString() {
        return "EmailConfig[receiver=" + receiver.name() + ", host=" + host + ", port=" + port + ", to=" + to + "]";
    }
}
