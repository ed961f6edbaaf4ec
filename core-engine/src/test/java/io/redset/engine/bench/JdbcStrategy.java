package io.redset.engine.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.redset.engine.ClaimOutcome;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Common ground of the classic one-claim-per-transaction designs: a pool per SET, claim and ledger rows. */
abstract class JdbcStrategy implements Strategy {

    static final int POOL_SIZE = 64;

    protected final TxCounter transactions = new TxCounter();
    private final List<HikariDataSource> pools = new ArrayList<>();

    @Override
    public void open(BenchDatabases databases) {
        for (int i = 0; i < databases.sets(); i++) {
            pools.add(databases.newPool(i, POOL_SIZE));
        }
    }

    protected Connection connection(BenchEnvelope e) throws SQLException {
        return pools.get(e.set()).getConnection();
    }

    @Override
    public long transactions() {
        return transactions.get();
    }

    /** Inserts the claim and its ledger row, in the caller's transaction. */
    protected static void insertClaim(Connection c, BenchEnvelope e, String user, long amount, int seq, long arrival)
            throws SQLException {
        Timestamp now = Timestamp.from(Instant.now());
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO claim (day_of_month, envelope_id, seq, user_id, amount_fen, "
                + "arrival, claimed_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setShort(1, (short) e.id().dayOfMonth());
            ps.setLong(2, e.id().value());
            ps.setInt(3, seq);
            ps.setString(4, user);
            ps.setLong(5, amount);
            ps.setLong(6, arrival);
            ps.setTimestamp(7, now);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO ledger_entry (day_of_month, envelope_id, kind, entry_no, "
                + "account_id, amount_fen, created_at) VALUES (?, ?, 'CLAIM', ?, ?, ?, ?)")) {
            ps.setShort(1, (short) e.id().dayOfMonth());
            ps.setLong(2, e.id().value());
            ps.setInt(3, seq);
            ps.setString(4, user);
            ps.setLong(5, amount);
            ps.setTimestamp(6, now);
            ps.executeUpdate();
        }
    }

    protected static ClaimOutcome rollback(Connection c, ClaimOutcome outcome) throws SQLException {
        c.rollback();
        return outcome;
    }

    @Override
    public void close() {
        pools.forEach(HikariDataSource::close);
    }
}
