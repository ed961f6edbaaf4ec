package io.redset.web.sets;

import io.redset.web.ApiClient.Response;
import io.redset.web.ApiClient;
import io.redset.web.RedSetBootTest;
import io.redset.web.security.ConsoleRole;
import io.redset.web.security.ConsoleUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.time.Duration;

import static io.redset.web.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

@RedSetBootTest
class AdminApiTest {

    private static final String SETS = "/api/v1/admin/sets";

    @LocalServerPort
    int port;

    @Autowired
    ConsoleUsers users;

    @Autowired
    JdbcClient jdbc;

    ApiClient anonymous;
    ApiClient admin;

    @BeforeEach
    void clients() {
        anonymous = new ApiClient(port);
        admin = anonymous.as("admin", RedSetBootTest.ADMIN_PASSWORD);
    }

    @Test
    void needsAnAdmin() {
        Response none = anonymous.get(SETS);
        assertThat(none.status()).isEqualTo(401);
        // never a Basic challenge: a browser would ask for the password and replay it cross-site
        assertThat(none.header("WWW-Authenticate")).isNull();
        assertThat(none.contentType()).startsWith("application/problem+json");

        Response wrongPassword = anonymous.as("admin", "not-the-password").get(SETS);
        assertThat(wrongPassword.status()).isEqualTo(401);

        users.create("viewer-1", "viewer-password", ConsoleRole.VIEWER);
        Response viewer = anonymous.as("viewer-1", "viewer-password").get(SETS);
        assertThat(viewer.status()).isEqualTo(403);
        assertThat(viewer.contentType()).startsWith("application/problem+json");
        Response viewerPut = anonymous.as("viewer-1", "viewer-password")
                .put(SETS + "/00/mode", json("{'mode':'OFFLINE','reason':'not allowed'}"));
        assertThat(viewerPut.status()).isEqualTo(403);

        Response ok = admin.get(SETS);
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        JsonNode sets = ok.json();
        assertThat(sets).hasSize(RedSetBootTest.SET_COUNT);
        JsonNode first = sets.get(0);
        assertThat(first.get("set").stringValue()).isEqualTo("00");
        assertThat(first.get("owned").booleanValue()).isTrue();
        assertThat(first.get("mode").stringValue()).isNotBlank();
        assertThat(first.get("circuitState").stringValue()).isEqualTo("CLOSED");
        assertThat(first.get("queuedClaims").isInt()).isTrue();
        assertThat(first.get("limits").get("claimPerSecond").intValue()).isPositive();
        assertThat(first.get("effectiveLimits").get("bulkheadMaxWait").stringValue()).startsWith("PT");
    }

    @Test
    void readOnlyModePausesClaimsAndSaysTheShareIsSafe() {
        Response sent = anonymous.service().post("/api/v1/envelopes",
                json("{'senderId':'mode-test-sender','totalFen':200,'count':2,'mode':'LUCKY'}"));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        String id = sent.json().get("envelopeId").stringValue();
        String set = sent.json().get("set").stringValue();
        try {
            Response switched = admin.put(SETS + "/" + set + "/mode", json("{'mode':'READ_ONLY','reason':'maintenance test'}"));
            assertThat(switched.status()).as(switched.toString()).isEqualTo(200);
            assertThat(switched.json().get("mode").stringValue()).isEqualTo("READ_ONLY");
            assertThat(switched.json().get("lastChange").get("actor").stringValue()).isEqualTo("admin");
            assertThat(switched.json().get("lastChange").get("reason").stringValue()).isEqualTo("maintenance test");

            Response claim = anonymous.service().post("/api/v1/envelopes/" + id + "/claims", json("{'userId':'ivan'}"));
            assertThat(claim.status()).as(claim.toString()).isEqualTo(503);
            assertThat(claim.contentType()).startsWith("application/problem+json");
            assertThat(claim.json().get("reason").stringValue()).isEqualTo("MODE");
            assertThat(claim.json().get("set").stringValue()).isEqualTo(set);
            assertThat(claim.json().get("detail").stringValue()).contains("share is safe");
            assertThat(Long.parseLong(claim.header("Retry-After"))).isPositive();

            Response grab = anonymous.service().post("/api/v1/envelopes/" + id + "/grab", json("{'userId':'ivan'}"));
            assertThat(grab.status()).isEqualTo(503);

            Response details = anonymous.service().get("/api/v1/envelopes/" + id);
            assertThat(details.status()).as("details stay readable in READ_ONLY").isEqualTo(200);
            assertThat(details.json().get("remainingFen").longValue()).isEqualTo(200);

            Integer audited = jdbc.sql("SELECT count(*) FROM admin.set_mode_change WHERE set_index = :set"
                            + " AND mode = 'READ_ONLY' AND actor = 'admin'")
                    .param("set", Integer.parseInt(set)).query(Integer.class).single();
            assertThat(audited).isPositive();
        } finally {
            Response back = admin.put(SETS + "/" + set + "/mode", json("{'mode':'NORMAL','reason':'test done'}"));
            assertThat(back.status()).as(back.toString()).isEqualTo(200);
        }
        Response claim = anonymous.service().post("/api/v1/envelopes/" + id + "/claims", json("{'userId':'ivan'}"));
        assertThat(claim.status()).as(claim.toString()).isEqualTo(200);
        assertThat(claim.json().get("outcome").stringValue()).isEqualTo("CLAIMED");
    }

    @Test
    void refusesBadModeRequests() {
        Response unknownSet = admin.put(SETS + "/42/mode", json("{'mode':'NORMAL','reason':'x'}"));
        assertThat(unknownSet.status()).as(unknownSet.toString()).isEqualTo(404);
        assertThat(unknownSet.contentType()).startsWith("application/problem+json");
        assertThat(admin.put(SETS + "/abc/mode", json("{'mode':'NORMAL','reason':'x'}")).status()).isEqualTo(404);

        Response badMode = admin.put(SETS + "/00/mode", json("{'mode':'SLEEPING','reason':'x'}"));
        assertThat(badMode.status()).isEqualTo(400);
        assertThat(badMode.json().get("field").stringValue()).isEqualTo("mode");

        Response noReason = admin.put(SETS + "/00/mode", json("{'mode':'DEGRADED'}"));
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.json().get("field").stringValue()).isEqualTo("reason");

        Response longReason = admin.put(SETS + "/00/mode", json("{'mode':'DEGRADED','reason':'" + "r".repeat(201) + "'}"));
        assertThat(longReason.status()).isEqualTo(400);
        assertThat(longReason.json().get("field").stringValue()).isEqualTo("reason");

        assertThat(admin.get(SETS + "/00").json().get("mode").stringValue()).isEqualTo("NORMAL");
    }

    @Test
    void changesLimitsLive() {
        JsonNode before = admin.get(SETS + "/01").json().get("limits");
        try {
            Response changed = admin.put(SETS + "/01/limits", json("{'claimPerSecond':1234,'bulkheadMaxWait':'PT0.5S'}"));
            assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
            assertThat(changed.json().get("limits").get("claimPerSecond").intValue()).isEqualTo(1234);
            assertThat(changed.json().get("limits").get("bulkheadMaxWait").stringValue()).isEqualTo("PT0.5S");
            assertThat(changed.json().get("limits").get("sendPerSecond").intValue())
                    .isEqualTo(before.get("sendPerSecond").intValue());

            Response zero = admin.put(SETS + "/01/limits", json("{'claimPerSecond':0}"));
            assertThat(zero.status()).isEqualTo(400);
            assertThat(zero.json().get("field").stringValue()).isEqualTo("claimPerSecond");

            Response typo = admin.put(SETS + "/01/limits", json("{'claimsPerSecond':10}"));
            assertThat(typo.status()).isEqualTo(400);
            assertThat(typo.json().get("field").stringValue()).isEqualTo("claimsPerSecond");
        } finally {
            admin.put(SETS + "/01/limits", json("{'claimPerSecond':" + before.get("claimPerSecond").intValue()
                    + ",'bulkheadMaxWait':'" + before.get("bulkheadMaxWait").stringValue() + "'}"));
        }
    }

    @Test
    void tightLimitsAnswer429WithRetryAfter() {
        Response sent = anonymous.service().post("/api/v1/envelopes",
                json("{'senderId':'rate-test-sender','totalFen':100,'count':1,'mode':'LUCKY'}"));
        String id = sent.json().get("envelopeId").stringValue();
        String set = sent.json().get("set").stringValue();
        int before = admin.get(SETS + "/" + set).json().get("limits").get("detailsPerSecond").intValue();
        try {
            assertThat(admin.put(SETS + "/" + set + "/limits", json("{'detailsPerSecond':1}")).status()).isEqualTo(200);
            // a new limit takes effect from the limiter's next cycle, and a slow machine spreads the reads:
            // read until one is refused, for at most 10 s (10 allowed reads at 1/s)
            Response limited = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (limited == null && System.nanoTime() < deadline) {
                Response r = anonymous.service().get("/api/v1/envelopes/" + id);
                if (r.status() != 200) {
                    limited = r;
                }
            }
            assertThat(limited).as("quick reads at 1/s are refused within 10 s").isNotNull();
            assertThat(limited.status()).as(limited.toString()).isEqualTo(429);
            assertThat(limited.contentType()).startsWith("application/problem+json");
            assertThat(limited.json().get("reason").stringValue()).isEqualTo("RATE_LIMITED");
            assertThat(limited.json().get("set").stringValue()).isEqualTo(set);
            assertThat(Long.parseLong(limited.header("Retry-After"))).isGreaterThanOrEqualTo(1);
        } finally {
            admin.put(SETS + "/" + set + "/limits", json("{'detailsPerSecond':" + before + "}"));
        }
    }
}
