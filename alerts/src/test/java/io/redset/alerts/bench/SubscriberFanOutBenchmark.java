package io.redset.alerts.bench;

import io.redset.alerts.Alerts;
import io.redset.alerts.AlertsConfig;
import io.redset.alerts.OutboundMessage;
import io.redset.alerts.ReceiverConfig;
import io.redset.alerts.ReceiverType;
import io.redset.alerts.WebhookSink;
import io.redset.alerts.testing.FakeSmtpServer;
import io.redset.engine.testing.ControlDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How fast one status update reaches many subscribers through the outbox: N webhook messages (the
 * receiver waits {@code bench.fanout.latency-ms} before answering, like a remote server) and M
 * e-mails to a local SMTP server; prints the time to store them and to deliver them, and checks that
 * each arrived exactly once. Not part of the normal build:
 * {@code ./mvnw -pl alerts -am verify -Dbench.fanout=true -Dtest=SubscriberFanOutBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * ({@code -Dbench.fanout.webhooks=10000 -Dbench.fanout.emails=2000 -Dbench.fanout.latency-ms=20
 * -Dbench.fanout.concurrency=16}).
 */
@EnabledIfSystemProperty(named = "bench.fanout", matches = "true")
class SubscriberFanOutBenchmark {

    @Test
    void fanOut() {
        int webhooks = Integer.getInteger("bench.fanout.webhooks", 10_000);
        int emails = Integer.getInteger("bench.fanout.emails", 2_000);
        long latency = Long.getLong("bench.fanout.latency-ms", 20);
        try (ControlDatabase db = new ControlDatabase(); WebhookSink sink = new WebhookSink(); FakeSmtpServer smtp = new FakeSmtpServer()) {
            sink.delay(Duration.ofMillis(latency));
            int concurrency = Integer.getInteger("bench.fanout.concurrency", AlertsConfig.DEFAULT_MESSAGE_CONCURRENCY);
            AlertsConfig config = AlertsConfig.custom().clock(Clock.systemUTC()).privateMessageTargets(true).backgroundThreads(false).defaultRules(List.of())
                    .messageConcurrency(concurrency)
                    .receivers(List.of(new ReceiverConfig("subscriber-mail", ReceiverType.EMAIL,
                            Map.of("host", "127.0.0.1", "port", Integer.toString(smtp.port()), "from", "status@redset.example"))))
                    .build();
            try (Alerts alerts = Alerts.start(config, null, null, db.dataSource())) {
                String json = "{\"meta\":{\"unsubscribe\":\"https://status.redset.example/u?token=x\"},\"incident\":{\"id\":\"inc1\","
                        + "\"name\":\"Claims failing on SET 00\",\"status\":\"investigating\"}}";
                List<OutboundMessage> hooks = new ArrayList<>();
                for (int i = 0; i < webhooks; i++) {
                    hooks.add(new OutboundMessage(OutboundMessage.Channel.WEBHOOK, sink.url("/s" + i), null, "status/s" + i + "/u1",
                            null, null, json, null, java.time.Instant.now()));
                }
                List<OutboundMessage> mails = new ArrayList<>();
                for (int i = 0; i < emails; i++) {
                    mails.add(new OutboundMessage(OutboundMessage.Channel.EMAIL, "reader" + i + "@example.org", "subscriber-mail",
                            "status/m" + i + "/u1", "[RedSet status] Claims failing on SET 00: investigating",
                            "Claims on SET 00 fail; we are on it.\n\nUnsubscribe: https://status.redset.example/u?token=x",
                            null, "https://status.redset.example/u?token=x", java.time.Instant.now()));
                }

                long t0 = System.nanoTime();
                int stored = alerts.enqueueMessages(hooks);
                long t1 = System.nanoTime();
                int storedMails = alerts.enqueueMessages(mails);
                long t2 = System.nanoTime();
                assertThat(stored).isEqualTo(webhooks);
                assertThat(storedMails).isEqualTo(emails);
                assertThat(alerts.enqueueMessages(hooks)).as("handing over again stores nothing").isZero();

                long d0 = System.nanoTime();
                int handled = alerts.deliverDue();
                long d1 = System.nanoTime();
                assertThat(handled).isEqualTo(webhooks + emails);

                Set<String> keys = new HashSet<>();
                sink.received().forEach(r -> keys.add(r.idempotencyKey()));
                assertThat(sink.received()).hasSize(webhooks);
                assertThat(keys).hasSize(webhooks);
                assertThat(smtp.count()).isEqualTo(emails);
                assertThat(db.count("select count(*) from alerts.outbox where status = 'delivered'")).isEqualTo(webhooks + emails);

                double enqueueMs = (t1 - t0) / 1e6;
                double enqueueMailMs = (t2 - t1) / 1e6;
                double deliverS = (d1 - d0) / 1e9;
                System.out.printf("%nsubscriber fan-out: %d webhooks (receiver latency %d ms) + %d e-mails, message-concurrency %d%n",
                        webhooks, latency, emails, concurrency);
                System.out.printf("  stored in the outbox: webhooks %.0f ms (%.0f rows/s), e-mails %.0f ms%n",
                        enqueueMs, webhooks / (enqueueMs / 1000), enqueueMailMs);
                System.out.printf("  delivered all in %.1f s: %.0f messages/s; each exactly once (keys %d, outbox delivered %d)%n%n",
                        deliverS, (webhooks + emails) / deliverS, keys.size(), webhooks + emails);
            }
        }
    }
}
