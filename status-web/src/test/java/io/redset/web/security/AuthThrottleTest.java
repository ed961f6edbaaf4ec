package io.redset.web.security;

import io.redset.web.ApiClient;
import io.redset.web.ApiClient.Response;
import io.redset.web.RedSetBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guessing is throttled over the wire: past the limit of failures from one address, every attempt
 * with credentials is answered 429 with Retry-After before any password is checked, even with the
 * right password; calls without credentials and public pages are not affected. Its own context
 * (low limits), so the rest of the suite keeps its address unthrottled.
 */
@RedSetBootTest
@TestPropertySource(properties = {
        "redset.security.throttle.max-failures-per-address=5",
        "redset.security.throttle.max-failures-per-account=1000",
        "redset.security.throttle.window=10m"})
class AuthThrottleTest {

    @LocalServerPort
    int port;

    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    @Test
    void failuresFromOneAddressAreThrottledAndCounted() {
        ApiClient anonymous = new ApiClient(port);
        for (int i = 0; i < 3; i++) {
            assertThat(anonymous.as("admin", "wrong-" + i).get("/api/v1/admin/sets").status()).isEqualTo(401);
        }
        assertThat(anonymous.bearer("rsk_made-up-key-" + "x".repeat(30)).get("/api/v1/envelopes/261201000000000001").status())
                .isEqualTo(401);
        assertThat(anonymous.bearer("a.b.c").get("/api/v1/envelopes/261201000000000001").status()).isEqualTo(401);

        Response throttled = anonymous.as("admin", RedSetBootTest.ADMIN_PASSWORD).get("/api/v1/admin/sets");
        assertThat(throttled.status()).as("the right password is not even checked now").isEqualTo(429);
        assertThat(throttled.contentType()).startsWith("application/problem+json");
        assertThat(Long.parseLong(throttled.header("Retry-After"))).isBetween(1L, 600L);
        assertThat(anonymous.service().get("/api/v1/envelopes/261201000000000001").status()).isEqualTo(429);

        assertThat(anonymous.get("/api/v1/admin/sets").status()).as("no credentials: a plain 401").isEqualTo(401);
        assertThat(anonymous.get("/api/v2/summary.json").status()).isEqualTo(200);
        assertThat(anonymous.as("admin", "wrong").get("/api/v2/summary.json").status())
                .as("credentials on a public path are ignored").isEqualTo(200);

        assertThat(meters.get("redset.auth.failures").tag("kind", "basic").counter().count()).isEqualTo(3);
        assertThat(meters.get("redset.auth.failures").tag("kind", "api_key").counter().count()).isEqualTo(1);
        assertThat(meters.get("redset.auth.failures").tag("kind", "jwt").counter().count()).isEqualTo(1);
        assertThat(meters.get("redset.auth.throttled").tag("kind", "basic").counter().count()).isEqualTo(1);
        assertThat(new ApiClient(port).get("/actuator/prometheus").body())
                .contains("redset_auth_failures_total{kind=\"basic\"")
                .contains("redset_auth_throttled_total{kind=\"api_key\"");
    }
}
