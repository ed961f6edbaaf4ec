package io.redset.engine.internal;

import io.redset.engine.ClaimAnswer;
import io.redset.engine.EnvelopeDetails;
import io.redset.engine.EnvelopeId;
import io.redset.engine.EnvelopeStatus;
import io.redset.engine.SetId;
import io.redset.engine.SplitMode;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * All SQL of one SET database. Every query names {@code day_of_month} and {@code envelope_id}
 * so it prunes to one leaf partition. Methods taking a {@link Connection} run inside the caller's
 * transaction; the others open their own.
 */
final class EnvelopeStore {

    static final int HASH_PARTITIONS = 4;

    private static final String ENVELOPE_COLUMNS = "envelope_id, sender_id, mode, total_fen, count, remaining_fen, "
            + "remaining_count, refunded_fen, status, greeting, probe, created_at, expires_at";

    private final SetId set;
    private final DataSource dataSource;

    EnvelopeStore(SetId set, DataSource dataSource) {
        this.set = set;
        this.dataSource = dataSource;
    }

    DataSource dataSource() {
        return dataSource;
    }

    Connection transaction() throws SQLException {
        Connection c = dataSource.getConnection();
        c.setAutoCommit(false);
        return c;
    }

    // ---------------------------------------------------------------- send

    long nextSequence(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT nextval('envelope_seq')");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * The highest sequence the SET database has handed out (0 before the first send). At least every
     * id issued so far, since {@code last_value} counts values cached by any session.
     */
    long lastIssuedSequence() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT last_value, is_called FROM envelope_seq");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getBoolean(2) ? rs.getLong(1) : rs.getLong(1) - 1;
        }
    }

    /** Records (sender, requestId) for the new envelope; false if the pair exists already. */
    boolean claimRequestId(Connection c, String senderId, String requestId, EnvelopeId id, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO send_request (sender_id, request_id, envelope_id, created_at) "
                + "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            ps.setString(1, senderId);
            ps.setString(2, requestId);
            ps.setLong(3, id.value());
            ps.setTimestamp(4, Timestamp.from(now));
            return ps.executeUpdate() == 1;
        }
    }

    Optional<EnvelopeId> findRequest(String senderId, String requestId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT envelope_id FROM send_request WHERE sender_id = ? AND request_id = ?")) {
            ps.setString(1, senderId);
            ps.setString(2, requestId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new EnvelopeId(rs.getLong(1))) : Optional.empty();
            }
        }
    }

    void insertEnvelope(Connection c, EnvelopeId id, String senderId, SplitMode mode, long totalFen, int count,
                        String greeting, boolean probe, Instant createdAt, Instant expiresAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO envelope (day_of_month, envelope_id, sender_id, mode, "
                + "total_fen, count, remaining_fen, remaining_count, status, greeting, probe, created_at, expires_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'ACTIVE', ?, ?, ?, ?)")) {
            ps.setShort(1, (short) id.dayOfMonth());
            ps.setLong(2, id.value());
            ps.setString(3, senderId);
            ps.setString(4, mode.name());
            ps.setLong(5, totalFen);
            ps.setInt(6, count);
            ps.setLong(7, totalFen);
            ps.setInt(8, count);
            ps.setString(9, greeting);
            ps.setBoolean(10, probe);
            ps.setTimestamp(11, Timestamp.from(createdAt));
            ps.setTimestamp(12, Timestamp.from(expiresAt));
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO ledger_entry (day_of_month, envelope_id, kind, entry_no, "
                + "account_id, amount_fen, created_at) VALUES (?, ?, 'SEND', 0, ?, ?, ?)")) {
            ps.setShort(1, (short) id.dayOfMonth());
            ps.setLong(2, id.value());
            ps.setString(3, senderId);
            ps.setLong(4, totalFen);
            ps.setTimestamp(5, Timestamp.from(createdAt));
            ps.executeUpdate();
        }
    }

    // ---------------------------------------------------------------- state

    /** The envelope with its committed claims, from the live or the archive tables; null if unknown. */
    EnvelopeState load(EnvelopeId id) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setReadOnly(true);
            Binder byId = ps -> {
                ps.setShort(1, (short) id.dayOfMonth());
                ps.setLong(2, id.value());
            };
            List<EnvelopeState> found = loadWhere(c, "envelope", "claim", "day_of_month = ? AND envelope_id = ?", byId);
            if (found.isEmpty()) {
                String suffix = archiveSuffix(id);
                if (tableExists(c, "archive.envelope" + suffix)) {
                    found = loadWhere(c, "archive.envelope" + suffix, "archive.claim" + suffix,
                            "day_of_month = ? AND envelope_id = ?", byId);
                }
            }
            return found.isEmpty() ? null : found.get(0);
        }
    }

    private static String archiveSuffix(EnvelopeId id) {
        return "_" + id.day().toString().replace("-", "");
    }

    /** Every ACTIVE envelope with its claims: the lanes' memory after a restart. */
    List<EnvelopeState> loadActive() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setReadOnly(true);
            return loadWhere(c, "envelope", "claim", "status = 'ACTIVE'", ps -> { });
        }
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    // table names are constants or come from a validated envelope id's date
    private List<EnvelopeState> loadWhere(Connection c, String envelopeTable, String claimTable, String where,
                                          Binder binder) throws SQLException {
        Map<Long, EnvelopeState> states = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + ENVELOPE_COLUMNS + " FROM " + envelopeTable + " WHERE " + where)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    EnvelopeState s = new EnvelopeState(new EnvelopeId(rs.getLong(1)), rs.getString(2),
                            SplitMode.valueOf(rs.getString(3)), rs.getLong(4), rs.getInt(5),
                            rs.getTimestamp(12).toInstant(), rs.getTimestamp(13).toInstant(), rs.getBoolean(11),
                            rs.getLong(6), rs.getInt(7), rs.getLong(8), EnvelopeStatus.valueOf(rs.getString(9)));
                    states.put(s.id.value(), s);
                }
            }
        }
        if (states.isEmpty()) {
            return List.of();
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT c.envelope_id, c.user_id, c.amount_fen, c.seq FROM " + claimTable
                + " c WHERE (c.day_of_month, c.envelope_id) IN (SELECT day_of_month, envelope_id FROM " + envelopeTable
                + " WHERE " + where + ")")) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    EnvelopeState s = states.get(rs.getLong(1));
                    if (s != null) {
                        s.claimed.put(rs.getString(2), ClaimAnswer.claimed(rs.getLong(3), rs.getInt(4)));
                    }
                }
            }
        }
        return new ArrayList<>(states.values());
    }

    /** Committed state of one envelope, for a lane refreshing a stale view. */
    record Committed(long remainingFen, int remainingCount, long refundedFen, EnvelopeStatus status,
                     Map<String, ClaimAnswer> claims) {
    }

    Committed committed(EnvelopeId id) throws SQLException {
        EnvelopeState s = load(id);
        if (s == null) {
            throw new SQLException("envelope " + id + " vanished from the live tables", "02000");
        }
        return new Committed(s.remainingFen, s.remainingCount, s.refundedFen, s.status, new HashMap<>(s.claimed));
    }

    // ---------------------------------------------------------------- claims

    /** One envelope's part of a lane batch: its state before, after, and the new claim rows. */
    record EnvelopeBatch(EnvelopeId id, long fenBefore, int countBefore, long fenAfter, int countAfter,
                         EnvelopeStatus statusAfter, List<ClaimRow> rows) {
    }

    record ClaimRow(String userId, long amountFen, int seq, long arrival) {
    }

    /** Thrown when the database refused a batch computed from a stale view (nothing was written). */
    static final class StaleViewException extends Exception {
        StaleViewException(String message) {
            super(message);
        }
    }

    /**
     * Applies a lane batch in the caller's transaction: one conditional update per envelope (the
     * expected remaining amounts make a stale view fail instead of double-spending), then all claim
     * and ledger rows in one statement.
     */
    void applyClaims(Connection c, List<EnvelopeBatch> batch, Instant now) throws SQLException, StaleViewException {
        // one conditional update for all envelopes of the batch that share a day (nearly always all)
        Map<Integer, List<EnvelopeBatch>> byDay = new java.util.TreeMap<>();
        for (EnvelopeBatch b : batch) {
            byDay.computeIfAbsent(b.id().dayOfMonth(), d -> new ArrayList<>()).add(b);
        }
        for (Map.Entry<Integer, List<EnvelopeBatch>> day : byDay.entrySet()) {
            updateEnvelopes(c, day.getKey(), day.getValue(), now);
        }
        int n = batch.stream().mapToInt(b -> b.rows().size()).sum();
        Short[] days = new Short[n];
        Long[] ids = new Long[n];
        Integer[] seqs = new Integer[n];
        String[] users = new String[n];
        Long[] amounts = new Long[n];
        Long[] arrivals = new Long[n];
        int i = 0;
        for (EnvelopeBatch b : batch) {
            for (ClaimRow r : b.rows()) {
                days[i] = (short) b.id().dayOfMonth();
                ids[i] = b.id().value();
                seqs[i] = r.seq();
                users[i] = r.userId();
                amounts[i] = r.amountFen();
                arrivals[i] = r.arrival();
                i++;
            }
        }
        try (PreparedStatement ps = c.prepareStatement("WITH c AS (INSERT INTO claim (day_of_month, envelope_id, seq, user_id, "
                + "amount_fen, arrival, claimed_at) SELECT d, e, s, u, a, r, ? FROM unnest(?, ?, ?, ?, ?, ?) AS t(d, e, s, u, a, r) "
                + "RETURNING day_of_month, envelope_id, seq, user_id, amount_fen, claimed_at) "
                + "INSERT INTO ledger_entry (day_of_month, envelope_id, kind, entry_no, account_id, amount_fen, created_at) "
                + "SELECT day_of_month, envelope_id, 'CLAIM', seq, user_id, amount_fen, claimed_at FROM c")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setArray(2, c.createArrayOf("int2", days));
            ps.setArray(3, c.createArrayOf("int8", ids));
            ps.setArray(4, c.createArrayOf("int4", seqs));
            ps.setArray(5, c.createArrayOf("varchar", users));
            ps.setArray(6, c.createArrayOf("int8", amounts));
            ps.setArray(7, c.createArrayOf("int8", arrivals));
            int inserted = ps.executeUpdate();
            if (inserted != n) {
                throw new SQLException("claim batch wrote " + inserted + " ledger rows for " + n + " claims", "XX000");
            }
        }
    }

    private static void updateEnvelopes(Connection c, int dayOfMonth, List<EnvelopeBatch> batch, Instant now)
            throws SQLException, StaleViewException {
        int n = batch.size();
        Long[] ids = new Long[n];
        Long[] fenBefore = new Long[n];
        Integer[] countBefore = new Integer[n];
        Long[] fenAfter = new Long[n];
        Integer[] countAfter = new Integer[n];
        String[] statusAfter = new String[n];
        for (int i = 0; i < n; i++) {
            EnvelopeBatch b = batch.get(i);
            ids[i] = b.id().value();
            fenBefore[i] = b.fenBefore();
            countBefore[i] = b.countBefore();
            fenAfter[i] = b.fenAfter();
            countAfter[i] = b.countAfter();
            statusAfter[i] = b.statusAfter().name();
        }
        // the constant day prunes to one day partition; the expected before-values make a stale
        // view update nothing instead of double-spending
        try (PreparedStatement ps = c.prepareStatement("UPDATE envelope e SET remaining_fen = v.fen_after, "
                + "remaining_count = v.count_after, status = v.status_after "
                + "FROM unnest(?, ?, ?, ?, ?, ?) AS v(id, fen_before, count_before, fen_after, count_after, status_after) "
                + "WHERE e.day_of_month = ? AND e.envelope_id = v.id AND e.remaining_fen = v.fen_before "
                + "AND e.remaining_count = v.count_before AND e.status = 'ACTIVE' AND e.expires_at > ?")) {
            ps.setArray(1, c.createArrayOf("int8", ids));
            ps.setArray(2, c.createArrayOf("int8", fenBefore));
            ps.setArray(3, c.createArrayOf("int4", countBefore));
            ps.setArray(4, c.createArrayOf("int8", fenAfter));
            ps.setArray(5, c.createArrayOf("int4", countAfter));
            ps.setArray(6, c.createArrayOf("varchar", statusAfter));
            ps.setShort(7, (short) dayOfMonth);
            ps.setTimestamp(8, Timestamp.from(now));
            int updated = ps.executeUpdate();
            if (updated != n) {
                throw new StaleViewException(updated + " of " + n + " envelopes of day " + dayOfMonth
                        + " were not in the state this lane expected");
            }
        }
    }

    // ---------------------------------------------------------------- expiry


    List<EnvelopeId> dueForExpiry(Instant now, int limit) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT envelope_id FROM envelope WHERE status = 'ACTIVE' "
                     + "AND expires_at <= ? ORDER BY expires_at LIMIT ?")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setInt(2, limit);
            List<EnvelopeId> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new EnvelopeId(rs.getLong(1)));
                }
            }
            return out;
        }
    }

    /**
     * Expires one envelope and books its refund, once: the status guard makes a second run a no-op.
     *
     * @return the refunded amount, or -1 if the envelope was not ACTIVE and due
     */
    long expire(Connection c, EnvelopeId id, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("WITH x AS (UPDATE envelope SET status = 'EXPIRED', "
                + "refunded_fen = remaining_fen, refunded_at = ? WHERE day_of_month = ? AND envelope_id = ? "
                + "AND status = 'ACTIVE' AND expires_at <= ? RETURNING day_of_month, envelope_id, sender_id, remaining_fen) "
                + "INSERT INTO ledger_entry (day_of_month, envelope_id, kind, entry_no, account_id, amount_fen, created_at) "
                + "SELECT day_of_month, envelope_id, 'REFUND', 0, sender_id, remaining_fen, ? FROM x RETURNING amount_fen")) {
            Timestamp ts = Timestamp.from(now);
            ps.setTimestamp(1, ts);
            ps.setShort(2, (short) id.dayOfMonth());
            ps.setLong(3, id.value());
            ps.setTimestamp(4, ts);
            ps.setTimestamp(5, ts);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        }
    }

    // ---------------------------------------------------------------- details

    Optional<EnvelopeDetails> details(EnvelopeId id) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setReadOnly(true);
            Optional<EnvelopeDetails> live = details(c, id, "envelope", "claim", false);
            if (live.isPresent()) {
                return live;
            }
            String suffix = archiveSuffix(id);
            if (!tableExists(c, "archive.envelope" + suffix)) {
                return Optional.empty();
            }
            return details(c, id, "archive.envelope" + suffix, "archive.claim" + suffix, true);
        }
    }

    private static boolean tableExists(Connection c, String qualified) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            ps.setString(1, qualified);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private Optional<EnvelopeDetails> details(Connection c, EnvelopeId id, String envelopeTable, String claimTable,
                                              boolean archived) throws SQLException {
        // table names come from the validated envelope id's date only
        String sql = "SELECT " + ENVELOPE_COLUMNS + " FROM " + envelopeTable + " WHERE day_of_month = ? AND envelope_id = ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setShort(1, (short) id.dayOfMonth());
            ps.setLong(2, id.value());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                List<EnvelopeDetails.ClaimLine> claims = claims(c, id, claimTable);
                String luckiest = null;
                long best = -1;
                for (EnvelopeDetails.ClaimLine line : claims) { // in seq order: ties go to the earlier claim
                    if (line.amountFen() > best) {
                        best = line.amountFen();
                        luckiest = line.userId();
                    }
                }
                return Optional.of(new EnvelopeDetails(id, set, rs.getString(2), SplitMode.valueOf(rs.getString(3)),
                        rs.getString(10), rs.getLong(4), rs.getInt(5), rs.getLong(6), rs.getInt(7), rs.getLong(8),
                        EnvelopeStatus.valueOf(rs.getString(9)), rs.getTimestamp(12).toInstant(),
                        rs.getTimestamp(13).toInstant(), claims, luckiest, archived, rs.getBoolean(11)));
            }
        }
    }

    private static List<EnvelopeDetails.ClaimLine> claims(Connection c, EnvelopeId id, String claimTable) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT user_id, amount_fen, seq, claimed_at FROM " + claimTable
                + " WHERE day_of_month = ? AND envelope_id = ? ORDER BY seq")) {
            ps.setShort(1, (short) id.dayOfMonth());
            ps.setLong(2, id.value());
            List<EnvelopeDetails.ClaimLine> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new EnvelopeDetails.ClaimLine(rs.getString(1), rs.getLong(2), rs.getInt(3),
                            rs.getTimestamp(4).toInstant()));
                }
            }
            return out;
        }
    }

    // ---------------------------------------------------------------- day partitions

    /** The day whose envelopes the live partition of dayOfMonth holds, or empty if it is empty. */
    Optional<LocalDate> dataDayOf(Connection c, int dayOfMonth) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT envelope_id FROM envelope WHERE day_of_month = ? LIMIT 1")) {
            ps.setShort(1, (short) dayOfMonth);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new EnvelopeId(rs.getLong(1)).day()) : Optional.empty();
            }
        }
    }

    boolean hasActive(Connection c, int dayOfMonth) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM envelope WHERE day_of_month = ? AND status = 'ACTIVE' LIMIT 1")) {
            ps.setShort(1, (short) dayOfMonth);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    void recycle(Connection c, int dayOfMonth, LocalDate dataDay) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("SET LOCAL lock_timeout = '5s'")) {
            lock.execute();
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT recycle_day_partition(?, ?, ?)")) {
            ps.setInt(1, dayOfMonth);
            ps.setObject(2, dataDay);
            ps.setInt(3, HASH_PARTITIONS);
            ps.execute();
        }
    }

    int deleteSendRequestsBefore(Connection c, Instant before) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM send_request WHERE created_at < ?")) {
            ps.setTimestamp(1, Timestamp.from(before));
            return ps.executeUpdate();
        }
    }

}
