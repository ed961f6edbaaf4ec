package io.redset.web.subscriptions;

import io.redset.web.status.snapshot.PageSettings;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The confirmation and reminder messages without a database: links, the secret only where it belongs, dedup keys. */
class SubscriberMessagesTest {

    static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    static final PageSettings PAGE = new PageSettings("p", "RedSet", "https://status.example.org/", ZoneOffset.UTC, null, NOW);
    final JsonMapper json = JsonMapper.builder().build();

    static SubscriptionService.Subscription hook(Instant confirmedAt) {
        return new SubscriptionService.Subscription("s1", SubscriptionDelivery.Channel.WEBHOOK, "https://hooks.example.org/x",
                List.of(), NOW, confirmedAt, "ctoken", "mtoken", "secret-1");
    }

    @Test
    void aConfirmationCarriesTheConfirmLinkAndTheSigningSecret() {
        SubscriptionDelivery.Notice n = SubscriberMessages.links(hook(null), PAGE, NOW);
        JsonNode body = json.readTree(n.json());

        assertThat(body.path("type").asString()).isEqualTo("subscription_confirmation");
        assertThat(body.path("confirm_url").asString())
                .isEqualTo("https://status.example.org/api/v1/status/subscriptions/confirm?token=ctoken");
        assertThat(body.path("signing_secret").asString()).isEqualTo("secret-1");
        assertThat(body.path("meta").path("manage").asString()).isEqualTo("https://status.example.org/subscription?token=mtoken");
        assertThat(n.unsubscribeUrl()).isEqualTo("https://status.example.org/api/v1/status/subscriptions/unsubscribe?token=mtoken");
        assertThat(n.text()).contains("https://status.example.org/subscription/confirm?token=ctoken")
                .doesNotContain("secret-1");
        assertThat(n.subject()).isEqualTo("Confirm your subscription to RedSet status");
        assertThat(n.dedupKey()).isEqualTo("status/s1/confirm/" + NOW.getEpochSecond());
    }

    @Test
    void aReminderToAConfirmedSubscriberGivesTheManageLinkAndNoSecret() {
        SubscriptionDelivery.Notice n = SubscriberMessages.links(hook(NOW.minusSeconds(60)), PAGE, NOW);
        JsonNode body = json.readTree(n.json());

        assertThat(body.path("type").asString()).isEqualTo("subscription_reminder");
        assertThat(body.has("signing_secret")).as("the secret is given in confirmations only").isFalse();
        assertThat(body.has("confirm_url")).isFalse();
        assertThat(n.text()).contains("https://status.example.org/subscription?token=mtoken");
        assertThat(n.dedupKey()).isEqualTo("status/s1/reminder/" + NOW.getEpochSecond());
        assertThat(n.signingSecret()).as("the post itself is still signed").isEqualTo("secret-1");
    }
}
