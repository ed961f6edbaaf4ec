package io.redset.alerts;

import io.redset.alerts.internal.Durations;
import io.redset.alerts.internal.SafeText;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes rules in their YAML/JSON form (the keys of the README, e.g. {@code min-requests},
 * {@code keep-firing-for}) and holds the default rules shipped in the jar
 * ({@code io/redset/alerts/default-rules.yaml}). Unknown keys are errors, so a typo is not silently
 * ignored.
 */
public final class AlertRules {

    public static final String DEFAULTS_RESOURCE = "/io/redset/alerts/default-rules.yaml";
    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> KEYS = Set.of("name", "kind", "enabled", "operations", "threshold", "window",
            "min-requests", "min-errors", "for", "keep-firing-for", "severity", "labels", "summary", "runbook-url",
            "probes", "slo", "windows");

    private AlertRules() {
    }

    /** The rules shipped in the jar. */
    public static List<AlertRule> defaults() {
        try (InputStream in = AlertRules.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing " + DEFAULTS_RESOURCE);
            }
            return parseYaml(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A YAML document with a top-level {@code rules:} list (or the list itself). */
    @SuppressWarnings("unchecked")
    public static List<AlertRule> parseYaml(String yaml) {
        Object doc;
        try {
            doc = YAML.readValue(yaml, Object.class);
        } catch (JacksonException e) {
            throw new RuleValidationException(null, "yaml", "is not valid YAML" + AlertmanagerPayload.where(e) + ": " + SafeText.echo(e.getOriginalMessage()));
        }
        if (doc instanceof Map<?, ?> m && m.containsKey("rules")) {
            doc = m.get("rules");
        }
        if (!(doc instanceof List<?> list)) {
            throw new RuleValidationException(null, "rules", "must be a list of rules");
        }
        List<AlertRule> out = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> r)) {
                throw new RuleValidationException(null, "rules", "must hold maps, found " + SafeText.echo(o));
            }
            AlertRule rule = fromMap((Map<String, Object>) r);
            if (!names.add(rule.name())) {
                throw new RuleValidationException(rule.name(), "name", "is used twice");
            }
            out.add(rule);
        }
        return List.copyOf(out);
    }

    /** One rule from its JSON text (what the console saves). */
    @SuppressWarnings("unchecked")
    public static AlertRule parseJson(String json) {
        try {
            return fromMap(JSON.readValue(json, Map.class));
        } catch (JacksonException e) {
            throw new RuleValidationException(null, "json", "is not valid JSON" + AlertmanagerPayload.where(e) + ": " + SafeText.echo(e.getOriginalMessage()));
        }
    }

    public static String toJson(AlertRule rule) {
        return JSON.writeValueAsString(toMap(rule));
    }

    /** One rule from a map with the README's keys; every failure names the field. */
    @SuppressWarnings("unchecked")
    public static AlertRule fromMap(Map<String, Object> m) {
        String name = m.get("name") == null ? null : m.get("name").toString();
        for (String k : m.keySet()) {
            if (!KEYS.contains(k)) {
                throw new RuleValidationException(name, k, "is not a rule field (" + String.join(", ", KEYS.stream().sorted().toList()) + ")");
            }
        }
        RuleKind kind;
        try {
            kind = m.get("kind") == null ? null : RuleKind.ofWireName(m.get("kind").toString());
        } catch (IllegalArgumentException e) {
            throw new RuleValidationException(name, "kind", "is unknown: " + SafeText.echo(m.get("kind")));
        }
        Severity severity;
        try {
            severity = m.get("severity") == null ? (kind == RuleKind.RECONCILE_MISMATCH ? Severity.CRITICAL : Severity.PAGE)
                    : Severity.ofWireName(m.get("severity").toString());
        } catch (IllegalArgumentException e) {
            throw new RuleValidationException(name, "severity", "is unknown: " + SafeText.echo(m.get("severity")) + " (critical, page, ticket, info)");
        }
        List<AlertRule.BurnWindow> windows = new ArrayList<>();
        Object w = m.get("windows");
        if (w != null) {
            if (!(w instanceof List<?> wl)) {
                throw new RuleValidationException(name, "windows", "must be a list of {long, short, factor, severity}");
            }
            for (int i = 0; i < wl.size(); i++) {
                if (!(wl.get(i) instanceof Map<?, ?> wm)) {
                    throw new RuleValidationException(name, "windows[" + i + "]", "must be a map");
                }
                Map<String, Object> x = (Map<String, Object>) wm;
                String f = "windows[" + i + "]";
                Severity ws;
                try {
                    ws = x.get("severity") == null ? severity : Severity.ofWireName(x.get("severity").toString());
                } catch (IllegalArgumentException e) {
                    throw new RuleValidationException(name, f + ".severity", "is unknown: " + SafeText.echo(x.get("severity")));
                }
                windows.add(new AlertRule.BurnWindow(duration(name, f + ".long", x.get("long"), null),
                        duration(name, f + ".short", x.get("short"), null), number(name, f + ".factor", x.get("factor"), 0), ws));
            }
        }
        return new AlertRule(name, kind,
                m.get("enabled") == null || Boolean.parseBoolean(m.get("enabled").toString()),
                strings(name, "operations", m.get("operations")),
                number(name, "threshold", m.get("threshold"), 0),
                duration(name, "window", m.get("window"), null),
                (long) number(name, "min-requests", m.get("min-requests"), 0),
                (long) number(name, "min-errors", m.get("min-errors"), 0),
                duration(name, "for", m.get("for"), Duration.ZERO),
                duration(name, "keep-firing-for", m.get("keep-firing-for"), Duration.ZERO),
                severity,
                labels(name, m.get("labels")),
                m.get("summary") == null ? null : m.get("summary").toString(),
                m.get("runbook-url") == null ? null : m.get("runbook-url").toString(),
                strings(name, "probes", m.get("probes")),
                number(name, "slo", m.get("slo"), 0.999),
                windows);
    }

    /** The map form of a rule, with the README's keys; {@link #fromMap} reads it back to an equal rule. */
    public static Map<String, Object> toMap(AlertRule r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", r.name());
        m.put("kind", r.kind().wireName());
        m.put("enabled", r.enabled());
        if (!r.operations().isEmpty()) {
            m.put("operations", r.operations().stream().sorted().toList());
        }
        if (r.threshold() != 0) {
            m.put("threshold", r.threshold());
        }
        if (r.window() != null) {
            m.put("window", Durations.format(r.window()));
        }
        m.put("min-requests", r.minRequests());
        m.put("min-errors", r.minErrors());
        m.put("for", Durations.format(r.forDuration()));
        m.put("keep-firing-for", Durations.format(r.keepFiringFor()));
        m.put("severity", r.severity().wireName());
        if (!r.labels().isEmpty()) {
            m.put("labels", new LinkedHashMap<>(r.labels()));
        }
        m.put("summary", r.summary());
        if (r.runbookUrl() != null) {
            m.put("runbook-url", r.runbookUrl());
        }
        if (!r.probes().isEmpty()) {
            m.put("probes", r.probes().stream().sorted().toList());
        }
        if (r.kind() == RuleKind.BURN_RATE) {
            m.put("slo", r.slo());
            List<Map<String, Object>> ws = new ArrayList<>();
            for (AlertRule.BurnWindow w : r.burnWindows()) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("long", Durations.format(w.longWindow()));
                x.put("short", Durations.format(w.shortWindow()));
                x.put("factor", w.factor());
                x.put("severity", w.severity().wireName());
                ws.add(x);
            }
            m.put("windows", ws);
        }
        return m;
    }

    private static Duration duration(String rule, String field, Object v, Duration fallback) {
        if (v == null) {
            return fallback;
        }
        try {
            return Durations.parse(v.toString());
        } catch (RuntimeException e) {
            throw new RuleValidationException(rule, field, "is not a duration (30s, 5m, 1h, 3d): " + SafeText.echo(v));
        }
    }

    private static double number(String rule, String field, Object v, double fallback) {
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(v.toString().trim());
        } catch (NumberFormatException e) {
            throw new RuleValidationException(rule, field, "is not a number: " + SafeText.echo(v));
        }
    }

    private static Set<String> strings(String rule, String field, Object v) {
        if (v == null) {
            return Set.of();
        }
        if (v instanceof Collection<?> c) {
            Set<String> out = new LinkedHashSet<>();
            c.forEach(x -> out.add(String.valueOf(x)));
            return out;
        }
        if (v instanceof String s) {
            Set<String> out = new LinkedHashSet<>();
            for (String p : s.split(",")) {
                if (!p.isBlank()) {
                    out.add(p.trim());
                }
            }
            return out;
        }
        throw new RuleValidationException(rule, field, "must be a list");
    }

    private static Map<String, String> labels(String rule, Object v) {
        if (v == null) {
            return Map.of();
        }
        if (!(v instanceof Map<?, ?> m)) {
            throw new RuleValidationException(rule, "labels", "must be a map of name: value");
        }
        Map<String, String> out = new LinkedHashMap<>();
        m.forEach((k, x) -> out.put(String.valueOf(k), String.valueOf(x)));
        return out;
    }
}
