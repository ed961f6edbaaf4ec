package io.redset.probes;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.redset.engine.ClaimEngine;
import io.redset.engine.EngineConfig;
import io.redset.engine.SetId;
import io.redset.engine.testing.ControlDatabase;
import io.redset.engine.testing.DatabaseTest;
import io.redset.engine.testing.TestPostgres;
import io.redset.probes.canary.CanaryProbeConfig;
import io.redset.probes.db.DbProbeConfig;
import io.redset.probes.reconcile.ReconcileProbeConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three SETs; SET 01's database has its own PostgreSQL server, which is stopped mid-test. Its
 * component must reach major_outage within N x interval + jitter + timeout while SET 00 and SET 02
 * stay operational, and come back once the server is started again. Real clock, real threads.
 */
@DatabaseTest
class SetOutageProbeTest {

    private static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    private static final Duration JITTER = Duration.ofMillis(100);
    private static final int N = 3;
    private static final int M = 2;
    /** How often the Probes ticker hands due runs to the workers: a run can start this much after it is due. */
    private static final Duration TICK = Duration.ofMillis(100);
    /** Room for late thread scheduling (ticker, probe workers) on a small, loaded machine. */
    private static final Duration SCHEDULING_ALLOWANCE = Duration.ofSeconds(1);
    /**
     * Slow thresholds far above the 1 s probe timeout: speed is not what this test checks, and on a
     * loaded machine a healthy SET's db round trip (default 250 ms) or canary round (default 1 s) may
     * be slow enough to count as DEGRADED, a status change the healthy SETs must not have here.
     */
    private static final Duration GENEROUS_SLOW_THRESHOLD = Duration.ofSeconds(30);

    @TempDir
    Path dataRoot;

    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
    }

    @Test
    void aDeadSetDatabaseIsAMajorOutageOfItsComponentAlone() {
        TestPostgres shared = TestPostgres.shared();
        HikariDataSource pool0 = shared.pool(shared.createDatabase("set00"), 4);
        HikariDataSource pool2 = shared.pool(shared.createDatabase("set02"), 4);
        Path dir1 = dataRoot.resolve("set01");
        TestPostgres[] server1 = {TestPostgres.start(dir1, 0)};
        int port1 = server1[0].port();
        server1[0].createDatabaseNamed("redset_set");
        HikariDataSource pool1 = server1[0].pool("redset_set", 4);
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

        MeterRegistry registry = new SimpleMeterRegistry();
        ClaimEngine engine = ClaimEngine.start(EngineConfig.custom().setCount(3).backgroundJobs(false).meterRegistry(registry)
                        .circuit(new EngineConfig.CircuitSettings(50f, 4, 10, Duration.ofMillis(500), 2)).build(),
                Map.<SetId, DataSource>of(SetId.of(0), pool0, SetId.of(1), pool1, SetId.of(2), pool2));
        closeables.add(engine);
        ProbesConfig config = ProbesConfig.custom()
                .interval(INTERVAL).timeout(TIMEOUT).jitter(JITTER).failuresToDown(N).successesToUp(M)
                .reconcile(new ReconcileProbeConfig(true, INTERVAL, TIMEOUT, Duration.ofMinutes(10)))
                .db(new DbProbeConfig(true, null, null, GENEROUS_SLOW_THRESHOLD))
                .canary(new CanaryProbeConfig(true, null, null, GENEROUS_SLOW_THRESHOLD, CanaryProbeConfig.DEFAULT_TOTAL_FEN,
                        CanaryProbeConfig.DEFAULT_SHARES, CanaryProbeConfig.DEFAULT_REFUND_GRACE))
                .meterRegistry(registry)
                .build();
        Probes probes = Probes.start(config, engine, control.dataSource());
        closeables.add(probes);
        ComponentId set0 = ComponentId.ofSet(SetId.of(0));
        ComponentId set1 = ComponentId.ofSet(SetId.of(1));
        ComponentId set2 = ComponentId.ofSet(SetId.of(2));
        assertThat(probes.registry().size()).isEqualTo(12);

        // every probe of every SET has passed at least M times
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(probes.health().components()).allSatisfy(c -> {
            assertThat(c.status()).isEqualTo(ComponentStatus.OPERATIONAL);
            assertThat(c.probes()).allSatisfy(p -> {
                assertThat(p.last()).isNotNull();
                assertThat(p.last().outcome()).as(p.probe() + ": " + p.last().result().message()).isEqualTo(ProbeOutcome.OK);
            });
        }));
        assertThat(success(registry, "01", "db")).isEqualTo(1.0);

        Instant stopping = Instant.now();
        server1[0].close();
        server1[0] = null;
        Instant stopped = Instant.now();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> probes.health().component(set1).orElseThrow().status() == ComponentStatus.MAJOR_OUTAGE);
        ComponentState down = probes.health().component(set1).orElseThrow();
        Duration detection = Duration.between(stopping, down.since());
        Duration bound = INTERVAL.multipliedBy(N).plus(JITTER).plus(TIMEOUT);
        System.out.printf("DETECTION: SET 01 database stopped (stop took %d ms); major_outage after %d ms from the stop "
                        + "request, %d ms after the server was down; bound N x interval + jitter + timeout = %d ms; cause: %s%n",
                Duration.between(stopping, stopped).toMillis(), detection.toMillis(),
                Duration.between(stopped, down.since()).toMillis(), bound.toMillis(), down.cause());
        // the documented bound assumes runs start exactly when due; the ticker hands them out every 100 ms,
        // so add one tick, plus an allowance for threads scheduled late on a loaded machine (the ticker
        // noticing a deadline, a worker returning from the pool's 1 s connection timeout)
        assertThat(detection).isLessThanOrEqualTo(bound.plus(TICK).plus(SCHEDULING_ALLOWANCE));
        assertThat(down.cause()).startsWith("db: 3 consecutive bad results");
        for (ComponentId healthy : List.of(set0, set2)) {
            assertThat(probes.health().component(healthy).orElseThrow().status()).isEqualTo(ComponentStatus.OPERATIONAL);
            assertThat(probes.health().changesSince(healthy, stopping)).isEmpty();
        }
        assertThat(success(registry, "01", "db")).isZero();
        assertThat(success(registry, "00", "db")).isEqualTo(1.0);

        Instant restarting = Instant.now();
        server1[0] = TestPostgres.start(dir1, port1);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> probes.health().component(set1).orElseThrow().status() == ComponentStatus.OPERATIONAL);
        ComponentState up = probes.health().component(set1).orElseThrow();
        System.out.printf("RECOVERY: operational %d ms after the restart began; cause: %s%n",
                Duration.between(restarting, up.since()).toMillis(), up.cause());
        for (ComponentId healthy : List.of(set0, set2)) {
            assertThat(probes.health().changesSince(healthy, stopping)).isEmpty();
        }
        List<StatusChange> changes = probes.health().changesSince(set1, stopping);
        // down (through partial_outage or degraded_performance when the canary or engine probe noticed
        // first) to major, then back up, possibly through partial_outage (the canary waits for the
        // engine's circuit to close) and degraded_performance (the engine probe reports a HALF_OPEN
        // circuit while the engine tests the SET again)
        assertThat(changes).extracting(StatusChange::to).contains(ComponentStatus.MAJOR_OUTAGE)
                .doesNotContain(ComponentStatus.UNDER_MAINTENANCE)
                .last().isEqualTo(ComponentStatus.OPERATIONAL);
        assertThat(success(registry, "01", "db")).isEqualTo(1.0);
        assertThat(registry.find("redset.probe.last.run.timestamp").tag("set", "01").tag("probe", "canary").gauge().value())
                .isGreaterThan(stopping.getEpochSecond());
        assertThat(probes.results(set1, stopping, Instant.now())).anySatisfy(r -> {
            assertThat(r.probe().type()).isEqualTo(ProbeType.DB);
            assertThat(r.outcome()).isEqualTo(ProbeOutcome.FAILED);
        });
    }

    private static double success(MeterRegistry registry, String set, String probe) {
        Gauge g = registry.find("redset.probe.success").tag("set", set).tag("probe", probe).gauge();
        assertThat(g).as("redset.probe.success{set=%s,probe=%s}", set, probe).isNotNull();
        return g.value();
    }
}
