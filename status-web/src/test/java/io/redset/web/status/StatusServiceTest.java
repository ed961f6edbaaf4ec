package io.redset.web.status;

import com.zaxxer.hikari.HikariDataSource;
import io.redset.engine.InvalidInputException;
import io.redset.engine.testing.DatabaseTest;
import io.redset.engine.testing.MutableClock;
import io.redset.engine.testing.TestPostgres;
import io.redset.probes.ComponentStatus;
import io.redset.web.status.snapshot.AffectedComponent;
import io.redset.web.status.snapshot.Impact;
import io.redset.web.status.snapshot.Incident;
import io.redset.web.status.snapshot.IncidentStatus;
import io.redset.web.status.snapshot.IncidentUpdate;
import io.redset.web.status.snapshot.Indicator;
import io.redset.web.status.snapshot.PageSettings;
import io.redset.web.status.snapshot.StatusSnapshot;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The model on a real PostgreSQL with a fake clock: maintenance windows move on by themselves with a
 * notice per step, the overall status follows, and the last snapshot keeps being served (with its
 * time) when the control database is stopped.
 */
@DatabaseTest
class StatusServiceTest {

    static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

    TestPostgres server;
    HikariDataSource pool;
    MutableClock clock;
    StatusService service;

    @BeforeEach
    void start() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "status-service-test"));
        server = TestPostgres.start(Files.createTempDirectory(dir, "pg"), 0);
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
        assertThat(service.snapshot().uptime().get("api")).hasSize(UptimeHistory.UPTIME_DAYS);
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
        server = TestPostgres.start(null, 0); // for stop()
    }

    /**
     * Every text an admin can set is refused with its field (a 400) when it holds a control
     * character (line breaks only in bodies and descriptions) or a lone surrogate; nothing is stored.
     */
    @Test
    void controlCharactersAndLoneSurrogatesAreRefusedAtEveryEntryPoint() {
        Incident open = service.createIncident("API errors", IncidentStatus.INVESTIGATING, Impact.MINOR, "Looking.\n\tMore.",
                Map.of(), false);
        record Refused(String field, ThrowingCallable call) {
        }
        List<Refused> refused = List.of(
                new Refused("name", () -> service.createIncident("Down\r\nBcc: x@example.org", IncidentStatus.INVESTIGATING,
                        Impact.MINOR, "Body.", Map.of(), false)),
                new Refused("body", () -> service.createIncident("Down", IncidentStatus.INVESTIGATING, Impact.MINOR, "nul \u0000",
                        Map.of(), false)),
                new Refused("body", () -> service.updateIncident(open.id(), IncidentStatus.IDENTIFIED, null, "bell \u0007",
                        Map.of(), false)),
                new Refused("body", () -> service.updateIncident(open.id(), IncidentStatus.IDENTIFIED, null, "half \uD800",
                        Map.of(), false)),
                new Refused("body", () -> service.publishPostmortem(open.id(), "low \uDC00 alone")),
                new Refused("name", () -> service.scheduleMaintenance("Disk\nswap", "Body.", T0.plusSeconds(60),
                        T0.plusSeconds(120), List.of("api"), false, false)),
                new Refused("body", () -> service.scheduleMaintenance("Disk swap", "esc \u001B[2J", T0.plusSeconds(60),
                        T0.plusSeconds(120), List.of("api"), false, false)),
                new Refused("name", () -> service.saveComponent("cdn", "CDN\u0000", null, null, null, null, null, null)),
                new Refused("description", () -> service.saveComponent("cdn", "CDN", "d\u0007", null, null, null, null, null)),
                new Refused("group", () -> service.saveComponent("cdn", "CDN", null, "Edge\n", null, null, null, null)),
                new Refused("name", () -> service.savePage("RedSet\n", null, null, null)),
                new Refused("url", () -> service.savePage(null, "https://status.example.org/\r\nX-Injected: 1", null, null)),
                new Refused("url", () -> service.savePage(null, "https://status.example.org/\"><script>", null, null)),
                new Refused("url", () -> service.savePage(null, "javascript:alert(1)//https://", null, null)),
                new Refused("logoText", () -> service.savePage(null, null, null, "Red\u0000Set")));
        for (Refused r : refused) {
            assertThatThrownBy(r.call()).as("%s (case %d)", r.field(), refused.indexOf(r))
                    .isInstanceOf(InvalidInputException.class)
                    .extracting(e -> ((InvalidInputException) e).field()).isEqualTo(r.field());
        }

        StatusSnapshot s = service.refresh();
        assertThat(s.incidents()).extracting(Incident::id).containsExactly(open.id());
        assertThat(s.incidents().getFirst().updates()).hasSize(1);
        assertThat(s.maintenances()).isEmpty();
        assertThat(s.component("cdn")).isEmpty();
        assertThat(s.page().name()).isEqualTo("RedSet");
        assertThat(s.page().url()).isEqualTo("http://localhost:8080");
        assertThat(s.page().logoText()).isEqualTo("RedSet");
    }

    @Test
    void thePageUrlIsStoredNormalisedAndABadStoredOneIsNotServed() {
        assertThat(service.savePage(null, "HTTPS://Status.Example.ORG/", null, null).url()).isEqualTo("https://status.example.org");
        assertThat(new String(service.snapshot().rendered().get("history.atom").body(), StandardCharsets.UTF_8))
                .contains("href=\"https://status.example.org/history\"");
        // written before URLs were checked (or by hand): the configured URL is used instead
        PageSettings page = service.snapshot().page();
        new StatusStore(pool).updatePage(new PageSettings(page.id(), page.name(), "https://x.example/\r\nBcc: a@b.c", page.timeZone(),
                page.logoText(), T0));
        assertThat(service.refresh().page().url()).isEqualTo("http://localhost:8080");
    }

    @Test
    void anUnknownComponentIsNamedShortAndPrintable() {
        String id = "x\u202E".repeat(5000);
        assertThatThrownBy(() -> service.createIncident("Down", IncidentStatus.INVESTIGATING, Impact.MINOR, "Body.",
                Map.of(id, ComponentStatus.MAJOR_OUTAGE), false))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("components names an unknown component: x\\u202ex")
                .hasMessageEndingWith("...").message().hasSizeLessThan(300);
        assertThatThrownBy(() -> service.scheduleMaintenance("Disk swap", "Body.", T0.plusSeconds(60), T0.plusSeconds(120),
                List.of(id), false, false))
                .isInstanceOf(InvalidInputException.class).message().hasSizeLessThan(300).doesNotContain("\u202E");
    }

    private IncidentStatus statusOf(Incident m) {
        return service.snapshot().incident(m.id()).orElseThrow().status();
    }
}
