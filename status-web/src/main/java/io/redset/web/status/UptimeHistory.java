package io.redset.web.status;

import io.redset.probes.ComponentHealth;
import io.redset.probes.ComponentStatus;
import io.redset.probes.DailyRollup;
import io.redset.probes.ProbeType;
import io.redset.web.status.snapshot.AffectedComponent;
import io.redset.web.status.snapshot.Incident;
import io.redset.web.status.snapshot.IncidentUpdate;
import io.redset.web.status.snapshot.PageComponent;
import io.redset.web.status.snapshot.UptimeDay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The components' past: the probes' daily rollups of the last {@value #UPTIME_DAYS} days, read
 * at most once per {@code uptime-refresh}, turned into the page's uptime bars (the worst of what
 * the probes measured and what incidents declared, day by day in the page's zone) and the SETs'
 * latency sparklines.
 *
 * <p>Concurrency: not thread-safe; only {@link StatusService#refresh()} (synchronized) uses it.
 * When the probes' store cannot be read, the rollups read last are kept.
 */
final class UptimeHistory {

    static final int UPTIME_DAYS = 90;
    static final int SPARKLINE_DAYS = 30;
    private static final Logger log = LoggerFactory.getLogger(UptimeHistory.class);

    private final ComponentHealth health;
    private final Duration refreshPeriod;
    private Map<String, List<DailyRollup>> rollups = Map.of();
    private Instant readAt;

    /** {@code health} may be null (no probes): then every component's history is what incidents say. */
    UptimeHistory(ComponentHealth health, Duration refreshPeriod) {
        this.health = health;
        this.refreshPeriod = refreshPeriod;
    }

    /** Reads the rollups again when the last read is older than the refresh period. */
    void refresh(Instant now, ZoneId zone) {
        if (health == null || readAt != null && now.isBefore(readAt.plus(refreshPeriod))) {
            return;
        }
        try {
            LocalDate today = LocalDate.ofInstant(now, zone);
            Map<String, List<DailyRollup>> byComponent = new HashMap<>();
            for (DailyRollup r : health.rollups(today.minusDays(UPTIME_DAYS - 1), today)) {
                byComponent.computeIfAbsent(r.component().value(), k -> new ArrayList<>()).add(r);
            }
            rollups = byComponent;
            readAt = now;
        } catch (RuntimeException e) {
            log.debug("Rollups not read", e);
        }
    }

    /** One cell per day, oldest first, ending {@code today}. */
    List<UptimeDay> days(PageComponent c, LocalDate today, List<Incident> incidents, ZoneId zone, Instant now) {
        Map<LocalDate, DailyRollup> measured = new TreeMap<>();
        for (DailyRollup r : rollups.getOrDefault(c.id(), List.of())) {
            measured.put(r.day(), r);
        }
        List<UptimeDay> cells = new ArrayList<>(UPTIME_DAYS);
        for (int k = UPTIME_DAYS - 1; k >= 0; k--) {
            LocalDate day = today.minusDays(k);
            Instant start = day.atStartOfDay(zone).toInstant();
            Instant end = day.plusDays(1).atStartOfDay(zone).toInstant();
            List<String> names = new ArrayList<>();
            ComponentStatus declared = null;
            for (Incident i : incidents) {
                if (!i.componentIds().contains(c.id())) {
                    continue;
                }
                Instant until = i.resolvedAt() == null ? now : i.resolvedAt();
                if (i.startedAt().isBefore(end) && !until.isBefore(start)) {
                    names.add(i.name());
                    declared = worstDeclared(declared, i, c.id());
                }
            }
            DailyRollup r = measured.get(day);
            ComponentStatus worst = r == null ? null : r.worstStatus();
            if (declared != null) {
                worst = worst == null ? declared : ComponentStatus.worst(worst, declared);
            }
            if (worst == null && !day.isBefore(c.createdAt().atZone(zone).toLocalDate()) && !c.live()) {
                worst = ComponentStatus.OPERATIONAL; // a manual component with no incident that day
            }
            cells.add(new UptimeDay(day, worst, r == null ? null : r.uptimePercent(), names));
        }
        return cells;
    }

    private static ComponentStatus worstDeclared(ComponentStatus declared, Incident incident, String componentId) {
        for (IncidentUpdate u : incident.updates()) {
            for (AffectedComponent a : u.affected()) {
                if (a.code().equals(componentId)) {
                    declared = declared == null ? a.newStatus() : ComponentStatus.worst(declared, a.newStatus());
                }
            }
        }
        return declared;
    }

    /**
     * Median latency per day for the last {@value #SPARKLINE_DAYS} days, oldest first: the canary's
     * where it ran, else the database probe's; null for a day without either.
     */
    List<Double> latencies(String componentId, LocalDate today) {
        Map<LocalDate, Double> byDay = new HashMap<>();
        for (DailyRollup r : rollups.getOrDefault(componentId, List.of())) {
            Double canary = null;
            Double db = null;
            for (DailyRollup.ProbeDay p : r.probes()) {
                if (p.probe() == ProbeType.CANARY) {
                    canary = p.latencyP50Ms();
                } else if (p.probe() == ProbeType.DB) {
                    db = p.latencyP50Ms();
                }
            }
            Double v = canary != null ? canary : db;
            if (v != null) {
                byDay.put(r.day(), v);
            }
        }
        List<Double> values = new ArrayList<>(SPARKLINE_DAYS);
        for (int k = SPARKLINE_DAYS - 1; k >= 0; k--) {
            values.add(byDay.get(today.minusDays(k)));
        }
        return values;
    }
}
