package io.redset.web.subscriptions;

import com.zaxxer.hikari.HikariDataSource;
import io.redset.alerts.testing.StubHealth;
import io.redset.engine.InvalidInputException;
import io.redset.engine.RejectedException;
import io.redset.engine.testing.DatabaseTest;
import io.redset.engine.testing.MutableClock;
import io.redset.engine.testing.TestPostgres;
import io.redset.probes.ComponentId;
import io.redset.probes.ComponentStatus;
import io.redset.probes.StatusChange;
import io.redset.web.status.StatusMaintenanceWindows;
import io.redset.web.status.StatusProperties;
import io.redset.web.status.StatusService;
import io.redset.web.status.StatusStore;
import io.redset.web.status.snapshot.Impact;
import io.redset.web.status.snapshot.Incident;
import io.redset.web.status.snapshot.IncidentStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Double opt-in, component filters, unsubscribe links, what is handed to the delivery, and that an
 * outbox failure loses no notice (the sweep hands it over later, once).
 */
@DatabaseTest
class SubscriptionServiceTest {

    TestPostgres server;
    HikariDataSource pool;
    StatusService status;
    SubscriptionService subscriptions;
    final List<SubscriptionDelivery.Notice> sent = new CopyOnWriteArrayList<>();
    final Set<String> keys = ConcurrentHashMap.newKeySet();
    volatile boolean outboxDown;
    volatile boolean emailOffered = true;
    MutableClock clock;

    /** Records what is stored, dropping repeated dedup keys like the outbox; fails while "down". */
    final SubscriptionDelivery recorder = new SubscriptionDelivery() {
        @Override
        public boolean offers(Channel channel) {
            return channel == Channel.WEBHOOK || emailOffered;
        }

        @Override
        public void deliver(List<Notice> notices) {
            if (outboxDown) {
                throw new IllegalStateException("outbox unreachable");
            }
            for (Notice n : notices) {
                if (keys.add(n.dedupKey())) {
                    sent.add(n);
                }
            }
        }
    };

    /** The probes' status changes, as the test writes them into {@code health.changes}. */
    final StubHealth health = new StubHealth();
    final List<StatusChange> changes = health.changes;

    @BeforeEach
    void start() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "subscription-test"));
        server = TestPostgres.start(Files.createTempDirectory(dir, "pg"), 0);
        pool = server.pool(server.createDatabase("subs"), 2, 500);
        StatusStore.migrate(pool);
        clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));
        status = new StatusService(new StatusStore(pool), null, StatusProperties.defaults(), clock,
                new StatusMaintenanceWindows()).start();
        status.saveComponent("website", "Website", null, null, ComponentStatus.OPERATIONAL, 1, null, null);
        status.saveComponent("api", "API", null, null, ComponentStatus.OPERATIONAL, 2, null, null);
        subscriptions = new SubscriptionService(pool, status, recorder, clock, false, SubscribeLimits.unlimited(), health);
    }

    @AfterEach
    void stop() {
        status.close();
        pool.close();
        server.close();
    }

    @Test
    void nothingIsDeliveredBeforeConfirmationThenOnlyMatchingComponentsUntilUnsubscribed() {
        subscribe(SubscriptionDelivery.Channel.EMAIL, "ops@example.org", List.of("api"));
        assertThat(sent).hasSize(1);
        String confirm = token(sent.getFirst().text(), "confirm");
        status.createIncident("API down", IncidentStatus.INVESTIGATING, Impact.MAJOR, "Looking.",
                Map.of("api", ComponentStatus.MAJOR_OUTAGE), true);
        assertThat(sent).hasSize(1); // not confirmed yet

        assertThat(subscriptions.confirm(confirm)).isPresent();
        assertThat(subscriptions.confirm("wrong")).isEmpty();
        status.createIncident("Website slow", IncidentStatus.INVESTIGATING, Impact.MINOR, "Slow.",
                Map.of("website", ComponentStatus.DEGRADED_PERFORMANCE), true);
        assertThat(sent).hasSize(1); // another component
        Incident api = status.createIncident("API errors", IncidentStatus.IDENTIFIED, Impact.MINOR, "Errors.",
                Map.of("api", ComponentStatus.PARTIAL_OUTAGE), true);
        assertThat(sent).hasSize(2);
        SubscriptionDelivery.Notice notice = sent.get(1);
        assertThat(notice.subject()).contains("API errors").contains("identified");
        assertThat(notice.text()).contains("Errors.").contains("/incidents/" + api.id()).contains("/subscription?token=");
        assertThat(notice.json()).contains("\"incident\"").contains("\"unsubscribe\"").contains("\"manage\"");
        assertThat(notice.unsubscribeUrl()).contains("unsubscribe?token=");
        assertThat(notice.signingSecret()).as("e-mail is not signed").isNull();
        assertThat(sent.getFirst().json()).doesNotContain("signing_secret");
        assertThat(notice.dedupKey()).isEqualTo("status/" + notice.subscriberId() + "/" + api.updates().getFirst().id());
        status.updateIncident(api.id(), IncidentStatus.RESOLVED, null, "Quiet fix.", Map.of(), false);
        assertThat(sent).hasSize(2); // deliver_notifications false

        assertThat(subscriptions.unsubscribe(token(notice.text(), "manage"))).isTrue();
        status.updateIncident(api.id(), IncidentStatus.RESOLVED, null, "Still fine.", Map.of(), true);
        assertThat(sent).hasSize(2);
    }

    @Test
    void badTargetsAreRefused() {
        assertThatThrownBy(() -> subscribe(SubscriptionDelivery.Channel.EMAIL, "not-an-address", List.of()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("email");
        assertThatThrownBy(() -> subscribe(SubscriptionDelivery.Channel.WEBHOOK, "ftp://example.org/x", List.of()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("webhook");
        assertThatThrownBy(() -> subscribe(SubscriptionDelivery.Channel.WEBHOOK, "http://127.0.0.1:9/hook", List.of()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("private");
        assertThatThrownBy(() -> subscribe(SubscriptionDelivery.Channel.EMAIL, "a@example.org", List.of("nope")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("components");
        // one subscription, one plain address: no display name, second recipient, comment or header line
        for (String bad : List.of("Eve <eve@example.org>", "<eve@example.org>", "\"eve\"@example.org",
                "a@example.org, b@example.org", "a@example.org;b@example.org", "a@example.org (x)", "a b@example.org",
                "a@example.org\r\nBcc: x@example.org", "a\u0000@example.org", "a\u0007@example.org", "ä@example.org",
                "a@[192.0.2.1]", "group:a@example.org;")) {
            assertThatThrownBy(() -> subscribe(SubscriptionDelivery.Channel.EMAIL, bad, List.of())).as(bad)
                    .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("email must be a plain e-mail address")
                    .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("email");
        }
        // an unknown component is named, not repeated
        assertThatThrownBy(() -> subscribe(SubscriptionDelivery.Channel.EMAIL, "a@example.org", List.of("x\u0000".repeat(4000))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("components names an unknown component: x\\u0000x")
                .hasMessageEndingWith("...").message().hasSizeLessThan(300);
        assertThat(sent).isEmpty();
    }

    @Test
    void subscribingTwiceSendsOneConfirmation() {
        subscribe(SubscriptionDelivery.Channel.EMAIL, "dup@example.org", List.of());
        subscribe(SubscriptionDelivery.Channel.EMAIL, "dup@example.org", List.of());
        assertThat(sent).hasSize(1);
    }

    @Test
    void anOutboxFailureLosesNoNoticeAndTheSweepSendsItOnce() {
        subscribe(SubscriptionDelivery.Channel.WEBHOOK, "https://93.184.215.14/hook", List.of());
        assertThat(subscriptions.confirm(token(sent.getFirst().text(), "confirm"))).isPresent();
        String secret = sent.getFirst().signingSecret();
        assertThat(secret).startsWith("whsec_");
        assertThat(sent.getFirst().json()).contains("\"signing_secret\":\"" + secret + "\"");
        outboxDown = true;
        Incident down = status.createIncident("Website down", IncidentStatus.INVESTIGATING, Impact.MAJOR, "Down.",
                Map.of("website", ComponentStatus.MAJOR_OUTAGE), true);
        assertThat(down.id()).isNotNull(); // the incident itself is saved and shown
        assertThat(sent).hasSize(1);
        assertThat(subscriptions.sweep()).as("outbox still down").isZero();
        outboxDown = false;
        assertThat(subscriptions.sweep()).isEqualTo(1);
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1).subject()).contains("Website down");
        assertThat(sent.get(1).signingSecret()).as("every post is signed with the subscriber's secret").isEqualTo(secret);
        assertThat(sent.get(1).json()).doesNotContain("signing_secret");
        assertThat(subscriptions.sweep()).isZero(); // marked: not handed over again
        assertThat(sent).hasSize(2);

        // two updates left behind: each notice tells the incident as it was at its own update
        outboxDown = true;
        status.updateIncident(down.id(), IncidentStatus.MONITORING, null, "Fix deployed.", Map.of(), true);
        status.updateIncident(down.id(), IncidentStatus.RESOLVED, null, "All good.", Map.of(), true);
        outboxDown = false;
        assertThat(subscriptions.sweep()).isEqualTo(2);
        assertThat(sent).hasSize(4);
        assertThat(sent.get(2).subject()).endsWith("monitoring");
        assertThat(sent.get(2).json()).contains("\"status\":\"monitoring\"", "Fix deployed.", "\"resolved_at\":null")
                .doesNotContain("All good.");
        assertThat(sent.get(3).json()).contains("\"status\":\"resolved\"", "All good.", "Fix deployed.");

        // older than the sweep window: stale news is not sent
        outboxDown = true;
        status.updateIncident(down.id(), IncidentStatus.IDENTIFIED, null, "Found it.", Map.of(), true);
        outboxDown = false;
        clock.advance(SubscriptionService.SWEEP_WINDOW.plusMinutes(1));
        assertThat(subscriptions.sweep()).isZero();
        assertThat(sent).hasSize(4);
    }

    @Test
    void eMailIsRefusedWhenThePageHasNoMailServerAndNothingIsStored() {
        emailOffered = false;
        assertThatThrownBy(() -> subscribe(SubscriptionDelivery.Channel.EMAIL, "reader@example.org", List.of()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("not offered");
        assertThat(JdbcClient.create(pool).sql("SELECT count(*) FROM status.subscriber").query(Integer.class).single()).isZero();
        assertThat(sent).isEmpty();
    }

    @Test
    void aConfirmationThatCannotBeStoredLeavesNoSubscription() {
        outboxDown = true;
        assertThatThrownBy(() -> subscribe(SubscriptionDelivery.Channel.EMAIL, "later@example.org", List.of()))
                .hasMessageContaining("outbox unreachable");
        outboxDown = false;
        subscribe(SubscriptionDelivery.Channel.EMAIL, "later@example.org", List.of());
        assertThat(sent).singleElement().satisfies(n -> assertThat(n.target()).isEqualTo("later@example.org"));
    }

    @Test
    void subscribingIsLimitedPerClientAndPerPageAndARefusalStoresNothing() {
        SubscriptionService limited = new SubscriptionService(pool, status, recorder, clock, false,
                new SubscribeLimits(2, 3, Duration.ofHours(1)), null);
        limited.subscribe(SubscriptionDelivery.Channel.EMAIL, "a@example.org", List.of(), "198.51.100.1");
        limited.subscribe(SubscriptionDelivery.Channel.EMAIL, "b@example.org", List.of(), "198.51.100.1");
        assertThatThrownBy(() -> limited.subscribe(SubscriptionDelivery.Channel.EMAIL, "c@example.org", List.of(), "198.51.100.1"))
                .isInstanceOfSatisfying(RejectedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(RejectedException.Reason.RATE_LIMITED);
                    assertThat(e.retryAfter()).hasValueSatisfying(d -> assertThat(d).isPositive().isLessThanOrEqualTo(Duration.ofHours(1)));
                })
                .hasMessageContaining("from your address");
        // another client still gets in, until the page's own limit
        limited.subscribe(SubscriptionDelivery.Channel.EMAIL, "d@example.org", List.of(), "198.51.100.2");
        assertThatThrownBy(() -> limited.subscribe(SubscriptionDelivery.Channel.EMAIL, "e@example.org", List.of(), "198.51.100.3"))
                .isInstanceOf(RejectedException.class).hasMessageContaining("This page takes no more");
        assertThat(targets()).containsExactlyInAnyOrder("a@example.org", "b@example.org", "d@example.org");
        assertThat(sent).extracting(SubscriptionDelivery.Notice::target)
                .containsExactlyInAnyOrder("a@example.org", "b@example.org", "d@example.org");
        // bad input is refused before the limit is counted
        assertThatThrownBy(() -> limited.subscribe(SubscriptionDelivery.Channel.EMAIL, "nope", List.of(), "198.51.100.4"))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void askingAgainResendsTheConfirmationOrTheManageLinkOnlyAfterAQuarterOfAnHour() {
        subscribe(SubscriptionDelivery.Channel.EMAIL, "again@example.org", List.of());
        subscribe(SubscriptionDelivery.Channel.EMAIL, "again@example.org", List.of());
        assertThat(sent).hasSize(1);
        clock.advance(SubscriptionService.RESEND_AFTER.plusSeconds(1));
        subscribe(SubscriptionDelivery.Channel.EMAIL, "again@example.org", List.of("api"));
        assertThat(sent).hasSize(2);
        String confirm = token(sent.get(0).text(), "confirm");
        assertThat(token(sent.get(1).text(), "confirm")).as("the same, still valid link").isEqualTo(confirm);
        assertThat(subscriptions.confirm(confirm)).hasValueSatisfying(s -> {
            assertThat(s.components()).as("asking again changed nothing").isEmpty();
            assertThat(s.confirmed()).isTrue();
        });

        clock.advance(SubscriptionService.RESEND_AFTER.plusSeconds(1));
        subscribe(SubscriptionDelivery.Channel.EMAIL, "again@example.org", List.of());
        assertThat(sent).hasSize(3);
        assertThat(sent.get(2).subject()).startsWith("Your subscription");
        assertThat(sent.get(2).text()).doesNotContain("/confirm");
        assertThat(subscriptions.find(token(sent.get(2).text(), "manage"))).hasValueSatisfying(s ->
                assertThat(s.target()).isEqualTo("again@example.org"));
        assertThat(targets()).containsExactly("again@example.org");
    }

    @Test
    void unconfirmedSubscriptionsAreForgottenAfterAWeek() {
        subscribe(SubscriptionDelivery.Channel.EMAIL, "never@example.org", List.of());
        subscribe(SubscriptionDelivery.Channel.EMAIL, "keeps@example.org", List.of());
        String confirm = token(sent.get(1).text(), "confirm");
        assertThat(subscriptions.confirm(confirm)).isPresent();
        String stale = token(sent.get(0).text(), "confirm");
        clock.advance(SubscriptionService.PENDING_EXPIRY.minusMinutes(1));
        subscriptions.sweep();
        assertThat(targets()).hasSize(2);
        clock.advance(Duration.ofMinutes(2));
        subscriptions.sweep();
        assertThat(targets()).containsExactly("keeps@example.org");
        assertThat(subscriptions.confirm(stale)).isEmpty();
        subscribe(SubscriptionDelivery.Channel.EMAIL, "never@example.org", List.of());
        assertThat(sent).hasSize(3);

        // a confirmation sent again late in the week gets its own week
        clock.advance(SubscriptionService.PENDING_EXPIRY.minusHours(1));
        subscribe(SubscriptionDelivery.Channel.EMAIL, "never@example.org", List.of());
        assertThat(sent).hasSize(4);
        clock.advance(Duration.ofHours(2));
        subscriptions.sweep();
        assertThat(subscriptions.confirm(token(sent.get(3).text(), "confirm"))).isPresent();
    }

    @Test
    void oneInboxOrHookIsOneSubscriptionWhateverTheLetterCase() {
        subscribe(SubscriptionDelivery.Channel.EMAIL, "Dup@Example.org", List.of());
        subscribe(SubscriptionDelivery.Channel.EMAIL, "dup@EXAMPLE.ORG", List.of());
        subscribe(SubscriptionDelivery.Channel.WEBHOOK, "HTTPS://93.184.215.14:8443/Hook?A=B#frag", List.of());
        subscribe(SubscriptionDelivery.Channel.WEBHOOK, "https://93.184.215.14:8443/Hook?A=B", List.of());
        assertThat(targets()).containsExactly("dup@example.org", "https://93.184.215.14:8443/Hook?A=B");
        assertThat(sent).hasSize(2);
    }

    @Test
    void theManageTokenChangesComponentsAndBadInputChangesNothing() {
        subscribe(SubscriptionDelivery.Channel.EMAIL, "picky@example.org", List.of());
        String manage = token(sent.getFirst().text(), "manage");
        subscriptions.confirm(token(sent.getFirst().text(), "confirm"));
        assertThat(subscriptions.find(manage)).hasValueSatisfying(s -> {
            assertThat(s.components()).isEmpty();
            assertThat(s.channel()).isEqualTo(SubscriptionDelivery.Channel.EMAIL);
        });
        assertThat(subscriptions.changeComponents(manage, List.of("website"))).isTrue();
        assertThatThrownBy(() -> subscriptions.changeComponents(manage, List.of("website", "nope")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("nope");
        assertThat(subscriptions.find(manage).orElseThrow().components()).containsExactly("website");
        assertThat(subscriptions.changeComponents("unknown-token", List.of())).isFalse();
        assertThat(subscriptions.find("unknown-token")).isEmpty();

        status.createIncident("API down", IncidentStatus.INVESTIGATING, Impact.MAJOR, "Down.",
                Map.of("api", ComponentStatus.MAJOR_OUTAGE), true);
        assertThat(sent).hasSize(1);
        status.createIncident("Website down", IncidentStatus.INVESTIGATING, Impact.MAJOR, "Down.",
                Map.of("website", ComponentStatus.MAJOR_OUTAGE), true);
        assertThat(sent).hasSize(2);
        assertThat(subscriptions.changeComponents(manage, List.of())).isTrue();
        assertThat(subscriptions.find(manage).orElseThrow().components()).as("empty: all components").isEmpty();
    }

    /** Statuspage's component_update webhooks: each probe status change once, to the webhooks that follow it. */
    @Test
    void probeStatusChangesReachTheWebhooksFollowingTheComponentOnce() {
        subscribe(SubscriptionDelivery.Channel.WEBHOOK, "https://93.184.215.14/all", List.of());
        subscribe(SubscriptionDelivery.Channel.WEBHOOK, "https://93.184.215.14/api", List.of("api"));
        subscribe(SubscriptionDelivery.Channel.WEBHOOK, "https://93.184.215.14/web", List.of("website"));
        subscribe(SubscriptionDelivery.Channel.EMAIL, "reader@example.org", List.of());
        sent.forEach(n -> subscriptions.confirm(token(n.text(), "confirm")));
        changes.add(new StatusChange(ComponentId.of("api"), ComponentStatus.OPERATIONAL, ComponentStatus.DEGRADED_PERFORMANCE,
                clock.instant().minusSeconds(60), "before the first sweep: history, not news"));
        assertThat(subscriptions.handOverComponentChanges()).as("the first run only sets the cursor").isZero();

        clock.advance(Duration.ofMinutes(1));
        changes.add(new StatusChange(ComponentId.of("api"), ComponentStatus.OPERATIONAL, ComponentStatus.MAJOR_OUTAGE,
                clock.instant(), "db: 3 consecutive bad results"));
        int before = sent.size();
        assertThat(subscriptions.sweep()).isZero(); // no incident update; the component change goes with it
        List<SubscriptionDelivery.Notice> notices = List.copyOf(sent.subList(before, sent.size()));
        assertThat(notices).extracting(SubscriptionDelivery.Notice::target)
                .containsExactlyInAnyOrder("https://93.184.215.14/all", "https://93.184.215.14/api");
        assertThat(notices).allSatisfy(n -> {
            assertThat(n.json()).contains("\"component_update\"", "\"new_status\":\"major_outage\"",
                    "\"old_status\":\"operational\"", "\"component_id\":\"api\"", "\"name\":\"API\"");
            assertThat(n.signingSecret()).startsWith("whsec_");
            assertThat(n.dedupKey()).startsWith("status/" + n.subscriberId() + "/component/api-");
        });
        assertThat(subscriptions.handOverComponentChanges()).as("handed over: not again").isZero();

        // the outbox fails: the cursor stays, the next run hands the change over once
        clock.advance(Duration.ofMinutes(1));
        changes.add(new StatusChange(ComponentId.of("api"), ComponentStatus.MAJOR_OUTAGE, ComponentStatus.OPERATIONAL,
                clock.instant(), "db: 2 consecutive good results"));
        outboxDown = true;
        assertThatThrownBy(() -> subscriptions.handOverComponentChanges()).hasMessageContaining("outbox");
        outboxDown = false;
        int beforeRecovery = sent.size();
        assertThat(subscriptions.handOverComponentChanges()).isEqualTo(1);
        assertThat(sent).hasSize(beforeRecovery + 2);
        // a restarted node reads the cursor from the database and sends nothing twice
        SubscriptionService restarted = new SubscriptionService(pool, status, recorder, clock, false, SubscribeLimits.unlimited(),
                health);
        assertThat(restarted.handOverComponentChanges()).isZero();
        assertThat(sent).hasSize(beforeRecovery + 2);
    }

    private List<String> targets() {
        return JdbcClient.create(pool).sql("SELECT target FROM status.subscriber ORDER BY target").query(String.class).list();
    }

    private void subscribe(SubscriptionDelivery.Channel channel, String target, List<String> components) {
        subscriptions.subscribe(channel, target, components, "198.51.100.7");
    }

    /** The confirmation ({@code confirm}) or manage ({@code manage}) page's token in a message text. */
    private static String token(String text, String kind) {
        Matcher m = Pattern.compile((kind.equals("manage") ? "/subscription" : "/subscription/" + kind) + "\\?token=([a-z0-9]+)")
                .matcher(text);
        assertThat(m.find()).as(text).isTrue();
        return m.group(1);
    }
}
