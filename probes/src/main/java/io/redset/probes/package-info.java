/**
 * Probes: how RedSet measures each SET's health (DESIGN.md section 3). Per SET: {@code db},
 * {@code canary}, {@code reconcile} and {@code engine} probes; HTTP probes for other targets; results
 * and daily rollups in the control database's {@code probes} schema; component health with hysteresis.
 *
 * <p>Not built yet: this module has its own issue. It will depend only on core-engine's API
 * ({@link io.redset.engine.ClaimEngine}, whose {@code SendCommand.probe} flag already keeps canary
 * traffic out of the business metrics).
 */
package io.redset.probes;
