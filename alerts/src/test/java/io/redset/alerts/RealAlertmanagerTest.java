package io.redset.alerts;

import com.sun.net.httpserver.HttpServer;
import io.redset.engine.testing.ControlDatabase;
import io.redset.engine.testing.DatabaseTest;
import io.redset.engine.testing.MutableClock;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.File;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real Alertmanager (Debian's {@code prometheus-alertmanager}, skipped when absent) posts its
 * version-4 webhooks to RedSet's inbound reader: the alert appears, then resolves. Its payload also
 * has exactly the top-level and per-alert keys RedSet writes for its own webhook receivers.
 */
@DatabaseTest
class RealAlertmanagerTest {

    static final String BINARY = "prometheus-alertmanager";

    @TempDir
    Path dir;

    static boolean onPath(String command) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, command)));
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static List<String> keys(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.propertyNames().forEach(out::add);
        return out;
    }

    @Test
    void alertsFromARealAlertmanagerAppearAndResolve() throws Exception {
        Assumptions.assumeTrue(onPath(BINARY), BINARY + " is not installed");
        MutableClock clock = new MutableClock(Instant.now());
        List<String> bodies = new CopyOnWriteArrayList<>();
        try (ControlDatabase db = new ControlDatabase();
             Alerts alerts = Alerts.start(AlertsConfig.custom().clock(clock).backgroundThreads(false).defaultRules(List.of()).build(),
                     RequestCounters.none(), null, db.dataSource())) {
            HttpServer inbound = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            inbound.createContext("/api/v1/alerts/alertmanager", ex -> {
                String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                bodies.add(body);
                alerts.receiveAlertmanager(body);
                ex.sendResponseHeaders(200, -1);
                ex.close();
            });
            inbound.start();
            int amPort = freePort();
            Files.writeString(dir.resolve("alertmanager.yml"), """
                    route:
                      receiver: redset
                      group_by: [alertname]
                      group_wait: 1s
                      group_interval: 1s
                      repeat_interval: 1h
                    receivers:
                      - name: redset
                        webhook_configs:
                          - url: http://127.0.0.1:%d/api/v1/alerts/alertmanager
                            send_resolved: true
                    """.formatted(inbound.getAddress().getPort()));
            Process am = new ProcessBuilder(BINARY, "--config.file=" + dir.resolve("alertmanager.yml"),
                    "--storage.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + amPort,
                    "--cluster.listen-address=").redirectErrorStream(true).redirectOutput(dir.resolve("am.log").toFile()).start();
            try {
                HttpClient http = HttpClient.newHttpClient();
                String alert = "[{\"labels\":{\"alertname\":\"DiskFull\",\"instance\":\"db-9\",\"severity\":\"ticket\"},"
                        + "\"annotations\":{\"summary\":\"disk 95%% full\"}%s}]";
                await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> http.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + amPort + "/api/v2/alerts")).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(alert.formatted(""))).build(), HttpResponse.BodyHandlers.ofString())
                        .statusCode() == 200);
                await().atMost(Duration.ofSeconds(20)).until(() -> !alerts.alerts().isEmpty());
                Alert a = alerts.alerts().get(0);
                assertThat(a.source()).isEqualTo("alertmanager");
                assertThat(a.labels()).containsEntry("alertname", "DiskFull").containsEntry("instance", "db-9");
                assertThat(a.annotations()).containsEntry("summary", "disk 95% full");

                JsonMapper json = JsonMapper.builder().build();
                JsonNode real = json.readTree(bodies.get(0));
                JsonNode ours = json.readTree(AlertmanagerPayload.render(new Notification(1, "redset", "firing", "{}", Map.of("alertname", "DiskFull"),
                        List.of(new Notification.Item(1, "firing", a.labels(), a.annotations(), Instant.now(), null, "f", null, null)),
                        "http://redset.example", "k", Instant.now())));
                assertThat(keys(ours)).containsExactlyInAnyOrderElementsOf(keys(real));
                assertThat(keys(ours.path("alerts").get(0))).containsExactlyInAnyOrderElementsOf(keys(real.path("alerts").get(0)));
                assertThat(real.path("version").asString()).isEqualTo("4");

                String ended = ",\"endsAt\":\"" + Instant.now().minusSeconds(1) + "\"";
                http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + amPort + "/api/v2/alerts"))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(alert.formatted(ended))).build(),
                        HttpResponse.BodyHandlers.ofString());
                await().atMost(Duration.ofSeconds(20)).until(() -> alerts.alerts().isEmpty());
                assertThat(alerts.alert(a.id())).get().extracting(Alert::state).isEqualTo(AlertState.RESOLVED);
            } finally {
                am.destroy();
                am.waitFor();
                inbound.stop(0);
            }
        }
    }
}
