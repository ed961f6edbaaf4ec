package io.redset.web.status;

import io.redset.engine.InvalidInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import javax.sql.DataSource;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Subscriptions to incident and maintenance updates: a webhook URL or an e-mail address, for all
 * components or chosen ones, with double opt-in (nothing is delivered before the link or token
 * in the confirmation message is used) and an unsubscribe link in every message. Listens to
 * {@link StatusService} and hands one {@link SubscriptionDelivery.Notice} per confirmed, matching
 * subscriber to the delivery.
 */
public final class SubscriptionService {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionService.class);
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,255}\\.[^@\\s]{2,63}");
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final StatusService status;
    private final SubscriptionDelivery delivery;
    private final Clock clock;
    private final boolean allowPrivateTargets;

    public SubscriptionService(DataSource controlDatabase, StatusService status, SubscriptionDelivery delivery, Clock clock,
                               boolean allowPrivateTargets) {
        this.jdbc = JdbcClient.create(controlDatabase);
        this.status = status;
        this.delivery = delivery;
        this.clock = clock;
        this.allowPrivateTargets = allowPrivateTargets;
        status.addListener(this::onStatusEvent);
    }

    /** A pending subscription; its confirmation message goes out at once. Returns its id. */
    public String subscribe(SubscriptionDelivery.Channel channel, String target, List<String> components) {
        String t = validate(channel, target);
        StatusSnapshot s = status.snapshot();
        for (String c : components) {
            if (s.component(c).isEmpty()) {
                throw new InvalidInputException("components", "names an unknown component: " + c);
            }
        }
        String id = StatusService.newId();
        String confirm = token();
        String unsubscribe = token();
        int inserted = jdbc.sql("""
                        INSERT INTO status.subscriber (id, channel, target, components, confirm_token, unsubscribe_token, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (channel, target) DO NOTHING""")
                .params(id, channel.name().toLowerCase(Locale.ROOT), t,
                        components.isEmpty() ? null : components.toArray(String[]::new), confirm, unsubscribe,
                        Timestamp.from(clock.instant()))
                .update();
        if (inserted == 0) {
            // already subscribed: say nothing more (no way to learn who subscribed what)
            return null;
        }
        String base = base(s.page());
        String confirmUrl = base + "/api/v1/status/subscriptions/confirm?token=" + confirm;
        String unsubscribeUrl = base + "/api/v1/status/subscriptions/unsubscribe?token=" + unsubscribe;
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("type", "subscription_confirmation");
        json.put("confirm_url", confirmUrl);
        json.putObject("meta").put("unsubscribe", unsubscribeUrl);
        delivery.deliver(new SubscriptionDelivery.Notice(id, channel, t, id + "/confirm",
                "Confirm your subscription to " + s.page().name() + " status",
                "Please confirm that you want updates from " + s.page().name() + " status:\n" + confirmUrl
                        + "\n\nIf you did not ask for this, ignore this message.",
                MAPPER.writeValueAsBytes(json)));
        return id;
    }

    /** True when the token confirmed a pending subscription. */
    public boolean confirm(String token) {
        return token != null && jdbc.sql("UPDATE status.subscriber SET confirmed_at = coalesce(confirmed_at, ?) "
                        + "WHERE confirm_token = ?")
                .params(Timestamp.from(clock.instant()), token).update() == 1;
    }

    /** True when the token removed a subscription. */
    public boolean unsubscribe(String token) {
        return token != null && jdbc.sql("DELETE FROM status.subscriber WHERE unsubscribe_token = ?").param(token).update() == 1;
    }

    private void onStatusEvent(StatusEvent event) {
        if (!event.update().deliverNotifications()) {
            return;
        }
        List<Row> rows;
        try {
            rows = jdbc.sql("SELECT id, channel, target, components, unsubscribe_token FROM status.subscriber "
                            + "WHERE confirmed_at IS NOT NULL")
                    .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getArray(4) == null ? null : Arrays.asList((String[]) rs.getArray(4).getArray()),
                            rs.getString(5)))
                    .list();
        } catch (RuntimeException e) {
            log.warn("Subscribers not notified of {}: {}", event.incident().id(), e.toString());
            return;
        }
        StatusSnapshot s = status.snapshot();
        Incident i = event.incident();
        byte[] incidentJson = MAPPER.writeValueAsBytes(new StatuspageJson(s).incident(i));
        for (Row r : rows) {
            if (r.components != null && r.components.stream().noneMatch(i.componentIds()::contains)) {
                continue;
            }
            String unsubscribeUrl = base(s.page()) + "/api/v1/status/subscriptions/unsubscribe?token=" + r.unsubscribeToken;
            ObjectNode json = JsonNodeFactory.instance.objectNode();
            json.putObject("meta").put("unsubscribe", unsubscribeUrl).put("generated_at", Instant.now(clock).toString());
            ObjectNode page = json.putObject("page");
            page.put("id", s.page().id());
            page.put("status_indicator", s.indicator().wireName());
            page.put("status_description", s.indicator().description());
            json.set("incident", MAPPER.readTree(incidentJson));
            String subject = "[" + s.page().name() + " status] " + i.name() + ": " + event.update().status().wireName().replace('_', ' ');
            String text = event.update().body() + "\n\n" + StatuspageJson.shortlink(s.page(), i)
                    + "\n\nUnsubscribe: " + unsubscribeUrl;
            try {
                delivery.deliver(new SubscriptionDelivery.Notice(r.id, SubscriptionDelivery.Channel.valueOf(
                        r.channel.toUpperCase(Locale.ROOT)), r.target, r.id + "/" + event.update().id(), subject, text,
                        MAPPER.writeValueAsBytes(json)));
            } catch (RuntimeException e) {
                log.warn("Notice to subscriber {} not handed over: {}", r.id, e.toString());
            }
        }
    }

    private String validate(SubscriptionDelivery.Channel channel, String target) {
        if (target == null || target.isBlank() || target.length() > 2000) {
            throw new InvalidInputException(channel == SubscriptionDelivery.Channel.EMAIL ? "email" : "webhook",
                    "is required (at most 2000 characters)");
        }
        String t = target.trim();
        if (channel == SubscriptionDelivery.Channel.EMAIL) {
            if (!EMAIL.matcher(t).matches()) {
                throw new InvalidInputException("email", "must be an e-mail address");
            }
            return t;
        }
        URI uri;
        try {
            uri = URI.create(t);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("webhook", "must be an http(s) URL");
        }
        if (uri.getScheme() == null || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))
                || uri.getHost() == null || uri.getUserInfo() != null) {
            throw new InvalidInputException("webhook", "must be an http(s) URL with a host and no credentials");
        }
        if (!allowPrivateTargets) {
            try {
                for (InetAddress a : InetAddress.getAllByName(uri.getHost())) {
                    if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
                            || a.isMulticastAddress()) {
                        throw new InvalidInputException("webhook", "must not point at a private or local address");
                    }
                }
            } catch (UnknownHostException e) {
                throw new InvalidInputException("webhook", "names a host that does not resolve");
            }
        }
        return t;
    }

    private static String token() {
        return StatusService.newId() + StatusService.newId() + StatusService.newId();
    }

    private static String base(PageSettings page) {
        return page.url().endsWith("/") ? page.url().substring(0, page.url().length() - 1) : page.url();
    }

    private record Row(String id, String channel, String target, List<String> components, String unsubscribeToken) {
    }
}
