package io.redset.alerts.internal;

import io.redset.alerts.AlertRule;
import io.redset.alerts.AlertRules;
import io.redset.alerts.AlertsConfig;
import io.redset.alerts.RuleValidationException;
import io.redset.alerts.SavedRule;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The effective alert rules: the configured defaults, replaced by saved rules of the same name,
 * plus saved new ones, all scaled by the configured window divisor. Saving, enabling and deleting
 * write the control database and then reload.
 *
 * <p>Concurrency: thread-safe; the effective list is one immutable list behind a volatile
 * reference, swapped whole on reload, so the evaluator always reads one consistent set.
 */
public final class RuleBook {

    private final AlertsConfig config;
    private final AlertStore store;
    private volatile List<AlertRule> rules = List.of();

    public RuleBook(AlertsConfig config, AlertStore store) {
        this.config = config;
        this.store = store;
    }

    public List<AlertRule> rules() {
        return rules;
    }

    public List<SavedRule> saved() {
        return store.savedRules();
    }

    public AlertRule save(AlertRule rule, String actor) {
        store.saveRule(rule, actor, config.clock().instant());
        reload();
        return rule;
    }

    public AlertRule save(String json, String actor) {
        return save(AlertRules.parseJson(json), actor);
    }

    /** A default rule is saved as a changed copy. */
    public AlertRule setEnabled(String name, boolean enabled, String actor) {
        AlertRule r = rules.stream().filter(x -> x.name().equals(name)).findFirst()
                .orElseThrow(() -> new RuleValidationException(name, "name", "is not a rule"));
        return save(r.withEnabled(enabled), actor);
    }

    public boolean delete(String name) {
        boolean done = store.deleteRule(name);
        reload();
        return done;
    }

    public void reload() {
        Map<String, AlertRule> byName = new LinkedHashMap<>();
        for (AlertRule r : config.defaultRules()) {
            byName.put(r.name(), r);
        }
        for (SavedRule s : store.savedRules()) {
            byName.put(s.rule().name(), s.rule());
        }
        rules = byName.values().stream().map(r -> r.scaled(config.windowDivisor())).toList();
    }
}
