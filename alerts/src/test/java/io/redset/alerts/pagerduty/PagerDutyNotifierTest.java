package io.redset.alerts.pagerduty;

import io.redset.alerts.Notification;
import io.redset.alerts.Notifications;
import io.redset.alerts.ReceiverConfig;
import io.redset.alerts.ReceiverType;
import io.redset.alerts.WebhookSink;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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

    static PagerDutyNotifier notifier() {
        return (PagerDutyNotifier) new PagerDutyNotifierProvider().create(new ReceiverConfig("pd", ReceiverType.PAGERDUTY,
                Map.of("routing-key", "R0UTINGKEY", "url", "https://events.pagerduty.example/v2/enqueue")), HttpClient.newHttpClient());
    }

    static Notification.Item firing(long id, String summary, String runbook) {
        Map<String, String> annotations = runbook == null ? Map.of("summary", summary) : Map.of("summary", summary, "runbook_url", runbook);
        return new Notification.Item(id, "firing", Map.of("alertname", "DiskFull", "set", String.format("%02d", id % 100)),
                annotations, Instant.parse("2026-11-21T09:32:48Z"), null, "fp" + id, null, null);
    }

    static Notification group(String alertname, List<Notification.Item> items) {
        return new Notification(1, "pd", "firing", "{}", Map.of("alertname", alertname), items, "http://redset.example", "pd/firing/k",
                Instant.parse("2026-11-21T09:33:00Z"));
    }

    /** Whatever an upstream Alertmanager sends, the event stays within the Events API's limits. */
    @Test
    void eventsStayWithinTheEventsApiLimits() {
        PagerDutyNotifier n = notifier();
        String emoji = "\ud83d\ude00";
        Map<String, Object> one = n.event(group("DiskFull", List.of(firing(1, "a".repeat(1020) + emoji.repeat(3), "javascript:alert(1)"))));
        String summary = (String) ((Map<?, ?>) one.get("payload")).get("summary");
        assertThat(summary).isEqualTo("a".repeat(1020) + "...").hasSizeLessThanOrEqualTo(PagerDutyNotifier.MAX_SUMMARY);
        assertThat(one).as("no link for a runbook that is not http(s)").doesNotContainKey("links");

        String longName = "A".repeat(300);
        String key = PagerDutyNotifier.dedupKey(group(longName, List.of()));
        assertThat(key).hasSize(PagerDutyNotifier.MAX_DEDUP_KEY).startsWith("redset/AAAA").matches("redset/A+/[0-9a-f]{64}");
        assertThat(PagerDutyNotifier.dedupKey(group(longName, List.of()))).as("stable").isEqualTo(key);
        assertThat(PagerDutyNotifier.dedupKey(group("A".repeat(299) + "B", List.of()))).as("unique").isNotEqualTo(key);
        assertThat(PagerDutyNotifier.dedupKey(group("A".repeat(248), List.of()))).as("255 exactly: kept").isEqualTo("redset/" + "A".repeat(248));

        List<Notification.Item> many = new ArrayList<>();
        for (int i = 1; i <= 150; i++) {
            many.add(firing(i, "SET " + i + " disk full", "https://redset.example/runbooks/disk"));
        }
        Map<String, Object> big = n.event(group("DiskFull", many));
        Map<?, ?> details = (Map<?, ?>) ((Map<?, ?>) big.get("payload")).get("custom_details");
        assertThat((List<?>) details.get("alerts")).hasSize(PagerDutyNotifier.MAX_LISTED_ALERTS).first().isEqualTo("SET 1 disk full");
        assertThat(details.get("alerts_not_listed")).isEqualTo(50);
        assertThat(big.get("links")).isEqualTo(List.of(Map.of("href", "https://redset.example/runbooks/disk", "text", "Runbook")));
    }
}
