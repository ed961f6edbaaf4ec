package io.redset.web.status;

import io.redset.probes.ComponentState;
import io.redset.probes.ComponentStatus;
import io.redset.web.status.render.SnapshotRendering;
import io.redset.web.status.snapshot.ComponentGroup;
import io.redset.web.status.snapshot.Incident;
import io.redset.web.status.snapshot.Indicator;
import io.redset.web.status.snapshot.PageComponent;
import io.redset.web.status.snapshot.PageSettings;
import io.redset.web.status.snapshot.StatusData;
import io.redset.web.status.snapshot.StatusRules;
import io.redset.web.status.snapshot.StatusSnapshot;
import io.redset.web.status.snapshot.StoredComponent;
import io.redset.web.status.snapshot.UptimeDay;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds one public {@link StatusSnapshot} from what was read: the stored page, components and
 * incidents, the probes' live component statuses and the uptime history. Every component appears
 * once: the probes' first (in their order), then the manual ones; components that share a group
 * name form a group placed at its first member's position; a component's status is its live one
 * unless an open incident or maintenance declares another ({@link StatusRules#effectiveStatus}).
 * The snapshot leaves here rendered ({@link SnapshotRendering}): serving it costs no work.
 *
 * <p>Concurrency: a pure function of its arguments apart from the {@link UptimeHistory} it reads,
 * which belongs to {@link StatusService#refresh()}'s lock.
 */
final class SnapshotBuilder {

    private SnapshotBuilder() {
    }

    /** One component as the sources say it, before grouping and incidents. */
    private record Raw(String id, String name, String description, String group, ComponentStatus live, int position,
                       boolean showcase, boolean onlyIfDegraded, LocalDate startDate, Instant createdAt,
                       Instant updatedAt, boolean probeBacked, boolean isSet) {
    }

    /** A place on the page: one ungrouped component, or a group of them. */
    private sealed interface Slot {
        int position();

        String firstId();
    }

    private record Single(Raw component) implements Slot {
        public int position() {
            return component.position();
        }

        public String firstId() {
            return component.id();
        }
    }

    private record Group(String name, List<Raw> members) implements Slot {
        public int position() {
            return members.stream().mapToInt(Raw::position).min().orElse(0);
        }

        public String firstId() {
            return members.getFirst().id();
        }
    }

    /**
     * @param data  what the control database gave last (null before the first read)
     * @param stale whether that read is older than this build because the database failed
     * @param live  the probes' components with their live status (empty without probes)
     */
    static StatusSnapshot build(long version, PageSettings page, StatusData data, boolean stale,
                                List<ComponentState> live, UptimeHistory history, Instant now) {
        List<StoredComponent> storedList = data == null ? List.of() : data.components();
        List<Incident> all = data == null ? List.of() : data.incidents();

        List<Slot> slots = slots(raws(storedList, live, now));
        List<PageComponent> components = new ArrayList<>();
        List<ComponentGroup> groups = new ArrayList<>();
        for (Slot slot : slots) {
            switch (slot) {
                case Single(Raw r) -> components.add(pageComponent(r, null, all));
                case Group(String name, List<Raw> members) -> {
                    String groupId = "group-" + StatusInput.slug(name);
                    List<String> memberIds = new ArrayList<>();
                    List<ComponentStatus> statuses = new ArrayList<>();
                    Instant created = null;
                    Instant updated = null;
                    for (Raw r : members) {
                        PageComponent c = pageComponent(r, groupId, all);
                        components.add(c);
                        memberIds.add(c.id());
                        statuses.add(c.status());
                        created = created == null || c.createdAt().isBefore(created) ? c.createdAt() : created;
                        updated = updated == null || c.updatedAt().isAfter(updated) ? c.updatedAt() : updated;
                    }
                    groups.add(new ComponentGroup(groupId, name, StatusRules.worst(statuses),
                            members.getFirst().position(), memberIds, created, updated));
                }
            }
        }

        List<Incident> incidents = all.stream().filter(i -> !i.isMaintenance()).toList();
        List<Incident> maintenances = all.stream().filter(Incident::isMaintenance).toList();
        Indicator indicator = StatusRules.indicator(components.stream().map(PageComponent::status).toList(), all);

        Instant updatedAt = page.updatedAt();
        for (PageComponent c : components) {
            updatedAt = later(updatedAt, c.updatedAt());
        }
        for (Incident i : all) {
            updatedAt = later(updatedAt, i.updatedAt());
        }

        Map<String, List<UptimeDay>> uptime = new HashMap<>();
        Map<String, List<Double>> latency = new HashMap<>();
        LocalDate today = LocalDate.ofInstant(now, page.timeZone());
        for (PageComponent c : components) {
            uptime.put(c.id(), history.days(c, today, incidents, page.timeZone(), now));
            if (c.isSet()) {
                latency.put(c.id(), history.latencies(c.id(), today));
            }
        }

        StatusSnapshot plain = new StatusSnapshot(version, page, now, data == null ? null : data.readAt(), stale,
                updatedAt, indicator, components, groups, incidents, maintenances, uptime, latency, Map.of());
        return SnapshotRendering.render(plain);
    }

    /** Probe components first, in the probes' order, with their stored position and flags; then the manual ones. */
    private static List<Raw> raws(List<StoredComponent> storedList, List<ComponentState> live, Instant now) {
        Map<String, StoredComponent> stored = new HashMap<>();
        storedList.forEach(c -> stored.put(c.id(), c));
        List<Raw> raws = new ArrayList<>();
        int index = 0;
        for (ComponentState s : live) {
            index++;
            StoredComponent row = stored.get(s.id().value());
            Instant since = s.since() == null ? now : s.since().truncatedTo(ChronoUnit.MILLIS);
            raws.add(new Raw(s.id().value(), s.component().name(), s.component().description(), s.component().group(),
                    s.status(), row == null ? index : row.position(), row == null || row.showcase(),
                    row != null && row.onlyShowIfDegraded(), row == null ? null : row.startDate(),
                    row == null ? since : row.createdAt(), since, true, s.component().isSet()));
        }
        for (StoredComponent c : storedList) {
            if (c.manual()) {
                raws.add(new Raw(c.id(), c.name(), c.description(), c.group(), c.status(), c.position(), c.showcase(),
                        c.onlyShowIfDegraded(), c.startDate(), c.createdAt(), c.updatedAt(), false, false));
            }
        }
        return raws;
    }

    /** Groups by name; slots sorted by position (a group at its first member's), then id. */
    private static List<Slot> slots(List<Raw> raws) {
        Map<String, List<Raw>> byGroup = new LinkedHashMap<>();
        List<Slot> slots = new ArrayList<>();
        for (Raw r : raws) {
            if (r.group() == null || r.group().isBlank()) {
                slots.add(new Single(r));
            } else {
                byGroup.computeIfAbsent(r.group(), g -> {
                    List<Raw> members = new ArrayList<>();
                    slots.add(new Group(g, members));
                    return members;
                }).add(r);
            }
        }
        Comparator<Raw> byPosition = Comparator.comparingInt(Raw::position).thenComparing(Raw::id);
        byGroup.values().forEach(list -> list.sort(byPosition));
        slots.sort(Comparator.comparingInt(Slot::position).thenComparing(Slot::firstId));
        return slots;
    }

    private static PageComponent pageComponent(Raw r, String groupId, List<Incident> all) {
        ComponentStatus status = StatusRules.effectiveStatus(r.id(), r.live(), all);
        return new PageComponent(r.id(), r.name(), r.description() == null || r.description().isEmpty() ? null : r.description(),
                groupId, status, r.position(), r.showcase(), r.onlyIfDegraded(), r.startDate(), r.createdAt(),
                r.updatedAt(), r.probeBacked(), r.isSet());
    }

    private static Instant later(Instant a, Instant b) {
        return b != null && b.isAfter(a) ? b : a;
    }
}
