package io.redset.probes;

import io.redset.engine.ClaimEngine;
import io.redset.engine.SetId;
import io.redset.probes.http.HttpProbeConfig;
import io.redset.probes.internal.Housekeeping;
import io.redset.probes.internal.HealthModel;
import io.redset.probes.internal.ProbeMetrics;
import io.redset.probes.internal.ProbeScheduler;
import io.redset.probes.internal.ProbeStore;
import io.redset.probes.internal.ResultWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The probes of one node, running: every SET this node serves gets the {@code db}, {@code canary},
 * {@code reconcile} and {@code engine} probes (those enabled), every configured HTTP target an
 * {@code http} probe; results go to the health model, the meters and the control database's
 * {@code probes} schema. Plain Java:
 * <pre>{@code
 * Probes probes = Probes.start(ProbesConfig.ofDefaults(), engine, controlDataSource);
 * probes.health().components();   // what the status page shows
 * }</pre>
 *
 * <p>Threads (all daemons, all stopped by {@link #close()}): a ticker every 100 ms
 * ({@code redset-probes-ticker}: schedule, timeouts, mode/maintenance/override re-evaluation; never
 * touches a database), the bounded probe workers ({@code redset-probe-N}), the result writer
 * ({@code redset-probes-writer}) and housekeeping ({@code redset-probes-housekeeping}). With
 * {@code backgroundThreads(false)} only the workers run and a test drives {@link #tick()},
 * {@link #flush()} and {@link #housekeeping()} itself.
 */
public final class Probes implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Probes.class);
    private static final long TICK_MILLIS = 100;

    private final ProbesConfig config;
    private final ProbeRegistry registry;
    private final List<Component> components;
    private final ProbeStore store;
    private final ResultWriter writer;
    private final HealthModel health;
    private final ProbeScheduler scheduler;
    private final Housekeeping housekeeping;
    private final ProbeMetrics metrics;
    private ScheduledExecutorService ticker;
    private ScheduledExecutorService housekeeper;

    private Probes(ProbesConfig config, ProbeRegistry registry, List<Component> components, ProbeStore store,
                   ResultWriter writer, HealthModel health, ProbeScheduler scheduler, Housekeeping housekeeping,
                   ProbeMetrics metrics) {
        this.config = config;
        this.registry = registry;
        this.components = components;
        this.store = store;
        this.writer = writer;
        this.health = health;
        this.scheduler = scheduler;
        this.housekeeping = housekeeping;
        this.metrics = metrics;
    }

    /**
     * Migrates the {@code probes} schema, creates the result partitions around today, loads the
     * recorded statuses and overrides, builds the probes and starts them.
     *
     * @param engine  the engine whose SETs are probed; null to probe only the HTTP targets
     * @param control the control database (required: results, history and overrides live there)
     */
    public static Probes start(ProbesConfig config, ClaimEngine engine, DataSource control) {
        ProbeStore.migrate(control);
        ProbeStore store = new ProbeStore(control, config.zone());
        LocalDate today = LocalDate.ofInstant(config.clock().instant(), config.zone());
        store.ensurePartitions(today.minusDays(1), today.plusDays(2));

        ProbeEnvironment environment = new ProbeEnvironment(config, engine);
        List<Probe> probes = new ArrayList<>();
        for (ProbeType type : ProbeType.values()) {
            probes.addAll(ProbeProviders.of(type).create(environment));
        }
        ProbeRegistry registry = new ProbeRegistry(probes);
        List<Component> components = components(config, environment.sets());

        ProbeMetrics metrics = new ProbeMetrics(config.meterRegistry());
        for (Probe p : registry.all()) {
            Component c = components.stream().filter(x -> x.id().equals(p.component())).findFirst()
                    .orElseThrow(() -> new IllegalStateException("probe " + p.id() + " has no component"));
            metrics.register(p.id(), c);
        }
        ResultWriter writer = new ResultWriter(store, config.meterRegistry());
        HealthModel health = new HealthModel(config, engine, components, registry.all().stream().map(Probe::id).toList(),
                store, writer);
        ProbeScheduler scheduler = new ProbeScheduler(registry.all(), config.threads(), config.clock(), config.jitter(),
                new SplittableRandom(), run -> {
                    metrics.record(run);
                    health.record(run);
                    writer.enqueue(run);
                });
        Housekeeping housekeeping = new Housekeeping(config, store, writer, () -> components.stream().map(Component::id).toList());
        Probes started = new Probes(config, registry, components, store, writer, health, scheduler, housekeeping, metrics);
        if (config.backgroundThreads()) {
            started.startThreads();
        }
        log.info("probes started: {} probes on {} components, every {} (jitter {}, timeout {}), down after {} failures, up after {} successes",
                registry.size(), components.size(), config.interval(), config.jitter(), config.timeout(),
                config.failuresToDown(), config.successesToUp());
        return started;
    }

    /** Applies the {@code probes} schema migrations to the control database (Flyway, own history table). */
    public static void migrate(DataSource control) {
        ProbeStore.migrate(control);
    }

    /** The components: one per SET served (in the SET group), then one per HTTP target. */
    static List<Component> components(ProbesConfig config, List<SetId> sets) {
        List<Component> out = new ArrayList<>();
        Map<ComponentId, ProbesConfig.ComponentText> texts = config.components();
        for (SetId set : sets) {
            ComponentId id = ComponentId.ofSet(set);
            ProbesConfig.ComponentText t = texts.get(id);
            out.add(new Component(id, pick(t == null ? null : t.name(), "SET " + set.tag()),
                    pick(t == null ? null : t.description(), "Sending, opening and reading red envelopes served by SET " + set.tag()),
                    pick(t == null ? null : t.group(), config.setGroup()), set));
        }
        for (HttpProbeConfig h : config.http()) {
            ComponentId id = ComponentId.ofHttp(h.name());
            ProbesConfig.ComponentText t = texts.get(id);
            out.add(new Component(id, pick(t == null ? null : t.name(), h.displayName()),
                    pick(t == null ? null : t.description(), h.description()),
                    pick(t == null ? null : t.group(), h.group() == null ? config.httpGroup() : h.group()), null));
        }
        return List.copyOf(out);
    }

    private static String pick(String configured, String fallback) {
        return configured == null || configured.isBlank() ? fallback : configured;
    }

    private void startThreads() {
        writer.start();
        ticker = singleThread("redset-probes-ticker");
        ticker.scheduleAtFixedRate(() -> guarded("ticker", this::tick), 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
        housekeeper = singleThread("redset-probes-housekeeping");
        long every = config.housekeepingInterval().toMillis();
        housekeeper.scheduleWithFixedDelay(() -> guarded("housekeeping", this::housekeeping),
                Math.min(every, 10_000), every, TimeUnit.MILLISECONDS);
    }

    private static ScheduledExecutorService singleThread(String name) {
        return Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name(name).daemon().factory());
    }

    /** Runs a periodic job; an exception is logged and never ends its schedule. */
    private static void guarded(String what, Runnable job) {
        try {
            job.run();
        } catch (RuntimeException e) {
            log.warn("probes {}: {}", what, e.toString(), e);
        }
    }

    /** One scheduler tick: due runs started, overdue ones reported, modes and maintenance re-read. */
    public void tick() {
        scheduler.tick();
        health.reevaluate();
    }

    /** Writes every queued result and status change to the control database now. */
    public boolean flush() {
        return writer.drain();
    }

    /** Partitions ahead, retention, rollups of the last days (its thread does this every housekeeping interval). */
    public void housekeeping() {
        Housekeeping.Report r = housekeeping.run();
        log.debug("probes housekeeping: {}", r);
    }

    public ComponentHealth health() {
        return health;
    }

    public ProbeRegistry registry() {
        return registry;
    }

    public List<Component> components() {
        return components;
    }

    public ProbesConfig config() {
        return config;
    }

    /** Raw results of one component with from <= at < to (kept for the raw retention). */
    public List<ProbeRun> results(ComponentId component, Instant from, Instant to) {
        flush();
        return store.results(component, from, to);
    }

    @Override
    public void close() {
        for (ScheduledExecutorService s : new ScheduledExecutorService[] {ticker, housekeeper}) {
            if (s != null) {
                s.shutdownNow();
                try {
                    s.awaitTermination(2, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        scheduler.close();
        writer.close();
        metrics.close();
        log.info("probes stopped");
    }
}
