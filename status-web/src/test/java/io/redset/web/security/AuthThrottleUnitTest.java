package io.redset.web.security;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The throttle's windows, with an injected clock. */
class AuthThrottleUnitTest {

    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-01T10:00:00Z"));
    final Clock clock = new Clock() {
        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return now.get(); }
    };
    final AuthThrottle throttle = new AuthThrottle(new SecurityProperties.Throttle(3, 5, Duration.ofMinutes(5)), clock,
            new SimpleMeterRegistry());

    @Test
    void anAddressIsRefusedUntilItsWindowEnds() {
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.refusal(AuthThrottle.Kind.BASIC, "192.0.2.1", "admin")).isEmpty();
            throttle.failed(AuthThrottle.Kind.BASIC, "192.0.2.1", "admin");
        }
        assertThat(throttle.refusal(AuthThrottle.Kind.BASIC, "192.0.2.1", null)).contains(Duration.ofMinutes(5));
        assertThat(throttle.refusal(AuthThrottle.Kind.BASIC, "192.0.2.2", "admin")).as("another address").isEmpty();
        now.set(now.get().plus(Duration.ofMinutes(4)));
        assertThat(throttle.refusal(AuthThrottle.Kind.BASIC, "192.0.2.1", null)).contains(Duration.ofMinutes(1));
        now.set(now.get().plus(Duration.ofMinutes(1)));
        assertThat(throttle.refusal(AuthThrottle.Kind.BASIC, "192.0.2.1", null)).isEmpty();
    }

    @Test
    void anAccountIsRefusedFromEveryAddressAndIpv6CountsByItsSlash64() {
        for (int i = 0; i < 5; i++) {
            throttle.failed(AuthThrottle.Kind.BASIC, "2001:db8:0:1::" + Integer.toHexString(i + 1), "victim");
        }
        assertThat(throttle.refusal(AuthThrottle.Kind.BASIC, "198.51.100.7", "victim")).isPresent();
        assertThat(throttle.refusal(AuthThrottle.Kind.BASIC, "198.51.100.7", "someone-else")).isEmpty();
        assertThat(throttle.refusal(AuthThrottle.Kind.API_KEY, "2001:db8:0:1::99", null))
                .as("five failures from one /64 are over the address limit of 3").isPresent();
        assertThat(throttle.refusal(AuthThrottle.Kind.API_KEY, "2001:db8:0:2::1", null)).isEmpty();
    }
}
