package io.redset.probes.internal;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.redset.engine.testing.ControlDatabase;
import io.redset.engine.testing.DatabaseTest;
import io.redset.engine.testing.MutableClock;
import io.redset.probes.Component;
import io.redset.probes.ComponentId;
import io.redset.probes.ComponentStatus;
import io.redset.probes.DailyRollup;
import io.redset.probes.ProbeId;
import io.redset.probes.ProbeOutcome;
import io.redset.probes.ProbeResult;
import io.redset.probes.ProbeRun;
import io.redset.probes.ProbeType;
import io.redset.probes.ProbesConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Day partitions ahead and dropped by retention, daily rollups from raw results and status changes; fake clock. */
@DatabaseTest
class HousekeepingTest {

    private static final LocalDate DAY = LocalDate.parse("2026-11-20");
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final Component WEB = new Component(ComponentId.ofHttp("web"), "Web", "", "Websites", null);
    private static final ProbeId HTTP = new ProbeId(WEB.id(), ProbeType.HTTP);

    private final MutableClock clock = new MutableClock(DAY.atStartOfDay(ZONE).toInstant());
    private ControlDatabase control;
    private ProbeStore store;
    private ResultWriter writer;
    private HealthModel model;
    private Housekeeping housekeeping;

    @BeforeEach
    void setUp() {
        control = new ControlDatabase();
        ProbeStore.migrate(control.dataSource());
        ProbesConfig config = ProbesConfig.custom().clock(clock).zone(ZONE).backgroundThreads(false)
                .rawRetention(Duration.ofDays(7)).rollupRetention(Duration.ofDays(90)).build();
        store = new ProbeStore(control.dataSource(), ZONE);
        writer = new ResultWriter(store, new SimpleMeterRegistry());
        housekeeping = new Housekeeping(config, store, writer, () -> List.of(WEB.id()));
        housekeeping.run(); // partitions first, as Probes.start does
        model = new HealthModel(config, null, List.of(WEB), List.of(HTTP), store, writer);
    }

    @AfterEach
    void tearDown() {
        control.close();
    }

    private Instant at(String time) {
        return DAY.atTime(java.time.LocalTime.parse(time)).atZone(ZONE).toInstant();
    }

    private void result(Instant at, ProbeOutcome outcome, long latencyMillis) {
        ProbeRun run = new ProbeRun(HTTP, at, new ProbeResult(outcome, outcome == ProbeOutcome.SKIPPED ? null
                : Duration.ofMillis(latencyMillis), ""));
        clock.set(at);
        model.record(run);
        writer.enqueue(run);
    }

    @Test
    void partitionsAreMadeAheadInTheConfiguredZone() throws SQLException {
        assertThat(store.resultPartitions()).containsExactly(DAY.minusDays(1), DAY, DAY.plusDays(1), DAY.plusDays(2));
        // the partition of a day holds exactly that day of the zone. The server prints the bounds in the
        // session time zone, which pgjdbc sets from the JVM default: read them in a UTC session.
        String bounds;
        try (Connection c = control.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL TIME ZONE 'UTC'"); // this transaction only: the pooled connection stays as it was
                try (ResultSet rs = s.executeQuery("SELECT pg_get_expr(c.relpartbound, c.oid) FROM pg_class c "
                        + "WHERE c.relname = 'probe_result_20261120'")) {
                    assertThat(rs.next()).isTrue();
                    bounds = rs.getString(1);
                }
            } finally {
                c.rollback();
            }
        }
        assertThat(bounds).isEqualTo("FOR VALUES FROM ('2026-11-19 16:00:00+00') TO ('2026-11-20 16:00:00+00')");
        assertThat(ProbeStore.partitionName(DAY)).isEqualTo("probe_result_20261120");
    }

    @Test
    void rollsUpADayFromResultsAndStatusChanges() {
        // 100 results, latencies 1..100 ms; 3 failures in a row at 06:00 (major outage), 2 successes at 12:00
        for (int i = 1; i <= 100; i++) {
            Instant t = at("00:10").plus(Duration.ofMinutes(5L * i));
            result(t, ProbeOutcome.OK, i);
        }
        result(at("06:00"), ProbeOutcome.FAILED, 5000);
        result(at("06:00:10"), ProbeOutcome.FAILED, 5000);
        result(at("06:00:20"), ProbeOutcome.FAILED, 5000);
        result(at("12:00"), ProbeOutcome.OK, 50);
        result(at("12:00:20"), ProbeOutcome.OK, 50);
        result(at("13:00"), ProbeOutcome.SKIPPED, 0);
        assertThat(model.component(WEB.id()).orElseThrow().status()).isEqualTo(ComponentStatus.OPERATIONAL);

        clock.set(DAY.plusDays(1).atTime(1, 0).atZone(ZONE).toInstant());
        housekeeping.run();
        List<DailyRollup> rollups = model.rollups(WEB.id(), DAY, DAY);
        assertThat(rollups).hasSize(1);
        DailyRollup r = rollups.get(0);
        assertThat(r.day()).isEqualTo(DAY);
        assertThat(r.observedSeconds()).isEqualTo(86_400);
        // major from the third failure (06:00:20) to the second success (12:00:20): 6 h
        assertThat(r.secondsByStatus()).containsEntry(ComponentStatus.MAJOR_OUTAGE, 21_600L)
                .containsEntry(ComponentStatus.OPERATIONAL, 64_800L);
        assertThat(r.worstStatus()).isEqualTo(ComponentStatus.MAJOR_OUTAGE);
        assertThat(r.uptimePercent()).isCloseTo(75.0, within(0.001));
        assertThat(r.probes()).singleElement().satisfies(p -> {
            assertThat(p.probe()).isEqualTo(ProbeType.HTTP);
            assertThat(p.runs()).isEqualTo(106);
            assertThat(p.ok()).isEqualTo(102);
            assertThat(p.failed()).isEqualTo(3);
            assertThat(p.skipped()).isEqualTo(1);
            assertThat(p.successPercent()).isCloseTo(100.0 * 102 / 105, within(0.001));
            // 105 latencies sorted: 1..49, 50 x 3, 51..100, 5000 x 3; interpolated at ranks 52 and 98.8
            assertThat(p.latencyP50Ms()).isCloseTo(51.0, within(0.001));
            assertThat(p.latencyP95Ms()).isCloseTo(97.8, within(0.001));
        });
        // the next day so far: one hour, operational
        DailyRollup today = model.rollups(DAY.plusDays(1), DAY.plusDays(1)).get(0);
        assertThat(today.observedSeconds()).isEqualTo(3_600);
        assertThat(today.worstStatus()).isEqualTo(ComponentStatus.OPERATIONAL);
        assertThat(today.uptimePercent()).isEqualTo(100.0);
        // recomputing is idempotent
        housekeeping.run();
        assertThat(model.rollups(WEB.id(), DAY, DAY)).isEqualTo(rollups);
    }

    @Test
    void retentionDropsRawDaysAndThenOldRollups() {
        result(at("10:00"), ProbeOutcome.OK, 5);
        clock.set(DAY.plusDays(1).atTime(0, 30).atZone(ZONE).toInstant());
        housekeeping.run();
        assertThat(control.count("SELECT count(*) FROM probes.probe_result")).isOne();

        // 8 days later: the day of the result is past the 7 days of raw retention, its partition is gone
        clock.set(DAY.plusDays(8).atTime(0, 30).atZone(ZONE).toInstant());
        housekeeping.run();
        assertThat(store.resultPartitions()).doesNotContain(DAY).contains(DAY.plusDays(1), DAY.plusDays(10))
                .allMatch(d -> !d.isBefore(DAY.plusDays(1)));
        assertThat(control.count("SELECT count(*) FROM probes.probe_result")).isZero();
        assertThat(model.rollups(WEB.id(), DAY, DAY)).singleElement()
                .satisfies(r -> assertThat(r.probes()).singleElement().satisfies(p -> assertThat(p.runs()).isOne()));

        // 91 days later: the rollups of that day are gone too; the last status change stays
        clock.set(DAY.plusDays(91).atTime(0, 30).atZone(ZONE).toInstant());
        housekeeping.run();
        assertThat(model.rollups(WEB.id(), DAY, DAY)).isEmpty();
        assertThat(model.rollups(WEB.id(), DAY.plusDays(89), DAY.plusDays(91))).hasSize(3)
                .allSatisfy(r -> assertThat(r.worstStatus()).isEqualTo(ComponentStatus.OPERATIONAL));
        assertThat(control.count("SELECT count(*) FROM probes.status_change")).isOne();
        Map<ComponentId, ComponentStatus> before = store.statusBefore(clock.instant());
        assertThat(before).containsEntry(WEB.id(), ComponentStatus.OPERATIONAL);
    }
}
