package io.redset.alerts.slack;

import io.redset.alerts.DeliveryResult;
import io.redset.alerts.Notification;
import io.redset.alerts.Notifier;
import io.redset.alerts.ReceiverConfig;
import io.redset.alerts.internal.HttpPost;
import io.redset.alerts.internal.SafeText;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpClient;
import java.util.Map;

/**
 * Posts {@code {"text": ...}} to a Slack incoming webhook: one message per group, one line per alert.
 * Every piece of alert text (alertname, summary, status) has Slack's control characters {@code & < >}
 * written as entities, so an alert cannot mention {@code <!channel>} or bring a link of its own; only
 * an http(s) runbook URL becomes a link.
 */
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
                .append(" ").append(escape(n.alertname()))
                .append(" (").append(n.alerts().size()).append(n.alerts().size() == 1 ? " alert)" : " alerts)");
        for (Notification.Item a : n.alerts()) {
            b.append("\n- [").append(escape(a.status())).append("] ")
                    .append(escape(a.annotations().getOrDefault("summary", a.fingerprint())));
            String runbook = a.annotations().get("runbook_url");
            if (runbook != null) {
                String target = linkTarget(runbook);
                b.append(target == null ? " (runbook: " + escape(runbook) + ")" : " <" + target + "|runbook>");
            }
        }
        String console = linkTarget(n.externalUrl() + "/console/alerts");
        if (console != null) {
            b.append("\n<").append(console).append("|Open in RedSet>");
        }
        return b.toString();
    }

    /** Text as Slack shows it literally: {@code &}, {@code <}, {@code >} as entities (Slack's escaping). */
    static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /**
     * What goes between {@code <} and {@code |} of a link: an http(s) URL with {@code <}, {@code >} and
     * {@code |} percent-encoded (none can end the link early) and {@code &} as an entity; null for
     * anything else (no link then).
     */
    static String linkTarget(String url) {
        String encoded = url.replace("<", "%3C").replace(">", "%3E").replace("|", "%7C");
        return SafeText.isHttpUrl(encoded) ? encoded.replace("&", "&amp;") : null;
    }
}
