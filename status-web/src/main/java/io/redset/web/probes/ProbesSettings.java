package io.redset.web.probes;

import io.micrometer.core.instrument.MeterRegistry;
import io.redset.probes.ComponentId;
import io.redset.probes.MaintenanceWindows;
import io.redset.probes.ProbesConfig;
import io.redset.probes.canary.CanaryProbeConfig;
import io.redset.probes.db.DbProbeConfig;
import io.redset.probes.engine.EngineProbeConfig;
import io.redset.probes.http.HttpProbeConfig;
import io.redset.probes.reconcile.ReconcileProbeConfig;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Maps {@link ProbesProperties} onto the probes module's {@link ProbesConfig}. Unset keys keep the
 * module's defaults; a value the module refuses fails startup with its {@code redset.probes.} key.
 */
public final class ProbesSettings {

    static final String PREFIX = "redset.probes.";

    private ProbesSettings() {
    }

    /**
     * @param engineZone the engine's zone, used when {@code redset.probes.zone} is not set, so that
     *                   rollup days are the days of the envelope ids
     */
    public static ProbesConfig toProbesConfig(ProbesProperties p, ZoneId engineZone, MeterRegistry meterRegistry,
                                              MaintenanceWindows maintenance) {
        return named(() -> {
            ProbesConfig.Builder b = ProbesConfig.custom();
            set(p.interval(), b::interval);
            set(p.jitter(), b::jitter);
            set(p.timeout(), b::timeout);
            set(p.threads(), b::threads);
            set(p.failuresToDown(), b::failuresToDown);
            set(p.successesToUp(), b::successesToUp);
            set(p.rawRetention(), b::rawRetention);
            set(p.rollupRetention(), b::rollupRetention);
            set(p.housekeepingInterval(), b::housekeepingInterval);
            b.zone(p.zone() != null ? p.zone() : engineZone);
            set(p.setGroup(), b::setGroup);
            set(p.httpGroup(), b::httpGroup);
            for (Map.Entry<String, ProbesProperties.ComponentText> e : p.components().entrySet()) {
                ComponentId id;
                try {
                    id = ComponentId.of(e.getKey());
                } catch (IllegalArgumentException ex) {
                    throw new IllegalArgumentException("components[" + e.getKey() + "]: " + ex.getMessage(), ex);
                }
                ProbesProperties.ComponentText t = e.getValue();
                b.component(id, new ProbesConfig.ComponentText(t.name(), t.description(), t.group()));
            }
            b.db(db(p.db()));
            b.canary(canary(p.canary()));
            b.reconcile(reconcile(p.reconcile()));
            b.engine(engine(p.engine()));
            b.http(http(p.http()));
            b.meterRegistry(meterRegistry);
            b.maintenance(maintenance);
            return b.build();
        });
    }

    private static DbProbeConfig db(ProbesProperties.Db d) {
        DbProbeConfig def = DbProbeConfig.ofDefaults();
        return new DbProbeConfig(or(d.enabled(), def.enabled()), or(d.interval(), def.interval()),
                or(d.timeout(), def.timeout()), or(d.slowThreshold(), def.slowThreshold()));
    }

    private static CanaryProbeConfig canary(ProbesProperties.Canary c) {
        CanaryProbeConfig def = CanaryProbeConfig.ofDefaults();
        return new CanaryProbeConfig(or(c.enabled(), def.enabled()), or(c.interval(), def.interval()),
                or(c.timeout(), def.timeout()), or(c.slowThreshold(), def.slowThreshold()), or(c.totalFen(), def.totalFen()),
                or(c.shares(), def.shares()), or(c.refundGrace(), def.refundGrace()));
    }

    private static ReconcileProbeConfig reconcile(ProbesProperties.Reconcile r) {
        ReconcileProbeConfig def = ReconcileProbeConfig.ofDefaults();
        return new ReconcileProbeConfig(or(r.enabled(), def.enabled()), or(r.interval(), def.interval()),
                or(r.timeout(), def.timeout()), or(r.lookback(), def.lookback()));
    }

    private static EngineProbeConfig engine(ProbesProperties.Engine e) {
        EngineProbeConfig def = EngineProbeConfig.ofDefaults();
        return new EngineProbeConfig(or(e.enabled(), def.enabled()), or(e.interval(), def.interval()),
                or(e.timeout(), def.timeout()), or(e.maxErrorRatio(), def.maxErrorRatio()),
                or(e.maxRejectionRatio(), def.maxRejectionRatio()), or(e.maxP99(), def.maxP99()),
                or(e.maxQueueDepth(), def.maxQueueDepth()), or(e.minRequests(), def.minRequests()));
    }

    private static List<HttpProbeConfig> http(List<ProbesProperties.Http> targets) {
        List<HttpProbeConfig> out = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            ProbesProperties.Http h = targets.get(i);
            if (h.name() == null || h.url() == null) {
                throw new IllegalArgumentException("http[" + i + "]: name and url are required");
            }
            out.add(HttpProbeConfig.custom(h.name(), h.url())
                    .displayName(h.displayName())
                    .description(h.description())
                    .group(h.group())
                    .method(h.method())
                    .headers(h.headers())
                    .expectedStatus(h.expectedStatus())
                    .maxLatency(h.maxLatency())
                    .bodyContains(h.bodyContains())
                    .bodyMatches(h.bodyMatches())
                    .interval(h.interval())
                    .timeout(h.timeout())
                    .build());
        }
        return out;
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }

    private static <T> void set(T value, Consumer<T> setter) {
        if (value != null) {
            setter.accept(value);
        }
    }

    /** The module's messages start with the key under redset.probes; this adds the prefix. */
    private static ProbesConfig named(Supplier<ProbesConfig> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PREFIX + e.getMessage(), e);
        }
    }
}
