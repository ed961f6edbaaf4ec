package io.redset.alerts;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.redset.engine.ClaimEngine;
import io.redset.engine.EngineConfig;
import io.redset.engine.EnvelopeId;
import io.redset.engine.SendCommand;
import io.redset.engine.SetId;
import io.redset.engine.SplitMode;
import io.redset.engine.testing.ControlDatabase;
import io.redset.engine.testing.DatabaseTest;
import io.redset.engine.testing.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * End to end on the embedded database, real clock and threads: three SETs under steady claim
 * traffic; SET 01's database runs on its own PostgreSQL server, which is stopped. The error-ratio
 * alert must fire and a local webhook receiver get the exact version-4 payload; after an
 * acknowledgement no repeat comes; after the server is back the resolve comes. Then a restart with
 * an undelivered notification in the outbox delivers it once.
 *
 * <p>By default the rule runs with short windows so the test takes well under a minute; with
 * {@code -Dalerts.e2e.defaults=true} it runs the shipped default rule and settings (evaluation every
 * 10 s, window 1 m, for 20 s, keep_firing_for 1 m) to measure the detection time they give.
 */
@DatabaseTest
class SetOutageAlertEndToEndTest {

    static final boolean DEFAULTS = Boolean.getBoolean("alerts.e2e.defaults");
    static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dataRoot;

    final List<AutoCloseable> closeables = new ArrayList<>();
    final AtomicBoolean running = new AtomicBoolean(true);

    @AfterEach
    void stop() throws Exception {
        running.set(false);
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
    }

    AlertsConfig config(MeterRegistry meters, String hookUrl, boolean threads) {
        AlertRule shipped = AlertRules.defaults().stream().filter(r -> r.name().equals("SetErrorRatio")).findFirst().orElseThrow();
        // claims only: the shipped rule makes one alert per operation (claim, details), and a second one
        // firing after the acknowledgement below would rightly be notified, racing the "no repeat" check
        AlertRule rule = DEFAULTS ? shipped : new AlertRule(shipped.name(), shipped.kind(), true, Set.of("claim"), shipped.threshold(),
                Duration.ofSeconds(6), shipped.minRequests(), shipped.minErrors(), Duration.ofSeconds(2), Duration.ofSeconds(3),
                shipped.severity(), shipped.labels(), shipped.summary(), shipped.runbookUrl(), Set.of(), 0, List.of());
        AlertsConfig.Builder b = AlertsConfig.custom().defaultRules(List.of(rule)).meterRegistry(meters).backgroundThreads(threads)
                .retryBackoff(Duration.ofMillis(100)).outboxPollInterval(Duration.ofMillis(200))
                .receivers(List.of(new ReceiverConfig("oncall", ReceiverType.WEBHOOK, Map.of("url", hookUrl))))
                .routes(List.of(new Route("oncall", List.of(LabelMatcher.parse("severity=~\"page|critical\"")), Duration.ofSeconds(DEFAULTS ? 60 : 4))));
        if (!DEFAULTS) {
            b.evaluationInterval(Duration.ofMillis(500));
        }
        return b.build();
    }

    /** Claims on envelopes of one SET (and reads their details) until stopped. */
    Thread traffic(ClaimEngine engine, SetId set) {
        String sender = null;
        for (int i = 0; sender == null; i++) {
            if (engine.homeSetOf("e2e-sender-" + i).equals(set)) {
                sender = "e2e-sender-" + i;
            }
        }
        List<EnvelopeId> envelopes = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            envelopes.add(engine.send(SendCommand.of(sender, 100, 100, SplitMode.LUCKY)).envelopeId());
        }
        AtomicLong user = new AtomicLong();
        Thread t = new Thread(() -> {
            int claims = 0;
            while (running.get()) {
                EnvelopeId id = envelopes.get((claims / 100) % envelopes.size());
                try {
                    engine.claim(id, "u" + set.tag() + "-" + user.incrementAndGet());
                } catch (RuntimeException ignored) {
                    // counted by the engine's meters
                }
                try {
                    engine.details(id);
                } catch (RuntimeException ignored) {
                    // counted too
                }
                claims++;
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "e2e-traffic-" + set.tag());
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Test
    void aStoppedSetDatabaseFiresNotifiesAcksResolvesAndSurvivesARestart() throws Exception {
        TestPostgres shared = TestPostgres.shared();
        HikariDataSource pool0 = shared.pool(shared.createDatabase("set00"), 4);
        HikariDataSource pool2 = shared.pool(shared.createDatabase("set02"), 4);
        Path dir1 = dataRoot.resolve("set01");
        TestPostgres[] server1 = {TestPostgres.start(dir1, 0)};
        int port1 = server1[0].port();
        server1[0].createDatabaseNamed("redset_set");
        HikariDataSource pool1 = server1[0].pool("redset_set", 4, 1000);
        closeables.add(() -> {
            if (server1[0] != null) {
                server1[0].close();
            }
        });
        closeables.add(pool0);
        closeables.add(pool1);
        closeables.add(pool2);
        ControlDatabase control = new ControlDatabase();
        closeables.add(control);
        WebhookSink sink = new WebhookSink();
        closeables.add(sink);

        MeterRegistry meters = new SimpleMeterRegistry();
        ClaimEngine engine = ClaimEngine.start(EngineConfig.custom().setCount(3).backgroundJobs(false).meterRegistry(meters)
                        .claimTimeout(Duration.ofSeconds(1))
                        .circuit(new EngineConfig.CircuitSettings(50f, 4, 10, Duration.ofMillis(500), 2)).build(),
                Map.<SetId, DataSource>of(SetId.of(0), pool0, SetId.of(1), pool1, SetId.of(2), pool2));
        closeables.add(engine);
        for (int s = 0; s < 3; s++) {
            traffic(engine, SetId.of(s));
        }
        Alerts alerts = Alerts.start(config(meters, sink.url("/hook"), true), RequestCounters.of(meters), null, control.dataSource());
        closeables.add(alerts);
        Duration healthy = Duration.ofMillis(DEFAULTS ? 15_000 : 2_000);
        await().during(healthy).atMost(healthy.plusSeconds(2)).until(() -> alerts.alerts().isEmpty());

        Instant failureStart = Instant.now();
        long failureNanos = System.nanoTime();
        server1[0].close();
        server1[0] = null;

        await().atMost(Duration.ofSeconds(DEFAULTS ? 120 : 30)).pollInterval(Duration.ofMillis(20)).until(() -> !sink.received().isEmpty());
        long notifiedNanos = sink.received().get(0).atNanos();
        Alert firing = alerts.alerts().stream().filter(a -> a.state() == AlertState.FIRING).findFirst().orElseThrow();
        assertThat(alerts.alerts()).allSatisfy(a -> assertThat(a.labels()).containsEntry("set", "01"));
        System.out.printf("DETECTION (%s): SET 01 database stopped at %s; pending at +%d ms, firing at +%d ms, webhook received at +%d ms "
                        + "(evaluation every %s)%n", DEFAULTS ? "default settings" : "test settings", failureStart,
                Duration.between(failureStart, firing.activeSince()).toMillis(), Duration.between(failureStart, firing.firedAt()).toMillis(),
                Duration.ofNanos(notifiedNanos - failureNanos).toMillis(), alerts.config().evaluationInterval());

        JsonNode payload = JSON.readTree(sink.bodies().get(0));
        assertThat(payload.path("version").asString()).isEqualTo("4");
        assertThat(payload.path("status").asString()).isEqualTo("firing");
        assertThat(payload.path("groupKey").asString()).isEqualTo("{}:{alertname=\"SetErrorRatio\"}");
        assertThat(payload.path("groupLabels").toString()).isEqualTo("{\"alertname\":\"SetErrorRatio\"}");
        assertThat(payload.path("truncatedAlerts").asInt()).isZero();
        List<String> keys = new ArrayList<>();
        payload.propertyNames().forEach(keys::add);
        assertThat(keys).containsExactly("version", "groupKey", "truncatedAlerts", "status", "receiver", "groupLabels",
                "commonLabels", "commonAnnotations", "externalURL", "alerts");
        for (JsonNode a : payload.path("alerts")) {
            List<String> alertKeys = new ArrayList<>();
            a.propertyNames().forEach(alertKeys::add);
            assertThat(alertKeys).containsExactly("status", "labels", "annotations", "startsAt", "endsAt", "generatorURL", "fingerprint");
            assertThat(a.path("labels").path("set").asString()).isEqualTo("01");
            assertThat(a.path("endsAt").asString()).isEqualTo("0001-01-01T00:00:00Z");
            assertThat(a.path("startsAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        }

        for (Alert a : alerts.alerts()) {
            alerts.acknowledge(a.id(), "alice", "SET 01 database is down, restarting it");
        }
        int afterAck = sink.received().size();
        Duration longerThanRepeat = Duration.ofMillis(DEFAULTS ? 70_000 : 6_000);
        await("no repeat after the acknowledgement").during(longerThanRepeat).atMost(longerThanRepeat.plusSeconds(2))
                .until(() -> sink.received().stream().skip(afterAck).map(WebhookSink.Received::body)
                        .noneMatch(b -> b.contains("\"status\":\"firing\"")));

        server1[0] = TestPostgres.start(dir1, port1);
        await().atMost(Duration.ofSeconds(DEFAULTS ? 240 : 60)).pollInterval(Duration.ofMillis(50))
                .until(() -> sink.bodies().stream().anyMatch(b -> b.contains("\"status\":\"resolved\"")));
        assertThat(alerts.alerts()).isEmpty();
        JsonNode resolved = JSON.readTree(sink.bodies().stream().filter(b -> b.contains("\"status\":\"resolved\"")).findFirst().orElseThrow());
        assertThat(resolved.path("alerts").get(0).path("endsAt").asString()).isNotEqualTo("0001-01-01T00:00:00Z");
        System.out.printf("RECOVERY: resolved notification received %d ms after the failure began%n",
                Duration.between(failureStart, Instant.now()).toMillis());

        // kill and restart with an undelivered notification pending: delivered once
        alerts.close();
        closeables.remove(alerts);
        int before = sink.received().size();
        sink.failNext(1000, 503);
        Alerts second = Alerts.start(config(meters, sink.url("/hook"), false), RequestCounters.of(meters), null, control.dataSource());
        alerts.close();
        second.receiveAlertmanager("{\"alerts\":[{\"labels\":{\"alertname\":\"ExternalPage\",\"severity\":\"page\"}}]}");
        second.evaluate();
        second.deliverDue();
        assertThat(control.count("select count(*) from alerts.outbox where status = 'pending' and payload::text like '%ExternalPage%'")).isEqualTo(1);
        second.close(); // "killed" with the notification undelivered
        sink.failNext(0, 503);
        Alerts third = Alerts.start(config(meters, sink.url("/hook"), true), RequestCounters.of(meters), null, control.dataSource());
        closeables.add(third);
        await().atMost(Duration.ofSeconds(30)).until(() -> sink.bodies().stream().skip(before).anyMatch(b -> b.contains("ExternalPage")));
        await("delivered once, not again").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> sink.bodies().stream().skip(before).filter(b -> b.contains("ExternalPage")).count() == 1);
        assertThat(control.count("select count(*) from alerts.outbox where status = 'delivered' and payload::text like '%ExternalPage%'")).isEqualTo(1);
    }
}
