package io.redset.alerts.slack;

import io.redset.alerts.Notifications;
import io.redset.alerts.ReceiverConfig;
import io.redset.alerts.ReceiverType;
import io.redset.alerts.WebhookSink;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpClient;
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
}
