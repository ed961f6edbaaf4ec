package io.redset.alerts;

import io.redset.alerts.internal.SafeText;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One alert rule, immutable and validated at construction; a bad value throws
 * {@link RuleValidationException} naming the field. Which fields matter depends on the {@link RuleKind}:
 * <ul>
 *   <li>error-ratio / rejection-ratio: {@code operations} (empty: every operation), {@code threshold}
 *       (ratio in (0, 1]), {@code window}, {@code minRequests}, {@code minErrors};</li>
 *   <li>burn-rate: {@code operations}, {@code slo}, {@code burnWindows}, {@code minRequests},
 *       {@code minErrors} (on the long window);</li>
 *   <li>probe-failing: {@code probes} (db, canary); reconcile-mismatch: none;</li>
 *   <li>no-traffic: {@code window} and {@code minRequests} (traffic expected when the window before had
 *       at least that many requests).</li>
 * </ul>
 * Every kind has {@code forDuration}, {@code keepFiringFor}, {@code severity}, {@code labels},
 * {@code summary} (with {@code {{set}}}, {@code {{operation}}}, {@code {{value}}} placeholders) and
 * {@code runbookUrl}.
 */
public record AlertRule(String name, RuleKind kind, boolean enabled, Set<String> operations, double threshold,
                        Duration window, long minRequests, long minErrors, Duration forDuration, Duration keepFiringFor,
                        Severity severity, Map<String, String> labels, String summary, String runbookUrl,
                        Set<String> probes, double slo, List<BurnWindow> burnWindows) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,99}");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    public static final Set<String> OPERATIONS = Set.of("send", "grab", "claim", "details");
    public static final Set<String> PROBES = Set.of("db", "canary", "engine");
    private static final Set<String> RESERVED_LABELS = Set.of("alertname", "severity", "set", "operation", "component", "window", "probe");

    /** A long and a short window that must both burn faster than {@code factor}; each pair alerts with its own severity. */
    public record BurnWindow(Duration longWindow, Duration shortWindow, double factor, Severity severity) {
    }

    public AlertRule {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new RuleValidationException(name, "name", "must be 1..100 letters, digits or '_', not starting with a digit, was " + SafeText.echo(name));
        }
        if (kind == null) {
            throw new RuleValidationException(name, "kind", "is required (one of error-ratio, rejection-ratio, burn-rate, probe-failing, reconcile-mismatch, no-traffic)");
        }
        operations = operations == null ? Set.of() : Set.copyOf(operations);
        for (String op : operations) {
            if (!OPERATIONS.contains(op)) {
                throw new RuleValidationException(name, "operations", "has unknown operation " + SafeText.echo(op) + " (send, grab, claim, details)");
            }
        }
        probes = probes == null ? Set.of() : Set.copyOf(probes);
        for (String p : probes) {
            if (!PROBES.contains(p)) {
                throw new RuleValidationException(name, "probes", "has unknown probe " + SafeText.echo(p) + " (db, canary, engine)");
            }
        }
        labels = labels == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(labels));
        for (String l : labels.keySet()) {
            if (!LABEL.matcher(l).matches() || RESERVED_LABELS.contains(l)) {
                throw new RuleValidationException(name, "labels", "has a bad or reserved label name " + SafeText.echo(l));
            }
        }
        burnWindows = burnWindows == null ? List.of() : List.copyOf(burnWindows);
        if (severity == null) {
            throw new RuleValidationException(name, "severity", "is required (critical, page, ticket, info)");
        }
        if (forDuration == null || forDuration.isNegative()) {
            throw new RuleValidationException(name, "for", "must be zero or positive, was " + forDuration);
        }
        if (keepFiringFor == null || keepFiringFor.isNegative()) {
            throw new RuleValidationException(name, "keep-firing-for", "must be zero or positive, was " + keepFiringFor);
        }
        if (minRequests < 0) {
            throw new RuleValidationException(name, "min-requests", "must be zero or positive, was " + minRequests);
        }
        if (minErrors < 0) {
            throw new RuleValidationException(name, "min-errors", "must be zero or positive, was " + minErrors);
        }
        if (summary == null || summary.isBlank()) {
            throw new RuleValidationException(name, "summary", "is required");
        }
        if (runbookUrl != null && !runbookUrl.isBlank() && !runbookUrl.matches("https?://\\S+")) {
            throw new RuleValidationException(name, "runbook-url", "must be an http(s) URL, was " + SafeText.echo(runbookUrl));
        }
        switch (kind) {
            case ERROR_RATIO, REJECTION_RATIO -> {
                if (!(threshold > 0 && threshold <= 1)) {
                    throw new RuleValidationException(name, "threshold", "must be a ratio in (0, 1], was " + threshold);
                }
                requireWindow(name, window);
            }
            case NO_TRAFFIC -> {
                requireWindow(name, window);
                if (minRequests < 1) {
                    throw new RuleValidationException(name, "min-requests", "must be at least 1 for no-traffic (the traffic that makes it expected), was " + minRequests);
                }
            }
            case BURN_RATE -> {
                if (!(slo > 0 && slo < 1)) {
                    throw new RuleValidationException(name, "slo", "must be in (0, 1), e.g. 0.999, was " + slo);
                }
                if (burnWindows.isEmpty()) {
                    throw new RuleValidationException(name, "windows", "must list at least one long/short window pair");
                }
                for (int i = 0; i < burnWindows.size(); i++) {
                    BurnWindow w = burnWindows.get(i);
                    String f = "windows[" + i + "]";
                    if (w.longWindow() == null || w.shortWindow() == null || w.shortWindow().isZero() || w.shortWindow().isNegative()
                            || w.longWindow().compareTo(w.shortWindow()) <= 0) {
                        throw new RuleValidationException(name, f + ".long", "must be longer than a positive short window");
                    }
                    if (!(w.factor() > 0) || w.factor() * (1 - slo) > 1) {
                        throw new RuleValidationException(name, f + ".factor", "must be positive with factor x (1 - slo) <= 1, was " + w.factor());
                    }
                    if (w.severity() == null) {
                        throw new RuleValidationException(name, f + ".severity", "is required");
                    }
                }
            }
            case PROBE_FAILING -> {
                if (probes.isEmpty()) {
                    throw new RuleValidationException(name, "probes", "must name at least one probe (db, canary, engine)");
                }
            }
            case RECONCILE_MISMATCH -> {
                if (severity != Severity.CRITICAL) {
                    throw new RuleValidationException(name, "severity", "must be critical: a reconcile mismatch is always critical");
                }
            }
        }
    }

    private static void requireWindow(String name, Duration window) {
        if (window == null || window.isZero() || window.isNegative()) {
            throw new RuleValidationException(name, "window", "must be positive, was " + window);
        }
    }

    /** The same rule, enabled or disabled. */
    public AlertRule withEnabled(boolean on) {
        return new AlertRule(name, kind, on, operations, threshold, window, minRequests, minErrors, forDuration,
                keepFiringFor, severity, labels, summary, runbookUrl, probes, slo, burnWindows);
    }

    /** The same rule with every window divided by {@code divisor} (tests, and the scaled SLO windows). */
    public AlertRule scaled(long divisor) {
        if (divisor <= 1) {
            return this;
        }
        List<BurnWindow> bw = burnWindows.stream().map(w -> new BurnWindow(w.longWindow().dividedBy(divisor),
                w.shortWindow().dividedBy(divisor), w.factor(), w.severity())).toList();
        return new AlertRule(name, kind, enabled, operations, threshold, window == null ? null : window.dividedBy(divisor),
                minRequests, minErrors, forDuration, keepFiringFor, severity, labels, summary, runbookUrl, probes, slo, bw);
    }

    /** The longest window this rule reads back (twice the window for no-traffic). */
    public Duration lookback() {
        Duration d = window == null ? Duration.ZERO : (kind == RuleKind.NO_TRAFFIC ? window.multipliedBy(2) : window);
        for (BurnWindow w : burnWindows) {
            if (w.longWindow().compareTo(d) > 0) {
                d = w.longWindow();
            }
        }
        return d;
    }
}
