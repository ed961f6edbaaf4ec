package io.redset.alerts.internal;

import java.util.Map;

/** One series of a rule whose condition holds at this evaluation, with its labels and rendered annotations. */
public record Sample(Map<String, String> labels, double value, Map<String, String> annotations) {
}
