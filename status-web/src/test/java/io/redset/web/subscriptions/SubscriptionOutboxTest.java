package io.redset.web.subscriptions;

import io.redset.alerts.WebhookSink;
import io.redset.alerts.testing.FakeSmtpServer;
import io.redset.alerts.webhook.WebhookSignature;
import io.redset.probes.ComponentHealth;
import io.redset.probes.ComponentId;
import io.redset.probes.ComponentStatus;
import io.redset.web.ApiClient.Response;
import io.redset.web.ApiClient;
import io.redset.web.RedSetBootTest;
import io.redset.web.SubscriberMail;
import io.redset.web.security.ConsoleRole;
import io.redset.web.security.ConsoleUsers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

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
        r.add("redset.status.subscribe-limit.per-client", () -> "3");
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

    @Autowired
    ConsoleUsers users;

    @Autowired
    SubscriptionService subscriptionService;

    @Autowired
    ComponentHealth health;

    @Test
    void confirmationAndIncidentNoticesTravelThroughTheOutbox() {
        ApiClient api = new ApiClient(port);
        assertThat(api.get("/api/v1/status/subscriptions").json().get("channels").toString()).isEqualTo("[\"webhook\",\"email\"]");
        String hook = SINK.url("/subscriber");
        assertThat(api.post("/api/v1/status/subscriptions", json("{'webhook':'" + hook + "','components':['set-00']}")).status())
                .isEqualTo(202);
        assertThat(api.post("/api/v1/status/subscriptions", json("{'email':'reader@example.org'}")).status()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(20)).until(() -> hookMessages().size() == 1 && SMTP.messages().size() == 1);
        String hookConfirm = hookMessages().getFirst().body();
        assertThat(hookConfirm).contains("\"type\":\"subscription_confirmation\"");
        String mailConfirm = SMTP.messages().getFirst();
        assertThat(mailConfirm).contains("RCPT TO:<reader@example.org>", "Subject: Confirm your subscription", "List-Unsubscribe:");
        assertThat(api.get(path(hookConfirm, "confirm")).status()).isEqualTo(200);
        // the mail links to the confirmation page; its token is the API's too
        assertThat(api.get("/api/v1/status/subscriptions/confirm?token=" + token(mailConfirm, "/subscription/confirm"))
                .status()).isEqualTo(200);
        String manage = token(mailConfirm, "/subscription");
        Response mine = api.get("/api/v1/status/subscriptions/manage?token=" + manage);
        assertThat(mine.json().get("target").stringValue()).isEqualTo("reader@example.org");
        assertThat(mine.json().get("status").stringValue()).isEqualTo("confirmed");
        assertThat(mine.json().get("components").toString()).isEqualTo("[]");
        Response unknownComponent = api.put("/api/v1/status/subscriptions/manage?token=" + manage, json("{'components':['nope']}"));
        assertThat(unknownComponent.status()).isEqualTo(400);
        assertThat(unknownComponent.json().get("field").stringValue()).isEqualTo("components");
        Response changed = api.put("/api/v1/status/subscriptions/manage?token=" + manage, json("{'components':['set-00']}"));
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().get("components").toString()).isEqualTo("[\"set-00\"]");
        assertThat(api.put("/api/v1/status/subscriptions/manage?token=nope", json("{'components':[]}")).status()).isEqualTo(404);

        ApiClient admin = new ApiClient(port).as("admin", RedSetBootTest.ADMIN_PASSWORD);
        Response created = admin.post("/api/v1/admin/status/incidents", json("{'name':'Claims failing on SET 00',"
                + "'status':'investigating','impact':'major','body':'Claims on SET 00 fail; we are on it.',"
                + "'components':{'set-00':'major_outage'}}"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String incident = created.json().get("id").stringValue();

        await().atMost(Duration.ofSeconds(20)).until(() -> hookMessages().size() == 2 && SMTP.messages().size() == 2);
        WebhookSink.Received notice = hookMessages().get(1);
        assertThat(notice.body()).contains("\"id\":\"" + incident + "\"", "\"status\":\"investigating\"", "\"unsubscribe\"");
        assertThat(notice.idempotencyKey()).matches("status/[a-z0-9]+/[a-z0-9]+");
        // signed with the secret the confirmation gave
        Matcher secret = Pattern.compile("\"signing_secret\":\"(whsec_[A-Za-z0-9_-]+)\"").matcher(hookConfirm);
        assertThat(secret.find()).as(hookConfirm).isTrue();
        assertThat(hookMessages().getFirst().signature()).isNotNull();
        assertThat(WebhookSignature.verify(secret.group(1), notice.signature(), notice.body(), java.time.Instant.now(),
                Duration.ofMinutes(5))).isTrue();
        assertThat(notice.body()).doesNotContain("signing_secret");
        assertThat(SMTP.messages().get(1)).contains("Claims failing on SET 00", "Claims on SET 00 fail; we are on it.",
                "/incidents/" + incident, "List-Unsubscribe-Post: List-Unsubscribe=One-Click");

        JdbcClient jdbc = JdbcClient.create(dataSource);
        // the receivers record a message before they answer; the row is marked after the answer
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(jdbc.sql(
                        "SELECT status FROM alerts.outbox WHERE event = 'message' AND dedup_key NOT LIKE '%/component/%' ORDER BY id").query(String.class).list())
                .containsExactly("delivered", "delivered", "delivered", "delivered"));
        assertThat(jdbc.sql("SELECT count(*) FROM status.incident_update WHERE incident_id = ? AND notified_at IS NOT NULL")
                .param(incident).query(Integer.class).single()).isEqualTo(1);

        // a status the probes set by themselves (here an admin override) reaches the webhook as component_update
        subscriptionService.handOverComponentChanges(); // the cursor exists before the change
        health.override(ComponentId.of("set-00"), ComponentStatus.PARTIAL_OUTAGE, "test: component notices", "admin",
                java.time.Instant.now().plus(Duration.ofMinutes(10)));
        WebhookSink.Received componentUpdate = await().atMost(Duration.ofSeconds(20)).until(() -> SINK.received().stream()
                .filter(r -> r.body().contains("\"component_update\"") && r.body().contains("\"new_status\":\"partial_outage\""))
                .findFirst().orElse(null), r -> r != null);
        assertThat(componentUpdate.body()).contains("\"component_id\":\"set-00\"", "\"name\":\"SET 00\"");
        assertThat(WebhookSignature.verify(secret.group(1), componentUpdate.signature(), componentUpdate.body(),
                java.time.Instant.now(), Duration.ofMinutes(5))).isTrue();
        health.clearOverride(ComponentId.of("set-00"), "admin");
        assertThat(SMTP.messages()).as("e-mail subscribers get incidents and maintenance only").hasSize(2);

        // the outbox listing: on-call sees where messages went, not who got them; admins see the targets
        users.create("oncall-outbox", "oncall-outbox-password", ConsoleRole.ONCALL);
        String listed = new ApiClient(port).as("oncall-outbox", "oncall-outbox-password").get("/api/v1/oncall/notifications").body();
        assertThat(listed).contains("r\u2026@example.org", SINK.url("/\u2026"))
                .doesNotContain("reader@example.org", "/subscriber");
        assertThat(admin.get("/api/v1/oncall/notifications").body()).contains("reader@example.org", hook);

        // the unsubscribe link of the notice works, and the next update reaches only the other subscriber
        Response look = api.get(path(notice.body(), "unsubscribe"));
        assertThat(look.status()).as("GET changes nothing, it leads to the manage page").isEqualTo(303);
        assertThat(look.header("Location")).startsWith("/subscription?token=");
        assertThat(api.post(path(notice.body(), "unsubscribe"), null, null).status()).isEqualTo(200);
        assertThat(admin.post("/api/v1/admin/status/incidents/" + incident + "/updates", json(
                "{'status':'identified','body':'Found it.','components':{'set-00':'major_outage'}}")).status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(20)).until(() -> SMTP.messages().size() == 3);
        assertThat(hookMessages()).hasSize(2);

        // RFC 8058 one-click: the mail client POSTs to the List-Unsubscribe URL
        Matcher header = Pattern.compile("List-Unsubscribe: <https?://[^/]+(/api/v1/status/subscriptions/unsubscribe\\?token=[a-z0-9]+)>")
                .matcher(SMTP.messages().get(2));
        assertThat(header.find()).as(SMTP.messages().get(2)).isTrue();
        Response oneClick = api.post(header.group(1), "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click");
        assertThat(oneClick.status()).as(oneClick.body()).isEqualTo(200);
        assertThat(api.get("/api/v1/status/subscriptions/manage?token=" + manage).status()).isEqualTo(404);
        assertThat(admin.post("/api/v1/admin/status/incidents/" + incident + "/updates", json(
                "{'status':'resolved','body':'Fixed.','components':{'set-00':'operational'}}")).status()).isEqualTo(201);
        assertThat(jdbc.sql("SELECT count(*) FROM status.subscriber").query(Integer.class).single()).isZero();
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("SELECT count(*) FROM status.incident_update "
                + "WHERE incident_id = ? AND notified_at IS NULL").param(incident).query(Integer.class).single() == 0);
        assertThat(SMTP.messages()).hasSize(3);
        assertThat(hookMessages()).hasSize(2);

        // the third subscription request from this address is taken, the fourth refused with nothing stored
        assertThat(api.post("/api/v1/status/subscriptions", json("{'email':'third@example.org'}")).status()).isEqualTo(202);
        Response limited = api.post("/api/v1/status/subscriptions", json("{'email':'fourth@example.org'}"));
        assertThat(limited.status()).as(limited.body()).isEqualTo(429);
        assertThat(limited.contentType()).startsWith("application/problem+json");
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 600L);
        assertThat(jdbc.sql("SELECT target FROM status.subscriber").query(String.class).list()).containsExactly("third@example.org");
    }

    /**
     * What the webhook received but the component_update notices: the probes may change set-00's
     * status by themselves while the test runs (a slow canary on a loaded machine), which is right
     * but not what this test counts.
     */
    private static List<WebhookSink.Received> hookMessages() {
        return SINK.received().stream().filter(r -> !r.body().contains("\"component_update\"")).toList();
    }

    /** The token of a page link ({@code /subscription/confirm} or {@code /subscription}) in a mail. */
    private static String token(String message, String page) {
        Matcher m = Pattern.compile(Pattern.quote(page) + "\\?token=([a-z0-9]+)").matcher(message);
        assertThat(m.find()).as(message).isTrue();
        return m.group(1);
    }

    /** The confirm or unsubscribe link in a message, as a path of this server. */
    private static String path(String message, String kind) {
        Matcher m = Pattern.compile("/api/v1/status/subscriptions/" + kind + "\\?token=[a-z0-9]+").matcher(message);
        assertThat(m.find()).as(message).isTrue();
        return m.group();
    }
}
