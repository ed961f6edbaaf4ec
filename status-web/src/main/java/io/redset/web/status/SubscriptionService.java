package io.redset.web.status;

import io.redset.engine.InvalidInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Subscriptions to incident and maintenance updates: a webhook URL or an e-mail address, for all
 * components or chosen ones, with double opt-in (nothing is delivered before the link or token
 * in the confirmation message is used) and an unsubscribe link in every message. Listens to
 * {@link StatusService} and hands one {@link SubscriptionDelivery.Notice} per confirmed, matching
 * subscriber to the delivery (the alerts outbox), all of an update's notices at once.
 *
 * <p>No notice is lost to a crash or an outbox failure: an update is marked {@code notified_at}
 * only after its notices were stored, and {@link #sweep()} (every {@link #SWEEP_INTERVAL}, on every
 * node) hands over the updates of the last {@link #SWEEP_WINDOW} that are not marked. A notice's
 * dedup key (subscriber + update) makes handing it over twice harmless.
 */
public final class SubscriptionService implements AutoCloseable {

    public static final Duration SWEEP_INTERVAL = Duration.ofSeconds(30);
    /** Older unmarked updates are not sent any more (the news would be stale). */
    public static final Duration SWEEP_WINDOW = Duration.ofHours(6);

    private static final Logger log = LoggerFactory.getLogger(SubscriptionService.class);
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,255}\\.[^@\\s]{2,63}");
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final StatusService status;
    private final SubscriptionDelivery delivery;
    private final Clock clock;
    private final boolean allowPrivateTargets;
    private ScheduledExecutorService sweeper;

    public SubscriptionService(DataSource controlDatabase, StatusService status, SubscriptionDelivery delivery, Clock clock,
                               boolean allowPrivateTargets) {
        this.jdbc = JdbcClient.create(controlDatabase);
        this.status = status;
        this.delivery = delivery;
        this.clock = clock;
        this.allowPrivateTargets = allowPrivateTargets;
        status.addListener(this::onStatusEvent);
    }

    /** Starts the sweep thread (the application does; tests call {@link #sweep()} themselves). */
    public SubscriptionService startSweeping() {
        sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "redset-status-subscriptions");
            t.setDaemon(true);
            return t;
        });
        sweeper.scheduleWithFixedDelay(() -> {
            try {
                sweep();
            } catch (RuntimeException e) {
                log.warn("Subscriber notices not swept: {}", e.toString());
            }
        }, SWEEP_INTERVAL.toSeconds(), SWEEP_INTERVAL.toSeconds(), TimeUnit.SECONDS);
        return this;
    }

    @Override
    public void close() {
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
    }

    /** Does this page offer subscriptions on the channel? */
    public boolean offers(SubscriptionDelivery.Channel channel) {
        return delivery.offers(channel);
    }

    /** A pending subscription; its confirmation message goes out at once. Returns its id. */
    public String subscribe(SubscriptionDelivery.Channel channel, String target, List<String> components) {
        String field = channel == SubscriptionDelivery.Channel.EMAIL ? "email" : "webhook";
        if (!delivery.offers(channel)) {
            // the message follows the field's name: "email is not offered ..."
            throw new InvalidInputException(field, channel == SubscriptionDelivery.Channel.EMAIL
                    ? "is not offered by this page (no mail server is set up); subscribe a webhook instead"
                    : "is not offered by this page (subscriptions are switched off)");
        }
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
        try {
            delivery.deliver(List.of(new SubscriptionDelivery.Notice(id, channel, t, "status/" + id + "/confirm",
                    "Confirm your subscription to " + s.page().name() + " status",
                    "Please confirm that you want updates from " + s.page().name() + " status:\n" + confirmUrl
                            + "\n\nIf you did not ask for this, ignore this message.",
                    MAPPER.writeValueAsString(json), unsubscribeUrl, clock.instant())));
        } catch (RuntimeException e) {
            // no confirmation stored: forget the subscription so that subscribing again works
            jdbc.sql("DELETE FROM status.subscriber WHERE id = ?").param(id).update();
            throw e;
        }
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
        try {
            handOver(event.incident(), event.update());
        } catch (RuntimeException e) {
            log.warn("Notices of update {} not handed over yet (the sweep tries again): {}", event.update().id(), e.toString());
        }
    }

    /**
     * Hands over the notices of every update of the last {@link #SWEEP_WINDOW} that wants them and
     * is not marked as handed over; returns how many updates it handed over.
     */
    public int sweep() {
        Instant now = clock.instant();
        List<String[]> due = jdbc.sql("SELECT incident_id, id FROM status.incident_update WHERE notified_at IS NULL "
                        + "AND deliver_notifications AND created_at > ? ORDER BY created_at")
                .param(Timestamp.from(now.minus(SWEEP_WINDOW)))
                .query((rs, n) -> new String[]{rs.getString(1), rs.getString(2)}).list();
        if (due.isEmpty()) {
            return 0;
        }
        StatusSnapshot s = status.refresh();
        int handed = 0;
        for (String[] d : due) {
            Incident incident = s.incident(d[0]).orElse(null);
            IncidentUpdate update = incident == null ? null
                    : incident.updates().stream().filter(u -> u.id().equals(d[1])).findFirst().orElse(null);
            if (update == null) {
                log.warn("Update {} of incident {} is not in the snapshot; its notices are not sent", d[1], d[0]);
                continue;
            }
            try {
                handOver(incident, update);
                handed++;
            } catch (RuntimeException e) {
                log.warn("Notices of update {} not handed over yet: {}", update.id(), e.toString());
            }
        }
        return handed;
    }

    /** Stores the update's notices for every confirmed, matching subscriber, then marks it handed over. */
    private void handOver(Incident i, IncidentUpdate update) {
        List<Row> rows = jdbc.sql("SELECT id, channel, target, components, unsubscribe_token FROM status.subscriber "
                        + "WHERE confirmed_at IS NOT NULL")
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getArray(4) == null ? null : Arrays.asList((String[]) rs.getArray(4).getArray()),
                        rs.getString(5)))
                .list();
        StatusSnapshot s = status.snapshot();
        JsonNode incidentJson = MAPPER.valueToTree(new StatuspageJson(s).incident(i));
        Instant now = clock.instant();
        List<SubscriptionDelivery.Notice> notices = new ArrayList<>();
        for (Row r : rows) {
            SubscriptionDelivery.Channel channel = SubscriptionDelivery.Channel.valueOf(r.channel.toUpperCase(Locale.ROOT));
            if (!delivery.offers(channel)
                    || r.components != null && r.components.stream().noneMatch(i.componentIds()::contains)) {
                continue;
            }
            String unsubscribeUrl = base(s.page()) + "/api/v1/status/subscriptions/unsubscribe?token=" + r.unsubscribeToken;
            ObjectNode json = JsonNodeFactory.instance.objectNode();
            json.putObject("meta").put("unsubscribe", unsubscribeUrl).put("generated_at", now.toString());
            ObjectNode page = json.putObject("page");
            page.put("id", s.page().id());
            page.put("status_indicator", s.indicator().wireName());
            page.put("status_description", s.indicator().description());
            json.set("incident", incidentJson);
            String subject = "[" + s.page().name() + " status] " + i.name() + ": " + update.status().wireName().replace('_', ' ');
            String text = update.body() + "\n\n" + StatuspageJson.shortlink(s.page(), i) + "\n\nUnsubscribe: " + unsubscribeUrl;
            notices.add(new SubscriptionDelivery.Notice(r.id, channel, r.target, "status/" + r.id + "/" + update.id(), subject,
                    text, MAPPER.writeValueAsString(json), unsubscribeUrl, now));
        }
        if (!notices.isEmpty()) {
            delivery.deliver(notices);
        }
        jdbc.sql("UPDATE status.incident_update SET notified_at = ? WHERE id = ? AND notified_at IS NULL")
                .params(Timestamp.from(now), update.id()).update();
        log.debug("Update {}: {} subscriber notices handed over", update.id(), notices.size());
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
