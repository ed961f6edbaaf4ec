package io.redset.web.status;

import com.zaxxer.hikari.HikariDataSource;
import io.redset.engine.testing.EmbeddedPostgresServer;
import io.redset.engine.testing.MutableClock;
import io.redset.probes.ComponentStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The model on a real PostgreSQL with a fake clock: maintenance windows move on by themselves with a
 * notice per step, the overall status follows, and the last snapshot keeps being served (with its
 * time) when the control database is stopped.
 */
class StatusServiceTest {

    static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

    EmbeddedPostgresServer server;
    HikariDataSource pool;
    MutableClock clock;
    StatusService service;

    @BeforeEach
    void start() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "status-service-test"));
        server = EmbeddedPostgresServer.start(Files.createTempDirectory(dir, "pg"), 0);
        String db = server.createDatabase("status");
        pool = server.pool(db, 2, 500);
        StatusStore.migrate(pool);
        clock = new MutableClock(T0);
        service = new StatusService(new StatusStore(pool), null, StatusProperties.defaults(), clock,
                new StatusMaintenanceWindows()).start();
        service.saveComponent("website", "Website", null, "Public", ComponentStatus.OPERATIONAL, 1, null, null);
        service.saveComponent("api", "API", null, "Public", ComponentStatus.OPERATIONAL, 2, null, null);
    }

    @AfterEach
    void stop() {
        service.close();
        pool.close();
        server.close();
    }

    /** Two nodes on one control database: each step of a maintenance is written (and announced) once. */
    @Test
    void twoNodesMoveAMaintenanceOnOnce() {
        StatusService other = new StatusService(new StatusStore(pool), null, StatusProperties.defaults(), clock,
                new StatusMaintenanceWindows()).start();
        List<StatusEvent> announced = new java.util.concurrent.CopyOnWriteArrayList<>();
        try {
            Incident m = service.scheduleMaintenance("Disk swap", "We swap disks.", T0.plusSeconds(60), T0.plusSeconds(120),
                    List.of("api"), true, true);
            other.refresh();
            service.addListener(announced::add);
            other.addListener(announced::add);
            clock.advance(Duration.ofMinutes(1));
            service.refresh();
            other.refresh();
            clock.advance(Duration.ofMinutes(1));
            other.refresh();
            service.refresh();
            assertThat(service.snapshot().incident(m.id()).orElseThrow().updates()).extracting(IncidentUpdate::status)
                    .containsExactly(IncidentStatus.VERIFYING, IncidentStatus.IN_PROGRESS, IncidentStatus.SCHEDULED);
            assertThat(announced).extracting(e -> e.update().status())
                    .containsExactly(IncidentStatus.IN_PROGRESS, IncidentStatus.VERIFYING);
            // the race itself (both nodes read "scheduled" before either writes): only the first write counts
            Incident now = service.snapshot().incident(m.id()).orElseThrow();
            assertThat(new StatusStore(pool).updateIncidentIf(now, IncidentStatus.SCHEDULED)).isFalse();
            assertThat(new StatusStore(pool).updateIncidentIf(now, IncidentStatus.VERIFYING)).isTrue();
        } finally {
            other.close();
        }
    }

    @Test
    void maintenanceMovesScheduledInProgressVerifyingCompletedByTheClock() {
        Incident m = service.scheduleMaintenance("Database upgrade", "We upgrade the database.", T0.plusSeconds(3600),
                T0.plusSeconds(7200), List.of("website"), true, true);
        assertThat(m.status()).isEqualTo(IncidentStatus.SCHEDULED);
        assertThat(service.snapshot().indicator()).isEqualTo(Indicator.NONE);
        assertThat(service.snapshot().upcomingMaintenances()).extracting(Incident::id).containsExactly(m.id());

        clock.advance(Duration.ofMinutes(59));
        assertThat(statusOf(m)).isEqualTo(IncidentStatus.SCHEDULED);
        clock.advance(Duration.ofMinutes(1));
        service.refresh();
        assertThat(statusOf(m)).isEqualTo(IncidentStatus.IN_PROGRESS);
        assertThat(service.snapshot().indicator()).isEqualTo(Indicator.MAINTENANCE);
        assertThat(service.snapshot().component("website").orElseThrow().status()).isEqualTo(ComponentStatus.UNDER_MAINTENANCE);
        assertThat(service.snapshot().component("api").orElseThrow().status()).isEqualTo(ComponentStatus.OPERATIONAL);
        assertThat(service.snapshot().activeMaintenances()).extracting(Incident::id).containsExactly(m.id());

        clock.advance(Duration.ofHours(1));
        service.refresh();
        assertThat(statusOf(m)).isEqualTo(IncidentStatus.VERIFYING);
        assertThat(service.snapshot().indicator()).isEqualTo(Indicator.MAINTENANCE);

        clock.advance(StatusProperties.defaults().verifyingPeriod());
        service.refresh();
        Incident done = service.snapshot().incident(m.id()).orElseThrow();
        assertThat(done.status()).isEqualTo(IncidentStatus.COMPLETED);
        assertThat(done.resolvedAt()).isEqualTo(T0.plusSeconds(7200).plus(StatusProperties.defaults().verifyingPeriod()));
        assertThat(done.updates()).extracting(IncidentUpdate::status).containsExactly(IncidentStatus.COMPLETED,
                IncidentStatus.VERIFYING, IncidentStatus.IN_PROGRESS, IncidentStatus.SCHEDULED);
        assertThat(service.snapshot().indicator()).isEqualTo(Indicator.NONE);
        assertThat(service.snapshot().component("website").orElseThrow().status()).isEqualTo(ComponentStatus.OPERATIONAL);
    }

    @Test
    void aWindowThatPassedWhileDownTakesEveryStepAtOnceWithItsOwnTimes() {
        Incident m = service.scheduleMaintenance("Short", "Short work.", T0.plusSeconds(60), T0.plusSeconds(120),
                List.of("api"), true, false);
        clock.advance(Duration.ofHours(3));
        List<StatusEvent> events = new java.util.ArrayList<>();
        service.addListener(events::add);
        service.refresh();
        Incident done = service.snapshot().incident(m.id()).orElseThrow();
        assertThat(done.status()).isEqualTo(IncidentStatus.COMPLETED);
        assertThat(done.updates()).extracting(IncidentUpdate::displayAt).containsExactly(
                T0.plusSeconds(120).plus(StatusProperties.defaults().verifyingPeriod()), T0.plusSeconds(120),
                T0.plusSeconds(60), T0);
        assertThat(events).hasSize(3);
    }

    @Test
    void withoutAutoTransitionsOnlyAdminsMoveIt() {
        Incident m = service.scheduleMaintenance("Manual", "Manual work.", T0.plusSeconds(60), T0.plusSeconds(120),
                List.of("api"), false, false);
        clock.advance(Duration.ofHours(1));
        service.refresh();
        assertThat(statusOf(m)).isEqualTo(IncidentStatus.SCHEDULED);
        service.updateIncident(m.id(), IncidentStatus.IN_PROGRESS, null, "Started.", Map.of(), true);
        assertThat(statusOf(m)).isEqualTo(IncidentStatus.IN_PROGRESS);
    }

    @Test
    void incidentStatusesAndManualComponents() {
        Incident i = service.createIncident("API errors", IncidentStatus.INVESTIGATING, Impact.MINOR, "Looking.",
                Map.of("api", ComponentStatus.PARTIAL_OUTAGE), true);
        assertThat(service.snapshot().indicator()).isEqualTo(Indicator.MAJOR);
        assertThat(service.snapshot().component("api").orElseThrow().status()).isEqualTo(ComponentStatus.PARTIAL_OUTAGE);
        clock.advance(Duration.ofMinutes(5));
        Incident monitoring = service.updateIncident(i.id(), IncidentStatus.MONITORING, null, "Fixed, watching.",
                Map.of("api", ComponentStatus.OPERATIONAL), true);
        assertThat(monitoring.monitoringAt()).isEqualTo(T0.plusSeconds(300));
        assertThat(monitoring.latestUpdate().affected()).containsExactly(
                new AffectedComponent("api", "API", ComponentStatus.PARTIAL_OUTAGE, ComponentStatus.OPERATIONAL));
        assertThat(service.snapshot().indicator()).isEqualTo(Indicator.MINOR);
        clock.advance(Duration.ofMinutes(5));
        Incident resolved = service.updateIncident(i.id(), IncidentStatus.RESOLVED, null, "Resolved.", Map.of(), true);
        assertThat(resolved.resolvedAt()).isEqualTo(T0.plusSeconds(600));
        assertThat(service.snapshot().indicator()).isEqualTo(Indicator.NONE);
        Incident pm = service.publishPostmortem(i.id(), "Root cause: a full disk.");
        assertThat(pm.status()).isEqualTo(IncidentStatus.POSTMORTEM);
        assertThat(pm.postmortem()).isEqualTo("Root cause: a full disk.");
        assertThat(service.snapshot().uptime().get("api")).hasSize(StatusService.UPTIME_DAYS);
        assertThat(service.snapshot().uptime().get("api").getLast().incidents()).containsExactly("API errors");
    }

    @Test
    void theLastSnapshotIsServedWhileTheControlDatabaseIsDown() {
        service.createIncident("Claims slow", IncidentStatus.IDENTIFIED, Impact.MINOR, "Slow claims.",
                Map.of("website", ComponentStatus.DEGRADED_PERFORMANCE), true);
        Instant readAt = service.snapshot().dataReadAt();
        server.close();
        clock.advance(Duration.ofMinutes(1));
        StatusSnapshot s = service.refresh();
        assertThat(s.dataStale()).isTrue();
        assertThat(s.dataReadAt()).isEqualTo(readAt);
        assertThat(s.builtAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(s.incidents()).extracting(Incident::name).containsExactly("Claims slow");
        assertThat(new String(s.rendered().get("summary.json").body(), StandardCharsets.UTF_8)).contains("Claims slow");
        server = EmbeddedPostgresServer.start(null, 0); // for stop()
    }

    private IncidentStatus statusOf(Incident m) {
        return service.snapshot().incident(m.id()).orElseThrow().status();
    }
}
