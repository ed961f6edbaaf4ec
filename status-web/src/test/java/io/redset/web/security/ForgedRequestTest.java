package io.redset.web.security;

import io.redset.web.ApiClient;
import io.redset.web.ApiClient.Response;
import io.redset.web.RedSetBootTest;
import io.redset.web.SetTables;
import io.redset.web.db.SetPools;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.Map;

import static io.redset.web.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests a hostile page could make a visitor's browser send, with valid credentials attached:
 * form and text/plain bodies, foreign origins. Each is refused and changes nothing.
 */
@RedSetBootTest
class ForgedRequestTest {


    @LocalServerPort
    int port;

    @Autowired
    SetPools pools;

    ApiClient admin;

    @BeforeEach
    void client() {
        admin = new ApiClient(port).as("admin", RedSetBootTest.ADMIN_PASSWORD);
    }

    private boolean ruleEnabled(String name) {
        for (var rule : admin.get("/api/v1/oncall/alert-rules").json()) {
            if (rule.get("name").stringValue().equals(name)) {
                return rule.get("enabled").booleanValue();
            }
        }
        throw new AssertionError("no rule " + name);
    }

    private String anEnabledRule() {
        for (var rule : admin.get("/api/v1/oncall/alert-rules").json()) {
            if (rule.get("enabled").booleanValue()) {
                return rule.get("name").stringValue();
            }
        }
        throw new AssertionError("no enabled rule");
    }

    @Test
    void aCrossSiteFormPostWithCachedCredentialsDisablesNothing() {
        String name = anEnabledRule();
        String rule = "/api/v1/admin/alert-rules/" + name;
        Response form = admin.post(rule + "/disable", "application/x-www-form-urlencoded", "");
        assertThat(form.status()).as(form.toString()).isEqualTo(415);
        assertThat(form.contentType()).startsWith("application/problem+json");
        Response multipart = admin.post(rule + "/disable", "multipart/form-data; boundary=x", "--x--");
        assertThat(multipart.status()).isEqualTo(415);
        Response text = admin.post(rule + "/disable", "text/plain;charset=UTF-8", "{}");
        assertThat(text.status()).isEqualTo(415);
        Response noBodyFromAnotherSite = admin.request("POST", rule + "/disable", null, null, "Origin", "https://evil.example");
        assertThat(noBodyFromAnotherSite.status()).as(noBodyFromAnotherSite.toString()).isEqualTo(403);
        Response fetchMetadata = admin.request("POST", rule + "/disable", null, null, "Sec-Fetch-Site", "cross-site");
        assertThat(fetchMetadata.status()).isEqualTo(403);
        assertThat(ruleEnabled(name)).as("the rule is still enabled").isTrue();
    }

    @Test
    void theClaimApiTakesJsonFromProgramsOnly() {
        ApiClient service = new ApiClient(port).service();
        Map<String, Long> before = SetTables.counts(pools);
        String body = json("{'senderId':'csrf','totalFen':100,'count':1,'mode':'LUCKY'}");
        assertThat(service.post("/api/v1/envelopes", "text/plain", body).status()).isEqualTo(415);
        assertThat(service.request("POST", "/api/v1/envelopes", "application/json", body, "Origin", "https://evil.example")
                .status()).isEqualTo(403);
        assertThat(SetTables.counts(pools)).isEqualTo(before);
        Response sameOrigin = service.request("POST", "/api/v1/envelopes", "application/json", body,
                "Origin", "http://localhost:" + port);
        assertThat(sameOrigin.status()).as("the server's own origin may").isEqualTo(201);
    }

    @Test
    void readsAndTheOneClickUnsubscribeAreNotAffected() {
        assertThat(admin.request("GET", "/api/v1/oncall/alert-rules", null, null, "Origin", "https://evil.example").status())
                .isEqualTo(200);
        // RFC 8058: mail providers post the form from their servers; the token is the only authority
        Response oneClick = new ApiClient(port).post("/api/v1/status/subscriptions/unsubscribe?token=not-a-token",
                "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click");
        assertThat(oneClick.status()).as(oneClick.toString()).isEqualTo(404);
    }

    @Test
    void bodiesAreBoundedEvenWhereEndpointsReadThemWhole() {
        String big = "{\"name\":\"" + "x".repeat(70 * 1024) + "\"}";
        Response rule = admin.put("/api/v1/admin/alert-rules/big", big);
        assertThat(rule.status()).as(rule.toString()).isEqualTo(413);
        assertThat(rule.contentType()).startsWith("application/problem+json");
        Response silence = new ApiClient(port).as("admin", RedSetBootTest.ADMIN_PASSWORD)
                .post("/api/v1/oncall/silences", big);
        assertThat(silence.status()).isEqualTo(413);
    }
}
