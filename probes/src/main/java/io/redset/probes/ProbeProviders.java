package io.redset.probes;

import io.redset.probes.canary.CanaryProbeProvider;
import io.redset.probes.db.DbProbeProvider;
import io.redset.probes.engine.EngineProbeProvider;
import io.redset.probes.http.HttpProbeProvider;
import io.redset.probes.reconcile.ReconcileProbeProvider;

import java.util.List;

/**
 * The one place where probe types are registered.
 *
 * <p>Checklist for a new probe type {@code foo}:
 * <ol>
 *   <li>declare {@code FOO("foo", scope, downMeans)} in {@link ProbeType};</li>
 *   <li>create the package {@code io.redset.probes.foo} with {@code FooProbeConfig} (an immutable
 *       record validated at construction, messages starting with {@code foo.}), {@code FooProbe}
 *       (a {@link Probe}) and {@code FooProbeProvider};</li>
 *   <li>add the provider to {@link #BUILT_IN} below and the config to {@link ProbesConfig};</li>
 *   <li>write {@code FooProbeTest} in the same package;</li>
 *   <li>map its keys in status-web ({@code io.redset.web.probes.ProbesProperties}) and document them.</li>
 * </ol>
 * {@code ProbeProvidersTest} fails while a declared type has no provider in its package.
 */
public final class ProbeProviders {

    private static final List<ProbeProvider> BUILT_IN = List.of(
            new DbProbeProvider(),
            new CanaryProbeProvider(),
            new ReconcileProbeProvider(),
            new EngineProbeProvider(),
            new HttpProbeProvider());

    private ProbeProviders() {
    }

    public static List<ProbeProvider> builtIn() {
        return BUILT_IN;
    }

    /** The provider of a type; fails when the type has none (a declared type must have one). */
    public static ProbeProvider of(ProbeType type) {
        return BUILT_IN.stream().filter(p -> p.type() == type).findFirst()
                .orElseThrow(() -> new IllegalStateException("probe type " + type.tag() + " has no provider"));
    }
}
