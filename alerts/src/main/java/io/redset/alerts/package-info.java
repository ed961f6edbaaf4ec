/**
 * Alerts: rules over the engine's per-SET error ratios ({@code redset_requests_total} by outcome),
 * the alert state machine, acknowledgement, silences, maintenance mute and the durable notification
 * outbox (DESIGN.md section 4).
 *
 * <p>Not built yet: this module has its own issue.
 */
package io.redset.alerts;
