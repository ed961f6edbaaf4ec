package io.redset.alerts;

/** A rule that cannot be saved or loaded; {@link #field()} names the offending field ({@code threshold}). */
public final class RuleValidationException extends IllegalArgumentException {

    private final String rule;
    private final String field;

    public RuleValidationException(String rule, String field, String message) {
        super("rule " + (rule == null ? "?" : rule) + ": " + field + " " + message);
        this.rule = rule;
        this.field = field;
    }

    public String rule() {
        return rule;
    }

    public String field() {
        return field;
    }
}
