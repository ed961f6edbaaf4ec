package io.redset.engine.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.redset.engine.ClaimEngine;
import io.redset.engine.EnvelopeId;
import io.redset.engine.SetId;
import io.redset.engine.SplitMode;
import io.redset.engine.internal.ShareSplitter;
import io.redset.engine.testing.TestPostgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fresh SET databases for one cell: migrated with the engine's own schema, plus a table of
 * pre-split shares ({@code bench_share}) that only the benchmark uses.
 */
final class BenchDatabases implements AutoCloseable {

    private final TestPostgres server;
    private final List<String> names = new ArrayList<>();
    private final List<HikariDataSource> pools = new ArrayList<>();
    private final AtomicLong sequence = new AtomicLong();
    private final SplittableRandom random = new SplittableRandom(42);

    BenchDatabases(TestPostgres server, int sets, int poolSize) throws Exception {
        this.server = server;
        for (int i = 0; i < sets; i++) {
            String name = server.createDatabase("bench_set" + i);
            names.add(name);
            HikariDataSource pool = server.pool(name, poolSize);
            pools.add(pool);
            ClaimEngine.migrate(pool);
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE bench_share (envelope_id bigint, seq int, amount_fen bigint, PRIMARY KEY (envelope_id, seq))");
            }
        }
    }

    int sets() {
        return pools.size();
    }

    HikariDataSource pool(int set) {
        return pools.get(set);
    }

    /**
     * A separate pool of the given size on the same databases, owned by the caller. Callers wait
     * for a connection as long as it takes: queueing for the pool is part of a design's latency,
     * not an error.
     */
    HikariDataSource newPool(int set, int size) {
        return server.pool(names.get(set), size, 60_000);
    }

    /** Inserts envelopes (ACTIVE, with their SEND ledger rows and pre-split shares) in one transaction per SET. */
    List<BenchEnvelope> createEnvelopes(int set, int envelopes, int count, long fenPerShare) throws Exception {
        List<BenchEnvelope> out = new ArrayList<>(envelopes);
        Instant now = Instant.now();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        Timestamp created = Timestamp.from(now);
        Timestamp expires = Timestamp.from(now.plusSeconds(24 * 3600));
        try (Connection c = pools.get(set).getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement env = c.prepareStatement("INSERT INTO envelope (day_of_month, envelope_id, sender_id, mode, "
                    + "total_fen, count, remaining_fen, remaining_count, status, created_at, expires_at) "
                    + "VALUES (?, ?, 'bench', 'LUCKY', ?, ?, ?, ?, 'ACTIVE', ?, ?)");
                 PreparedStatement ledger = c.prepareStatement("INSERT INTO ledger_entry (day_of_month, envelope_id, kind, "
                         + "entry_no, account_id, amount_fen, created_at) VALUES (?, ?, 'SEND', 0, 'bench', ?, ?)");
                 PreparedStatement share = c.prepareStatement("INSERT INTO bench_share (envelope_id, seq, amount_fen) "
                         + "SELECT ?, s, a FROM unnest(?::int[], ?::bigint[]) AS t(s, a)")) {
                for (int i = 0; i < envelopes; i++) {
                    EnvelopeId id = EnvelopeId.of(today, SetId.of(set), sequence.incrementAndGet() + 1_000_000L * set);
                    long total = count * fenPerShare;
                    long[] shares = split(total, count);
                    env.setShort(1, (short) id.dayOfMonth());
                    env.setLong(2, id.value());
                    env.setLong(3, total);
                    env.setInt(4, count);
                    env.setLong(5, total);
                    env.setInt(6, count);
                    env.setTimestamp(7, created);
                    env.setTimestamp(8, expires);
                    env.addBatch();
                    ledger.setShort(1, (short) id.dayOfMonth());
                    ledger.setLong(2, id.value());
                    ledger.setLong(3, total);
                    ledger.setTimestamp(4, created);
                    ledger.addBatch();
                    Integer[] seqs = new Integer[count];
                    Long[] amounts = new Long[count];
                    for (int k = 0; k < count; k++) {
                        seqs[k] = k + 1;
                        amounts[k] = shares[k];
                    }
                    share.setLong(1, id.value());
                    share.setArray(2, c.createArrayOf("int4", seqs));
                    share.setArray(3, c.createArrayOf("int8", amounts));
                    share.addBatch();
                    out.add(new BenchEnvelope(id, set, total, count, shares));
                    if (i % 500 == 499) {
                        env.executeBatch();
                        ledger.executeBatch();
                        share.executeBatch();
                    }
                }
                env.executeBatch();
                ledger.executeBatch();
                share.executeBatch();
            }
            c.commit();
        }
        return out;
    }

    private long[] split(long total, int count) {
        long[] shares = new long[count];
        long fen = total;
        for (int left = count; left > 0; left--) {
            long s = ShareSplitter.nextShare(SplitMode.LUCKY, fen, left, random);
            shares[count - left] = s;
            fen -= s;
        }
        return shares;
    }

    @Override
    public void close() {
        pools.forEach(HikariDataSource::close);
    }
}
