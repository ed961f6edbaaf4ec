package io.redset.probes.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.redset.engine.testing.ControlDatabase;
import io.redset.engine.testing.DatabaseTest;
import io.redset.engine.testing.MutableClock;
import io.redset.probes.ComponentId;
import io.redset.probes.ComponentState;
import io.redset.probes.ComponentStatus;
import io.redset.probes.ProbeContext;
import io.redset.probes.ProbeOutcome;
import io.redset.probes.ProbeResult;
import io.redset.probes.Probes;
import io.redset.probes.ProbesConfig;
import io.redset.probes.StatusChange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The HTTP probe against a local server that answers fine, slow, 500 and with the wrong body. */
@DatabaseTest
class HttpProbeTest {

    private HttpServer server;
    private final AtomicReference<String> health = new AtomicReference<>("{\"status\":\"UP\"}");

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/ok", ex -> answer(ex, 200, "{\"status\":\"UP\"}"));
        server.createContext("/slow", ex -> {
            sleep(700);
            answer(ex, 200, "{\"status\":\"UP\"}");
        });
        server.createContext("/error", ex -> answer(ex, 500, "{\"error\":\"boom\"}"));
        server.createContext("/wrong", ex -> answer(ex, 200, "<html>Welcome to nginx!</html>"));
        server.createContext("/health", ex -> answer(ex, 200, health.get()));
        server.createContext("/echo-agent", ex -> answer(ex, 200, String.valueOf(ex.getRequestHeaders().getFirst("User-Agent"))
                + "|" + ex.getRequestHeaders().getFirst("X-Probe-Token")));
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    private static void answer(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private static ProbeResult run(HttpProbeConfig config, Duration timeout) throws InterruptedException {
        HttpProbe probe = new HttpProbe(config, Duration.ofSeconds(10), timeout);
        return probe.run(new ProbeContext(Instant.now(), timeout, Clock.systemUTC()));
    }

    @Test
    void aGoodAnswerIsOk() throws Exception {
        ProbeResult r = run(HttpProbeConfig.custom("api", url("/ok")).bodyContains("\"UP\"").maxLatency(Duration.ofSeconds(2))
                .build(), Duration.ofSeconds(5));
        assertThat(r.outcome()).as(r.message()).isEqualTo(ProbeOutcome.OK);
        assertThat(r.message()).startsWith("status 200 in ");
        assertThat(r.latency()).isPositive().isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void aSlowAnswerIsDegradedAndOnePastTheTimeoutFailed() throws Exception {
        ProbeResult slow = run(HttpProbeConfig.custom("api", url("/slow")).maxLatency(Duration.ofMillis(300)).build(),
                Duration.ofSeconds(5));
        assertThat(slow.outcome()).isEqualTo(ProbeOutcome.DEGRADED);
        assertThat(slow.message()).contains("slower than 300 ms");
        assertThat(slow.latency()).isGreaterThanOrEqualTo(Duration.ofMillis(700));

        ProbeResult late = run(HttpProbeConfig.custom("api", url("/slow")).build(), Duration.ofMillis(300));
        assertThat(late.outcome()).isEqualTo(ProbeOutcome.FAILED);
        assertThat(late.message()).contains("no complete answer within");
    }

    @Test
    void aServerErrorFailsUnlessExpected() throws Exception {
        ProbeResult error = run(HttpProbeConfig.custom("api", url("/error")).build(), Duration.ofSeconds(5));
        assertThat(error.outcome()).isEqualTo(ProbeOutcome.FAILED);
        assertThat(error.message()).contains("status 500").contains("expected 200-299");

        ProbeResult expected = run(HttpProbeConfig.custom("api", url("/error")).expectedStatus("500, 503").build(),
                Duration.ofSeconds(5));
        assertThat(expected.outcome()).isEqualTo(ProbeOutcome.OK);
    }

    @Test
    void aWrongBodyFails() throws Exception {
        ProbeResult contains = run(HttpProbeConfig.custom("api", url("/wrong")).bodyContains("\"UP\"").build(),
                Duration.ofSeconds(5));
        assertThat(contains.outcome()).isEqualTo(ProbeOutcome.FAILED);
        assertThat(contains.message()).contains("body does not contain '\"UP\"'").contains("Welcome to nginx");

        ProbeResult matches = run(HttpProbeConfig.custom("api", url("/wrong")).bodyMatches("\"status\"\\s*:\\s*\"UP\"").build(),
                Duration.ofSeconds(5));
        assertThat(matches.outcome()).isEqualTo(ProbeOutcome.FAILED);
        assertThat(matches.message()).contains("does not match");

        ProbeResult good = run(HttpProbeConfig.custom("api", url("/ok")).bodyMatches("\"status\"\\s*:\\s*\"UP\"").build(),
                Duration.ofSeconds(5));
        assertThat(good.outcome()).isEqualTo(ProbeOutcome.OK);
    }

    @Test
    void sendsItsHeadersAndFailsOnARefusedConnection() throws Exception {
        ProbeResult echo = run(HttpProbeConfig.custom("api", url("/echo-agent")).header("X-Probe-Token", "t0k3n")
                .bodyContains(HttpProbe.USER_AGENT + "|t0k3n").build(), Duration.ofSeconds(5));
        assertThat(echo.outcome()).as(echo.message()).isEqualTo(ProbeOutcome.OK);

        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        ProbeResult refused = run(HttpProbeConfig.custom("api", URI.create("http://127.0.0.1:" + closedPort + "/")).build(),
                Duration.ofSeconds(2));
        assertThat(refused.outcome()).isEqualTo(ProbeOutcome.FAILED);
        assertThat(refused.message()).contains("ConnectException");
    }

    /** Through the whole module: the target's component goes down after N failures and comes back after M successes. */
    @Test
    void itsComponentFollowsTheTarget() {
        MutableClock clock = new MutableClock(Instant.now());
        ProbesConfig config = ProbesConfig.custom().clock(clock).backgroundThreads(false).jitter(Duration.ZERO)
                .failuresToDown(3).successesToUp(2)
                .http(HttpProbeConfig.custom("status-api", url("/health")).displayName("Status API")
                        .description("The JSON health of the API").bodyContains("\"UP\"").build())
                .build();
        try (ControlDatabase control = new ControlDatabase(); Probes probes = Probes.start(config, null, control.dataSource())) {
            ComponentId id = ComponentId.ofHttp("status-api");
            assertThat(probes.components()).singleElement().satisfies(c -> {
                assertThat(c.name()).isEqualTo("Status API");
                assertThat(c.group()).isEqualTo(ProbesConfig.DEFAULT_HTTP_GROUP);
                assertThat(c.description()).isEqualTo("The JSON health of the API");
            });
            health.set("{\"status\":\"DOWN\"}");
            for (int i = 1; i <= 3; i++) {
                runOnce(probes, clock, i);
            }
            ComponentState down = probes.health().component(id).orElseThrow();
            assertThat(down.status()).isEqualTo(ComponentStatus.MAJOR_OUTAGE);
            assertThat(down.cause()).startsWith("http: 3 consecutive bad results, last: failed (status 200 in");

            health.set("{\"status\":\"UP\"}");
            runOnce(probes, clock, 4);
            assertThat(probes.health().component(id).orElseThrow().status()).isEqualTo(ComponentStatus.MAJOR_OUTAGE);
            runOnce(probes, clock, 5);
            assertThat(probes.health().component(id).orElseThrow().status()).isEqualTo(ComponentStatus.OPERATIONAL);
            List<StatusChange> changes = probes.health().changesSince(id, clock.instant().minus(Duration.ofHours(1)));
            assertThat(changes).extracting(StatusChange::to).containsExactly(ComponentStatus.OPERATIONAL,
                    ComponentStatus.MAJOR_OUTAGE, ComponentStatus.OPERATIONAL);
        }
    }

    private static void runOnce(Probes probes, MutableClock clock, int expectedRuns) {
        if (expectedRuns > 1) {
            clock.advance(ProbesConfig.DEFAULT_INTERVAL);
        }
        probes.tick();
        await().atMost(Duration.ofSeconds(10)).until(() -> probes.health().components().get(0).probes().get(0).last() != null
                && probes.results(probes.components().get(0).id(), Instant.EPOCH, Instant.now().plusSeconds(3600)).size() == expectedRuns);
    }
}
