package io.redset.alerts;

import io.redset.alerts.internal.SafeText;

/**
 * A rule that cannot be saved or loaded; {@link #field()} names the offending field ({@code threshold}).
 * The message is answered to the client as it is, so it holds client text only in a safe form: the
 * rule's name and the field as {@link SafeText#echo echoes}, the whole message
 * {@link SafeText#printable printable} and at most {@link #MAX_MESSAGE} characters (callers echo the
 * client values they quote).
 */
public final class RuleValidationException extends IllegalArgumentException {

    static final int MAX_MESSAGE = 500;

    private final String rule;
    private final String field;

    public RuleValidationException(String rule, String field, String message) {
        super(SafeText.printable("rule " + (rule == null ? "?" : SafeText.echo(rule)) + ": " + SafeText.echo(field) + " " + message,
                MAX_MESSAGE));
        this.rule = rule;
        this.field = field == null ? null : SafeText.echo(field);
    }

    /** The rule's name as given (not made safe: for code, not for an answer). */
    public String rule() {
        return rule;
    }

    /** The offending field, as an {@link SafeText#echo echo} (it can be a key the client sent). */
    public String field() {
        return field;
    }
}
