package io.redset.engine.bench;

import io.redset.engine.ClaimOutcome;
import io.redset.engine.SplitMode;
import io.redset.engine.internal.ShareSplitter;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Read without a lock, then a conditional update on the version read (remaining_count, which every
 * claim changes, serves as the version), retry on conflict; give up after {@link #MAX_ATTEMPTS}.
 */
final class OptimisticStrategy extends JdbcStrategy {

    static final int MAX_ATTEMPTS = 50;
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong giveUps = new AtomicLong();

    @Override
    public String name() {
        return "optimistic";
    }

    @Override
    public ClaimOutcome claim(BenchEnvelope e, String user, long arrival) throws Exception {
        try (Connection c = connection(e)) {
            for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
                c.setAutoCommit(true);
                long fen;
                int left;
                transactions.add(); // the read is a transaction of its own
                try (PreparedStatement ps = c.prepareStatement("SELECT remaining_fen, remaining_count FROM envelope "
                        + "WHERE day_of_month = ? AND envelope_id = ?")) {
                    ps.setShort(1, (short) e.id().dayOfMonth());
                    ps.setLong(2, e.id().value());
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        fen = rs.getLong(1);
                        left = rs.getInt(2);
                    }
                }
                if (left == 0) {
                    return ClaimOutcome.SOLD_OUT;
                }
                long share = ShareSplitter.nextShare(SplitMode.LUCKY, fen, left, ThreadLocalRandom.current());
                c.setAutoCommit(false);
                transactions.add();
                int updated;
                try (PreparedStatement ps = c.prepareStatement("UPDATE envelope SET remaining_fen = ?, remaining_count = ?, "
                        + "status = ? WHERE day_of_month = ? AND envelope_id = ? AND remaining_count = ? AND remaining_fen = ?")) {
                    ps.setLong(1, fen - share);
                    ps.setInt(2, left - 1);
                    ps.setString(3, left == 1 ? "SOLD_OUT" : "ACTIVE");
                    ps.setShort(4, (short) e.id().dayOfMonth());
                    ps.setLong(5, e.id().value());
                    ps.setInt(6, left);
                    ps.setLong(7, fen);
                    updated = ps.executeUpdate();
                }
                if (updated == 1) {
                    insertClaim(c, e, user, share, e.count() - left + 1, arrival);
                    c.commit();
                    return ClaimOutcome.CLAIMED;
                }
                c.rollback();
                retries.incrementAndGet();
            }
            giveUps.incrementAndGet();
            throw new IllegalStateException("gave up after " + MAX_ATTEMPTS + " conflicts");
        }
    }

    @Override
    public long retries() {
        return retries.get();
    }

    @Override
    public long giveUps() {
        return giveUps.get();
    }
}
