package io.redset.probes.internal;

import io.redset.probes.ComponentId;
import io.redset.probes.ComponentStatus;
import io.redset.probes.ProbesConfig;
import io.redset.probes.StatusChange;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The periodic database work of the probes, run on its own thread (never the ticker's):
 * <ol>
 *   <li>result partitions for yesterday to two days ahead exist;</li>
 *   <li>result partitions older than the raw retention are dropped (today plus the retention's
 *       whole days are kept);</li>
 *   <li>the rollups of the last three days are recomputed: probe rows from the raw results, component
 *       rows (time in each status, worst status, uptime) from the status changes;</li>
 *   <li>rollups and status changes older than the rollup retention are deleted (each component keeps
 *       its last change before the cutoff: its status at the start of the oldest day kept).</li>
 * </ol>
 */
public final class Housekeeping {

    private final ProbeStore store;
    private final ResultWriter writer;
    private final Clock clock;
    private final ZoneId zone;
    private final Duration rawRetention;
    private final Duration rollupRetention;
    private final Supplier<List<ComponentId>> components;

    public Housekeeping(ProbesConfig config, ProbeStore store, ResultWriter writer, Supplier<List<ComponentId>> components) {
        this.store = store;
        this.writer = writer;
        this.clock = config.clock();
        this.zone = config.zone();
        this.rawRetention = config.rawRetention();
        this.rollupRetention = config.rollupRetention();
        this.components = components;
    }

    public record Report(int partitionsCreated, int partitionsDropped, int probeRollups, int componentRollups,
                         int rollupsDeleted, int changesDeleted) {
    }

    public Report run() {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, zone);
        int created = store.ensurePartitions(today.minusDays(1), today.plusDays(2));
        int dropped = store.dropPartitionsBefore(today.minusDays(rawRetention.toDays()));
        writer.drain();
        int probeRows = 0;
        int componentRows = 0;
        for (LocalDate day = today.minusDays(2); !day.isAfter(today); day = day.plusDays(1)) {
            probeRows += store.rollUpProbes(day, now);
            componentRows += rollUpComponents(day, now);
        }
        LocalDate firstKept = today.minusDays(rollupRetention.toDays());
        int rollupsDeleted = store.deleteRollupsBefore(firstKept);
        int changesDeleted = store.deleteChangesBefore(firstKept.atStartOfDay(zone).toInstant());
        return new Report(created, dropped, probeRows, componentRows, rollupsDeleted, changesDeleted);
    }

    /** Time in each status of every component on one day (up to now for today), from the status changes. */
    int rollUpComponents(LocalDate day, Instant now) {
        Instant start = day.atStartOfDay(zone).toInstant();
        Instant end = day.plusDays(1).atStartOfDay(zone).toInstant();
        if (!start.isBefore(now)) {
            return 0;
        }
        Instant until = end.isAfter(now) ? now : end;
        Map<ComponentId, ComponentStatus> atStart = store.statusBefore(start);
        Map<ComponentId, List<StatusChange>> changes = new TreeMap<>();
        for (StatusChange c : store.changesBetween(start, until)) {
            changes.computeIfAbsent(c.component(), k -> new ArrayList<>()).add(c);
        }
        TreeSet<ComponentId> ids = new TreeSet<>(components.get());
        ids.addAll(atStart.keySet());
        ids.addAll(changes.keySet());
        int rows = 0;
        for (ComponentId id : ids) {
            DayTimeline timeline = DayTimeline.of(atStart.get(id), start, changes.getOrDefault(id, List.of()), until);
            if (timeline.observedSeconds() == 0 && timeline.worst() == null) {
                continue;
            }
            store.saveComponentDay(id, day, timeline.seconds(), timeline.worst(), timeline.uptimePercent(), now);
            rows++;
        }
        return rows;
    }

    /**
     * One component's day as seconds per status.
     *
     * @param worst the worst status held at any moment of the day, null when none was known
     */
    record DayTimeline(Map<ComponentStatus, Long> seconds, ComponentStatus worst) {

        static DayTimeline of(ComponentStatus atStart, Instant start, List<StatusChange> changes, Instant until) {
            Map<ComponentStatus, Long> seconds = new EnumMap<>(ComponentStatus.class);
            ComponentStatus current = atStart;
            ComponentStatus worst = atStart;
            Instant from = start;
            for (StatusChange c : changes) {
                if (current != null) {
                    seconds.merge(current, Duration.between(from, c.at()).toSeconds(), Long::sum);
                }
                current = c.to();
                from = c.at();
                worst = worst == null ? current : ComponentStatus.worst(worst, current);
            }
            if (current != null && until.isAfter(from)) {
                seconds.merge(current, Duration.between(from, until).toSeconds(), Long::sum);
            }
            return new DayTimeline(seconds, worst);
        }

        long observedSeconds() {
            return seconds.values().stream().mapToLong(Long::longValue).sum();
        }

        /** Share of the observed time not in partial or major outage. */
        Double uptimePercent() {
            long observed = observedSeconds();
            if (observed == 0) {
                return null;
            }
            long down = seconds.getOrDefault(ComponentStatus.PARTIAL_OUTAGE, 0L)
                    + seconds.getOrDefault(ComponentStatus.MAJOR_OUTAGE, 0L);
            return 100.0 * (observed - down) / observed;
        }
    }
}
