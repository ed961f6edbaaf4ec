package io.redset.alerts.slack;

import io.redset.alerts.DeliveryResult;
import io.redset.alerts.Notification;
import io.redset.alerts.Notifier;
import io.redset.alerts.ReceiverConfig;
import io.redset.alerts.internal.HttpPost;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpClient;
import java.util.Map;

/** Posts {@code {"text": ...}} to a Slack incoming webhook: one message per group, one line per alert. */
public final class SlackNotifier implements Notifier {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final SlackConfig config;
    private final HttpClient http;

    public SlackNotifier(SlackConfig config, HttpClient http) {
        this.config = config;
        this.http = http;
    }

    @Override
    public ReceiverConfig config() {
        return config.receiver();
    }

    @Override
    public DeliveryResult deliver(Notification n) {
        if ("acknowledged".equals(n.event())) {
            return DeliveryResult.ok("acknowledgements are not posted to Slack");
        }
        return HttpPost.json(http, config.url(), config.timeout(), JSON.writeValueAsString(Map.of("text", text(n))));
    }

    /** The message: a headline with status and group, then one line per alert with its runbook. */
    public static String text(Notification n) {
        StringBuilder b = new StringBuilder();
        b.append("firing".equals(n.status()) ? ":rotating_light: *FIRING*" : ":white_check_mark: *RESOLVED*")
                .append(" ").append(n.alertname()).append(" (").append(n.alerts().size()).append(n.alerts().size() == 1 ? " alert)" : " alerts)");
        for (Notification.Item a : n.alerts()) {
            b.append("\n- [").append(a.status()).append("] ").append(a.annotations().getOrDefault("summary", a.fingerprint()));
            String runbook = a.annotations().get("runbook_url");
            if (runbook != null) {
                b.append(" <").append(runbook).append("|runbook>");
            }
        }
        b.append("\n<").append(n.externalUrl()).append("/console/alerts|Open in RedSet>");
        return b.toString();
    }
}
