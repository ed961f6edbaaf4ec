package io.redset.engine.bench;

import io.redset.engine.ClaimOutcome;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One way of applying claims, measured by {@link ClaimBenchmark}. All strategies write the same
 * tables (the SET schema), so one set of money rules checks them all.
 */
interface Strategy extends AutoCloseable {

    String name();

    /** Called once per cell after the envelopes are in the databases and before the clock starts. */
    void open(BenchDatabases databases) throws Exception;

    /** Called with each round's envelopes after they were written, before the round's clock starts. */
    default void prepared(java.util.List<BenchEnvelope> envelopes) throws Exception {
    }

    /** One claim by one user, answered when it is durable (or refused). */
    ClaimOutcome claim(BenchEnvelope envelope, String userId, long arrival) throws Exception;

    /** Database transactions spent so far (commits and rollbacks). */
    long transactions();

    /** Retries after conflicts (optimistic only). */
    default long retries() {
        return 0;
    }

    /** Claims given up after too many conflicts (optimistic only). */
    default long giveUps() {
        return 0;
    }

    @Override
    void close() throws Exception;

    /** A counter of transactions shared by the JDBC strategies. */
    final class TxCounter {
        final AtomicLong count = new AtomicLong();

        void add() {
            count.incrementAndGet();
        }

        long get() {
            return count.get();
        }
    }
}
