package io.redset.web.status;

import io.redset.web.ApiClient;
import io.redset.web.ApiClient.Response;
import io.redset.web.RedSetBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;

import static io.redset.web.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/** The public subscription endpoints: 202 without telling more, confirm and unsubscribe links, 400s. */
@RedSetBootTest
class SubscriptionApiTest {

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @Test
    void subscribeConfirmUnsubscribe() {
        ApiClient api = new ApiClient(port);
        Response r = api.post("/api/v1/status/subscriptions", json("{'email':'reader@example.org','components':['set-00']}"));
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        assertThat(r.json().get("status").stringValue()).isEqualTo("pending_confirmation");
        JdbcClient jdbc = JdbcClient.create(dataSource);
        String confirm = jdbc.sql("SELECT confirm_token FROM status.subscriber WHERE target = 'reader@example.org'")
                .query(String.class).single();
        String unsubscribe = jdbc.sql("SELECT unsubscribe_token FROM status.subscriber WHERE target = 'reader@example.org'")
                .query(String.class).single();
        assertThat(api.get("/api/v1/status/subscriptions/confirm?token=" + confirm).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/status/subscriptions/confirm?token=nope").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/status/subscriptions/unsubscribe?token=" + unsubscribe).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/status/subscriptions/unsubscribe?token=" + unsubscribe).status()).isEqualTo(404);
    }

    @Test
    void badInputIsAProblemNamingTheField() {
        ApiClient api = new ApiClient(port);
        Response both = api.post("/api/v1/status/subscriptions", json("{'email':'a@example.org','webhook':'https://example.org/h'}"));
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.contentType()).startsWith("application/problem+json");
        Response bad = api.post("/api/v1/status/subscriptions", json("{'webhook':'http://localhost:1/hook'}"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("field").stringValue()).isEqualTo("webhook");
        Response unknown = api.post("/api/v1/status/subscriptions", json("{'email':'a@example.org','extra':1}"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("field").stringValue()).isEqualTo("extra");
    }
}
