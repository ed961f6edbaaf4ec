package io.redset.alerts;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.redset.alerts.internal.AlertBook;
import io.redset.alerts.internal.AlertStore;
import io.redset.alerts.internal.EvaluationCycle;
import io.redset.alerts.internal.InboundAlertmanager;
import io.redset.alerts.internal.NotificationPlanner;
import io.redset.alerts.internal.OutboxSender;
import io.redset.alerts.internal.RuleBook;
import io.redset.alerts.internal.SafeText;
import io.redset.alerts.internal.SilenceBook;
import io.redset.alerts.webhook.DirectWebhook;
import io.redset.probes.ComponentHealth;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * The alerts of one node, running: rules evaluated every {@code evaluation-interval} over the
 * engine's request counters and the probes' component health, the alert state machine, mute
 * (silences, maintenance, acknowledgement), routing and grouping into the durable outbox, and the
 * outbox sender. Plain Java:
 * <pre>{@code
 * Alerts alerts = Alerts.start(AlertsConfig.ofDefaults(), RequestCounters.of(engine.config().meterRegistry()),
 *         probes.health(), controlDataSource);
 * alerts.alerts();                       // what the console shows
 * alerts.acknowledge(id, "alice", "looking");
 * }</pre>
 *
 * <p>Threads (daemons, stopped by {@link #close()}): {@code redset-alerts-ticker} starts an evaluation
 * every interval on {@code redset-alerts-evaluator} and waits at most {@code evaluation-timeout} for
 * it (an evaluation still running is not started twice; statement timeouts end a stuck one);
 * {@code redset-alerts-sender} delivers the alert notifications of the outbox and
 * {@code redset-alerts-messages} its one-off messages ({@link #enqueueMessage}). Only the evaluator thread changes the alerts'
 * notification fields; web threads acknowledge and silence through synchronized methods. With
 * {@code backgroundThreads(false)} a test calls {@link #evaluate()} and {@link #deliverDue()}.
 *
 * <p>This class starts and stops the threads and is the module's one door; the work is done by
 * the {@code internal} parts it wires: {@code EvaluationCycle} (one evaluation, with its rollback),
 * {@code RuleBook} and {@code SilenceBook} (rules and silences, stored and in memory),
 * {@code InboundAlertmanager}, {@code OutboxSender} (delivery) and {@code AlertStore} (the rows).
 */
public final class Alerts implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Alerts.class);

    /** How often finished outbox rows past their retention are deleted. */
    public static final Duration PURGE_INTERVAL = Duration.ofHours(1);
    static final int PURGE_BATCH = 10_000;

    private final AlertsConfig config;
    private final RequestCounters counters;
    private final ComponentHealth health;
    private final AlertStore store;
    private final AlertBook book;
    private final EvaluationCycle cycle;
    private final RuleBook rules;
    private final SilenceBook silences;
    private final InboundAlertmanager inbound;
    private final OutboxSender sender;
    private final OutboxSender messageSender;
    private final Map<String, Notifier> notifiers;
    private volatile Instant lastEvaluation;
    private ScheduledExecutorService ticker;
    private ExecutorService evaluator;
    private ScheduledExecutorService senderThread;
    private ScheduledExecutorService messageThread;
    private ScheduledExecutorService retentionThread;
    private Future<?> running;

    private Alerts(AlertsConfig config, RequestCounters counters, ComponentHealth health, AlertStore store,
                   AlertBook book, Map<String, Notifier> notifiers, HttpClient http) {
        this.config = config;
        this.counters = counters;
        this.health = health;
        this.store = store;
        this.book = book;
        this.notifiers = notifiers;
        this.rules = new RuleBook(config, store);
        this.silences = new SilenceBook(config, store);
        this.inbound = new InboundAlertmanager(config, store, book);
        this.sender = new OutboxSender(store, false, null, notifiers, config.clock(), config.retryAttempts(),
                config.retryBackoff(), 1, config.meterRegistry());
        this.messageSender = new OutboxSender(store, true, new DirectWebhook(http, config.privateMessageTargets(), config.clock())::deliver, notifiers, config.clock(),
                config.retryAttempts(), config.retryBackoff(), config.messageConcurrency(), config.meterRegistry());
        MeterRegistry meters = config.meterRegistry();
        Timer evaluationTimer = Timer.builder("redset.alerts.evaluation.duration").description("Time of one rule evaluation").register(meters);
        this.cycle = new EvaluationCycle(config, counters, health, store, book,
                new NotificationPlanner(config.routes(), notifiers, config.externalUrl()), evaluationTimer);
        Gauge.builder("redset.alerts.firing", book, b -> b.openAlerts().stream().filter(a -> a.state() == AlertState.FIRING).count())
                .description("Alerts firing now").register(meters);
    }

    /**
     * Migrates the {@code alerts} schema, loads saved rules, open alerts and silences, and starts.
     *
     * @param counters the engine's request counters ({@link RequestCounters#of}); none for probe rules only
     * @param health   the probes' component health, or null (no probe rules)
     */
    public static Alerts start(AlertsConfig config, RequestCounters counters, ComponentHealth health, DataSource control) {
        AlertStore.migrate(control);
        AlertStore store = new AlertStore(control, config.evaluationTimeout());
        AtomicLong ids = new AtomicLong(store.maxAlertId());
        AlertBook book = new AlertBook(ids::incrementAndGet);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Map<String, Notifier> notifiers = new LinkedHashMap<>();
        for (ReceiverConfig r : config.receivers()) {
            notifiers.put(r.name(), Notifiers.of(r.type()).create(r, http));
        }
        Alerts alerts = new Alerts(config, counters == null ? RequestCounters.none() : counters, health, store, book, notifiers, http);
        for (AlertBook.Entry e : store.loadOpen()) {
            if (e.state == AlertState.PENDING || e.state == AlertState.FIRING) {
                book.restore(e);
            } else {
                alerts.cycle.owesResolve(e);
            }
        }
        alerts.reloadRules();
        alerts.reloadSilences();
        if (config.backgroundThreads()) {
            alerts.startThreads();
        }
        log.info("alerts started: {} rules ({} enabled), {} open alerts, {} receivers, every {}",
                alerts.rules().size(), alerts.rules().stream().filter(AlertRule::enabled).count(), book.openAlerts().size(),
                notifiers.size(), config.evaluationInterval());
        return alerts;
    }

    /** Applies the {@code alerts} schema migrations (Flyway, own history table). */
    public static void migrate(DataSource control) {
        AlertStore.migrate(control);
    }

    private void startThreads() {
        evaluator = Executors.newSingleThreadExecutor(daemon("redset-alerts-evaluator"));
        ticker = Executors.newSingleThreadScheduledExecutor(daemon("redset-alerts-ticker"));
        ticker.scheduleAtFixedRate(this::boundedEvaluation, 0, config.evaluationInterval().toMillis(), TimeUnit.MILLISECONDS);
        senderThread = deliveryLoop("redset-alerts-sender", sender);
        messageThread = deliveryLoop("redset-alerts-messages", messageSender);
        // its own thread: a first purge of a long-untrimmed outbox must not hold up any delivery
        retentionThread = Executors.newSingleThreadScheduledExecutor(daemon("redset-alerts-retention"));
        retentionThread.scheduleWithFixedDelay(() -> {
            try {
                purgeOutbox();
            } catch (RuntimeException e) {
                log.warn("alerts: outbox retention: {}", e.toString());
            }
        }, 1, PURGE_INTERVAL.toMinutes(), TimeUnit.MINUTES);
    }

    /**
     * Deletes the finished outbox rows older than {@code outbox-retention}, in batches of
     * {@link #PURGE_BATCH} (short transactions next to the senders). Runs a minute after start, then
     * every {@link #PURGE_INTERVAL}.
     */
    public int purgeOutbox() {
        Instant before = config.clock().instant().minus(config.outboxRetention());
        int total = 0;
        int n;
        do {
            n = store.purgeOutbox(before, PURGE_BATCH);
            total += n;
        } while (n == PURGE_BATCH);
        if (total > 0) {
            log.info("alerts: {} outbox rows older than {} deleted", total, config.outboxRetention());
        }
        return total;
    }

    private ScheduledExecutorService deliveryLoop(String name, OutboxSender s) {
        ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(daemon(name));
        thread.scheduleWithFixedDelay(() -> {
            try {
                while (s.deliverDue() > 0) {
                    // keep going while rows are due
                }
            } catch (RuntimeException e) {
                log.warn("{}: {}", name, e.toString());
            }
        }, 0, config.outboxPollInterval().toMillis(), TimeUnit.MILLISECONDS);
        return thread;
    }

    private void boundedEvaluation() {
        if (running != null && !running.isDone()) {
            log.warn("alerts: previous evaluation still running, skipped this one");
            return;
        }
        running = evaluator.submit(this::evaluate);
        try {
            running.get(config.evaluationTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.warn("alerts: evaluation took longer than {}", config.evaluationTimeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("alerts: evaluation failed: {}", e.toString(), e);
        }
    }

    private static ThreadFactory daemon(String name) {
        return Thread.ofPlatform().name(name).daemon().factory();
    }

    /**
     * One evaluation: read the counters, evaluate every enabled rule, move the alerts, compute mute,
     * plan notifications, and store alerts, history and outbox rows in one transaction
     * ({@link EvaluationCycle}).
     */
    public synchronized void evaluate() {
        lastEvaluation = cycle.run(rules.rules(), silences.known());
    }

    /** Delivers the due outbox rows now, notifications and messages (the sender threads do this every poll interval). */
    public int deliverDue() {
        int total = 0;
        int n;
        while ((n = sender.deliverDue()) > 0) {
            total += n;
        }
        while ((n = messageSender.deliverDue()) > 0) {
            total += n;
        }
        return total;
    }

    /**
     * Stores a one-off message in the outbox; the message sender delivers it like a notification
     * (retries with backoff, across restarts, until {@code delivery-expiry}). Returns false when a
     * row with its dedup key is already there (handed over before: nothing is stored twice).
     *
     * @throws IllegalArgumentException when an e-mail's carrier is not an email receiver (nothing stored)
     */
    public boolean enqueueMessage(OutboundMessage message) {
        return enqueueMessages(List.of(message)) == 1;
    }

    /**
     * Stores messages in one transaction (all or none); returns how many were new (the others' dedup
     * keys were there already).
     *
     * @throws IllegalArgumentException when an e-mail's carrier is not an email receiver (nothing stored)
     */
    public int enqueueMessages(List<OutboundMessage> messages) {
        for (OutboundMessage m : messages) {
            if (m.channel() == OutboundMessage.Channel.EMAIL && !carriesMail(m.carrier())) {
                throw new IllegalArgumentException("receivers." + m.carrier() + " is not an email receiver: it cannot carry mail");
            }
        }
        Instant now = config.clock().instant();
        return messages.isEmpty() ? 0 : store.tx(c -> store.enqueueMessages(c, messages, now, now.plus(config.deliveryExpiry())));
    }

    /** Is {@code receiver} a configured receiver that can carry e-mail messages? */
    public boolean carriesMail(String receiver) {
        Notifier n = receiver == null ? null : notifiers.get(receiver);
        return n != null && n.carriesMessages();
    }

    // ---- what the console reads

    /** Open alerts (pending and firing), oldest first. */
    public List<Alert> alerts() {
        return book.openAlerts();
    }

    /** Closed alerts kept in memory, newest first. */
    public List<Alert> recentlyClosed() {
        return book.recentlyClosed();
    }

    public Optional<Alert> alert(long id) {
        return book.find(id);
    }

    /** The history of one alert: state changes, acknowledgements, mute changes, notifications queued. */
    public List<AlertEvent> history(long alertId) {
        return store.events(alertId);
    }

    public List<OutboxEntry> outbox(int limit) {
        return store.outbox(limit);
    }

    public Instant lastEvaluation() {
        return lastEvaluation;
    }

    public AlertsConfig config() {
        return config;
    }

    // ---- acknowledgement and silences

    /**
     * Acknowledges an open alert: no more repeats until the acknowledgement times out; the resolve is
     * still sent; receivers that track acknowledgement (PagerDuty) are told at the next evaluation.
     *
     * @throws IllegalArgumentException naming {@code comment} (or {@code by}) when it holds a control
     *                                  character other than tab and line breaks; nothing is changed then
     *                                  (the acknowledgement is written with the alert at every evaluation:
     *                                  a NUL would fail them all)
     */
    public Optional<Alert> acknowledge(long id, String by, String comment) {
        Objects.requireNonNull(by, "by");
        SafeText.requireNoControls("by", by);
        SafeText.requireNoControls("comment", comment);
        Instant now = config.clock().instant();
        Optional<Alert> a = book.acknowledge(id, by, comment == null ? "" : comment, now, config.ackTimeout());
        a.ifPresent(x -> store.tx(c -> {
            store.writeAlerts(c, book.openEntries().stream().filter(e -> e.id == id).toList(), List.of());
            store.event(c, id, now, "acknowledged", by, comment);
            return null;
        }));
        return a;
    }

    /** The alerts clock's present instant (callers default a silence's start with it). */
    public Instant now() {
        return config.clock().instant();
    }

    /**
     * Stores and applies a silence.
     *
     * @throws IllegalArgumentException naming the field ({@code comment}, {@code creator},
     *                                  {@code matchers[0]}) when it holds a control character other than
     *                                  tab and line breaks, or as {@link Silence} validates; nothing is
     *                                  stored or applied then
     */
    public Silence silence(List<LabelMatcher> matchers, String creator, String comment, Instant start, Instant end) {
        return silences.add(matchers, creator, comment, start, end);
    }

    public boolean expireSilence(long id) {
        return silences.expire(id);
    }

    /** Silences not yet ended. */
    public List<Silence> silences() {
        return silences.current();
    }

    public void reloadSilences() {
        silences.reload();
    }

    // ---- rules

    /** The effective rules: the defaults, replaced by saved rules of the same name, plus saved new ones. */
    public List<AlertRule> rules() {
        return rules.rules();
    }

    public List<SavedRule> savedRules() {
        return rules.saved();
    }

    /** Validates (the constructor did) and saves a rule; takes effect at the next evaluation. */
    public AlertRule saveRule(AlertRule rule, String actor) {
        return rules.save(rule, actor);
    }

    /** Parses, validates and saves a rule from its JSON; {@link RuleValidationException} names the bad field. */
    public AlertRule saveRule(String json, String actor) {
        return rules.save(json, actor);
    }

    /** Enables or disables a rule (a default one is saved as a disabled copy). */
    public AlertRule setEnabled(String name, boolean enabled, String actor) {
        return rules.setEnabled(name, enabled, actor);
    }

    /** Removes a saved rule (a default rule of that name comes back). */
    public boolean deleteRule(String name) {
        return rules.delete(name);
    }

    public void reloadRules() {
        rules.reload();
    }

    // ---- inbound Alertmanager webhooks

    /** Takes in the alerts of an Alertmanager webhook; returns how many were read. */
    public int receiveAlertmanager(String body) {
        return inbound.receive(body);
    }

    @Override
    public void close() {
        for (ExecutorService s : new ExecutorService[] {ticker, evaluator, senderThread, messageThread, retentionThread}) {
            if (s != null) {
                s.shutdownNow();
                try {
                    s.awaitTermination(2, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        log.info("alerts stopped");
    }
}
