package io.redset.engine.bench;

import io.redset.engine.ClaimOutcome;
import io.redset.engine.SplitMode;
import io.redset.engine.internal.ShareSplitter;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.concurrent.ThreadLocalRandom;

/** One transaction per claim: lock the envelope row (SELECT ... FOR UPDATE), insert, update, commit. */
final class PessimisticStrategy extends JdbcStrategy {

    @Override
    public String name() {
        return "pessimistic";
    }

    @Override
    public ClaimOutcome claim(BenchEnvelope e, String user, long arrival) throws Exception {
        try (Connection c = connection(e)) {
            c.setAutoCommit(false);
            transactions.add();
            long fen;
            int left;
            try (PreparedStatement ps = c.prepareStatement("SELECT remaining_fen, remaining_count FROM envelope "
                    + "WHERE day_of_month = ? AND envelope_id = ? FOR UPDATE")) {
                ps.setShort(1, (short) e.id().dayOfMonth());
                ps.setLong(2, e.id().value());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    fen = rs.getLong(1);
                    left = rs.getInt(2);
                }
            }
            if (left == 0) {
                return rollback(c, ClaimOutcome.SOLD_OUT);
            }
            long share = ShareSplitter.nextShare(SplitMode.LUCKY, fen, left, ThreadLocalRandom.current());
            int seq = e.count() - left + 1;
            insertClaim(c, e, user, share, seq, arrival);
            try (PreparedStatement ps = c.prepareStatement("UPDATE envelope SET remaining_fen = ?, remaining_count = ?, "
                    + "status = ? WHERE day_of_month = ? AND envelope_id = ?")) {
                ps.setLong(1, fen - share);
                ps.setInt(2, left - 1);
                ps.setString(3, left == 1 ? "SOLD_OUT" : "ACTIVE");
                ps.setShort(4, (short) e.id().dayOfMonth());
                ps.setLong(5, e.id().value());
                ps.executeUpdate();
            }
            c.commit();
            return ClaimOutcome.CLAIMED;
        }
    }
}
