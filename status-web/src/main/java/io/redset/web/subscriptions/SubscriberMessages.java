package io.redset.web.subscriptions;

import io.redset.probes.StatusChange;
import io.redset.web.status.render.StatuspageJson;
import io.redset.web.status.snapshot.Incident;
import io.redset.web.status.snapshot.IncidentUpdate;
import io.redset.web.status.snapshot.PageComponent;
import io.redset.web.status.snapshot.PageSettings;
import io.redset.web.status.snapshot.StatusSnapshot;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;

/**
 * The words and JSON of every subscriber message: the confirmation and the reminder with the
 * manage link, an incident or maintenance update, and a component's status change, each as one
 * {@link SubscriptionDelivery.Notice} carrying its e-mail text and its Statuspage-style webhook
 * body ({@code meta}, {@code page}, then {@code incident} or {@code component_update} and
 * {@code component}). Every message links to the subscriber's manage page and names the API's
 * one-click unsubscribe URL. Stateless; no input is read here that was not checked before.
 */
final class SubscriberMessages {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private SubscriberMessages() {
    }

    /** The confirmation (pending) or a reminder with the manage link (confirmed), to the subscription's own target. */
    static SubscriptionDelivery.Notice links(SubscriptionService.Subscription sub, PageSettings page, Instant now) {
        String base = base(page);
        String name = page.name();
        String manageUrl = manageUrl(page, sub.manageToken());
        String apiUnsubscribe = unsubscribeUrl(page, sub.manageToken());
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        String subject;
        String text;
        if (sub.confirmed()) {
            json.put("type", "subscription_reminder");
            subject = "Your subscription to " + name + " status";
            text = "You are subscribed to updates from " + name + " status. Change the components or unsubscribe here:\n"
                    + manageUrl + "\n\nIf you did not ask for this reminder, ignore this message.";
        } else {
            String confirmToken = sub.confirmToken();
            json.put("type", "subscription_confirmation");
            json.put("confirm_url", base + "/api/v1/status/subscriptions/confirm?token=" + confirmToken);
            if (sub.signingSecret() != null) {
                // only in confirmations, before anything else is sent: every post is signed with it
                json.put("signing_secret", sub.signingSecret());
            }
            subject = "Confirm your subscription to " + name + " status";
            text = "Please confirm that you want updates from " + name + " status:\n" + base
                    + "/subscription/confirm?token=" + confirmToken
                    + "\n\nIf you did not ask for this, ignore this message; nothing will be sent to you."
                    + "\nChange components or cancel: " + manageUrl;
        }
        json.putObject("meta").put("unsubscribe", apiUnsubscribe).put("manage", manageUrl);
        return new SubscriptionDelivery.Notice(sub.id(), sub.channel(), sub.target(),
                "status/" + sub.id() + "/" + (sub.confirmed() ? "reminder" : "confirm") + "/" + now.getEpochSecond(),
                subject, text, MAPPER.writeValueAsString(json), apiUnsubscribe, now, sub.signingSecret());
    }

    /** The incident as it was at {@code update}, once per snapshot, shared by every subscriber's notice. */
    static JsonNode incidentJson(StatusSnapshot s, Incident incident, IncidentUpdate update) {
        return MAPPER.valueToTree(new StatuspageJson(s).incident(incident.asOf(update)));
    }

    /** One subscriber's notice of an incident or maintenance update. */
    static SubscriptionDelivery.Notice update(StatusSnapshot s, JsonNode incidentJson, SubscriberStore.Subscriber r,
                                              Incident i, IncidentUpdate update, Instant now) {
        String unsubscribeUrl = unsubscribeUrl(s.page(), r.unsubscribeToken());
        ObjectNode json = noticeJson(s, r, unsubscribeUrl, now);
        json.set("incident", incidentJson);
        String subject = "[" + s.page().name() + " status] " + i.name() + ": " + update.status().wireName().replace('_', ' ');
        String text = update.body() + "\n\n" + StatuspageJson.shortlink(s.page(), i)
                + "\n\nChange components or unsubscribe: " + manageUrl(s.page(), r.unsubscribeToken());
        return new SubscriptionDelivery.Notice(r.id(), r.channel(), r.target(), "status/" + r.id() + "/" + update.id(),
                subject, text, MAPPER.writeValueAsString(json), unsubscribeUrl, now, r.signingSecret());
    }

    /** One webhook subscriber's {@code component_update} notice of a status change the probes made. */
    static SubscriptionDelivery.Notice componentChange(StatusSnapshot s, StatuspageJson wire, SubscriberStore.Subscriber r,
                                                       PageComponent component, StatusChange change, Instant now) {
        String unsubscribeUrl = unsubscribeUrl(s.page(), r.unsubscribeToken());
        ObjectNode json = noticeJson(s, r, unsubscribeUrl, now);
        String updateId = component.id() + "-" + change.at().toEpochMilli();
        ObjectNode update = json.putObject("component_update");
        update.put("created_at", wire.time(change.at()));
        update.put("new_status", change.to().wireName());
        update.put("old_status", change.from() == null ? null : change.from().wireName());
        update.put("id", updateId);
        update.put("component_id", component.id());
        ObjectNode c = json.putObject("component");
        c.put("created_at", wire.time(component.createdAt()));
        c.put("id", component.id());
        c.put("name", component.name());
        c.put("status", change.to().wireName());
        String subject = "[" + s.page().name() + " status] " + component.name() + ": " + change.to().wireName().replace('_', ' ');
        return new SubscriptionDelivery.Notice(r.id(), SubscriptionDelivery.Channel.WEBHOOK, r.target(),
                "status/" + r.id() + "/component/" + updateId, subject, subject + "\n\n" + change.cause(),
                MAPPER.writeValueAsString(json), unsubscribeUrl, now, r.signingSecret());
    }

    /** The start of every notice's JSON, as Statuspage's webhooks have it: {@code meta} and {@code page}. */
    private static ObjectNode noticeJson(StatusSnapshot s, SubscriberStore.Subscriber r, String unsubscribeUrl, Instant now) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.putObject("meta").put("unsubscribe", unsubscribeUrl)
                .put("manage", manageUrl(s.page(), r.unsubscribeToken())).put("generated_at", now.toString());
        ObjectNode page = json.putObject("page");
        page.put("id", s.page().id());
        page.put("status_indicator", s.indicator().wireName());
        page.put("status_description", s.indicator().description());
        return json;
    }

    private static String manageUrl(PageSettings page, String manageToken) {
        return base(page) + "/subscription?token=" + manageToken;
    }

    private static String unsubscribeUrl(PageSettings page, String manageToken) {
        return base(page) + "/api/v1/status/subscriptions/unsubscribe?token=" + manageToken;
    }

    private static String base(PageSettings page) {
        return page.url().endsWith("/") ? page.url().substring(0, page.url().length() - 1) : page.url();
    }
}
