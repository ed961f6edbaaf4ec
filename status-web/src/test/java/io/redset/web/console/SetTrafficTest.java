package io.redset.web.console;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.redset.engine.SetId;
import io.redset.engine.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Rates, ratios and p99 of a SET from samples of cumulative meters, with the clock moved by the test. */
class SetTrafficTest {

    final MeterRegistry meters = new SimpleMeterRegistry();
    final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T10:00:00Z"));
    final SetTraffic traffic = new SetTraffic(meters, Duration.ofSeconds(10), clock);

    Counter requests(String set, String operation, String outcome) {
        return Counter.builder("redset.requests").tag("set", set).tag("operation", operation).tag("outcome", outcome)
                .register(meters);
    }

    Timer latency(String set) {
        return Timer.builder("redset.request.duration").tag("set", set).tag("operation", "claim")
                .serviceLevelObjectives(Duration.ofMillis(5), Duration.ofMillis(25), Duration.ofMillis(100))
                .register(meters);
    }

    @Test
    void ratesRatiosAndP99ComeFromTheDifferenceBetweenSamples() {
        requests("03", "claim", "success").increment(1000); // before the window: never counted as a rate
        traffic.sample();
        assertThat(traffic.of(SetId.of(3))).as("one sample is no rate yet").isEqualTo(SetTraffic.Summary.EMPTY);

        clock.advance(Duration.ofSeconds(60));
        requests("03", "claim", "success").increment(540);
        requests("03", "claim", "unavailable").increment(30);
        requests("03", "claim", "rejected_rate_limit").increment(30);
        requests("04", "claim", "success").increment(6);
        requests("none", "claim", "bad_request").increment(99);
        Timer t = latency("03");
        for (int i = 0; i < 990; i++) {
            t.record(Duration.ofMillis(3));
        }
        for (int i = 0; i < 10; i++) {
            t.record(Duration.ofMillis(50));
        }
        traffic.sample();

        SetTraffic.Summary s = traffic.of(SetId.of(3));
        assertThat(s.requestsPerSecond()).isCloseTo(10.0, within(0.001));
        assertThat(s.claimsPerSecond()).isCloseTo(9.0, within(0.001));
        assertThat(s.errorRatio()).isCloseTo(0.05, within(1e-9));
        assertThat(s.rejectionRatio()).isCloseTo(0.05, within(1e-9));
        assertThat(s.p99()).isEqualTo("<= 5 ms");
        assertThat(s.requestsLast15Minutes()).isEqualTo(600);
        assertThat(s.claimsPerSecondSeries()).hasSize(1);
        assertThat(traffic.of(SetId.of(4)).claimsPerSecond()).isCloseTo(0.1, within(0.001));

        clock.advance(Duration.ofSeconds(10));
        for (int i = 0; i < 100; i++) {
            t.record(Duration.ofSeconds(1));
        }
        requests("03", "claim", "success").increment(100);
        traffic.sample();
        assertThat(traffic.of(SetId.of(3)).p99()).as("above the largest bucket").isEqualTo("> 100 ms");
    }

    @Test
    void samplesOlderThanFifteenMinutesAreDropped() {
        Counter c = requests("03", "claim", "success");
        for (int i = 0; i <= 120; i++) { // 20 minutes at one sample per 10 s
            c.increment(10);
            traffic.sample();
            clock.advance(Duration.ofSeconds(10));
        }
        SetTraffic.Summary s = traffic.of(SetId.of(3));
        assertThat(s.claimsPerSecondSeries().size()).isBetween(90, 92);
        assertThat(s.requestsLast15Minutes()).isBetween(900L, 920L);
        assertThat(s.claimsPerSecond()).isCloseTo(1.0, within(0.001));
    }

    @Test
    void theChartIsAnSvgWhoseLabelIsEscaped() {
        String svg = TrafficSvg.claimsLine("SET <03> & \"x\"", java.util.List.of(1.0, 3.0, 2.0));
        assertThat(svg).startsWith("<svg").endsWith("</svg>").contains("polyline").contains("&lt;03&gt; &amp;")
                .doesNotContain("<03>");
    }
}
