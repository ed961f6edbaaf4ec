/**
 * Alerts: rules over the engine's per-SET error ratios ({@code redset_requests_total} by outcome)
 * and the probes' component health, the alert state machine, acknowledgement, silences, maintenance
 * mute and the durable notification outbox (docs/architecture.md, "Alerts and the outbox"; why subscriber messages share the outbox:
 * docs/decisions/0005-outbox-carries-subscriber-messages.md).
 *
 * <p>Entry point: {@link io.redset.alerts.Alerts#start}. Configuration: {@link io.redset.alerts.AlertsConfig}
 * (immutable, validating builder); rules: {@link io.redset.alerts.AlertRule} and their YAML/JSON form in
 * {@link io.redset.alerts.AlertRules} (defaults shipped in {@code io/redset/alerts/default-rules.yaml}).
 * Receiver types, one package each ({@code webhook}, {@code pagerduty}, {@code slack}, {@code email}),
 * are registered in {@link io.redset.alerts.Notifiers}, with the checklist for a new one. The pipeline
 * after each evaluation: mute (silence, maintenance, acknowledgement) -> route -> group -> dedup key ->
 * outbox (control database) -> retry -> deliver ({@code internal.NotificationPlanner},
 * {@code internal.OutboxSender}). Equivalent Prometheus rules live in {@code docker/prometheus/}.
 */
package io.redset.alerts;
