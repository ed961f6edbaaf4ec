package io.redset.web.status.page;

import io.redset.engine.ClaimEngine;
import io.redset.engine.SetId;
import io.redset.engine.SetMode;
import io.redset.web.ApiClient.Response;
import io.redset.web.ApiClient;
import io.redset.web.RedSetBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static io.redset.web.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/** The public pages as first served (Vaadin renders the view into the first response). */
@RedSetBootTest
class StatusPageTest {

    @LocalServerPort
    int port;

    @Test
    void publicPageShowsBannerGroupsComponentsAndUptimeBars() {
        Response page = new ApiClient(port).get("/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("RedSet").contains("SET 00").contains("SET 01")
                .contains("Red envelope claims").contains("banner-").contains("uptime-bar")
                .contains("sparkline").contains("\"main\"");
    }

    @Autowired
    ClaimEngine engine;

    @Test
    void aSetOutOfNormalModeSaysSoInWords() {
        assertThat(new ApiClient(port).get("/").body()).doesNotContain("component-mode");
        engine.setMode(SetId.of(1), SetMode.READ_ONLY, "disk swap", "test");
        try {
            assertThat(new ApiClient(port).get("/").body()).contains("Read-only: opening paused, your share is safe");
        } finally {
            engine.setMode(SetId.of(1), SetMode.NORMAL, "done", "test");
        }
    }

    @Test
    void incidentPageAndHistoryShowAnIncident() {
        ApiClient admin = new ApiClient(port).as("admin", RedSetBootTest.ADMIN_PASSWORD);
        Response created = admin.post("/api/v1/admin/status/incidents", json(
                "{'name':'Slow claims on SET 01','impact':'minor','body':'Claims take longer than usual.',"
                        + "'components':{'set-01':'degraded_performance'}}"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").stringValue();
        assertThat(new ApiClient(port).get("/").body()).contains("Slow claims on SET 01").contains("Claims take longer");
        Response one = new ApiClient(port).get("/incidents/" + id);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.body()).contains("Slow claims on SET 01").contains("Investigating");
        assertThat(new ApiClient(port).get("/history").body()).contains("Slow claims on SET 01");
        admin.post("/api/v1/admin/status/incidents/" + id + "/updates", json("{'status':'resolved','body':'Back to normal.',"
                + "'components':{'set-01':'operational'}}"));
    }

    @Test
    void historyIsPagedAndAnUnknownIncidentIsSaidSo() {
        ApiClient admin = new ApiClient(port).as("admin", RedSetBootTest.ADMIN_PASSWORD);
        for (int k = 0; k < HistoryView.PER_PAGE + 1; k++) {
            assertThat(admin.post("/api/v1/admin/status/incidents", json("{'name':'Old hiccup " + k + "','status':'resolved',"
                    + "'impact':'none','body':'Resolved by itself.'}")).status()).isEqualTo(201);
        }
        String first = new ApiClient(port).get("/history").body();
        assertThat(first).contains("Page 1 of").contains("Older");
        String second = new ApiClient(port).get("/history?page=2").body();
        assertThat(second).contains("Page 2 of").contains("Newer");
        assertThat(new ApiClient(port).get("/incidents/doesnotexist").body()).contains("No incident with this address.");
    }

    @Test
    void chineseFromTheBrowser() throws Exception {
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/")).header("Accept-Language", "zh-CN,zh;q=0.9").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("运行状态").contains("组件").contains("English");
    }
}
