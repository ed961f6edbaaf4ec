package io.redset.alerts.internal;

import io.redset.alerts.AlertRule;
import io.redset.alerts.RequestCounters.Series;
import io.redset.alerts.RuleKind;
import io.redset.alerts.Severity;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Which series a request rule finds holding, from counters fed into a window by the test. */
class RuleEvaluatorTest {

    static final Instant T0 = Instant.parse("2026-12-02T00:00:00Z");

    static AlertRule errorRatio(double threshold, long minRequests, long minErrors) {
        return new AlertRule("SetErrorRatio", RuleKind.ERROR_RATIO, true, Set.of(), threshold, Duration.ofMinutes(1),
                minRequests, minErrors, Duration.ZERO, Duration.ZERO, Severity.PAGE, Map.of("team", "money"),
                "{{value}} of {{operation}} on SET {{set}} failed ({{errors}}/{{requests}} in {{window}})",
                "https://runbooks.example.org/errors", Set.of(), 0, List.of());
    }

    /** Two snapshots a minute apart: per SET and operation, requests and errors in that minute. */
    static MeterWindow window(Map<Series, Long> minute) {
        MeterWindow w = new MeterWindow(Duration.ofHours(1), Duration.ofMinutes(1), Duration.ofDays(3));
        Map<Series, Long> zero = new HashMap<>();
        minute.keySet().forEach(s -> zero.put(s, 0L));
        w.add(T0, zero);
        w.add(T0.plusSeconds(60), minute);
        return w;
    }

    @Test
    void anErrorRatioAboveTheThresholdHoldsForThatSetAndOperationOnly() {
        MeterWindow w = window(Map.of(
                new Series("03", "claim", "ok"), 90L, new Series("03", "claim", "unavailable"), 10L,
                new Series("03", "send", "ok"), 100L,
                new Series("04", "claim", "ok"), 99L, new Series("04", "claim", "timeout"), 1L,
                new Series("none", "claim", "error"), 50L));

        List<Sample> samples = RuleEvaluator.evaluate(errorRatio(0.05, 10, 1), w, null);

        assertThat(samples).hasSize(1);
        Sample s = samples.getFirst();
        assertThat(s.labels()).containsEntry("alertname", "SetErrorRatio").containsEntry("severity", "page")
                .containsEntry("set", "03").containsEntry("component", "set-03").containsEntry("operation", "claim")
                .containsEntry("team", "money");
        assertThat(s.value()).isEqualTo(0.1);
        assertThat(s.annotations()).containsEntry("summary", "10% of claim on SET 03 failed (10/100 in 1m)")
                .containsEntry("runbook_url", "https://runbooks.example.org/errors");
    }

    @Test
    void tooFewRequestsOrErrorsHoldNothing() {
        MeterWindow w = window(Map.of(new Series("03", "claim", "ok"), 5L, new Series("03", "claim", "error"), 5L));
        assertThat(RuleEvaluator.evaluate(errorRatio(0.05, 11, 1), w, null)).as("below minRequests").isEmpty();
        assertThat(RuleEvaluator.evaluate(errorRatio(0.05, 1, 6), w, null)).as("below minErrors").isEmpty();
        assertThat(RuleEvaluator.evaluate(errorRatio(0.5, 1, 1), w, null)).as("at the threshold, not above").isEmpty();
        assertThat(RuleEvaluator.evaluate(errorRatio(0.49, 1, 1), w, null)).hasSize(1);
    }

    @Test
    void rejectionsAreNotErrorsButHaveTheirOwnRatio() {
        MeterWindow w = window(Map.of(new Series("03", "claim", "ok"), 50L, new Series("03", "claim", "rejected_rate_limited"), 50L));
        assertThat(RuleEvaluator.evaluate(errorRatio(0.05, 1, 0), w, null)).isEmpty();
        AlertRule rejections = new AlertRule("SetRejectionRatio", RuleKind.REJECTION_RATIO, true, Set.of("claim"), 0.2,
                Duration.ofMinutes(1), 1, 1, Duration.ZERO, Duration.ZERO, Severity.TICKET, Map.of(), "{{value}} rejected",
                null, Set.of(), 0, List.of());
        List<Sample> samples = RuleEvaluator.evaluate(rejections, w, null);
        assertThat(samples).extracting(Sample::value).containsExactly(0.5);
        assertThat(samples.getFirst().annotations()).containsEntry("summary", "50% rejected").doesNotContainKey("runbook_url");
    }

    @Test
    void percentagesAreShownWithoutNoise() {
        assertThat(RuleEvaluator.percent(0.1)).isEqualTo("10%");
        assertThat(RuleEvaluator.percent(0.125)).isEqualTo("12.5%");
        assertThat(RuleEvaluator.percent(1.0 / 3)).isEqualTo("33.3%");
    }
}
