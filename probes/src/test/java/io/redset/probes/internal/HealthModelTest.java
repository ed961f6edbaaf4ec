package io.redset.probes.internal;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.redset.engine.ClaimEngine;
import io.redset.engine.SetId;
import io.redset.engine.SetMode;
import io.redset.engine.testing.ControlDatabase;
import io.redset.engine.testing.DatabaseTest;
import io.redset.engine.testing.EngineFixture;
import io.redset.engine.testing.MutableClock;
import io.redset.probes.Component;
import io.redset.probes.ComponentId;
import io.redset.probes.ComponentState;
import io.redset.probes.ComponentStatus;
import io.redset.probes.MaintenanceCalendar;
import io.redset.probes.MaintenanceWindow;
import io.redset.probes.ProbeId;
import io.redset.probes.ProbeLevel;
import io.redset.probes.ProbeOutcome;
import io.redset.probes.ProbeResult;
import io.redset.probes.ProbeRun;
import io.redset.probes.ProbeType;
import io.redset.probes.ProbesConfig;
import io.redset.probes.StatusChange;
import io.redset.probes.StatusOverride;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The health model driven by a fake clock: hysteresis into component statuses, causes, overrides
 * with expiry, maintenance, the SET's mode, and a restart that neither hides nor invents anything.
 */
@DatabaseTest
class HealthModelTest {

    private static final Instant T0 = Instant.parse("2026-11-21T08:00:00Z");
    private static final Component SET0 = new Component(ComponentId.ofSet(SetId.of(0)), "SET 00", "", "Red envelope claims", SetId.of(0));
    private static final Component WEB = new Component(ComponentId.ofHttp("web"), "Web", "", "Websites", null);
    private static final ProbeId DB = new ProbeId(SET0.id(), ProbeType.DB);
    private static final ProbeId CANARY = new ProbeId(SET0.id(), ProbeType.CANARY);
    private static final ProbeId HTTP = new ProbeId(WEB.id(), ProbeType.HTTP);

    private final MutableClock clock = new MutableClock(T0);
    private final MaintenanceCalendar calendar = new MaintenanceCalendar();
    private ControlDatabase control;
    private ProbeStore store;
    private ResultWriter writer;
    private ProbesConfig config;

    @BeforeEach
    void setUp() {
        control = new ControlDatabase();
        ProbeStore.migrate(control.dataSource());
        store = new ProbeStore(control.dataSource(), java.time.ZoneOffset.UTC);
        writer = new ResultWriter(store, new SimpleMeterRegistry());
        config = ProbesConfig.custom().clock(clock).maintenance(calendar).failuresToDown(3).successesToUp(2)
                .backgroundThreads(false).build();
    }

    @AfterEach
    void tearDown() {
        control.close();
    }

    private HealthModel model(ClaimEngine engine) {
        return new HealthModel(config, engine, List.of(SET0, WEB), List.of(DB, CANARY, HTTP), store, writer);
    }

    private void feed(HealthModel m, ProbeId probe, ProbeOutcome outcome, int times) {
        for (int i = 0; i < times; i++) {
            clock.advance(Duration.ofSeconds(10));
            m.record(new ProbeRun(probe, clock.instant(), new ProbeResult(outcome, Duration.ofMillis(2), outcome.wireName() + " #" + i)));
        }
    }

    private static ComponentState state(HealthModel m, Component c) {
        return m.component(c.id()).orElseThrow();
    }

    @Test
    void startsOperationalAndRecordsTheStart() {
        HealthModel m = model(null);
        assertThat(m.components()).extracting(ComponentState::id).containsExactly(SET0.id(), WEB.id());
        assertThat(m.components()).allSatisfy(s -> {
            assertThat(s.status()).isEqualTo(ComponentStatus.OPERATIONAL);
            assertThat(s.since()).isEqualTo(T0);
        });
        assertThat(m.changesSince(T0.minusSeconds(1))).extracting(StatusChange::from, StatusChange::to, StatusChange::cause)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(null, ComponentStatus.OPERATIONAL, "monitoring started"),
                        org.assertj.core.groups.Tuple.tuple(null, ComponentStatus.OPERATIONAL, "monitoring started"));
    }

    @Test
    void probesDriveTheStatusWithHysteresisAndSayWhy() {
        HealthModel m = model(null);
        List<StatusChange> heard = new CopyOnWriteArrayList<>();
        m.addListener(heard::add);

        feed(m, CANARY, ProbeOutcome.FAILED, 2);
        assertThat(state(m, SET0).status()).isEqualTo(ComponentStatus.OPERATIONAL);
        feed(m, CANARY, ProbeOutcome.FAILED, 1);
        assertThat(state(m, SET0).status()).isEqualTo(ComponentStatus.PARTIAL_OUTAGE);
        assertThat(state(m, SET0).cause()).isEqualTo("canary: 3 consecutive bad results, last: failed (failed #0)");

        feed(m, DB, ProbeOutcome.FAILED, 3);
        ComponentState down = state(m, SET0);
        assertThat(down.status()).isEqualTo(ComponentStatus.MAJOR_OUTAGE);
        assertThat(down.cause()).startsWith("db: 3 consecutive bad results");
        assertThat(down.since()).isEqualTo(clock.instant());
        assertThat(down.probes()).extracting(p -> p.probe().type(), p -> p.level())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ProbeType.DB, ProbeLevel.DOWN),
                        org.assertj.core.groups.Tuple.tuple(ProbeType.CANARY, ProbeLevel.DOWN));
        assertThat(state(m, WEB).status()).as("other components untouched").isEqualTo(ComponentStatus.OPERATIONAL);

        feed(m, DB, ProbeOutcome.OK, 2);
        assertThat(state(m, SET0).status()).isEqualTo(ComponentStatus.PARTIAL_OUTAGE);
        feed(m, CANARY, ProbeOutcome.DEGRADED, 2);
        assertThat(state(m, SET0).status()).isEqualTo(ComponentStatus.DEGRADED_PERFORMANCE);
        feed(m, CANARY, ProbeOutcome.OK, 2);
        assertThat(state(m, SET0).status()).isEqualTo(ComponentStatus.OPERATIONAL);
        assertThat(state(m, SET0).cause()).isEqualTo("all probes pass");

        List<StatusChange> changes = m.changesSince(SET0.id(), T0);
        assertThat(changes).extracting(StatusChange::to).containsExactly(ComponentStatus.PARTIAL_OUTAGE,
                ComponentStatus.MAJOR_OUTAGE, ComponentStatus.PARTIAL_OUTAGE, ComponentStatus.DEGRADED_PERFORMANCE,
                ComponentStatus.OPERATIONAL);
        assertThat(changes.get(2).cause()).startsWith("canary: 3 consecutive bad results");
        assertThat(heard).isEqualTo(changes);
        assertThat(m.changesSince(changes.get(3).at())).singleElement().isEqualTo(changes.get(4));
    }

    @Test
    void aCriticalResultTakesEffectAtOnce() {
        HealthModel m = model(null);
        clock.advance(Duration.ofSeconds(1));
        m.record(new ProbeRun(new ProbeId(SET0.id(), ProbeType.RECONCILE), clock.instant(),
                ProbeResult.critical(null, "x"))); // not a probe of this model: ignored
        assertThat(state(m, SET0).status()).isEqualTo(ComponentStatus.OPERATIONAL);
        m.record(new ProbeRun(DB, clock.instant(), ProbeResult.critical(null, "money mismatch on envelope 1")));
        assertThat(state(m, SET0).status()).isEqualTo(ComponentStatus.MAJOR_OUTAGE);
        assertThat(state(m, SET0).cause()).isEqualTo("db: critical: money mismatch on envelope 1");
    }

    @Test
    void anOverrideWinsUntilItExpires() {
        HealthModel m = model(null);
        clock.advance(Duration.ofSeconds(1));
        StatusOverride o = m.override(WEB.id(), ComponentStatus.MAJOR_OUTAGE, "CDN provider outage", "alice",
                T0.plus(Duration.ofMinutes(30)));
        ComponentState s = state(m, WEB);
        assertThat(s.status()).isEqualTo(ComponentStatus.MAJOR_OUTAGE);
        assertThat(s.override()).isEqualTo(o);
        assertThat(s.cause()).isEqualTo("override by alice until 2026-11-21T08:30:00Z: CDN provider outage");
        assertThat(control.count("SELECT count(*) FROM probes.component_override WHERE component = 'http-web'")).isOne();

        // probes stay healthy underneath; the override still wins
        feed(m, HTTP, ProbeOutcome.OK, 3);
        assertThat(state(m, WEB).status()).isEqualTo(ComponentStatus.MAJOR_OUTAGE);

        clock.set(T0.plus(Duration.ofMinutes(30)));
        m.reevaluate();
        s = state(m, WEB);
        assertThat(s.status()).isEqualTo(ComponentStatus.OPERATIONAL);
        assertThat(s.override()).isNull();
        assertThat(s.cause()).isEqualTo("override by alice expired; all probes pass");
        writer.drain();
        assertThat(control.count("SELECT count(*) FROM probes.component_override")).isZero();
        assertThat(m.changesSince(WEB.id(), T0)).extracting(StatusChange::to)
                .containsExactly(ComponentStatus.MAJOR_OUTAGE, ComponentStatus.OPERATIONAL);
    }

    @Test
    void anOverrideCanBeClearedAndIsChecked() {
        HealthModel m = model(null);
        m.override(SET0.id(), ComponentStatus.UNDER_MAINTENANCE, "disk swap", "bob", T0.plus(Duration.ofHours(2)));
        assertThat(state(m, SET0).status()).isEqualTo(ComponentStatus.UNDER_MAINTENANCE);
        m.clearOverride(SET0.id(), "carol");
        assertThat(state(m, SET0).status()).isEqualTo(ComponentStatus.OPERATIONAL);
        assertThat(state(m, SET0).cause()).startsWith("override cleared by carol");
        assertThat(control.count("SELECT count(*) FROM probes.component_override")).isZero();

        assertThatThrownBy(() -> m.override(ComponentId.of("nope"), ComponentStatus.MAJOR_OUTAGE, "x", "bob", T0.plusSeconds(60)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown component");
        assertThatThrownBy(() -> m.override(SET0.id(), ComponentStatus.MAJOR_OUTAGE, " ", "bob", T0.plusSeconds(60)))
                .hasMessageContaining("reason");
        assertThatThrownBy(() -> m.override(SET0.id(), ComponentStatus.MAJOR_OUTAGE, "x", "bob", T0.minusSeconds(1)))
                .hasMessageContaining("expire");
    }

    @Test
    void maintenanceShowsUnderMaintenanceEvenWhileDown() {
        HealthModel m = model(null);
        calendar.add(new MaintenanceWindow("mw-1", "PostgreSQL upgrade", Set.of(SET0.id()),
                T0.plus(Duration.ofMinutes(1)), T0.plus(Duration.ofMinutes(10))));
        clock.set(T0.plus(Duration.ofMinutes(1)));
        m.reevaluate();
        assertThat(state(m, SET0).status()).isEqualTo(ComponentStatus.UNDER_MAINTENANCE);
        assertThat(state(m, SET0).cause()).startsWith("maintenance: PostgreSQL upgrade");
        assertThat(state(m, WEB).status()).isEqualTo(ComponentStatus.OPERATIONAL);
        feed(m, DB, ProbeOutcome.FAILED, 3);
        assertThat(state(m, SET0).status()).isEqualTo(ComponentStatus.UNDER_MAINTENANCE);

        clock.set(T0.plus(Duration.ofMinutes(10)));
        m.reevaluate();
        assertThat(state(m, SET0).status()).isEqualTo(ComponentStatus.MAJOR_OUTAGE);
        assertThat(state(m, SET0).cause()).startsWith("db: 3 consecutive bad results");
    }

    @Test
    void theSetModeSetsAFloorOnTheStatus() {
        try (EngineFixture fixture = new EngineFixture(1, 2, b -> b.backgroundJobs(false).clock(clock))) {
            ClaimEngine engine = fixture.start();
            HealthModel m = model(engine);
            assertThat(state(m, SET0).mode()).isEqualTo(SetMode.NORMAL);
            String[][] expectations = {
                {"DEGRADED", "degraded_performance"}, {"SEND_PAUSED", "degraded_performance"},
                {"READ_ONLY", "partial_outage"}, {"OFFLINE", "major_outage"}, {"NORMAL", "operational"}};
            for (String[] e : expectations) {
                engine.setMode(SetId.of(0), SetMode.valueOf(e[0]), "disk swap", "admin");
                clock.advance(Duration.ofSeconds(1));
                m.reevaluate();
                ComponentState s = state(m, SET0);
                assertThat(s.status().wireName()).as("status in mode %s", e[0]).isEqualTo(e[1]);
                assertThat(s.mode()).isEqualTo(SetMode.valueOf(e[0]));
                if (!e[0].equals("NORMAL")) {
                    assertThat(s.cause()).isEqualTo("mode " + e[0] + ", set by admin: disk swap");
                }
            }
            // READ_ONLY during announced maintenance is maintenance, not an outage
            engine.setMode(SetId.of(0), SetMode.READ_ONLY, "disk swap", "admin");
            calendar.add(new MaintenanceWindow("mw", "disk swap", Set.of(SET0.id()), clock.instant(), clock.instant().plusSeconds(600)));
            clock.advance(Duration.ofSeconds(1));
            m.reevaluate();
            assertThat(state(m, SET0).status()).isEqualTo(ComponentStatus.UNDER_MAINTENANCE);
        }
    }

    @Test
    void aRestartKeepsTheRecordedStatusUntilTheProbesHaveRun() {
        HealthModel before = model(null);
        feed(before, DB, ProbeOutcome.FAILED, 3);
        assertThat(state(before, SET0).status()).isEqualTo(ComponentStatus.MAJOR_OUTAGE);
        writer.drain();

        HealthModel after = model(null);
        ComponentState s = state(after, SET0);
        assertThat(s.status()).isEqualTo(ComponentStatus.MAJOR_OUTAGE);
        assertThat(s.cause()).isEqualTo("as recorded before the restart, until the probes have run");
        feed(after, DB, ProbeOutcome.OK, 3);
        feed(after, CANARY, ProbeOutcome.OK, 2);
        assertThat(state(after, SET0).status()).as("the canary has not run 3 times yet").isEqualTo(ComponentStatus.MAJOR_OUTAGE);
        feed(after, CANARY, ProbeOutcome.OK, 1);
        assertThat(state(after, SET0).status()).isEqualTo(ComponentStatus.OPERATIONAL);
        // the first start's row, the outage, the recovery: no "monitoring started" again
        assertThat(after.changesSince(SET0.id(), T0.minusSeconds(1))).extracting(StatusChange::to)
                .containsExactly(ComponentStatus.OPERATIONAL, ComponentStatus.MAJOR_OUTAGE, ComponentStatus.OPERATIONAL);
    }

    @Test
    void aRestartStillDetectsAnOutageThatPersists() {
        HealthModel before = model(null);
        feed(before, DB, ProbeOutcome.FAILED, 3);
        writer.drain();
        HealthModel after = model(null);
        feed(after, DB, ProbeOutcome.FAILED, 3);
        feed(after, CANARY, ProbeOutcome.OK, 3);
        assertThat(state(after, SET0).status()).isEqualTo(ComponentStatus.MAJOR_OUTAGE);
        assertThat(state(after, SET0).cause()).startsWith("db: 3 consecutive bad results");
    }
}
