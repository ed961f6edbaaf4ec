package io.redset.web.subscriptions;

import io.redset.web.ApiClient.Response;
import io.redset.web.ApiClient;
import io.redset.web.RedSetBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;

import static io.redset.web.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public subscription endpoints in the default application: what is offered, 400s naming the
 * field with nothing stored. The whole flow through the outbox: {@link SubscriptionOutboxTest}.
 */
@RedSetBootTest
class SubscriptionApiTest {

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    /** The default application has no mail server: only webhooks are offered, e-mail is refused and nothing is stored. */
    @Test
    void withoutAMailServerOnlyWebhooksAreOffered() {
        ApiClient api = new ApiClient(port);
        assertThat(api.get("/api/v1/status/subscriptions").json().get("channels").toString()).isEqualTo("[\"webhook\"]");
        Response r = api.post("/api/v1/status/subscriptions", json("{'email':'reader@example.org','components':['set-00']}"));
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().get("field").stringValue()).isEqualTo("email");
        assertThat(r.json().get("detail").stringValue()).contains("not offered");
        assertThat(JdbcClient.create(dataSource).sql("SELECT count(*) FROM status.subscriber WHERE target = 'reader@example.org'")
                .query(Integer.class).single()).isZero();
        assertThat(api.get("/api/v1/status/subscriptions/confirm?token=nope").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/status/subscriptions/unsubscribe?token=nope").status()).isEqualTo(303);
        assertThat(api.post("/api/v1/status/subscriptions/unsubscribe?token=nope", "application/x-www-form-urlencoded",
                "List-Unsubscribe=One-Click").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/status/subscriptions/manage?token=nope").status()).isEqualTo(404);
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
        Response unknown = api.post("/api/v1/status/subscriptions", json("{'webhook':'https://example.org/h','extra':1}"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("field").stringValue()).isEqualTo("extra");
    }
}
