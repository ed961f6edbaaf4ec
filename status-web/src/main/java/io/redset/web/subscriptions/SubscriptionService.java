package io.redset.web.subscriptions;

import io.redset.alerts.webhook.PublicAddresses;
import io.redset.alerts.webhook.WebhookSignature;
import io.redset.engine.InvalidInputException;
import io.redset.probes.ComponentHealth;
import io.redset.probes.StatusChange;
import io.redset.web.api.ClientText;
import io.redset.web.status.StatusEvent;
import io.redset.web.status.StatusInput;
import io.redset.web.status.StatusService;
import io.redset.web.status.render.StatuspageJson;
import io.redset.web.status.snapshot.Incident;
import io.redset.web.status.snapshot.IncidentUpdate;
import io.redset.web.status.snapshot.PageComponent;
import io.redset.web.status.snapshot.PageSettings;
import io.redset.web.status.snapshot.StatusSnapshot;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.sql.DataSource;

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
 *
 * <p>Every message names two links for people: the confirmation page ({@code /subscription/confirm})
 * and the manage page ({@code /subscription}: change components, unsubscribe), both public views
 * that change nothing on a mere GET of the manage page (mail scanners open links). The mail's
 * {@code List-Unsubscribe} header and a webhook's {@code meta.unsubscribe} name the API's
 * unsubscribe URL, which takes the RFC 8058 one-click POST. Subscribing is rate limited per client
 * address and per page ({@link SubscribeLimits}); asking again for a pending or confirmed target
 * re-sends its confirmation or manage link at most every {@link #RESEND_AFTER}; subscriptions
 * not confirmed within {@link #PENDING_EXPIRY} of their last confirmation message are forgotten.
 */
public final class SubscriptionService implements AutoCloseable {

    public static final Duration SWEEP_INTERVAL = Duration.ofSeconds(30);
    /** Older unmarked updates are not sent any more (the news would be stale). */
    public static final Duration SWEEP_WINDOW = Duration.ofHours(6);
    /** A second request for the same target sends its message again only after this. */
    public static final Duration RESEND_AFTER = Duration.ofMinutes(15);
    /** Subscriptions not confirmed within this are deleted by the sweep. */
    public static final Duration PENDING_EXPIRY = Duration.ofDays(7);

    private static final Logger log = LoggerFactory.getLogger(SubscriptionService.class);
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,255}\\.[^@\\s]{2,63}");
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final String COLUMNS = "id, channel, target, components, created_at, confirmed_at, confirm_token, "
            + "unsubscribe_token, signing_secret";

    private final JdbcClient jdbc;
    private final StatusService status;
    private final SubscriptionDelivery delivery;
    private final Clock clock;
    private final boolean allowPrivateTargets;
    private final SubscribeLimits limits;
    private final ComponentHealth health;
    private volatile ScheduledExecutorService sweeper;

    /** @param health the probes' component health (component_update notices), or null without probes */
    public SubscriptionService(DataSource controlDatabase, StatusService status, SubscriptionDelivery delivery, Clock clock,
                               boolean allowPrivateTargets, SubscribeLimits limits, ComponentHealth health) {
        this.jdbc = JdbcClient.create(controlDatabase);
        this.status = status;
        this.delivery = delivery;
        this.clock = clock;
        this.allowPrivateTargets = allowPrivateTargets;
        this.limits = limits;
        this.health = health;
        status.addListener(this::onStatusEvent);
        if (health != null) {
            // hand the change over soon, on the sweeper thread (not on the probe thread that saw it)
            health.addListener(change -> {
                ScheduledExecutorService s = sweeper;
                if (s != null) {
                    s.schedule(this::sweepComponentsQuietly, 1, TimeUnit.SECONDS);
                }
            });
        }
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

    /**
     * A pending subscription; its confirmation message goes out at once. Asking again for a target
     * that is already subscribed sends nothing new within {@link #RESEND_AFTER}; after it, the
     * confirmation again (still pending) or the manage link (confirmed). The answer is the same in
     * every case, so nobody learns who subscribed what.
     *
     * @param client the caller's address, for the per-client rate limit
     * @throws InvalidInputException bad target or component, or a channel this page does not offer
     * @throws io.redset.engine.RejectedException RATE_LIMITED: too many requests from the client or for the page
     */
    public void subscribe(SubscriptionDelivery.Channel channel, String target, List<String> components, String client) {
        String field = channel == SubscriptionDelivery.Channel.EMAIL ? "email" : "webhook";
        if (!delivery.offers(channel)) {
            // the message follows the field's name: "email is not offered ..."
            throw new InvalidInputException(field, channel == SubscriptionDelivery.Channel.EMAIL
                    ? "is not offered by this page (no mail server is set up); subscribe a webhook instead"
                    : "is not offered by this page (subscriptions are switched off)");
        }
        String t = normalise(channel, target);
        StatusSnapshot s = status.snapshot();
        checkComponents(s, components);
        limits.acquire(client);
        // after the limit: a name lookup can take seconds, and must not be free to ask for
        if (channel == SubscriptionDelivery.Channel.WEBHOOK && !allowPrivateTargets) {
            PublicAddresses.whyNotPublic(URI.create(t).getHost()).ifPresent(why -> {
                throw new InvalidInputException("webhook", why);
            });
        }
        Instant now = clock.instant();
        String id = StatusInput.newId();
        int inserted = jdbc.sql("""
                        INSERT INTO status.subscriber (id, channel, target, components, confirm_token, unsubscribe_token,
                                                       created_at, message_sent_at, signing_secret)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (channel, target) DO NOTHING""")
                .params(id, wire(channel), t, components.isEmpty() ? null : components.toArray(String[]::new), token(), token(),
                        Timestamp.from(now), Timestamp.from(now),
                        channel == SubscriptionDelivery.Channel.WEBHOOK ? WebhookSignature.newSecret() : null)
                .update();
        if (inserted == 1) {
            try {
                sendLinks(subscription("id", id).orElseThrow(), s, now);
            } catch (RuntimeException e) {
                // no confirmation stored: forget the subscription so that subscribing again works
                jdbc.sql("DELETE FROM status.subscriber WHERE id = ?").param(id).update();
                throw e;
            }
            return;
        }
        // already there: resend, at most every RESEND_AFTER (one node wins the update)
        Subscription existing = jdbc.sql("UPDATE status.subscriber SET message_sent_at = ? WHERE channel = ? AND target = ? "
                        + "AND message_sent_at <= ? RETURNING " + COLUMNS)
                .params(Timestamp.from(now), wire(channel), t, Timestamp.from(now.minus(RESEND_AFTER)))
                .query(SubscriptionService::row).optional().orElse(null);
        if (existing != null) {
            sendLinks(existing, s, now);
        }
    }

    /** The confirmation (pending) or the manage link (confirmed), to the subscription's own target. */
    private void sendLinks(Subscription sub, StatusSnapshot s, Instant now) {
        String base = base(s.page());
        String name = s.page().name();
        String manageUrl = base + "/subscription?token=" + sub.manageToken();
        String apiUnsubscribe = base + "/api/v1/status/subscriptions/unsubscribe?token=" + sub.manageToken();
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
        delivery.deliver(List.of(new SubscriptionDelivery.Notice(sub.id(), sub.channel(), sub.target(),
                "status/" + sub.id() + "/" + (sub.confirmed() ? "reminder" : "confirm") + "/" + now.getEpochSecond(),
                subject, text, MAPPER.writeValueAsString(json), apiUnsubscribe, now, sub.signingSecret())));
    }

    /** The subscription the confirmation token confirmed (now or before), or empty for an unknown token. */
    public Optional<Subscription> confirm(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        return jdbc.sql("UPDATE status.subscriber SET confirmed_at = coalesce(confirmed_at, ?) WHERE confirm_token = ? "
                        + "RETURNING " + COLUMNS)
                .params(Timestamp.from(clock.instant()), token).query(SubscriptionService::row).optional();
    }

    /** The subscription of a manage (= unsubscribe) token, for the manage page. */
    public Optional<Subscription> find(String manageToken) {
        return manageToken == null || manageToken.isBlank() ? Optional.empty() : subscription("unsubscribe_token", manageToken);
    }

    /**
     * Sets the components a subscription follows (empty: all, including ones added later).
     *
     * @return false for an unknown token
     * @throws InvalidInputException an unknown component; nothing changes
     */
    public boolean changeComponents(String manageToken, List<String> components) {
        checkComponents(status.snapshot(), components);
        return manageToken != null && jdbc.sql("UPDATE status.subscriber SET components = ? WHERE unsubscribe_token = ?")
                .params(components.isEmpty() ? null : components.toArray(String[]::new), manageToken).update() == 1;
    }

    /** True when the token removed a subscription. */
    public boolean unsubscribe(String token) {
        return token != null && jdbc.sql("DELETE FROM status.subscriber WHERE unsubscribe_token = ?").param(token).update() == 1;
    }

    private static void checkComponents(StatusSnapshot s, List<String> components) {
        if (components.size() > 200) {
            throw new InvalidInputException("components", "names more than 200 components");
        }
        for (String c : components) {
            if (s.component(c).isEmpty()) {
                throw new InvalidInputException("components", "names an unknown component: " + ClientText.printable(c));
            }
        }
    }

    private Optional<Subscription> subscription(String column, String value) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM status.subscriber WHERE " + column + " = ?").param(value)
                .query(SubscriptionService::row).optional();
    }

    private static Subscription row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        java.sql.Array components = rs.getArray("components");
        Timestamp confirmed = rs.getTimestamp("confirmed_at");
        return new Subscription(rs.getString("id"), SubscriptionDelivery.Channel.valueOf(rs.getString("channel").toUpperCase(Locale.ROOT)),
                rs.getString("target"), components == null ? List.of() : List.of((String[]) components.getArray()),
                rs.getTimestamp("created_at").toInstant(), confirmed == null ? null : confirmed.toInstant(),
                rs.getString("confirm_token"), rs.getString("unsubscribe_token"), rs.getString("signing_secret"));
    }

    private static String wire(SubscriptionDelivery.Channel channel) {
        return channel.name().toLowerCase(Locale.ROOT);
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
        sweepComponentsQuietly();
        Instant now = clock.instant();
        int expired = jdbc.sql("DELETE FROM status.subscriber WHERE confirmed_at IS NULL AND message_sent_at < ?")
                .param(Timestamp.from(now.minus(PENDING_EXPIRY))).update();
        if (expired > 0) {
            log.info("{} subscriptions not confirmed within {} forgotten", expired, PENDING_EXPIRY);
        }
        List<String[]> due = jdbc.sql("SELECT incident_id, id FROM status.incident_update WHERE notified_at IS NULL "
                        + "AND deliver_notifications AND created_at > ? ORDER BY created_at, seq")
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

    private void sweepComponentsQuietly() {
        try {
            handOverComponentChanges();
        } catch (RuntimeException e) {
            log.warn("Component notices not handed over yet (the sweep tries again): {}", e.toString());
        }
    }

    /**
     * Statuspage's {@code component_update} webhooks: every status change the probes made since the
     * cursor, to the confirmed webhook subscribers that follow the component (e-mail subscribers get
     * incident and maintenance updates only). The cursor advances only after the notices are stored;
     * a notice's dedup key (subscriber, component, time of the change) makes a repeat harmless.
     * Returns how many changes were handed over.
     */
    public synchronized int handOverComponentChanges() {
        if (health == null) {
            return 0;
        }
        Instant now = clock.instant();
        Instant cursor = jdbc.sql("SELECT handed_until FROM status.component_notice_cursor WHERE id = 1")
                .query(Timestamp.class).optional().map(Timestamp::toInstant).orElse(null);
        if (cursor == null) {
            // first start: changes from before are history, not news
            jdbc.sql("INSERT INTO status.component_notice_cursor (id, handed_until) VALUES (1, ?) ON CONFLICT (id) DO NOTHING")
                    .param(Timestamp.from(now)).update();
            return 0;
        }
        List<StatusChange> changes = health.changesSince(cursor).stream()
                .filter(c -> !c.at().isAfter(now)).sorted(java.util.Comparator.comparing(StatusChange::at)).toList();
        if (changes.isEmpty()) {
            return 0;
        }
        StatusSnapshot s = status.snapshot();
        StatuspageJson wire = new StatuspageJson(s);
        List<Row> hooks = confirmedSubscribers().stream().filter(r -> r.channel.equals("webhook")).toList();
        List<SubscriptionDelivery.Notice> notices = new ArrayList<>();
        for (StatusChange change : changes) {
            String id = change.component().value();
            PageComponent component = s.component(id).orElse(null);
            if (component == null) {
                continue;
            }
            for (Row r : hooks) {
                if (r.components != null && !r.components.contains(id)) {
                    continue;
                }
                notices.add(componentNotice(s, wire, r, component, change, now));
            }
        }
        if (!notices.isEmpty() && delivery.offers(SubscriptionDelivery.Channel.WEBHOOK)) {
            delivery.deliver(notices);
        }
        jdbc.sql("UPDATE status.component_notice_cursor SET handed_until = ? WHERE id = 1 AND handed_until < ?")
                .params(Timestamp.from(changes.getLast().at()), Timestamp.from(changes.getLast().at())).update();
        return changes.size();
    }

    private SubscriptionDelivery.Notice componentNotice(StatusSnapshot s, StatuspageJson wire, Row r, PageComponent component,
                                                       StatusChange change, Instant now) {
        String unsubscribeUrl = base(s.page()) + "/api/v1/status/subscriptions/unsubscribe?token=" + r.unsubscribeToken;
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
        return new SubscriptionDelivery.Notice(r.id, SubscriptionDelivery.Channel.WEBHOOK, r.target,
                "status/" + r.id + "/component/" + updateId, subject, subject + "\n\n" + change.cause(),
                MAPPER.writeValueAsString(json), unsubscribeUrl, now, r.signingSecret);
    }

    /** The start of every notice's JSON, as Statuspage's webhooks have it: {@code meta} and {@code page}. */
    private static ObjectNode noticeJson(StatusSnapshot s, Row r, String unsubscribeUrl, Instant now) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.putObject("meta").put("unsubscribe", unsubscribeUrl)
                .put("manage", base(s.page()) + "/subscription?token=" + r.unsubscribeToken).put("generated_at", now.toString());
        ObjectNode page = json.putObject("page");
        page.put("id", s.page().id());
        page.put("status_indicator", s.indicator().wireName());
        page.put("status_description", s.indicator().description());
        return json;
    }

    private List<Row> confirmedSubscribers() {
        return jdbc.sql("SELECT id, channel, target, components, unsubscribe_token, signing_secret "
                        + "FROM status.subscriber WHERE confirmed_at IS NOT NULL")
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getArray(4) == null ? null : Arrays.asList((String[]) rs.getArray(4).getArray()),
                        rs.getString(5), rs.getString(6)))
                .list();
    }

    /** Stores the update's notices for every confirmed, matching subscriber, then marks it handed over. */
    private void handOver(Incident i, IncidentUpdate update) {
        List<Row> rows = confirmedSubscribers();
        StatusSnapshot s = status.snapshot();
        JsonNode incidentJson = MAPPER.valueToTree(new StatuspageJson(s).incident(i.asOf(update)));
        Instant now = clock.instant();
        List<SubscriptionDelivery.Notice> notices = new ArrayList<>();
        for (Row r : rows) {
            SubscriptionDelivery.Channel channel = SubscriptionDelivery.Channel.valueOf(r.channel.toUpperCase(Locale.ROOT));
            if (!delivery.offers(channel)
                    || r.components != null && r.components.stream().noneMatch(i.componentIds()::contains)) {
                continue;
            }
            String unsubscribeUrl = base(s.page()) + "/api/v1/status/subscriptions/unsubscribe?token=" + r.unsubscribeToken;
            String manageUrl = base(s.page()) + "/subscription?token=" + r.unsubscribeToken;
            ObjectNode json = noticeJson(s, r, unsubscribeUrl, now);
            json.set("incident", incidentJson);
            String subject = "[" + s.page().name() + " status] " + i.name() + ": " + update.status().wireName().replace('_', ' ');
            String text = update.body() + "\n\n" + StatuspageJson.shortlink(s.page(), i)
                    + "\n\nChange components or unsubscribe: " + manageUrl;
            notices.add(new SubscriptionDelivery.Notice(r.id, channel, r.target, "status/" + r.id + "/" + update.id(), subject,
                    text, MAPPER.writeValueAsString(json), unsubscribeUrl, now, r.signingSecret));
        }
        if (!notices.isEmpty()) {
            delivery.deliver(notices);
        }
        jdbc.sql("UPDATE status.incident_update SET notified_at = ? WHERE id = ? AND notified_at IS NULL")
                .params(Timestamp.from(now), update.id()).update();
        log.debug("Update {}: {} subscriber notices handed over", update.id(), notices.size());
    }

    /**
     * The target checked for form and written one way, so that one inbox or hook is one row
     * whatever the letter case: an address in lower case, a URL with lower-case scheme and host
     * (its path is kept as given) and without fragment.
     */
    static String normalise(SubscriptionDelivery.Channel channel, String target) {
        if (target == null || target.isBlank() || target.length() > 2000) {
            throw new InvalidInputException(channel == SubscriptionDelivery.Channel.EMAIL ? "email" : "webhook",
                    "is required (at most 2000 characters)");
        }
        String t = target.trim();
        if (channel == SubscriptionDelivery.Channel.EMAIL) {
            return emailAddress(t);
        }
        URI uri;
        try {
            uri = URI.create(t);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("webhook", "must be an http(s) URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null || uri.getUserInfo() != null) {
            throw new InvalidInputException("webhook", "must be an http(s) URL with a host and no credentials");
        }
        return scheme + "://" + uri.getRawAuthority().toLowerCase(Locale.ROOT)
                + (uri.getRawPath() == null ? "" : uri.getRawPath()) + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    /**
     * A plain addr-spec ({@code local@domain.tld}) in lower case, nothing else. The address goes
     * into the mail's {@code To} and the SMTP {@code RCPT TO}: a display name, a second address
     * after {@code ,} or {@code ;}, a group, a comment in {@code ()}, a quoted local part or a
     * control character would let one subscription name other or more recipients, or add header
     * lines. So the address must be printable ASCII without {@code <>",;()[]\:} and spaces, match
     * the shape of {@link #EMAIL}, and parse strictly as exactly itself with no personal part.
     */
    static String emailAddress(String t) {
        String refused = "must be a plain e-mail address such as name@example.org "
                + "(ASCII, no name, spaces, quotes, <>,;() or control characters)";
        for (int k = 0; k < t.length(); k++) {
            char c = t.charAt(k);
            if (c <= 0x20 || c >= 0x7F || "<>\",;()[]\\:".indexOf(c) >= 0) {
                throw new InvalidInputException("email", refused);
            }
        }
        if (!EMAIL.matcher(t).matches()) {
            throw new InvalidInputException("email", refused);
        }
        InternetAddress parsed;
        try {
            parsed = new InternetAddress(t, true);
        } catch (AddressException e) {
            throw new InvalidInputException("email", refused);
        }
        if (parsed.getPersonal() != null || !t.equals(parsed.getAddress())) {
            throw new InvalidInputException("email", refused);
        }
        return t.toLowerCase(Locale.ROOT);
    }

    private static String token() {
        return StatusInput.newId() + StatusInput.newId() + StatusInput.newId();
    }

    private static String base(PageSettings page) {
        return page.url().endsWith("/") ? page.url().substring(0, page.url().length() - 1) : page.url();
    }

    private record Row(String id, String channel, String target, List<String> components, String unsubscribeToken,
                       String signingSecret) {
    }

    /**
     * One subscription as its owner sees it on the manage page.
     *
     * @param components the components it follows; empty: all
     * @param confirmedAt null while pending
     */
    public record Subscription(String id, SubscriptionDelivery.Channel channel, String target, List<String> components,
                               Instant createdAt, Instant confirmedAt, String confirmToken, String manageToken,
                               String signingSecret) {

        public boolean confirmed() {
            return confirmedAt != null;
        }
    }
}
