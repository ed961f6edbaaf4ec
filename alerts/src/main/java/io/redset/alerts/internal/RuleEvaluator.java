package io.redset.alerts.internal;

import io.redset.alerts.AlertRule;
import io.redset.alerts.RequestCounters.Series;
import io.redset.alerts.RuleKind;
import io.redset.probes.ComponentHealth;
import io.redset.probes.ComponentState;
import io.redset.probes.ProbeLevel;
import io.redset.probes.ProbeOutcome;
import io.redset.probes.ProbeState;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Turns one rule into the series whose condition holds now. Request rules read the meter window;
 * probe rules read the component health. Stateless; the state machine is {@link AlertBook}.
 */
public final class RuleEvaluator {

    public static final Set<String> ERRORS = Set.of("unavailable", "timeout", "error");
    public static final Set<String> OPERATIONS = Set.of("send", "grab", "claim", "details");

    private RuleEvaluator() {
    }

    public static List<Sample> evaluate(AlertRule rule, MeterWindow window, ComponentHealth health) {
        return switch (rule.kind()) {
            case ERROR_RATIO -> ratio(rule, window, s -> ERRORS.contains(s.outcome()));
            case REJECTION_RATIO -> ratio(rule, window, s -> s.outcome() != null && s.outcome().startsWith("rejected_"));
            case BURN_RATE -> burnRate(rule, window);
            case NO_TRAFFIC -> noTraffic(rule, window);
            case PROBE_FAILING, RECONCILE_MISMATCH -> probes(rule, health);
        };
    }

    private static Collection<String> operations(AlertRule rule) {
        return rule.operations().isEmpty() ? new TreeSet<>(OPERATIONS) : new TreeSet<>(rule.operations());
    }

    /** The SETs that ever counted a request (never {@code none}: requests that found no SET). */
    private static Collection<String> sets(MeterWindow w, Duration lookback) {
        Set<String> out = new TreeSet<>();
        w.increase(lookback, s -> {
            if (s.set() != null && !"none".equals(s.set())) {
                out.add(s.set());
            }
            return false;
        });
        return out;
    }

    private static List<Sample> ratio(AlertRule rule, MeterWindow w, Predicate<Series> bad) {
        List<Sample> out = new ArrayList<>();
        for (String set : sets(w, rule.window())) {
            for (String op : operations(rule)) {
                Predicate<Series> mine = s -> set.equals(s.set()) && op.equals(s.operation());
                long requests = w.increase(rule.window(), mine);
                long errors = w.increase(rule.window(), mine.and(bad));
                if (requests == 0 || requests < rule.minRequests() || errors < rule.minErrors()) {
                    continue;
                }
                double ratio = (double) errors / requests;
                if (ratio > rule.threshold()) {
                    Map<String, String> labels = labels(rule, rule.severity().wireName());
                    labels.put("set", set);
                    labels.put("component", "set-" + set);
                    labels.put("operation", op);
                    out.add(new Sample(labels, ratio, annotations(rule, Map.of("set", set, "operation", op,
                            "value", percent(ratio), "window", Durations.format(rule.window()),
                            "errors", Long.toString(errors), "requests", Long.toString(requests)))));
                }
            }
        }
        return out;
    }

    private static List<Sample> burnRate(AlertRule rule, MeterWindow w) {
        List<Sample> out = new ArrayList<>();
        Collection<String> ops = operations(rule);
        Predicate<Series> mine = s -> ops.contains(s.operation());
        Predicate<Series> bad = mine.and(s -> ERRORS.contains(s.outcome()));
        double budget = 1 - rule.slo();
        for (AlertRule.BurnWindow bw : rule.burnWindows()) {
            long longReq = w.increase(bw.longWindow(), mine);
            long longErr = w.increase(bw.longWindow(), bad);
            long shortReq = w.increase(bw.shortWindow(), mine);
            long shortErr = w.increase(bw.shortWindow(), bad);
            if (longReq == 0 || shortReq == 0 || longReq < rule.minRequests() || longErr < rule.minErrors()) {
                continue;
            }
            double longRate = (double) longErr / longReq / budget;
            double shortRate = (double) shortErr / shortReq / budget;
            if (longRate > bw.factor() && shortRate > bw.factor()) {
                Map<String, String> labels = labels(rule, bw.severity().wireName());
                labels.put("window", Durations.format(bw.longWindow()));
                out.add(new Sample(labels, longRate, annotations(rule, Map.of("value", String.format(Locale.ROOT, "%.1f", longRate),
                        "window", Durations.format(bw.longWindow()) + "/" + Durations.format(bw.shortWindow()),
                        "set", "all", "operation", String.join(",", ops)))));
            }
        }
        return out;
    }

    private static List<Sample> noTraffic(AlertRule rule, MeterWindow w) {
        List<Sample> out = new ArrayList<>();
        if (w.covered().compareTo(rule.window().multipliedBy(2)) < 0) {
            return out;
        }
        for (String set : sets(w, rule.window().multipliedBy(2))) {
            Predicate<Series> mine = s -> set.equals(s.set());
            long now = w.increase(rule.window(), mine);
            long before = w.increaseBetween(rule.window().multipliedBy(2), rule.window(), mine);
            if (now == 0 && before >= rule.minRequests()) {
                Map<String, String> labels = labels(rule, rule.severity().wireName());
                labels.put("set", set);
                labels.put("component", "set-" + set);
                out.add(new Sample(labels, 0, annotations(rule, Map.of("set", set, "value", "0",
                        "window", Durations.format(rule.window()), "before", Long.toString(before)))));
            }
        }
        return out;
    }

    private static List<Sample> probes(AlertRule rule, ComponentHealth health) {
        List<Sample> out = new ArrayList<>();
        if (health == null) {
            return out;
        }
        for (ComponentState c : health.components()) {
            if (!c.component().isSet()) {
                continue;
            }
            String set = c.component().set().tag();
            for (ProbeState p : c.probes()) {
                String type = p.probe().type().tag();
                boolean active;
                if (rule.kind() == RuleKind.RECONCILE_MISMATCH) {
                    active = "reconcile".equals(type) && p.last() != null && p.last().outcome() == ProbeOutcome.CRITICAL;
                } else {
                    active = rule.probes().contains(type) && p.level() == ProbeLevel.DOWN;
                }
                if (!active) {
                    continue;
                }
                String message = p.last() == null ? p.levelCause() : p.last().result().message();
                Map<String, String> labels = labels(rule, rule.severity().wireName());
                labels.put("set", set);
                labels.put("component", c.id().value());
                labels.put("probe", type);
                out.add(new Sample(labels, 1, annotations(rule, Map.of("set", set, "probe", type,
                        "value", message == null ? "" : message))));
            }
        }
        return out;
    }

    private static Map<String, String> labels(AlertRule rule, String severity) {
        Map<String, String> labels = new LinkedHashMap<>(rule.labels());
        labels.put("alertname", rule.name());
        labels.put("severity", severity);
        return labels;
    }

    private static Map<String, String> annotations(AlertRule rule, Map<String, String> values) {
        Map<String, String> a = new LinkedHashMap<>();
        String summary = rule.summary();
        for (Map.Entry<String, String> e : values.entrySet()) {
            summary = summary.replace("{{" + e.getKey() + "}}", e.getValue());
        }
        a.put("summary", summary);
        if (rule.runbookUrl() != null && !rule.runbookUrl().isBlank()) {
            a.put("runbook_url", rule.runbookUrl());
        }
        return a;
    }

    static String percent(double ratio) {
        double p = ratio * 100;
        return (p == Math.rint(p) ? String.format(Locale.ROOT, "%.0f", p) : String.format(Locale.ROOT, "%.1f", p)) + "%";
    }
}
