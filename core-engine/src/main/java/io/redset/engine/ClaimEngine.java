package io.redset.engine;

import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRateLimiterMetrics;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.redset.engine.internal.EngineCore;

import javax.sql.DataSource;
import java.util.List;
import java.util.Map;

/**
 * The red-envelope claim engine: send, grab, claim (open), details, expiry with exact refund, over
 * SETs that share nothing. Plain Java; embed it in any program:
 * <pre>{@code
 * ClaimEngine engine = ClaimEngine.start(EngineConfig.ofDefaults(), Map.of(SetId.of(0), ds0, ...));
 * SendReceipt r = engine.send(SendCommand.of("alice", 1000, 10, SplitMode.LUCKY));
 * ClaimAnswer a = engine.claim(r.envelopeId(), "bob");
 * }</pre>
 * Every method either answers or throws a {@link RedSetException}; none of those exceptions
 * changes money. Thread-safe.
 */
public final class ClaimEngine implements AutoCloseable {

    private final EngineCore core;

    private ClaimEngine(EngineCore core) {
        this.core = core;
    }

    /**
     * Migrates each owned SET database, loads the active envelopes into memory and starts the lanes
     * and (unless disabled) the per-SET expiry sweeper and archiver. A SET whose database cannot be
     * reached does not stop the others: it answers "unavailable" and is brought up as soon as its
     * database answers.
     *
     * @param dataSources one pool per SET this node owns
     */
    public static ClaimEngine start(EngineConfig config, Map<SetId, DataSource> dataSources) {
        for (SetId set : config.ownedSets()) {
            if (!dataSources.containsKey(set)) {
                throw new IllegalArgumentException("no DataSource for owned SET " + set);
            }
        }
        RateLimiterRegistry rateLimiters = RateLimiterRegistry.ofDefaults();
        BulkheadRegistry bulkheads = BulkheadRegistry.ofDefaults();
        CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();
        TaggedRateLimiterMetrics.ofRateLimiterRegistry(rateLimiters).bindTo(config.meterRegistry());
        TaggedBulkheadMetrics.ofBulkheadRegistry(bulkheads).bindTo(config.meterRegistry());
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(config.meterRegistry());
        return new ClaimEngine(EngineCore.start(config, dataSources, rateLimiters, bulkheads, breakers));
    }

    /** Applies the SET schema migrations (Flyway, {@code classpath:db/set}) to one SET database. */
    public static void migrate(DataSource setDatabase) {
        EngineCore.migrate(setDatabase);
    }

    /** Creates an envelope in a SET chosen by the sender's hash, skipping SETs that take no sends. */
    public SendReceipt send(SendCommand command) {
        return core.send(command, null);
    }

    /**
     * A send that may only go to some SETs (a service key limited to them). A repeated requestId
     * is still found in any SET, so a send is never booked twice.
     *
     * @param allowedSets null = every SET
     */
    public SendReceipt send(SendCommand command, java.util.Set<SetId> allowedSets) {
        return core.send(command, allowedSets);
    }

    /**
     * Validates the text form of an envelope id: 18 digits, a SET that exists, a day not in the
     * future. Refusals name the field {@code envelopeId}.
     */
    public EnvelopeId parseEnvelopeId(String text) {
        return core.parseEnvelopeId(text);
    }

    /** May this user still open the envelope? Answered from memory. Customer traffic. */
    public GrabAnswer grab(EnvelopeId id, String userId) {
        return core.grab(id, userId, Traffic.CUSTOMER);
    }

    /** A grab by the given traffic (see {@link Traffic}: the canary passes PROBE). */
    public GrabAnswer grab(EnvelopeId id, String userId, Traffic traffic) {
        return core.grab(id, userId, traffic);
    }

    /**
     * Claims a share. Answers after the claim's batch committed. Idempotent per (envelope, user):
     * a repeat answers ALREADY_CLAIMED with the first amount and seq.
     */
    public ClaimAnswer claim(EnvelopeId id, String userId) {
        return core.claim(id, userId, Traffic.CUSTOMER);
    }

    /** A claim by the given traffic (see {@link Traffic}: the canary passes PROBE). */
    public ClaimAnswer claim(EnvelopeId id, String userId, Traffic traffic) {
        return core.claim(id, userId, traffic);
    }

    /** Totals, remainder, refund, claims in order and the luckiest user; archived days included. Customer traffic. */
    public EnvelopeDetails details(EnvelopeId id) {
        return core.details(id, Traffic.CUSTOMER);
    }

    /** Details for the given traffic (see {@link Traffic}). */
    public EnvelopeDetails details(EnvelopeId id, Traffic traffic) {
        return core.details(id, traffic);
    }

    public List<SetView> sets() {
        return core.sets();
    }

    public SetView set(SetId set) {
        return core.set(set);
    }

    /**
     * The SET that a sender's envelopes go to while it takes sends (sends skip it when it is paused
     * or down). RedSet's canary uses it to probe each SET with a sender of its own.
     */
    public SetId homeSetOf(String senderId) {
        return core.homeSetOf(senderId);
    }

    /** The SET's degradation mode; cheap, for callers that ask often. */
    public SetMode mode(SetId set) {
        return core.mode(set);
    }

    /** Switches a SET's degradation mode; saved through the {@link ModeStore} for the audit trail. */
    public ModeChange setMode(SetId set, SetMode mode, String reason, String actor) {
        return core.setMode(set, mode, reason, actor);
    }

    /** The configured limits of a SET (DEGRADED tightens the rates on top of these). */
    public SetLimits limits(SetId set) {
        return core.limits(set);
    }

    /** Changes a SET's limits at once: rate limiters, bulkhead, per-envelope cap, batch size. */
    public void updateLimits(SetId set, SetLimits limits) {
        core.updateLimits(set, limits);
    }

    /**
     * Checks the money rules over the SET's envelopes created at or after since (one SQL query per
     * rule). Empty means every rule holds; a finding names the envelope and the rule.
     */
    public List<ReconcileFinding> reconcile(SetId set, java.time.Instant since) {
        return core.reconcile(set, since);
    }

    /**
     * One round trip ({@code SELECT 1}) through the SET's own pool, past the guards so it measures
     * the database even while the circuit is open. Throws {@link RejectedException} when it fails.
     */
    public java.time.Duration pingDatabase(SetId set) {
        return core.pingDatabase(set);
    }

    /** Runs one expiry sweep of a SET now (the scheduler does this every sweep interval). */
    public int sweepExpired(SetId set) {
        return core.sweepExpired(set);
    }

    /** Archives the finished day partitions of a SET now (the scheduler does this every archive interval). */
    public int archiveFinishedDays(SetId set) {
        return core.archiveFinishedDays(set);
    }

    public EngineConfig config() {
        return core.config();
    }

    /** Stops the lanes and jobs; claims still queued are answered unavailable. Pools stay open. */
    @Override
    public void close() {
        core.close();
    }
}
