package io.redset.alerts.pagerduty;

import io.redset.alerts.Notifications;
import io.redset.alerts.ReceiverConfig;
import io.redset.alerts.ReceiverType;
import io.redset.alerts.WebhookSink;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpClient;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PagerDutyNotifierTest {

    @Test
    void triggerAcknowledgeResolveShareTheGroupsDedupKey() {
        try (WebhookSink sink = new WebhookSink()) {
            PagerDutyNotifier n = (PagerDutyNotifier) new PagerDutyNotifierProvider().create(new ReceiverConfig("pd", ReceiverType.PAGERDUTY,
                    Map.of("routing-key", "R0UTINGKEY", "url", sink.url("/v2/enqueue"))), HttpClient.newHttpClient());
            assertThat(n.wantsAcknowledgements()).isTrue();
            assertThat(n.deliver(Notifications.of("firing", Notifications.item(1, "01", "firing"), Notifications.item(2, "03", "firing"))).delivered()).isTrue();
            n.deliver(Notifications.of("acknowledged", Notifications.item(1, "01", "firing")));
            n.deliver(Notifications.of("resolved", Notifications.item(1, "01", "resolved"), Notifications.item(2, "03", "resolved")));
            JsonMapper json = JsonMapper.builder().build();
            JsonNode trigger = json.readTree(sink.bodies().get(0));
            assertThat(trigger.path("routing_key").asString()).isEqualTo("R0UTINGKEY");
            assertThat(trigger.path("event_action").asString()).isEqualTo("trigger");
            assertThat(trigger.path("dedup_key").asString()).isEqualTo("redset/SetClaimErrorRate");
            assertThat(trigger.path("payload").path("summary").asString()).startsWith("SetClaimErrorRate: 2 alerts, SETs 01, 03");
            assertThat(trigger.path("payload").path("severity").asString()).isEqualTo("critical");
            assertThat(trigger.path("payload").path("timestamp").asString()).isEqualTo("2026-11-21T09:32:48Z");
            assertThat(trigger.path("links").get(0).path("text").asString()).isEqualTo("Runbook");
            JsonNode ack = json.readTree(sink.bodies().get(1));
            assertThat(ack.propertyNames()).containsExactly("routing_key", "event_action", "dedup_key");
            assertThat(ack.path("event_action").asString()).isEqualTo("acknowledge");
            JsonNode resolve = json.readTree(sink.bodies().get(2));
            assertThat(resolve.path("event_action").asString()).isEqualTo("resolve");
            assertThat(resolve.path("dedup_key").asString()).isEqualTo("redset/SetClaimErrorRate");
        }
    }
}
