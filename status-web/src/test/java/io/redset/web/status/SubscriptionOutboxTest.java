package io.redset.web.status;

import io.redset.alerts.WebhookSink;
import io.redset.alerts.testing.FakeSmtpServer;
import io.redset.web.ApiClient;
import io.redset.web.ApiClient.Response;
import io.redset.web.RedSetBootTest;
import io.redset.web.SubscriberMail;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.redset.web.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Subscriptions end to end through the alerts outbox of the running application: a webhook
 * subscriber (a local sink) and an e-mail subscriber (a local SMTP server behind an email receiver
 * that carries messages only) get their confirmation, confirm it by the link, and receive an
 * incident; every message is an outbox row that ends {@code delivered}.
 */
@RedSetBootTest
class SubscriptionOutboxTest {

    static final FakeSmtpServer SMTP = new FakeSmtpServer();
    static final WebhookSink SINK = new WebhookSink();

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry r) {
        SubscriberMail.register(r, SMTP);
        r.add("redset.status.allow-private-webhooks", () -> "true");
        r.add("redset.alerts.outbox-poll-interval", () -> "PT0.2S");
    }

    @AfterAll
    static void stopServers() {
        SMTP.close();
        SINK.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @Test
    void confirmationAndIncidentNoticesTravelThroughTheOutbox() {
        ApiClient api = new ApiClient(port);
        assertThat(api.get("/api/v1/status/subscriptions").json().get("channels").toString()).isEqualTo("[\"webhook\",\"email\"]");
        String hook = SINK.url("/subscriber");
        assertThat(api.post("/api/v1/status/subscriptions", json("{'webhook':'" + hook + "','components':['set-00']}")).status())
                .isEqualTo(202);
        assertThat(api.post("/api/v1/status/subscriptions", json("{'email':'reader@example.org'}")).status()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(20)).until(() -> SINK.received().size() == 1 && SMTP.messages().size() == 1);
        String hookConfirm = SINK.received().getFirst().body();
        assertThat(hookConfirm).contains("\"type\":\"subscription_confirmation\"");
        String mailConfirm = SMTP.messages().getFirst();
        assertThat(mailConfirm).contains("RCPT TO:<reader@example.org>", "Subject: Confirm your subscription", "List-Unsubscribe:");
        assertThat(api.get(path(hookConfirm, "confirm")).status()).isEqualTo(200);
        assertThat(api.get(path(mailConfirm, "confirm")).status()).isEqualTo(200);

        ApiClient admin = new ApiClient(port).as("admin", RedSetBootTest.ADMIN_PASSWORD);
        Response created = admin.post("/api/v1/admin/status/incidents", json("{'name':'Claims failing on SET 00',"
                + "'status':'investigating','impact':'major','body':'Claims on SET 00 fail; we are on it.',"
                + "'components':{'set-00':'major_outage'}}"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String incident = created.json().get("id").stringValue();

        await().atMost(Duration.ofSeconds(20)).until(() -> SINK.received().size() == 2 && SMTP.messages().size() == 2);
        WebhookSink.Received notice = SINK.received().get(1);
        assertThat(notice.body()).contains("\"id\":\"" + incident + "\"", "\"status\":\"investigating\"", "\"unsubscribe\"");
        assertThat(notice.idempotencyKey()).matches("status/[a-z0-9]+/[a-z0-9]+");
        assertThat(SMTP.messages().get(1)).contains("Claims failing on SET 00", "Claims on SET 00 fail; we are on it.",
                "/incidents/" + incident, "List-Unsubscribe-Post: List-Unsubscribe=One-Click");

        JdbcClient jdbc = JdbcClient.create(dataSource);
        List<String> statuses = jdbc.sql("SELECT status FROM alerts.outbox WHERE event = 'message' ORDER BY id")
                .query(String.class).list();
        assertThat(statuses).containsExactly("delivered", "delivered", "delivered", "delivered");
        assertThat(jdbc.sql("SELECT count(*) FROM status.incident_update WHERE incident_id = ? AND notified_at IS NOT NULL")
                .param(incident).query(Integer.class).single()).isEqualTo(1);

        // the unsubscribe link of the notice works, and the next update reaches only the other subscriber
        assertThat(api.get(path(notice.body(), "unsubscribe")).status()).isEqualTo(200);
        assertThat(admin.post("/api/v1/admin/status/incidents/" + incident + "/updates", json(
                "{'status':'resolved','body':'Fixed.','components':{'set-00':'operational'}}")).status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(20)).until(() -> SMTP.messages().size() == 3);
        assertThat(SINK.received()).hasSize(2);
    }

    /** The confirm or unsubscribe link in a message, as a path of this server. */
    private static String path(String message, String kind) {
        Matcher m = Pattern.compile("/api/v1/status/subscriptions/" + kind + "\\?token=[a-z0-9]+").matcher(message);
        assertThat(m.find()).as(message).isTrue();
        return m.group();
    }
}
