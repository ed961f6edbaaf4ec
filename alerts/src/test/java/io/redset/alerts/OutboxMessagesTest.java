package io.redset.alerts;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.redset.alerts.internal.OutboxSender;
import io.redset.alerts.testing.FakeSmtpServer;
import io.redset.alerts.webhook.WebhookSignature;
import io.redset.engine.testing.ControlDatabase;
import io.redset.engine.testing.DatabaseTest;
import io.redset.engine.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One-off messages (status-page subscribers) through the durable outbox: stored once per dedup key,
 * posted or mailed to their own target, retried with backoff on a fake clock, kept across a
 * restart, refused without storing anything when they cannot be carried.
 */
@DatabaseTest
class OutboxMessagesTest {

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T09:00:00Z"));
    ControlDatabase db;
    WebhookSink sink;
    FakeSmtpServer smtp;
    Alerts alerts;

    @BeforeEach
    void setUp() {
        db = new ControlDatabase();
        sink = new WebhookSink();
        smtp = new FakeSmtpServer();
        alerts = startAlerts();
    }

    Alerts startAlerts() {
        return startAlerts(true);
    }

    /** @param privateTargets the sink listens on loopback: allowed except where the check is tested */
    Alerts startAlerts(boolean privateTargets) {
        AlertsConfig config = AlertsConfig.custom().clock(clock).backgroundThreads(false).defaultRules(List.of())
                .retryAttempts(1).retryBackoff(Duration.ofSeconds(1)).privateMessageTargets(privateTargets)
                .receivers(List.of(
                        // no "to": this receiver only carries messages
                        new ReceiverConfig("subscriber-mail", ReceiverType.EMAIL, Map.of("host", "127.0.0.1",
                                "port", Integer.toString(smtp.port()), "from", "status@redset.example", "timeout-ms", "2000")),
                        new ReceiverConfig("oncall", ReceiverType.WEBHOOK, Map.of("url", sink.url("/oncall")))))
                .build();
        return Alerts.start(config, null, null, db.dataSource());
    }

    @AfterEach
    void stop() {
        alerts.close();
        sink.close();
        smtp.close();
        db.close();
    }

    OutboundMessage webhook(String key, String path) {
        return new OutboundMessage(OutboundMessage.Channel.WEBHOOK, sink.url(path), null, key, null, null,
                "{\"incident\":{\"id\":\"" + key + "\"}}", null, clock.instant());
    }

    OutboundMessage mail(String key, String to) {
        return new OutboundMessage(OutboundMessage.Channel.EMAIL, to, "subscriber-mail", key, "[RedSet status] API down",
                "We are looking into it.\n\nUnsubscribe: https://status.redset.example/u?token=t1",
                null, "https://status.redset.example/u?token=t1", clock.instant());
    }

    String status(String key) {
        return (String) db.query("select status from alerts.outbox where dedup_key = ?", key).get(0)[0];
    }

    @Test
    void aWebhookMessageIsStoredOnceAndPostedWithItsKey() {
        assertThat(alerts.enqueueMessage(webhook("sub-1/upd-1", "/sub1"))).isTrue();
        assertThat(alerts.enqueueMessage(webhook("sub-1/upd-1", "/sub1"))).isFalse();
        assertThat(db.count("select count(*) from alerts.outbox where dedup_key = 'sub-1/upd-1' and event = 'message'")).isEqualTo(1);

        alerts.deliverDue();
        assertThat(sink.received()).singleElement().satisfies(r -> {
            assertThat(r.path()).isEqualTo("/sub1");
            assertThat(r.body()).isEqualTo("{\"incident\":{\"id\":\"sub-1/upd-1\"}}");
            assertThat(r.idempotencyKey()).isEqualTo("sub-1/upd-1");
        });
        assertThat(status("sub-1/upd-1")).isEqualTo("delivered");
        alerts.deliverDue();
        assertThat(sink.received()).hasSize(1);
        assertThat(alerts.outbox(10)).singleElement().satisfies(e -> {
            assertThat(e.event()).isEqualTo("message");
            assertThat(e.target()).isEqualTo(sink.url("/sub1"));
            assertThat(e.receiver()).isEqualTo(OutboundMessage.DIRECT_WEBHOOK);
        });
    }

    @Test
    void aFailingWebhookIsRetriedLaterWithBackoffAndSurvivesARestart() {
        sink.failNext(2, 503);
        alerts.enqueueMessage(webhook("sub-2/upd-1", "/sub2"));
        alerts.deliverDue();
        assertThat(sink.received()).isEmpty();
        assertThat(status("sub-2/upd-1")).isEqualTo("pending");
        alerts.deliverDue(); // not due yet: backoff
        assertThat(db.count("select attempts from alerts.outbox where dedup_key = 'sub-2/upd-1'")).isEqualTo(1);

        alerts.close();
        alerts = startAlerts(); // the message waits in the database, not in memory
        clock.advance(Duration.ofSeconds(5));
        alerts.deliverDue(); // second failure
        clock.advance(Duration.ofSeconds(10));
        alerts.deliverDue();
        assertThat(sink.received()).singleElement().satisfies(r -> assertThat(r.path()).isEqualTo("/sub2"));
        assertThat(status("sub-2/upd-1")).isEqualTo("delivered");
        assertThat(db.count("select attempts from alerts.outbox where dedup_key = 'sub-2/upd-1'")).isEqualTo(3);
    }

    /**
     * A subscriber's error answer reaches {@code last_error} and the log only in a clean form: a NUL
     * (PostgreSQL refuses it in text) must not roll back the batch's marks (every row sent again at
     * each poll), a line break must not forge a log line.
     */
    @Test
    void anErrorAnswerWithNulAndLineBreaksIsRetriedAndTheRestOfTheBatchIsDeliveredOnce() {
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        Logger senderLog = (Logger) LoggerFactory.getLogger(OutboxSender.class);
        logged.start();
        senderLog.addAppender(logged);
        try {
            sink.failNext(1, 500, "oops\u0000\r\nFAKE LOG 09:00:00 INFO all good");
            List<String> keys = List.of("sub-9/upd-1", "sub-9/upd-2", "sub-9/upd-3");
            keys.forEach(k -> alerts.enqueueMessage(webhook(k, "/sub9")));
            alerts.deliverDue(); // one batch, posted concurrently: one of the three gets the 500

            assertThat(db.query("select last_error, attempts from alerts.outbox where status = 'pending'")).singleElement()
                    .satisfies(row -> {
                        assertThat((String) row[0]).startsWith("HTTP 500: oops\\u0000\\u000d\\u000aFAKE LOG")
                                .doesNotContain("\u0000", "\r", "\n");
                        assertThat(row[1]).isEqualTo(1);
                    });
            assertThat(db.count("select count(*) from alerts.outbox where status = 'delivered'")).isEqualTo(2);
            assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage).filteredOn(m -> m.contains("HTTP 500"))
                    .singleElement().satisfies(m -> assertThat(m).doesNotContain("\u0000", "\r", "\n"));

            clock.advance(Duration.ofMinutes(1));
            alerts.deliverDue();
            assertThat(sink.received()).extracting(WebhookSink.Received::idempotencyKey).containsExactlyInAnyOrderElementsOf(keys);
            keys.forEach(k -> assertThat(status(k)).isEqualTo("delivered"));
        } finally {
            senderLog.detachAppender(logged);
        }
    }

    /** Should storing one row's error text fail all the same, that row gets a placeholder and the batch's other marks stay. */
    @Test
    void aRowWhoseErrorTextCannotBeStoredKeepsTheBatchsOtherMarks() throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute("alter table alerts.outbox add constraint test_refuses_text check (last_error not like '%refuse this text%')");
        }
        sink.failNext(1, 503, "refuse this text");
        List<String> keys = List.of("sub-10/upd-1", "sub-10/upd-2", "sub-10/upd-3");
        keys.forEach(k -> alerts.enqueueMessage(webhook(k, "/sub10")));
        alerts.deliverDue();

        assertThat(db.query("select last_error, attempts from alerts.outbox where status = 'pending'")).singleElement()
                .satisfies(row -> {
                    assertThat((String) row[0]).isEqualTo("(the error text could not be stored: SQL state 23514)");
                    assertThat(row[1]).isEqualTo(1);
                });
        assertThat(db.count("select count(*) from alerts.outbox where status = 'delivered'")).isEqualTo(2);
        clock.advance(Duration.ofMinutes(1));
        alerts.deliverDue();
        assertThat(sink.received()).extracting(WebhookSink.Received::idempotencyKey).containsExactlyInAnyOrderElementsOf(keys);
    }

    /** Signed at each attempt with the attempt's time; a receiver can check it with the secret alone. */
    @Test
    void aWebhookWithASecretIsSignedAtEachAttempt() {
        String secret = WebhookSignature.newSecret();
        sink.failNext(1, 503);
        alerts.enqueueMessage(new OutboundMessage(OutboundMessage.Channel.WEBHOOK, sink.url("/signed"), null, "sub-7/upd-1",
                null, null, "{\"incident\":{\"name\":\"Überlast 过载\"}}", null, clock.instant(), secret));
        alerts.deliverDue();
        clock.advance(Duration.ofMinutes(5));
        alerts.deliverDue();
        WebhookSink.Received got = sink.received().getFirst();
        assertThat(got.signature()).isEqualTo(WebhookSignature.header(secret, clock.instant().getEpochSecond(), got.body()));
        Duration tolerance = Duration.ofMinutes(5);
        assertThat(WebhookSignature.verify(secret, got.signature(), got.body(), clock.instant(), tolerance)).isTrue();
        assertThat(WebhookSignature.verify(secret, got.signature(), got.body().replace("Überlast", "Ueberlast"), clock.instant(),
                tolerance)).isFalse();
        assertThat(WebhookSignature.verify(WebhookSignature.newSecret(), got.signature(), got.body(), clock.instant(), tolerance))
                .isFalse();
        assertThat(WebhookSignature.verify(secret, got.signature(), got.body(), clock.instant().plus(Duration.ofMinutes(6)),
                tolerance)).as("a replay later than the tolerance").isFalse();

        alerts.enqueueMessage(webhook("sub-7/upd-2", "/unsigned"));
        alerts.deliverDue();
        assertThat(sink.received().get(1).signature()).isNull();
        assertThatThrownBy(() -> new OutboundMessage(OutboundMessage.Channel.EMAIL, "a@example.org", "subscriber-mail", "k",
                "s", "t", null, null, clock.instant(), secret)).hasMessageContaining("not signed");
    }

    /** A subscribed name may resolve to a private address later (DNS rebinding): checked again at send time. */
    @Test
    void aWebhookOnAPrivateAddressIsNotPostedWhenPrivateTargetsAreNotAllowed() {
        alerts.close();
        alerts = startAlerts(false);
        alerts.enqueueMessage(webhook("sub-6/upd-1", "/sub6"));
        alerts.deliverDue();
        assertThat(status("sub-6/upd-1")).isEqualTo("failed");
        assertThat((String) db.query("select last_error from alerts.outbox where dedup_key = ?", "sub-6/upd-1").get(0)[0])
                .contains("127.0.0.1").contains("private or local address");
        clock.advance(Duration.ofHours(1));
        alerts.deliverDue();
        assertThat(sink.received()).isEmpty();
    }

    /** A name that does not resolve now may be a passing resolver failure: retried, not given up. */
    @Test
    void aWebhookWhoseHostDoesNotResolveIsRetried() {
        alerts.close();
        alerts = startAlerts(false);
        alerts.enqueueMessage(new OutboundMessage(OutboundMessage.Channel.WEBHOOK, "https://no-such-host.invalid/hook", null,
                "sub-8/upd-1", null, null, "{}", null, clock.instant()));
        alerts.deliverDue();
        assertThat(status("sub-8/upd-1")).isEqualTo("pending");
        assertThat((String) db.query("select last_error from alerts.outbox where dedup_key = ?", "sub-8/upd-1").get(0)[0])
                .contains("does not resolve");
    }

    @Test
    void theOnCallListingMasksSubscriberTargetsAlsoInErrors() {
        OutboxEntry row = new OutboxEntry(1, "k", "subscriber-mail", "message", "reader@example.org",
                "failed", 1, clock.instant(), null, "550 5.1.1 <reader@example.org>: unknown user");
        assertThat(row.masked().target()).isEqualTo("r\u2026@example.org");
        assertThat(row.masked().lastError()).isEqualTo("550 5.1.1 <r\u2026@example.org>: unknown user");
        OutboxEntry hook = new OutboxEntry(2, "k2", OutboundMessage.DIRECT_WEBHOOK, "message",
                "https://hooks.example.org/T0/B1/secret", "pending", 1, clock.instant(), null, null);
        assertThat(hook.masked().target()).isEqualTo("https://hooks.example.org/\u2026");
    }

    @Test
    void aRefusedWebhookIsNotRetried() {
        sink.failNext(1, 410);
        alerts.enqueueMessage(webhook("sub-3/upd-1", "/gone"));
        alerts.deliverDue();
        assertThat(status("sub-3/upd-1")).isEqualTo("failed");
        clock.advance(Duration.ofHours(1));
        alerts.deliverDue();
        assertThat(sink.received()).isEmpty();
    }

    @Test
    void anEmailGoesToItsOwnAddressThroughTheCarrierWithAnUnsubscribeHeader() {
        alerts.enqueueMessage(mail("sub-4/upd-1", "reader@example.org"));
        alerts.deliverDue();
        assertThat(smtp.messages()).singleElement().satisfies(m -> assertThat(m).contains(
                "MAIL FROM:<status@redset.example>", "RCPT TO:<reader@example.org>", "Subject: [RedSet status] API down",
                "X-RedSet-Dedup-Key: sub-4/upd-1", "List-Unsubscribe: <https://status.redset.example/u?token=t1>",
                "List-Unsubscribe-Post: List-Unsubscribe=One-Click", "We are looking into it."));
        assertThat(status("sub-4/upd-1")).isEqualTo("delivered");
    }

    @Test
    void aTemporarySmtpRefusalIsRetried() {
        smtp.refuseNext(1);
        alerts.enqueueMessage(mail("sub-5/upd-1", "reader@example.org"));
        alerts.deliverDue();
        assertThat(status("sub-5/upd-1")).isEqualTo("pending");
        assertThat(smtp.messages()).isEmpty();
        clock.advance(Duration.ofSeconds(5));
        alerts.deliverDue();
        assertThat(smtp.messages()).hasSize(1);
        assertThat(status("sub-5/upd-1")).isEqualTo("delivered");
    }

    @Test
    void messagesThatCannotBeCarriedAreRefusedAndNothingIsStored() {
        assertThatThrownBy(() -> alerts.enqueueMessage(new OutboundMessage(OutboundMessage.Channel.EMAIL, "a@example.org",
                "oncall", "k1", "s", "t", null, null, clock.instant()))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("receivers.oncall");
        assertThatThrownBy(() -> alerts.enqueueMessage(new OutboundMessage(OutboundMessage.Channel.EMAIL, "a@example.org",
                "nobody", "k2", "s", "t", null, null, clock.instant()))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OutboundMessage(OutboundMessage.Channel.WEBHOOK, "ftp://example.org/x", null, "k3",
                null, null, "{}", null, clock.instant())).hasMessageContaining("http(s)");
        assertThatThrownBy(() -> new OutboundMessage(OutboundMessage.Channel.EMAIL, "not-an-address", "subscriber-mail", "k4",
                "s", "t", null, null, clock.instant())).hasMessageContaining("address");
        assertThat(db.count("select count(*) from alerts.outbox")).isZero();
    }

    /** Finished rows go after the retention, pending ones never; a purged key is not handed over again by the status sweep (6 h). */
    @Test
    void finishedRowsAreDeletedAfterTheRetentionAndPendingOnesAreKept() {
        alerts.enqueueMessage(webhook("old-delivered", "/a"));
        alerts.deliverDue();
        sink.failNext(1, 410);
        alerts.enqueueMessage(webhook("old-failed", "/b"));
        alerts.deliverDue();
        sink.failNext(1, 503);
        alerts.enqueueMessage(webhook("old-pending", "/c"));
        alerts.deliverDue();
        assertThat(status("old-delivered")).isEqualTo("delivered");
        assertThat(status("old-failed")).isEqualTo("failed");
        assertThat(status("old-pending")).isEqualTo("pending");

        clock.advance(AlertsConfig.DEFAULT_OUTBOX_RETENTION.minusMinutes(1));
        alerts.enqueueMessage(webhook("young", "/d"));
        alerts.deliverDue(); // the pending row expires now (delivery-expiry), "young" is delivered
        assertThat(alerts.purgeOutbox()).isZero();
        clock.advance(Duration.ofMinutes(2));
        assertThat(alerts.purgeOutbox()).isEqualTo(3);
        assertThat(db.query("select dedup_key from alerts.outbox order by id")).extracting(r -> r[0]).containsExactly("young");

        assertThatThrownBy(() -> AlertsConfig.custom().outboxRetention(Duration.ofHours(12)).build())
                .hasMessageStartingWith("outbox-retention must be at least 1 day");
        assertThatThrownBy(() -> AlertsConfig.custom().deliveryExpiry(Duration.ofDays(3)).outboxRetention(Duration.ofDays(2)).build())
                .hasMessageContaining("longer than delivery-expiry");
    }

    @Test
    void anEmailReceiverWithoutRecipientsCannotBeRoutedTo() {
        assertThatThrownBy(() -> AlertsConfig.custom()
                .receivers(List.of(new ReceiverConfig("subscriber-mail", ReceiverType.EMAIL, Map.of("host", "h"))))
                .routes(List.of(new Route("subscriber-mail", List.of(), null))).build())
                .hasMessageContaining("receivers.subscriber-mail.to");
    }
}
