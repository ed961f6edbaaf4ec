package io.redset.web.status;

import com.zaxxer.hikari.HikariDataSource;
import io.redset.engine.InvalidInputException;
import io.redset.engine.testing.EmbeddedPostgresServer;
import io.redset.engine.testing.MutableClock;
import io.redset.probes.ComponentStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Double opt-in, component filters, unsubscribe links, what is handed to the delivery, and that an
 * outbox failure loses no notice (the sweep hands it over later, once).
 */
class SubscriptionServiceTest {

    EmbeddedPostgresServer server;
    HikariDataSource pool;
    StatusService status;
    SubscriptionService subscriptions;
    final List<SubscriptionDelivery.Notice> sent = new CopyOnWriteArrayList<>();
    final Set<String> keys = ConcurrentHashMap.newKeySet();
    volatile boolean outboxDown;
    volatile boolean emailOffered = true;
    MutableClock clock;

    /** Records what is stored, dropping repeated dedup keys like the outbox; fails while "down". */
    final SubscriptionDelivery recorder = new SubscriptionDelivery() {
        @Override
        public boolean offers(Channel channel) {
            return channel == Channel.WEBHOOK || emailOffered;
        }

        @Override
        public void deliver(List<Notice> notices) {
            if (outboxDown) {
                throw new IllegalStateException("outbox unreachable");
            }
            for (Notice n : notices) {
                if (keys.add(n.dedupKey())) {
                    sent.add(n);
                }
            }
        }
    };

    @BeforeEach
    void start() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "subscription-test"));
        server = EmbeddedPostgresServer.start(Files.createTempDirectory(dir, "pg"), 0);
        pool = server.pool(server.createDatabase("subs"), 2, 500);
        StatusStore.migrate(pool);
        clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));
        status = new StatusService(new StatusStore(pool), null, StatusProperties.defaults(), clock,
                new StatusMaintenanceWindows()).start();
        status.saveComponent("website", "Website", null, null, ComponentStatus.OPERATIONAL, 1, null, null);
        status.saveComponent("api", "API", null, null, ComponentStatus.OPERATIONAL, 2, null, null);
        subscriptions = new SubscriptionService(pool, status, recorder, clock, false);
    }

    @AfterEach
    void stop() {
        status.close();
        pool.close();
        server.close();
    }

    @Test
    void nothingIsDeliveredBeforeConfirmationThenOnlyMatchingComponentsUntilUnsubscribed() {
        subscriptions.subscribe(SubscriptionDelivery.Channel.EMAIL, "ops@example.org", List.of("api"));
        assertThat(sent).hasSize(1);
        String confirm = token(sent.getFirst().text(), "confirm");
        status.createIncident("API down", IncidentStatus.INVESTIGATING, Impact.MAJOR, "Looking.",
                Map.of("api", ComponentStatus.MAJOR_OUTAGE), true);
        assertThat(sent).hasSize(1); // not confirmed yet

        assertThat(subscriptions.confirm(confirm)).isTrue();
        assertThat(subscriptions.confirm("wrong")).isFalse();
        status.createIncident("Website slow", IncidentStatus.INVESTIGATING, Impact.MINOR, "Slow.",
                Map.of("website", ComponentStatus.DEGRADED_PERFORMANCE), true);
        assertThat(sent).hasSize(1); // another component
        Incident api = status.createIncident("API errors", IncidentStatus.IDENTIFIED, Impact.MINOR, "Errors.",
                Map.of("api", ComponentStatus.PARTIAL_OUTAGE), true);
        assertThat(sent).hasSize(2);
        SubscriptionDelivery.Notice notice = sent.get(1);
        assertThat(notice.subject()).contains("API errors").contains("identified");
        assertThat(notice.text()).contains("Errors.").contains("/incidents/" + api.id()).contains("unsubscribe?token=");
        assertThat(notice.json()).contains("\"incident\"").contains("\"unsubscribe\"");
        assertThat(notice.unsubscribeUrl()).contains("unsubscribe?token=");
        assertThat(notice.dedupKey()).isEqualTo("status/" + notice.subscriberId() + "/" + api.updates().getFirst().id());
        status.updateIncident(api.id(), IncidentStatus.RESOLVED, null, "Quiet fix.", Map.of(), false);
        assertThat(sent).hasSize(2); // deliver_notifications false

        assertThat(subscriptions.unsubscribe(token(notice.text(), "unsubscribe"))).isTrue();
        status.updateIncident(api.id(), IncidentStatus.RESOLVED, null, "Still fine.", Map.of(), true);
        assertThat(sent).hasSize(2);
    }

    @Test
    void badTargetsAreRefused() {
        assertThatThrownBy(() -> subscriptions.subscribe(SubscriptionDelivery.Channel.EMAIL, "not-an-address", List.of()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("email");
        assertThatThrownBy(() -> subscriptions.subscribe(SubscriptionDelivery.Channel.WEBHOOK, "ftp://example.org/x", List.of()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("webhook");
        assertThatThrownBy(() -> subscriptions.subscribe(SubscriptionDelivery.Channel.WEBHOOK, "http://127.0.0.1:9/hook", List.of()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("private");
        assertThatThrownBy(() -> subscriptions.subscribe(SubscriptionDelivery.Channel.EMAIL, "a@example.org", List.of("nope")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("components");
        assertThat(sent).isEmpty();
    }

    @Test
    void subscribingTwiceSendsOneConfirmation() {
        subscriptions.subscribe(SubscriptionDelivery.Channel.EMAIL, "dup@example.org", List.of());
        subscriptions.subscribe(SubscriptionDelivery.Channel.EMAIL, "dup@example.org", List.of());
        assertThat(sent).hasSize(1);
    }

    @Test
    void anOutboxFailureLosesNoNoticeAndTheSweepSendsItOnce() {
        subscriptions.subscribe(SubscriptionDelivery.Channel.WEBHOOK, "https://93.184.215.14/hook", List.of());
        assertThat(subscriptions.confirm(token(sent.getFirst().text(), "confirm"))).isTrue();
        outboxDown = true;
        Incident down = status.createIncident("Website down", IncidentStatus.INVESTIGATING, Impact.MAJOR, "Down.",
                Map.of("website", ComponentStatus.MAJOR_OUTAGE), true);
        assertThat(down.id()).isNotNull(); // the incident itself is saved and shown
        assertThat(sent).hasSize(1);
        assertThat(subscriptions.sweep()).as("outbox still down").isZero();
        outboxDown = false;
        assertThat(subscriptions.sweep()).isEqualTo(1);
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1).subject()).contains("Website down");
        assertThat(subscriptions.sweep()).isZero(); // marked: not handed over again
        assertThat(sent).hasSize(2);

        // older than the sweep window: stale news is not sent
        outboxDown = true;
        status.updateIncident(down.id(), IncidentStatus.IDENTIFIED, null, "Found it.", Map.of(), true);
        outboxDown = false;
        clock.advance(SubscriptionService.SWEEP_WINDOW.plusMinutes(1));
        assertThat(subscriptions.sweep()).isZero();
        assertThat(sent).hasSize(2);
    }

    @Test
    void eMailIsRefusedWhenThePageHasNoMailServerAndNothingIsStored() {
        emailOffered = false;
        assertThatThrownBy(() -> subscriptions.subscribe(SubscriptionDelivery.Channel.EMAIL, "reader@example.org", List.of()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("not offered");
        assertThat(JdbcClient.create(pool).sql("SELECT count(*) FROM status.subscriber").query(Integer.class).single()).isZero();
        assertThat(sent).isEmpty();
    }

    @Test
    void aConfirmationThatCannotBeStoredLeavesNoSubscription() {
        outboxDown = true;
        assertThatThrownBy(() -> subscriptions.subscribe(SubscriptionDelivery.Channel.EMAIL, "later@example.org", List.of()))
                .hasMessageContaining("outbox unreachable");
        outboxDown = false;
        subscriptions.subscribe(SubscriptionDelivery.Channel.EMAIL, "later@example.org", List.of());
        assertThat(sent).singleElement().satisfies(n -> assertThat(n.target()).isEqualTo("later@example.org"));
    }

    private static String token(String text, String kind) {
        Matcher m = Pattern.compile("/subscriptions/" + kind + "\\?token=([a-z0-9]+)").matcher(text);
        assertThat(m.find()).as(text).isTrue();
        return m.group(1);
    }
}
