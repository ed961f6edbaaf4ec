package io.redset.web.alerts;

import io.redset.alerts.Alerts;
import io.redset.web.ApiClient;
import io.redset.web.ApiClient.Response;
import io.redset.web.RedSetBootTest;
import io.redset.web.security.ConsoleRole;
import io.redset.web.security.ConsoleUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@RedSetBootTest
class AlertsApiTest {

    static final String ONCALL_PASSWORD = "oncall-test-password";

    @LocalServerPort
    int port;

    @Autowired
    ConsoleUsers users;

    @Autowired
    Alerts alerts;

    ApiClient anonymous;
    ApiClient oncall;
    ApiClient admin;

    @BeforeEach
    void clients() {
        users.create("oncall-alerts", ONCALL_PASSWORD, ConsoleRole.ONCALL);
        anonymous = new ApiClient(port);
        oncall = anonymous.as("oncall-alerts", ONCALL_PASSWORD);
        admin = anonymous.as("admin", RedSetBootTest.ADMIN_PASSWORD);
    }

    int delete(String path, String user, String password) throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + path)).DELETE()
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + password).getBytes()))
                .build();
        return java.net.http.HttpClient.newHttpClient().send(request, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void alertmanagerWebhookAlertsCanBeListedAckedAndSilenced() {
        assertThat(anonymous.get("/api/v1/oncall/alerts").status()).isEqualTo(401);
        assertThat(anonymous.post("/api/v1/alerts/alertmanager", "{}").status()).isEqualTo(401);

        Response in = oncall.post("/api/v1/alerts/alertmanager", """
                {"version":"4","status":"firing","receiver":"redset","notification_reason":"new",
                 "alerts":[{"status":"firing","labels":{"alertname":"DiskFull","instance":"db-9","severity":"ticket"},
                  "annotations":{"summary":"disk 95% full"},"startsAt":"2026-11-21T09:00:00Z","endsAt":"0001-01-01T00:00:00Z"}]}
                """);
        assertThat(in.status()).as(in.body()).isEqualTo(200);
        assertThat(in.json().get("received").asInt()).isEqualTo(1);

        Response list = oncall.get("/api/v1/oncall/alerts");
        assertThat(list.status()).isEqualTo(200);
        var open = list.json().get("open");
        long id = -1;
        for (var a : open) {
            if (a.get("labels").get("alertname").asString().equals("DiskFull")) {
                id = a.get("id").asLong();
                assertThat(a.get("state").asString()).isEqualTo("FIRING");
                assertThat(a.get("source").asString()).isEqualTo("alertmanager");
            }
        }
        assertThat(id).isPositive();

        Response ack = oncall.post("/api/v1/oncall/alerts/" + id + "/ack", "{\"comment\":\"cleaning up\"}");
        assertThat(ack.status()).as(ack.body()).isEqualTo(200);
        assertThat(ack.json().get("ack").get("by").asString()).isEqualTo("oncall-alerts");
        assertThat(oncall.get("/api/v1/oncall/alerts/" + id).json().get("history").toString()).contains("acknowledged");
        assertThat(oncall.post("/api/v1/oncall/alerts/999999/ack", "{}").status()).isEqualTo(404);

        Response silence = oncall.post("/api/v1/oncall/silences",
                "{\"matchers\":[\"instance=\\\"db-9\\\"\"],\"comment\":\"replacing the disk\",\"duration\":\"PT2H\"}");
        assertThat(silence.status()).as(silence.body()).isEqualTo(201);
        assertThat(silence.json().get("creator").asString()).isEqualTo("oncall-alerts");
        assertThat(oncall.post("/api/v1/oncall/silences", "{\"matchers\":[],\"comment\":\"x\",\"duration\":\"PT1H\"}").status()).isEqualTo(400);
        alerts.evaluate();
        assertThat(alerts.alert(id).orElseThrow().silencedBy()).containsExactly(silence.json().get("id").asLong());
    }

    @Test
    void rulesAreListedForOncallAndEditedByAdminsWithValidation() throws Exception {
        Response rules = oncall.get("/api/v1/oncall/alert-rules");
        assertThat(rules.status()).isEqualTo(200);
        assertThat(rules.body()).contains("SetErrorRatio", "ClaimSloBurnRate", "SetReconcileMismatch");

        String rule = "{\"name\":\"SetDetailsErrors\",\"kind\":\"error-ratio\",\"operations\":[\"details\"],\"threshold\":0.5,"
                + "\"window\":\"1m\",\"min-requests\":10,\"min-errors\":5,\"summary\":\"SET {{set}} details failing\"}";
        assertThat(oncall.put("/api/v1/admin/alert-rules/SetDetailsErrors", rule).status()).isEqualTo(403);
        Response saved = admin.put("/api/v1/admin/alert-rules/SetDetailsErrors", rule);
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        assertThat(saved.json().get("threshold").asDouble()).isEqualTo(0.5);

        Response bad = admin.put("/api/v1/admin/alert-rules/SetDetailsErrors", rule.replace("0.5", "7"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("field").asString()).isEqualTo("threshold");

        Response off = admin.post("/api/v1/admin/alert-rules/SetDetailsErrors/disable", null);
        assertThat(off.status()).as(off.body()).isEqualTo(200);
        assertThat(off.json().get("enabled").asBoolean()).isFalse();
        assertThat(delete("/api/v1/admin/alert-rules/SetDetailsErrors", "admin", RedSetBootTest.ADMIN_PASSWORD)).isEqualTo(204);
        assertThat(delete("/api/v1/admin/alert-rules/SetDetailsErrors", "admin", RedSetBootTest.ADMIN_PASSWORD)).isEqualTo(404);
    }
}
