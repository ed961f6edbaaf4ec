package io.redset.web.engine;

import io.redset.engine.SetId;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The syntax of {@code redset.node.owned-sets}: {@code all}, or SET numbers and ranges separated
 * by commas, e.g. {@code 0-1}, {@code 0,2}, {@code 1-3,5}. Bad text fails with a message that
 * names the setting, so a misconfigured node stops at startup instead of serving the wrong SETs.
 */
public final class SetRanges {

    public static final String ALL = "all";
    static final String KEY = "redset.node.owned-sets";

    private static final Pattern ITEM = Pattern.compile("(\\d{1,2})(?:\\s*-\\s*(\\d{1,2}))?");

    private SetRanges() {
    }

    /** The SETs that text names, all of 0..setCount-1 for "all" or blank text. */
    public static Set<SetId> parse(String text, int setCount) {
        if (setCount < 1 || setCount > SetId.MAX_SETS) {
            throw new IllegalArgumentException("redset.sets.count must be 1.." + SetId.MAX_SETS + ", was " + setCount);
        }
        TreeSet<SetId> sets = new TreeSet<>();
        if (text == null || text.isBlank() || text.trim().equalsIgnoreCase(ALL)) {
            for (int i = 0; i < setCount; i++) {
                sets.add(SetId.of(i));
            }
            return Collections.unmodifiableSet(sets);
        }
        for (String part : text.split(",", -1)) {
            Matcher m = ITEM.matcher(part.trim());
            if (!m.matches()) {
                throw new IllegalArgumentException(KEY + " must be '" + ALL + "' or SET numbers and ranges such as"
                        + " 0-1, 0,2 or 1-3,5; '" + part.trim() + "' in '" + text + "' is neither");
            }
            int from = Integer.parseInt(m.group(1));
            int to = m.group(2) == null ? from : Integer.parseInt(m.group(2));
            if (to < from) {
                throw new IllegalArgumentException(KEY + ": range '" + part.trim() + "' runs backwards");
            }
            if (to >= setCount) {
                throw new IllegalArgumentException(KEY + " names SET " + to + " but redset.sets.count is " + setCount
                        + " (SETs 0.." + (setCount - 1) + ")");
            }
            for (int i = from; i <= to; i++) {
                sets.add(SetId.of(i));
            }
        }
        return Collections.unmodifiableSet(sets);
    }
}
