package io.redset.web.subscriptions;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The subscriptions' rows in the control database: {@code status.subscriber}, the
 * {@code notified_at} mark of incident updates and the {@code component_update} cursor.
 *
 * <p>Concurrency: stateless; every method is one statement, and the statements are written so that
 * several nodes may run them at once (conflicts do nothing, marks and the cursor only move forward,
 * a resend is taken by the one node whose update matched).
 */
final class SubscriberStore {

    private static final String COLUMNS = "id, channel, target, components, created_at, confirmed_at, confirm_token, "
            + "unsubscribe_token, signing_secret";

    private final JdbcClient jdbc;

    SubscriberStore(DataSource controlDatabase) {
        this.jdbc = JdbcClient.create(controlDatabase);
    }

    /** A confirmed subscriber as the hand-over needs it; {@code components} null = all. */
    record Subscriber(String id, SubscriptionDelivery.Channel channel, String target, List<String> components,
                      String unsubscribeToken, String signingSecret) {

        boolean follows(String componentId) {
            return components == null || components.contains(componentId);
        }

        boolean followsAny(List<String> componentIds) {
            return components == null || components.stream().anyMatch(componentIds::contains);
        }
    }

    /** An incident update whose notices were not handed over yet. */
    record DueUpdate(String incidentId, String updateId) {
    }

    /** A pending subscription, unless the target already has one; true when it was stored. */
    boolean insertPending(String id, SubscriptionDelivery.Channel channel, String target, List<String> components,
                          String confirmToken, String manageToken, String signingSecret, Instant now) {
        return jdbc.sql("""
                        INSERT INTO status.subscriber (id, channel, target, components, confirm_token, unsubscribe_token,
                                                       created_at, message_sent_at, signing_secret)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (channel, target) DO NOTHING""")
                .params(id, wire(channel), target, components.isEmpty() ? null : components.toArray(String[]::new),
                        confirmToken, manageToken, Timestamp.from(now), Timestamp.from(now), signingSecret)
                .update() == 1;
    }

    void delete(String id) {
        jdbc.sql("DELETE FROM status.subscriber WHERE id = ?").param(id).update();
    }

    /** The subscription of the target, when its last message is at least {@code resendAfter} old (and marks it sent now). */
    Optional<SubscriptionService.Subscription> takeResend(SubscriptionDelivery.Channel channel, String target, Instant now,
                                                          Duration resendAfter) {
        return jdbc.sql("UPDATE status.subscriber SET message_sent_at = ? WHERE channel = ? AND target = ? "
                        + "AND message_sent_at <= ? RETURNING " + COLUMNS)
                .params(Timestamp.from(now), wire(channel), target, Timestamp.from(now.minus(resendAfter)))
                .query(SubscriberStore::subscription).optional();
    }

    Optional<SubscriptionService.Subscription> byId(String id) {
        return by("id", id);
    }

    Optional<SubscriptionService.Subscription> byManageToken(String token) {
        return by("unsubscribe_token", token);
    }

    /** Confirms (once: a second use keeps the first time) and returns the subscription. */
    Optional<SubscriptionService.Subscription> confirm(String confirmToken, Instant now) {
        return jdbc.sql("UPDATE status.subscriber SET confirmed_at = coalesce(confirmed_at, ?) WHERE confirm_token = ? "
                        + "RETURNING " + COLUMNS)
                .params(Timestamp.from(now), confirmToken).query(SubscriberStore::subscription).optional();
    }

    boolean setComponents(String manageToken, List<String> components) {
        return jdbc.sql("UPDATE status.subscriber SET components = ? WHERE unsubscribe_token = ?")
                .params(components.isEmpty() ? null : components.toArray(String[]::new), manageToken).update() == 1;
    }

    boolean deleteByManageToken(String manageToken) {
        return jdbc.sql("DELETE FROM status.subscriber WHERE unsubscribe_token = ?").param(manageToken).update() == 1;
    }

    /** Deletes the pending subscriptions whose last confirmation message is older than {@code before}. */
    int forgetPendingBefore(Instant before) {
        return jdbc.sql("DELETE FROM status.subscriber WHERE confirmed_at IS NULL AND message_sent_at < ?")
                .param(Timestamp.from(before)).update();
    }

    List<Subscriber> confirmed() {
        return jdbc.sql("SELECT id, channel, target, components, unsubscribe_token, signing_secret "
                        + "FROM status.subscriber WHERE confirmed_at IS NOT NULL")
                .query((rs, n) -> new Subscriber(rs.getString(1), channel(rs.getString(2)), rs.getString(3),
                        rs.getArray(4) == null ? null : Arrays.asList((String[]) rs.getArray(4).getArray()),
                        rs.getString(5), rs.getString(6)))
                .list();
    }

    /** Updates created after {@code after} that want notices and are not marked, oldest first. */
    List<DueUpdate> dueUpdates(Instant after) {
        return jdbc.sql("SELECT incident_id, id FROM status.incident_update WHERE notified_at IS NULL "
                        + "AND deliver_notifications AND created_at > ? ORDER BY created_at, seq")
                .param(Timestamp.from(after))
                .query((rs, n) -> new DueUpdate(rs.getString(1), rs.getString(2))).list();
    }

    void markNotified(String updateId, Instant now) {
        jdbc.sql("UPDATE status.incident_update SET notified_at = ? WHERE id = ? AND notified_at IS NULL")
                .params(Timestamp.from(now), updateId).update();
    }

    Optional<Instant> componentCursor() {
        return jdbc.sql("SELECT handed_until FROM status.component_notice_cursor WHERE id = 1")
                .query(Timestamp.class).optional().map(Timestamp::toInstant);
    }

    void startComponentCursor(Instant at) {
        jdbc.sql("INSERT INTO status.component_notice_cursor (id, handed_until) VALUES (1, ?) ON CONFLICT (id) DO NOTHING")
                .param(Timestamp.from(at)).update();
    }

    /** Moves the cursor to {@code at}, never back. */
    void advanceComponentCursor(Instant at) {
        jdbc.sql("UPDATE status.component_notice_cursor SET handed_until = ? WHERE id = 1 AND handed_until < ?")
                .params(Timestamp.from(at), Timestamp.from(at)).update();
    }

    private Optional<SubscriptionService.Subscription> by(String column, String value) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM status.subscriber WHERE " + column + " = ?").param(value)
                .query(SubscriberStore::subscription).optional();
    }

    private static SubscriptionService.Subscription subscription(ResultSet rs, int n) throws SQLException {
        Array components = rs.getArray("components");
        Timestamp confirmed = rs.getTimestamp("confirmed_at");
        return new SubscriptionService.Subscription(rs.getString("id"), channel(rs.getString("channel")),
                rs.getString("target"), components == null ? List.of() : List.of((String[]) components.getArray()),
                rs.getTimestamp("created_at").toInstant(), confirmed == null ? null : confirmed.toInstant(),
                rs.getString("confirm_token"), rs.getString("unsubscribe_token"), rs.getString("signing_secret"));
    }

    private static SubscriptionDelivery.Channel channel(String wire) {
        return SubscriptionDelivery.Channel.valueOf(wire.toUpperCase(Locale.ROOT));
    }

    private static String wire(SubscriptionDelivery.Channel channel) {
        return channel.name().toLowerCase(Locale.ROOT);
    }
}
