package io.redset.probes.internal;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.redset.probes.Component;
import io.redset.probes.ProbeId;
import io.redset.probes.ProbeOutcome;
import io.redset.probes.ProbeRun;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The probes' meters, per probe (Prometheus names; tags {@code set} = "03" or "none",
 * {@code probe} = type, {@code target} = component id):
 * <ul>
 *   <li>{@code redset_probe_success}: 1 when the last judged run succeeded (OK or DEGRADED), else 0;</li>
 *   <li>{@code redset_probe_duration_seconds}: histogram of the measured latency, fixed buckets;</li>
 *   <li>{@code redset_probe_last_run_timestamp_seconds}: start of the last run, Unix time.</li>
 * </ul>
 * Three series per probe plus the histogram's buckets: 4 SETs x 4 probes stay far below a hundred.
 */
public final class ProbeMetrics {

    public static final String SUCCESS = "redset.probe.success";
    public static final String DURATION = "redset.probe.duration";
    public static final String LAST_RUN = "redset.probe.last.run.timestamp";

    private static final Duration[] BUCKETS = {
        Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
        Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
        Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private final MeterRegistry registry;
    private final Map<ProbeId, Meters> meters = new ConcurrentHashMap<>();

    public ProbeMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    private record Meters(AtomicLong success, AtomicLong lastRunMillis, Timer duration, java.util.List<Meter> all) {
    }

    /** Registers the meters of a probe (success and last run stay NaN-free: 0 until the first run). */
    public void register(ProbeId probe, Component component) {
        meters.computeIfAbsent(probe, p -> {
            Tags tags = Tags.of("set", component.set() == null ? "none" : component.set().tag(),
                    "probe", p.type().tag(), "target", p.component().value());
            AtomicLong success = new AtomicLong();
            AtomicLong lastRun = new AtomicLong();
            Gauge successGauge = Gauge.builder(SUCCESS, success, AtomicLong::doubleValue)
                    .description("1 when the probe's last run succeeded, else 0")
                    .tags(tags).register(registry);
            Gauge lastRunGauge = Gauge.builder(LAST_RUN, lastRun, v -> v.get() / 1000.0)
                    .description("Start of the probe's last run")
                    .baseUnit("seconds")
                    .tags(tags).register(registry);
            Timer duration = Timer.builder(DURATION)
                    .description("Latency measured by the probe")
                    .serviceLevelObjectives(BUCKETS)
                    .tags(tags).register(registry);
            return new Meters(success, lastRun, duration, java.util.List.of(successGauge, lastRunGauge, duration));
        });
    }

    /** Removes this module's meters from the registry (the probes stopped). */
    public void close() {
        meters.values().forEach(m -> m.all().forEach(registry::remove));
        meters.clear();
    }

    public void record(ProbeRun run) {
        Meters m = meters.get(run.probe());
        if (m == null) {
            return;
        }
        m.lastRunMillis.set(run.at().toEpochMilli());
        if (run.outcome() == ProbeOutcome.SKIPPED) {
            return;
        }
        m.success.set(run.outcome().success() ? 1 : 0);
        if (run.result().latency() != null) {
            m.duration.record(run.result().latency());
        }
    }
}
