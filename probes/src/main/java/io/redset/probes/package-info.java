/**
 * Probes: how RedSet measures each SET's health before users tell it (docs/architecture.md, "Health model").
 *
 * <p>The API is in this package: {@link io.redset.probes.Probes} starts them over a
 * {@link io.redset.engine.ClaimEngine} and the control database; {@link io.redset.probes.ComponentHealth}
 * is what the status page and the alerts read (current status of every component, changes since a
 * time with their causes, daily rollups) and where admins override a status;
 * {@link io.redset.probes.ProbesConfig} is the immutable configuration.
 *
 * <p>The SPI: a {@link io.redset.probes.Probe} checks one thing about one component and returns a
 * {@link io.redset.probes.ProbeResult}; each {@link io.redset.probes.ProbeType} has one package with
 * its config, probe and {@link io.redset.probes.ProbeProvider}, registered in
 * {@link io.redset.probes.ProbeProviders} (checklist there): {@code db}, {@code canary},
 * {@code reconcile}, {@code engine} per SET, {@code http} per target.
 *
 * <p>Implementations are in {@code internal}: the scheduler, the health model with hysteresis, the
 * store of the {@code probes} schema with its day partitions, the result writer and housekeeping.
 */
package io.redset.probes;
