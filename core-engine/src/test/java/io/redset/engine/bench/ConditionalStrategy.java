package io.redset.engine.bench;

import io.redset.engine.ClaimOutcome;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * One statement per claim, no queue: {@code UPDATE envelope ... WHERE remaining_count > 0} takes
 * the next share (pre-split at send time, table bench_share) and the same statement inserts the
 * claim and its ledger row.
 */
final class ConditionalStrategy extends JdbcStrategy {

    private static final String CLAIM = "WITH u AS (UPDATE envelope e SET "
            + "remaining_fen = e.remaining_fen - (SELECT amount_fen FROM bench_share s WHERE s.envelope_id = e.envelope_id "
            + "AND s.seq = e.count - e.remaining_count + 1), remaining_count = e.remaining_count - 1, "
            + "status = CASE WHEN e.remaining_count = 1 THEN 'SOLD_OUT' ELSE 'ACTIVE' END "
            + "WHERE e.day_of_month = ? AND e.envelope_id = ? AND e.remaining_count > 0 "
            + "RETURNING e.day_of_month, e.envelope_id, e.count - e.remaining_count AS seq), "
            + "c AS (INSERT INTO claim (day_of_month, envelope_id, seq, user_id, amount_fen, arrival, claimed_at) "
            + "SELECT u.day_of_month, u.envelope_id, u.seq, ?, s.amount_fen, ?, ? FROM u JOIN bench_share s "
            + "ON s.envelope_id = u.envelope_id AND s.seq = u.seq RETURNING day_of_month, envelope_id, seq, user_id, amount_fen, claimed_at) "
            + "INSERT INTO ledger_entry (day_of_month, envelope_id, kind, entry_no, account_id, amount_fen, created_at) "
            + "SELECT day_of_month, envelope_id, 'CLAIM', seq, user_id, amount_fen, claimed_at FROM c RETURNING entry_no";

    @Override
    public String name() {
        return "conditional";
    }

    @Override
    public ClaimOutcome claim(BenchEnvelope e, String user, long arrival) throws Exception {
        try (Connection c = connection(e); PreparedStatement ps = c.prepareStatement(CLAIM)) {
            transactions.add();
            ps.setShort(1, (short) e.id().dayOfMonth());
            ps.setLong(2, e.id().value());
            ps.setString(3, user);
            ps.setLong(4, arrival);
            ps.setTimestamp(5, Timestamp.from(Instant.now()));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? ClaimOutcome.CLAIMED : ClaimOutcome.SOLD_OUT;
            }
        }
    }
}
