package io.redset.alerts;

import io.redset.alerts.internal.SafeText;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One label matcher as in Alertmanager: {@code set="03"}, {@code severity!="info"},
 * {@code alertname=~"Set.*"}, {@code set!~"0[01]"}. Regular expressions are anchored. A missing
 * label matches as the empty string.
 */
public record LabelMatcher(String name, Op op, String value) {

    public enum Op {
        EQ("="), NE("!="), RE("=~"), NRE("!~");

        private final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        public static Op ofSymbol(String s) {
            for (Op o : values()) {
                if (o.symbol.equals(s)) {
                    return o;
                }
            }
            throw new IllegalArgumentException("unknown matcher operator: " + SafeText.echo(s) + " (one of =, !=, =~, !~)");
        }
    }

    public LabelMatcher {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("matcher name must not be blank");
        }
        Objects.requireNonNull(op, "op");
        value = value == null ? "" : value;
        if (op == Op.RE || op == Op.NRE) {
            try {
                Pattern.compile(value);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("matcher " + SafeText.echo(name) + ": bad regular expression " + SafeText.echo(value));
            }
        }
    }

    public static LabelMatcher eq(String name, String value) {
        return new LabelMatcher(name, Op.EQ, value);
    }

    /** Parses {@code name=value}, {@code name!="value"}, {@code name=~regex}, {@code name!~regex}. */
    public static LabelMatcher parse(String text) {
        var m = Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*(=~|!~|!=|=)\\s*(.*?)\\s*").matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("matcher must look like name=\"value\", was " + SafeText.echo(text));
        }
        String v = m.group(3);
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            v = v.substring(1, v.length() - 1);
        }
        return new LabelMatcher(m.group(1), Op.ofSymbol(m.group(2)), v);
    }

    public boolean matches(Map<String, String> labels) {
        String actual = labels.getOrDefault(name, "");
        return switch (op) {
            case EQ -> actual.equals(value);
            case NE -> !actual.equals(value);
            case RE -> Pattern.matches(value, actual);
            case NRE -> !Pattern.matches(value, actual);
        };
    }

    public static boolean all(Iterable<LabelMatcher> matchers, Map<String, String> labels) {
        for (LabelMatcher m : matchers) {
            if (!m.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return name + op.symbol + '"' + value + '"';
    }
}
