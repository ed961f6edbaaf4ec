package io.redset.alerts.slack;

import io.redset.alerts.Notification;
import io.redset.alerts.Notifications;
import io.redset.alerts.ReceiverConfig;
import io.redset.alerts.ReceiverType;
import io.redset.alerts.WebhookSink;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpClient;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SlackNotifierTest {

    @Test
    void postsOneMessageListingTheGroup() {
        try (WebhookSink sink = new WebhookSink()) {
            SlackNotifier n = (SlackNotifier) new SlackNotifierProvider().create(
                    new ReceiverConfig("chat", ReceiverType.SLACK, Map.of("url", sink.url("/services/T/B/X"))), HttpClient.newHttpClient());
            assertThat(n.deliver(Notifications.of("firing", Notifications.item(1, "01", "firing"), Notifications.item(2, "03", "firing"))).delivered()).isTrue();
            String text = JsonMapper.builder().build().readTree(sink.bodies().get(0)).path("text").asString();
            assertThat(text).startsWith(":rotating_light: *FIRING* SetClaimErrorRate (2 alerts)")
                    .contains("SET 01 claim error ratio 12%", "SET 03 claim error ratio 12%", "|runbook>");
            assertThat(n.deliver(Notifications.of("acknowledged", Notifications.item(1, "01", "firing"))).delivered()).isTrue();
            assertThat(sink.received()).hasSize(1);
        }
    }

    static Notification.Item item(String summary, String runbook) {
        return new Notification.Item(1, "firing", Map.of("alertname", "DiskFull"),
                runbook == null ? Map.of("summary", summary) : Map.of("summary", summary, "runbook_url", runbook),
                Instant.parse("2026-11-21T09:32:48Z"), null, "fp1", null, null);
    }

    static Notification group(String alertname, Notification.Item... items) {
        return new Notification(1, "chat", "firing", "{}", Map.of("alertname", alertname), List.of(items), "http://redset.example",
                "chat/firing/k", Instant.parse("2026-11-21T09:33:00Z"));
    }

    /** Alert text comes from rules and from an upstream Alertmanager: it must not mention everyone or bring its own links. */
    @Test
    void alertTextCannotMentionOrLinkAndOnlyHttpRunbooksAreLinks() {
        try (WebhookSink sink = new WebhookSink()) {
            SlackNotifier n = (SlackNotifier) new SlackNotifierProvider().create(
                    new ReceiverConfig("chat", ReceiverType.SLACK, Map.of("url", sink.url("/services/T/B/X"))), HttpClient.newHttpClient());
            assertThat(n.deliver(group("Disk<!here>Full & co",
                    item("<!channel> disk full, see <https://evil.example|click>", "https://wiki.example/r?a=1&b=<x>|y"),
                    item("second", "javascript:alert(1)"))).delivered()).isTrue();
            String text = JsonMapper.builder().build().readTree(sink.bodies().get(0)).path("text").asString();

            assertThat(text).startsWith(":rotating_light: *FIRING* Disk&lt;!here&gt;Full &amp; co (2 alerts)")
                    .contains("- [firing] &lt;!channel&gt; disk full, see &lt;https://evil.example|click&gt;")
                    .contains(" <https://wiki.example/r?a=1&amp;b=%3Cx%3E%7Cy|runbook>")
                    .contains("- [firing] second (runbook: javascript:alert(1))")
                    .endsWith("\n<http://redset.example/console/alerts|Open in RedSet>")
                    .doesNotContain("<!channel>", "<!here>", "<https://evil", "<javascript");
        }
    }
}
