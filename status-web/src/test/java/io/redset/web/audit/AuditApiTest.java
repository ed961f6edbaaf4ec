package io.redset.web.audit;

import io.redset.web.ApiClient;
import io.redset.web.ApiClient.Response;
import io.redset.web.RedSetBootTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

import static io.redset.web.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/** The audit trail over HTTP: a change is found with who, what, before, after, why and from where. */
@RedSetBootTest
class AuditApiTest {

    static final String AUDIT = "/api/v1/admin/audit";

    @LocalServerPort
    int port;

    ApiClient admin;

    @BeforeEach
    void clients() {
        admin = new ApiClient(port).as("admin", RedSetBootTest.ADMIN_PASSWORD);
    }

    static List<JsonNode> rows(Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        r.json().forEach(out::add);
        return out;
    }

    @Test
    void aModeSwitchAndALimitEditAreAuditedWithBeforeAfterReasonAndClient() {
        String reason = "audit test <b>bold</b> &amp; <script>x</script> 维护";
        assertThat(admin.put("/api/v1/admin/sets/01/mode", json("{'mode':'DEGRADED','reason':'" + reason + "'}")).status())
                .isEqualTo(200);
        assertThat(admin.put("/api/v1/admin/sets/01/limits", json("{'envelopeCap':77}")).status()).isEqualTo(200);
        assertThat(admin.put("/api/v1/admin/sets/01/mode", json("{'mode':'NORMAL','reason':'back'}")).status()).isEqualTo(200);

        List<JsonNode> modes = rows(admin.get(AUDIT + "?action=set.mode&target=SET%2001&limit=2"));
        assertThat(modes).hasSize(2);
        JsonNode back = modes.get(0);
        JsonNode degraded = modes.get(1);
        assertThat(back.path("before").asString()).isEqualTo("DEGRADED");
        assertThat(back.path("after").asString()).isEqualTo("NORMAL");
        assertThat(degraded.path("actor").asString()).isEqualTo("admin");
        assertThat(degraded.path("before").asString()).isEqualTo("NORMAL");
        assertThat(degraded.path("after").asString()).isEqualTo("DEGRADED");
        assertThat(degraded.path("reason").asString()).as("stored and answered as text").isEqualTo(reason);
        assertThat(degraded.path("client").asString()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
        assertThat(degraded.path("id").asLong()).isLessThan(back.path("id").asLong());

        List<JsonNode> family = rows(admin.get(AUDIT + "?action=set&target=SET%2001"));
        assertThat(family).extracting(n -> n.path("action").asString()).contains("set.mode", "set.limits");
        JsonNode limits = family.stream().filter(n -> n.path("action").asString().equals("set.limits")).findFirst().orElseThrow();
        assertThat(limits.path("after").asString()).contains("envelopeCap=77");
        assertThat(limits.path("before").asString()).doesNotContain("envelopeCap=77");

        // paging: older than the newest row of the family
        long newest = family.get(0).path("id").asLong();
        assertThat(rows(admin.get(AUDIT + "?action=set&target=SET%2001&before=" + newest)))
                .allSatisfy(n -> assertThat(n.path("id").asLong()).isLessThan(newest));
    }

    @Test
    void silencesAndIncidentsAreAuditedByWhoMadeThem() {
        Response silence = admin.post("/api/v1/oncall/silences",
                json("{'matchers':['set=\\'01\\''],'comment':'audit: disk swap','duration':'PT1H'}")); // \' becomes the JSON escape \"
        assertThat(silence.status()).as(silence.body()).isEqualTo(201);
        long id = silence.json().path("id").asLong();
        assertThat(admin.delete("/api/v1/oncall/silences/" + id).status()).isEqualTo(204);
        List<JsonNode> silenced = rows(admin.get(AUDIT + "?action=silence&target=silence%20" + id));
        assertThat(silenced).extracting(n -> n.path("action").asString()).containsExactly("silence.expire", "silence.create");
        assertThat(silenced.get(1).path("reason").asString()).isEqualTo("audit: disk swap");
        assertThat(silenced.get(1).path("after").asString()).contains("set=\"01\"");

        Response incident = admin.post("/api/v1/admin/status/incidents",
                json("{'name':'Audit <img src=x onerror=alert(1)>','impact':'minor','body':'testing the trail'}"));
        assertThat(incident.status()).as(incident.body()).isEqualTo(201);
        String incidentId = incident.json().path("id").asString();
        List<JsonNode> declared = rows(admin.get(AUDIT + "?action=incident.create&target=incident%20" + incidentId));
        assertThat(declared).hasSize(1);
        assertThat(declared.get(0).path("after").asString()).contains("<img src=x onerror=alert(1)>", "investigating");
    }

    @Test
    void badFiltersAreRefusedNamingTheParameter() {
        for (String[] c : new String[][]{{"limit=0", "limit"}, {"limit=1001", "limit"}, {"since=yesterday", "since"},
                {"since=2026-12-02T10:00:00Z&until=2026-12-01T10:00:00Z", "since"}, {"actor=" + "a".repeat(201), "actor"}}) {
            Response r = admin.get(AUDIT + "?" + c[0]);
            assertThat(r.status()).as(c[0]).isEqualTo(400);
            assertThat(r.json().path("field").asString()).as(c[0]).isEqualTo(c[1]);
        }
    }

    @Test
    void onlyAdminsReadTheTrail() {
        assertThat(new ApiClient(port).get(AUDIT).status()).isEqualTo(401);
    }
}
