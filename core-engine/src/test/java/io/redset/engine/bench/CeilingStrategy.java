package io.redset.engine.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.redset.engine.ClaimOutcome;
import org.HdrHistogram.Recorder;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the database absorbs with no coordination at all: the same claims, pre-computed, applied
 * as multi-row batches straight over JDBC by one thread per SET (one update per envelope and one
 * insert for claims and ledger rows per transaction). Not a design: the upper bound.
 */
final class CeilingStrategy implements Strategy {

    private final int batchSize;
    private final TxCounter transactions = new TxCounter();
    private final List<HikariDataSource> pools = new ArrayList<>();
    private final AtomicLong users = new AtomicLong();

    CeilingStrategy(int batchSize) {
        this.batchSize = batchSize;
    }

    @Override
    public String name() {
        return "ceiling";
    }

    @Override
    public void open(BenchDatabases databases) {
        for (int i = 0; i < databases.sets(); i++) {
            pools.add(databases.newPool(i, 2));
        }
    }

    @Override
    public ClaimOutcome claim(BenchEnvelope envelope, String userId, long arrival) {
        throw new UnsupportedOperationException("the ceiling applies whole batches, see apply");
    }

    /** Applies every share of the envelopes; each claim's latency is its batch's time to commit. */
    long apply(List<BenchEnvelope> envelopes, Recorder latencies, long deadlineNanos) throws Exception {
        List<Thread> threads = new ArrayList<>();
        AtomicLong claimed = new AtomicLong();
        List<Exception> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int set = 0; set < pools.size(); set++) {
            final int s = set;
            List<BenchEnvelope> mine = envelopes.stream().filter(e -> e.set() == s).toList();
            Thread t = new Thread(() -> {
                try {
                    claimed.addAndGet(applySet(pools.get(s), mine, latencies, deadlineNanos));
                } catch (Exception e) {
                    failures.add(e);
                }
            }, "ceiling-" + s);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
        return claimed.get();
    }

    private long applySet(HikariDataSource pool, List<BenchEnvelope> envelopes, Recorder latencies, long deadline)
            throws Exception {
        long claimed = 0;
        int[] next = new int[envelopes.size()]; // next share index per envelope
        int envelopeCursor = 0;
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            while (envelopeCursor < envelopes.size() && System.nanoTime() < deadline) {
                long start = System.nanoTime();
                List<Integer> touched = new ArrayList<>();
                List<Object[]> rows = new ArrayList<>();
                int budget = batchSize;
                for (int i = envelopeCursor; i < envelopes.size() && budget > 0; i++) {
                    BenchEnvelope e = envelopes.get(i);
                    int take = Math.min(budget, e.count() - next[i]);
                    if (take == 0) {
                        continue;
                    }
                    touched.add(i);
                    for (int k = 0; k < take; k++) {
                        int seq = next[i] + k + 1;
                        rows.add(new Object[] {e, seq, e.shares()[seq - 1]});
                    }
                    budget -= take;
                }
                try (PreparedStatement up = c.prepareStatement("UPDATE envelope SET remaining_fen = remaining_fen - ?, "
                        + "remaining_count = remaining_count - ?, status = CASE WHEN remaining_count = ? THEN 'SOLD_OUT' ELSE 'ACTIVE' END "
                        + "WHERE day_of_month = ? AND envelope_id = ?")) {
                    for (int i : touched) {
                        BenchEnvelope e = envelopes.get(i);
                        long fen = 0;
                        int n = 0;
                        for (Object[] r : rows) {
                            if (r[0] == e) {
                                fen += (Long) r[2];
                                n++;
                            }
                        }
                        up.setLong(1, fen);
                        up.setInt(2, n);
                        up.setInt(3, n);
                        up.setShort(4, (short) e.id().dayOfMonth());
                        up.setLong(5, e.id().value());
                        up.addBatch();
                        next[i] += n;
                    }
                    up.executeBatch();
                }
                int n = rows.size();
                Short[] days = new Short[n];
                Long[] ids = new Long[n];
                Integer[] seqs = new Integer[n];
                String[] us = new String[n];
                Long[] amounts = new Long[n];
                Long[] arrivals = new Long[n];
                for (int k = 0; k < n; k++) {
                    BenchEnvelope e = (BenchEnvelope) rows.get(k)[0];
                    days[k] = (short) e.id().dayOfMonth();
                    ids[k] = e.id().value();
                    seqs[k] = (Integer) rows.get(k)[1];
                    us[k] = "c" + users.incrementAndGet();
                    amounts[k] = (Long) rows.get(k)[2];
                    arrivals[k] = (long) seqs[k];
                }
                try (PreparedStatement ins = c.prepareStatement("WITH c AS (INSERT INTO claim (day_of_month, envelope_id, seq, "
                        + "user_id, amount_fen, arrival, claimed_at) SELECT d, e, s, u, a, r, ? FROM unnest(?, ?, ?, ?, ?, ?) "
                        + "AS t(d, e, s, u, a, r) RETURNING day_of_month, envelope_id, seq, user_id, amount_fen, claimed_at) "
                        + "INSERT INTO ledger_entry (day_of_month, envelope_id, kind, entry_no, account_id, amount_fen, created_at) "
                        + "SELECT day_of_month, envelope_id, 'CLAIM', seq, user_id, amount_fen, claimed_at FROM c")) {
                    ins.setTimestamp(1, Timestamp.from(Instant.now()));
                    ins.setArray(2, c.createArrayOf("int2", days));
                    ins.setArray(3, c.createArrayOf("int8", ids));
                    ins.setArray(4, c.createArrayOf("int4", seqs));
                    ins.setArray(5, c.createArrayOf("varchar", us));
                    ins.setArray(6, c.createArrayOf("int8", amounts));
                    ins.setArray(7, c.createArrayOf("int8", arrivals));
                    ins.executeUpdate();
                }
                c.commit();
                transactions.add();
                long micros = (System.nanoTime() - start) / 1000;
                for (int k = 0; k < n; k++) {
                    latencies.recordValue(Math.max(1, micros));
                }
                claimed += n;
                while (envelopeCursor < envelopes.size() && next[envelopeCursor] == envelopes.get(envelopeCursor).count()) {
                    envelopeCursor++;
                }
            }
        }
        return claimed;
    }

    @Override
    public long transactions() {
        return transactions.get();
    }

    @Override
    public void close() {
        pools.forEach(HikariDataSource::close);
    }
}
