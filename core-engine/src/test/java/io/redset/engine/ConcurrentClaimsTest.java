package io.redset.engine;

import io.redset.engine.testing.DatabaseTest;
import io.redset.engine.testing.EngineFixture;
import io.redset.engine.testing.MoneyInvariants;
import io.redset.engine.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 256 threads claim one hot envelope and hundreds of others at once, with duplicate claims by the
 * same users, expiries racing the claims and a restart of the engine in the middle. Afterwards the
 * money rules are checked in SQL over every SET database, and every claim the engine acknowledged
 * must be in the database exactly as answered.
 */
@DatabaseTest
class ConcurrentClaimsTest {

    private static final int THREADS = 256;
    /** How long one claim is retried after rejections before the worker gives up on it (a failure). */
    private static final Duration CLAIM_DEADLINE = Duration.ofSeconds(60);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T08:00:00Z"));
    private EngineFixture fixture;

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    record Task(EnvelopeId envelope, String user) {
    }

    record Ack(EnvelopeId envelope, String user, long amount, int seq) {
    }

    @Test
    void moneyStaysExactUnderConcurrentClaimsExpiriesAndARestart() throws Exception {
        fixture = new EngineFixture(2, 12, b -> b.clock(clock).backgroundJobs(false).lanesPerSet(4)
                .envelopeLifetime(Duration.ofHours(1)).claimTimeout(Duration.ofSeconds(3)).maxCount(1000));
        AtomicReference<ClaimEngine> engine = new AtomicReference<>(fixture.start());
        Random random = new Random(7);
        List<Task> tasks = new ArrayList<>();

        // envelopes that will expire while claims are still arriving (created an hour before the others)
        List<EnvelopeId> expiring = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            EnvelopeId id = engine.get().send(SendCommand.of("early-" + i, 1000 + i, 10, SplitMode.LUCKY)).envelopeId();
            expiring.add(id);
            for (int u = 0; u < 12; u++) {
                tasks.add(new Task(id, "x" + u));
            }
        }
        clock.advance(Duration.ofMinutes(30));

        // the hot envelope: 300 users, each twice, for 150 shares
        EnvelopeId hot = engine.get().send(SendCommand.of("boss", 15_000, 150, SplitMode.LUCKY)).envelopeId();
        for (int u = 0; u < 300; u++) {
            tasks.add(new Task(hot, "h" + u));
            tasks.add(new Task(hot, "h" + u));
        }
        // many envelopes, a few more users than shares, some users twice
        List<EnvelopeId> many = new ArrayList<>();
        for (int i = 0; i < 1200; i++) {
            SplitMode mode = i % 3 == 0 ? SplitMode.EQUAL : SplitMode.LUCKY;
            EnvelopeId id = engine.get().send(SendCommand.of("s" + i, mode == SplitMode.EQUAL ? 500 : 97 + i, 5, mode)).envelopeId();
            many.add(id);
            for (int u = 0; u < 8; u++) {
                tasks.add(new Task(id, "m" + u));
                if (random.nextInt(10) == 0) {
                    tasks.add(new Task(id, "m" + u));
                }
            }
        }
        Collections.shuffle(tasks, random);
        int total = tasks.size();

        ConcurrentLinkedQueue<Task> queue = new ConcurrentLinkedQueue<>(tasks);
        Map<Task, Ack> acks = new ConcurrentHashMap<>();
        List<Ack> allAcks = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger done = new AtomicInteger();
        AtomicInteger retries = new AtomicInteger();
        AtomicInteger gaveUp = new AtomicInteger();
        ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Thread w = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (Task task; (task = queue.poll()) != null; ) {
                    // give up on a claim after a time, not a number of attempts: under 256 spinning threads
                    // on a small machine the restart window can outlast any fixed count of 10 ms retries
                    long giveUpAt = System.nanoTime() + CLAIM_DEADLINE.toNanos();
                    while (true) {
                        try {
                            ClaimAnswer a = engine.get().claim(task.envelope(), task.user());
                            if (a.outcome() == ClaimOutcome.CLAIMED || a.outcome() == ClaimOutcome.ALREADY_CLAIMED) {
                                Ack ack = new Ack(task.envelope(), task.user(), a.amountFen(), a.seq());
                                allAcks.add(ack);
                                acks.put(task, ack);
                            }
                            break;
                        } catch (RejectedException e) {
                            // the restart window or a busy envelope: retry the same claim (idempotent)
                            retries.incrementAndGet();
                            if (System.nanoTime() - giveUpAt >= 0) {
                                gaveUp.incrementAndGet();
                                break;
                            }
                            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
                        } catch (Throwable e) {
                            unexpected.add(e);
                            break;
                        }
                    }
                    done.incrementAndGet();
                }
            }, "claimer-" + t);
            w.start();
            workers.add(w);
        }

        go.countDown();
        // expiries race the claims: the early envelopes pass their expiry while claims still arrive
        awaitProgress(done, total * 15 / 100);
        int atExpiry = done.get();
        clock.advance(Duration.ofMinutes(31));
        Thread sweeper = new Thread(() -> {
            while (done.get() < total) {
                for (SetId set : fixture.pools().keySet()) {
                    try {
                        engine.get().sweepExpired(set);
                    } catch (RuntimeException e) {
                        // the engine is restarting; sweep again with the new one
                    }
                }
            }
        }, "sweeper");
        sweeper.start();
        // restart the engine in the middle of the load
        awaitProgress(done, total * 40 / 100);
        int atRestart = done.get();
        engine.set(fixture.restart());
        for (Thread w : workers) {
            w.join(TimeUnit.MINUTES.toMillis(3));
            assertThat(w.isAlive()).as("worker finished").isFalse();
        }
        sweeper.join();
        for (SetId set : fixture.pools().keySet()) {
            engine.get().sweepExpired(set);
        }

        System.out.printf("claims: %d tasks, expiry at %d done, restart at %d done%n", total, atExpiry, atRestart);
        assertThat(atRestart).as("the restart came while claims were still arriving").isLessThan(total);
        assertThat(unexpected).isEmpty();
        assertThat(gaveUp.get()).isZero();

        // the money rules, in SQL, over every SET database
        for (SetId set : fixture.pools().keySet()) {
            assertThat(MoneyInvariants.violations(fixture.pool(set))).as("SET %s", set).isEmpty();
            // the SET's counter of pending claims (read by gauges and the status page) is back to zero
            assertThat(engine.get().set(set).queuedClaims()).as("pending claims of SET %s", set).isZero();
        }
        // every acknowledged claim is committed exactly as answered; repeats saw the first answer
        Map<String, Object[]> rows = new HashMap<>();
        for (Object[] r : fixture.queryAll("SELECT envelope_id, user_id, amount_fen, seq FROM claim")) {
            rows.put(r[0] + "/" + r[1], r);
        }
        for (Ack ack : allAcks) {
            Object[] row = rows.get(ack.envelope().value() + "/" + ack.user());
            assertThat(row).as("committed row for %s", ack).isNotNull();
            assertThat(((Number) row[2]).longValue()).isEqualTo(ack.amount());
            assertThat(((Number) row[3]).intValue()).isEqualTo(ack.seq());
        }
        // the hot envelope sold out to 150 distinct users
        EnvelopeDetails hotDetails = engine.get().details(hot);
        assertThat(hotDetails.status()).isEqualTo(EnvelopeStatus.SOLD_OUT);
        assertThat(hotDetails.claims()).hasSize(150);
        assertThat(hotDetails.claims().stream().map(EnvelopeDetails.ClaimLine::userId).distinct().count()).isEqualTo(150);
        // every early envelope is finished: sold out or expired with its remainder refunded
        for (EnvelopeId id : expiring) {
            EnvelopeDetails d = engine.get().details(id);
            assertThat(d.status()).isIn(EnvelopeStatus.SOLD_OUT, EnvelopeStatus.EXPIRED);
            if (d.status() == EnvelopeStatus.EXPIRED) {
                assertThat(d.refundedFen()).isEqualTo(d.remainingFen());
            }
        }
        long expiredWithRefund = expiring.stream().map(id -> engine.get().details(id))
                .filter(d -> d.status() == EnvelopeStatus.EXPIRED && d.refundedFen() > 0).count();
        assertThat(expiredWithRefund).as("some early envelopes expired before selling out").isPositive();
        // the other envelopes had more users than shares: all sold out
        for (EnvelopeId id : many) {
            assertThat(engine.get().details(id).status()).isEqualTo(EnvelopeStatus.SOLD_OUT);
        }
        System.out.printf("claims: %d tasks, %d acknowledged, %d retries after rejections%n", total, allAcks.size(), retries.get());
    }

    private static void awaitProgress(AtomicInteger done, int target) {
        org.awaitility.Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(5))
                .until(() -> done.get() >= target);
    }
}
