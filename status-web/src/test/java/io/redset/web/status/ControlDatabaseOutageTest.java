package io.redset.web.status;

import io.redset.web.ApiClient.Response;
import io.redset.web.ApiClient;
import io.redset.web.RedSetBootTest;
import io.redset.web.db.DatabaseTopology;
import io.redset.web.status.api.StatuspageController;
import io.redset.web.status.snapshot.StatusSnapshot;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import static io.redset.web.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The control database stopped (here: the whole embedded PostgreSQL): {@code /} and
 * {@code /api/v2/summary.json} keep answering from the last snapshot, and say since when. Its own
 * context, closed afterwards.
 */
@RedSetBootTest
@TestPropertySource(properties = "redset.status.refresh-interval=PT1S")
@DirtiesContext
class ControlDatabaseOutageTest {

    @LocalServerPort
    int port;

    @Autowired
    DatabaseTopology databases;

    @Autowired
    StatusService status;

    @Test
    void pageAndSummaryKeepAnsweringFromTheLastSnapshot() {
        ApiClient api = new ApiClient(port);
        Response created = api.as("admin", RedSetBootTest.ADMIN_PASSWORD).post("/api/v1/admin/status/incidents", json(
                "{'name':'Control database maintenance','impact':'minor','body':'We are moving the control database.'}"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);

        databases.close(); // stops the embedded PostgreSQL: control and SET databases
        StatusSnapshot s = status.refresh();
        assertThat(s.dataStale()).isTrue();

        Response summary = api.get("/api/v2/summary.json");
        assertThat(summary.status()).isEqualTo(200);
        assertThat(summary.body()).contains("Control database maintenance");
        assertThat(summary.header(StatuspageController.DATA_AT)).isEqualTo(s.dataReadAt().toString());
        Response page = api.get("/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Control database maintenance").contains("cannot be reached");
    }
}
