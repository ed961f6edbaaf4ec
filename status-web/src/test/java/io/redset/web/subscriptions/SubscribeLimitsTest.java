package io.redset.web.subscriptions;

import io.redset.engine.RejectedException;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SubscribeLimitsTest {

    @Test
    void anIpv6ClientIsLimitedByItsSlash64() {
        assertThat(SubscribeLimits.clientKey("2001:db8:1:2:aaaa::1")).isEqualTo(SubscribeLimits.clientKey("2001:db8:1:2:bbbb::9"))
                .isEqualTo("20010db800010002::/64");
        assertThat(SubscribeLimits.clientKey("2001:db8:1:3::1")).isNotEqualTo(SubscribeLimits.clientKey("2001:db8:1:2::1"));
        assertThat(SubscribeLimits.clientKey("198.51.100.7")).isEqualTo("198.51.100.7");
        assertThat(SubscribeLimits.clientKey(null)).isEqualTo("unknown");

        SubscribeLimits limits = new SubscribeLimits(1, 100, Duration.ofHours(1));
        limits.acquire("2001:db8:1:2::1");
        assertThatThrownBy(() -> limits.acquire("2001:db8:1:2::2")).isInstanceOf(RejectedException.class);
        limits.acquire("2001:db8:1:3::1");
    }

    @Test
    void badSettingsAreRefused() {
        assertThatThrownBy(() -> new SubscribeLimits(0, 1, Duration.ofMinutes(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SubscribeLimits(1, 1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
