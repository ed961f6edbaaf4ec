package io.redset.web.status;

import io.redset.engine.InvalidInputException;
import io.redset.probes.ComponentHealth;
import io.redset.probes.ComponentId;
import io.redset.probes.ComponentState;
import io.redset.probes.ComponentStatus;
import io.redset.probes.MaintenanceWindow;
import io.redset.engine.ClientText;
import io.redset.web.status.snapshot.AffectedComponent;
import io.redset.web.status.snapshot.Impact;
import io.redset.web.status.snapshot.Incident;
import io.redset.web.status.snapshot.IncidentStatus;
import io.redset.web.status.snapshot.IncidentUpdate;
import io.redset.web.status.snapshot.PageComponent;
import io.redset.web.status.snapshot.PageSettings;
import io.redset.web.status.snapshot.StatusData;
import io.redset.web.status.snapshot.StatusSnapshot;
import io.redset.web.status.snapshot.StoredComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The status page's model: keeps the public {@link StatusSnapshot} and changes incidents,
 * maintenances, components and page settings.
 *
 * <p>Concurrency: one scheduler thread rebuilds the snapshot every {@code refresh-interval}, and
 * soon after a component's status changes (a probe listener asks for it); admin changes rebuild it
 * on the caller's thread. {@link #refresh()} is synchronized, so builds never interleave; readers
 * only ever see a complete snapshot through one volatile reference. A build reads the control
 * database; if that fails, the last data read is kept (the snapshot says so, with its time) and
 * the components' live statuses still come from the probes' memory. Maintenance windows move
 * scheduled -> in_progress -> verifying -> completed during a build, by the injected clock.
 */
public final class StatusService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StatusService.class);
    static final int MAX_NAME = 200;
    static final int MAX_BODY = 5000;
    private static final Instant FOREVER = Instant.parse("9999-12-31T00:00:00Z");

    private final StatusStore store;
    private final ComponentHealth health;
    private final StatusProperties config;
    private final Clock clock;
    private final StatusMaintenanceWindows windows;
    private final MaintenanceClock maintenanceClock;
    private final UptimeHistory history;
    private final List<Consumer<StatusEvent>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean refreshQueued = new AtomicBoolean();
    private ScheduledExecutorService scheduler;

    private volatile StatusSnapshot snapshot;
    // guarded by this
    private StatusData data;
    private boolean stale;
    private Set<String> syncedProbeComponents = Set.of();
    private long version;
    private String refusedPageUrl;

    public StatusService(StatusStore store, ComponentHealth health, StatusProperties config, Clock clock,
                         StatusMaintenanceWindows windows) {
        this.store = store;
        this.health = health;
        this.config = config;
        this.clock = clock;
        this.windows = windows;
        this.maintenanceClock = new MaintenanceClock(store, config.verifyingPeriod());
        this.history = new UptimeHistory(health, config.uptimeRefresh());
    }

    /** Builds the first snapshot and starts the periodic rebuild. */
    public StatusService start() {
        try {
            store.ensurePage(defaultPage(now()));
        } catch (RuntimeException e) {
            log.warn("Status page: control database unreachable at start ({}); serving defaults", e.toString());
        }
        refresh();
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("redset-status-snapshot").daemon().factory());
        long period = config.refreshInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::refreshQuietly, period, period, TimeUnit.MILLISECONDS);
        if (health != null) {
            health.addListener(change -> requestRefresh());
        }
        return this;
    }

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    public StatusSnapshot snapshot() {
        return snapshot;
    }

    public void addListener(Consumer<StatusEvent> listener) {
        listeners.add(listener);
    }

    /** Rebuilds soon on the scheduler thread; many requests in a row make one rebuild. */
    public void requestRefresh() {
        if (scheduler != null && refreshQueued.compareAndSet(false, true)) {
            scheduler.execute(() -> {
                refreshQueued.set(false);
                refreshQuietly();
            });
        }
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            log.warn("Status snapshot not rebuilt", e);
        }
    }

    /** Reads the control database (moving maintenances on by the clock) and builds a new snapshot. */
    public synchronized StatusSnapshot refresh() {
        Instant now = now();
        List<StatusEvent> events = new ArrayList<>();
        try {
            syncProbeComponents(now);
            StatusData read = store.load(config.historyLimit(), now);
            List<StatusEvent> moved = maintenanceClock.advance(read, now);
            if (!moved.isEmpty()) {
                events.addAll(moved);
                read = store.load(config.historyLimit(), now);
            }
            if (stale) {
                log.info("Status page: control database reachable again");
            }
            data = read;
            stale = false;
        } catch (RuntimeException e) {
            if (!stale) {
                log.warn("Status page: control database unreachable, serving the data of {} ({})",
                        data == null ? "the defaults" : data.readAt(), e.toString());
            }
            stale = true;
        }
        history.refresh(now, pageZone());
        PageSettings page = data != null && data.page() != null ? checkedUrl(data.page()) : defaultPage(Instant.EPOCH);
        StatusSnapshot built = SnapshotBuilder.build(++version, page, data, stale,
                health == null ? List.of() : health.components(), history, now);
        snapshot = built;
        publishWindows(built, now);
        for (StatusEvent event : events) {
            fire(event);
        }
        return built;
    }

    // ------------------------------------------------------------------ admin changes

    /** A new incident with its first update. */
    public Incident createIncident(String name, IncidentStatus status, Impact impact, String body,
                                   Map<String, ComponentStatus> components, boolean deliverNotifications) {
        StatusInput.requireLine("name", name, MAX_NAME);
        StatusInput.requireText("body", body, MAX_BODY);
        if (status.isMaintenance() || status == IncidentStatus.POSTMORTEM) {
            throw new InvalidInputException("status", "must be investigating, identified, monitoring or resolved");
        }
        if (impact == Impact.MAINTENANCE) {
            throw new InvalidInputException("impact", "must be none, minor, major or critical");
        }
        StatusSnapshot current = snapshot;
        List<AffectedComponent> affected = affected(current, components);
        Instant now = now();
        String id = StatusInput.newId();
        Incident incident = new Incident(id, false, name, status, impact, now, now, now,
                status == IncidentStatus.MONITORING ? now : null, status == IncidentStatus.RESOLVED ? now : null,
                null, null, false, null, List.copyOf(components.keySet()), List.of());
        IncidentUpdate update = new IncidentUpdate(StatusInput.newId(), id, status, body, now, now, deliverNotifications, affected);
        store.inTransaction(() -> {
            store.insertIncident(incident);
            store.insertUpdate(update);
            applyManualStatuses(affected, now);
            return null;
        });
        return afterChange(id, update, true);
    }

    /** An update of an open or resolved incident: new status, text, and component statuses. */
    public Incident updateIncident(String id, IncidentStatus status, Impact impact, String body,
                                   Map<String, ComponentStatus> components, boolean deliverNotifications) {
        StatusInput.requireText("body", body, MAX_BODY);
        Incident old = find(id);
        if (old.isMaintenance()) {
            if (!status.isMaintenance()) {
                throw new InvalidInputException("status", "of a maintenance must be scheduled, in_progress, verifying or completed");
            }
        } else if (status.isMaintenance()) {
            throw new InvalidInputException("status", "of an incident must be investigating, identified, monitoring, resolved or postmortem");
        }
        if (impact != null && (old.isMaintenance() != (impact == Impact.MAINTENANCE))) {
            throw new InvalidInputException("impact", old.isMaintenance() ? "of a maintenance is maintenance"
                    : "must be none, minor, major or critical");
        }
        List<AffectedComponent> affected = affected(snapshot, components);
        Instant now = now();
        Incident changed = withStatus(old, status, impact == null ? old.impact() : impact, now);
        IncidentUpdate update = new IncidentUpdate(StatusInput.newId(), id, status, body, now, now, deliverNotifications, affected);
        store.inTransaction(() -> {
            store.updateIncident(changed);
            store.addIncidentComponents(id, List.copyOf(components.keySet()));
            store.insertUpdate(update);
            applyManualStatuses(affected, now);
            return null;
        });
        return afterChange(id, update, false);
    }

    /** Publishes the postmortem of a resolved incident (status postmortem). */
    public Incident publishPostmortem(String id, String text) {
        StatusInput.requireText("body", text, 20_000);
        Incident old = find(id);
        if (old.isMaintenance()) {
            throw new InvalidInputException("id", "is a maintenance; postmortems are for incidents");
        }
        if (old.status().isUnresolved()) {
            throw new InvalidInputException("status", "the incident must be resolved before its postmortem is published");
        }
        Instant now = now();
        Incident changed = new Incident(old.id(), false, old.name(), IncidentStatus.POSTMORTEM, old.impact(),
                old.createdAt(), now, old.startedAt(), old.monitoringAt(), old.resolvedAt(), null, null, false, text,
                old.componentIds(), old.updates());
        IncidentUpdate update = new IncidentUpdate(StatusInput.newId(), id, IncidentStatus.POSTMORTEM,
                "A postmortem has been published.", now, now, true, List.of());
        store.inTransaction(() -> {
            store.updateIncident(changed);
            store.insertUpdate(update);
            return null;
        });
        return afterChange(id, update, false);
    }

    /** A maintenance window; with {@code autoTransitions} it starts, verifies and completes by itself. */
    public Incident scheduleMaintenance(String name, String body, Instant scheduledFor, Instant scheduledUntil,
                                        List<String> components, boolean autoTransitions, boolean deliverNotifications) {
        StatusInput.requireLine("name", name, MAX_NAME);
        StatusInput.requireText("body", body, MAX_BODY);
        if (scheduledFor == null) {
            throw new InvalidInputException("scheduledFor", "is required");
        }
        if (scheduledUntil == null || !scheduledUntil.isAfter(scheduledFor)) {
            throw new InvalidInputException("scheduledUntil", "must be after scheduledFor");
        }
        StatusSnapshot current = snapshot;
        for (String c : components) {
            if (current.component(c).isEmpty()) {
                throw new InvalidInputException("components", "names an unknown component: " + ClientText.printable(c));
            }
        }
        Instant now = now();
        String id = StatusInput.newId();
        Instant from = scheduledFor.truncatedTo(ChronoUnit.MILLIS);
        Instant until = scheduledUntil.truncatedTo(ChronoUnit.MILLIS);
        Incident maintenance = new Incident(id, true, name, IncidentStatus.SCHEDULED, Impact.MAINTENANCE, now, now, from,
                null, null, from, until, autoTransitions, null, components, List.of());
        IncidentUpdate update = new IncidentUpdate(StatusInput.newId(), id, IncidentStatus.SCHEDULED, body, now, now,
                deliverNotifications, List.of());
        store.inTransaction(() -> {
            store.insertIncident(maintenance);
            store.insertUpdate(update);
            return null;
        });
        return afterChange(id, update, true);
    }

    /** Adds a manual component or changes one (its status too); probe components only take position and flags. */
    public synchronized PageComponent saveComponent(String id, String name, String description, String group, ComponentStatus status,
                                       Integer position, Boolean showcase, Boolean onlyShowIfDegraded) {
        StatusSnapshot current = snapshot;
        PageComponent existing = current.component(id).orElse(null);
        StoredComponent stored = data == null ? null
                : data.components().stream().filter(c -> c.id().equals(id)).findFirst().orElse(null);
        Instant now = now();
        if (existing != null && existing.live()) {
            if (name != null || status != null || group != null || description != null) {
                throw new InvalidInputException("id", "is a probe component: its name, group and status come from the probes");
            }
            StoredComponent s = stored != null ? stored : new StoredComponent(id, false, existing.name(),
                    existing.description(), null, ComponentStatus.OPERATIONAL, existing.position(), true, false,
                    null, existing.createdAt(), now);
            store.upsertComponent(new StoredComponent(id, false, s.name(), s.description(), s.group(), s.status(),
                    position == null ? s.position() : position, showcase == null ? s.showcase() : showcase,
                    onlyShowIfDegraded == null ? s.onlyShowIfDegraded() : onlyShowIfDegraded, s.startDate(),
                    s.createdAt(), now));
        } else {
            try {
                ComponentId.of(id);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("id", "must be 1..64 characters of a-z, 0-9, '-' and '_'");
            }
            if (stored == null || name != null) {
                StatusInput.requireLine("name", name, 100);
            }
            if (group != null) {
                StatusInput.checkText("group", group, 100, false);
            }
            if (description != null) {
                StatusInput.checkText("description", description, 500, true);
            }
            store.upsertComponent(new StoredComponent(id, true,
                    name != null ? name : stored.name(),
                    description != null ? description : stored == null ? null : stored.description(),
                    group != null ? (group.isBlank() ? null : group) : stored == null ? null : stored.group(),
                    status != null ? status : stored == null ? ComponentStatus.OPERATIONAL : stored.status(),
                    position != null ? position : stored == null ? 1000 : stored.position(),
                    showcase != null ? showcase : stored == null || stored.showcase(),
                    onlyShowIfDegraded != null ? onlyShowIfDegraded : stored != null && stored.onlyShowIfDegraded(),
                    stored == null ? LocalDate.ofInstant(now, pageZone()) : stored.startDate(),
                    stored == null ? now : stored.createdAt(), now));
        }
        return refresh().component(id).orElseThrow();
    }

    /**
     * Changes the page's settings (null: unchanged). The URL is checked and written as
     * {@link StatusProperties#pageUrl} does for {@code redset.status.url}: it ends up in mail
     * headers and in every link.
     */
    public PageSettings savePage(String name, String url, ZoneId timeZone, String logoText) {
        PageSettings old = snapshot.page();
        if (name != null) {
            StatusInput.requireLine("name", name, 100);
        }
        String pageUrl = null;
        if (url != null) {
            try {
                pageUrl = StatusProperties.pageUrl(url);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("url", e.getMessage());
            }
        }
        if (logoText != null) {
            StatusInput.checkText("logoText", logoText, 40, false);
        }
        store.updatePage(new PageSettings(old.id(), name != null ? name : old.name(), pageUrl != null ? pageUrl : old.url(),
                timeZone != null ? timeZone : old.timeZone(), logoText != null ? logoText : old.logoText(), now()));
        return refresh().page();
    }

    // ------------------------------------------------------------------ internals

    private Incident afterChange(String id, IncidentUpdate update, boolean created) {
        StatusSnapshot built = refresh();
        Incident incident = built.incident(id).orElseThrow(() -> new StatusNotFoundException("incident", id));
        fire(new StatusEvent(incident, update, created));
        return incident;
    }

    private void fire(StatusEvent event) {
        for (Consumer<StatusEvent> l : listeners) {
            try {
                l.accept(event);
            } catch (RuntimeException e) {
                log.warn("Status event listener failed", e);
            }
        }
    }

    private Incident find(String id) {
        return snapshot.incident(id).orElseThrow(() -> new StatusNotFoundException("incident", id));
    }

    private List<AffectedComponent> affected(StatusSnapshot current, Map<String, ComponentStatus> components) {
        List<AffectedComponent> affected = new ArrayList<>();
        for (Map.Entry<String, ComponentStatus> e : components.entrySet()) {
            PageComponent c = current.component(e.getKey()).orElseThrow(() ->
                    new InvalidInputException("components", "names an unknown component: " + ClientText.printable(e.getKey())));
            if (e.getValue() != null) {
                affected.add(new AffectedComponent(c.id(), c.name(), c.status(), e.getValue()));
            }
        }
        return affected;
    }

    private void applyManualStatuses(List<AffectedComponent> affected, Instant now) {
        for (AffectedComponent a : affected) {
            store.setComponentStatus(a.code(), a.newStatus(), now);
        }
    }

    static Incident withStatus(Incident old, IncidentStatus status, Impact impact, Instant now) {
        Instant monitoringAt = old.monitoringAt() == null && status == IncidentStatus.MONITORING ? now : old.monitoringAt();
        Instant resolvedAt = status.isClosed() ? (old.resolvedAt() == null ? now : old.resolvedAt()) : null;
        return new Incident(old.id(), old.isMaintenance(), old.name(), status, impact, old.createdAt(), now,
                old.startedAt(), monitoringAt, resolvedAt, old.scheduledFor(), old.scheduledUntil(),
                old.autoTransitions(), old.postmortem(), old.componentIds(), old.updates());
    }

    private void syncProbeComponents(Instant now) {
        if (health == null) {
            return;
        }
        List<ComponentState> states = health.components();
        Set<String> ids = new LinkedHashSet<>();
        states.forEach(s -> ids.add(s.id().value()));
        if (ids.equals(syncedProbeComponents)) {
            return;
        }
        int position = 0;
        for (ComponentState s : states) {
            position++;
            store.insertProbeComponentIfAbsent(new StoredComponent(s.id().value(), false, s.component().name(),
                    s.component().description(), s.component().group(), ComponentStatus.OPERATIONAL, position, true,
                    false, LocalDate.ofInstant(now, pageZone()), now, now));
        }
        syncedProbeComponents = ids;
    }

    private void publishWindows(StatusSnapshot s, Instant now) {
        if (windows == null) {
            return;
        }
        List<MaintenanceWindow> active = new ArrayList<>();
        for (Incident m : s.activeMaintenances()) {
            Set<io.redset.probes.ComponentId> ids = new LinkedHashSet<>();
            for (String c : m.componentIds()) {
                try {
                    ids.add(io.redset.probes.ComponentId.of(c));
                } catch (IllegalArgumentException ignored) {
                    // not a component id the probes know
                }
            }
            if (!ids.isEmpty()) {
                Instant start = m.scheduledFor().isBefore(now) ? m.scheduledFor() : now;
                active.add(new MaintenanceWindow(m.id(), m.name(), ids, start, FOREVER));
            }
        }
        windows.set(active);
    }

    /**
     * The stored settings with their URL as {@link StatusProperties#pageUrl} writes it; one stored
     * before URLs were checked that does not pass is replaced by {@code redset.status.url} (it goes
     * into mail headers and every link), said once in the log.
     */
    private PageSettings checkedUrl(PageSettings p) {
        String url;
        try {
            url = StatusProperties.pageUrl(p.url());
        } catch (IllegalArgumentException e) {
            if (!java.util.Objects.equals(p.url(), refusedPageUrl)) {
                log.warn("Status page: the stored page URL {}; using redset.status.url {} until an admin sets another",
                        e.getMessage(), config.url());
                refusedPageUrl = p.url();
            }
            url = config.url();
        }
        return url.equals(p.url()) ? p : new PageSettings(p.id(), p.name(), url, p.timeZone(), p.logoText(), p.updatedAt());
    }

    private PageSettings defaultPage(Instant at) {
        return new PageSettings(config.pageId(), config.name(), config.url(), config.timeZone(), config.logoText(), at);
    }

    private ZoneId pageZone() {
        StatusSnapshot s = snapshot;
        return s == null ? config.timeZone() : s.page().timeZone();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

}
